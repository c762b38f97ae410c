// Each login's identity provider, with the page its sign-in started from: the POST's Referer, so
// that "Sign in again" can go back there. Chrome shows a Referer to extensions only with
// `extraHeaders` (and a request's `initiator` only with host access to it, which stsbridge does
// not ask for), and with `extraHeaders` Chrome holds each sign-in POST a few milliseconds while
// its headers pass through the browser process (measured: about 7 ms of a 200 ms login). So the
// headers are watched only while a start page is worth learning (startPageWanted): from the
// worker's start until the first login says otherwise, and again when a new IdP turns up or a
// week has passed.

import browser from 'webextension-polyfill';
import { startPageFrom, startPageWanted, rememberProvider } from '../storage/identity-providers';
import { store } from '../storage/store';
import { joinByRequest } from './request-join';
import { SIGNIN_URL_PATTERNS } from './saml-post';

/** At most this many sign-in POSTs wait for their other half at once. */
const IN_FLIGHT = 16;

/** Once a login's IdP is remembered: `watched` says whether its sign-in's headers were seen. */
export type Remembered = (issuer: string, watched: boolean) => void;

/** A login's issuer, and what to do once its provider is remembered. */
interface Seen {
  readonly issuer: string | undefined;
  readonly then: Remembered;
}

const starts = joinByRequest<Seen, string | undefined>(IN_FLIGHT, ({ issuer, then }, startPage) => {
  if (issuer) void remember(issuer, startPage, () => then(issuer, true)).catch(() => undefined);
});

async function remember(issuer: string, startPage: string | undefined, then: () => void): Promise<void> {
  const known = await store.identityProviders.update((providers) => rememberProvider(providers, issuer, startPage, new Date().toISOString()));
  watchStartPages(startPageWanted(known, Date.now()));
  then();
}

function onSendHeaders(details: browser.WebRequest.OnSendHeadersDetailsType): void {
  const referrer = details.requestHeaders?.find((header) => header.name.toLowerCase() === 'referer')?.value;
  starts.right(details.requestId, startPageFrom(referrer));
}

/** Watches the sign-in POSTs' headers, or stops. */
export function watchStartPages(wanted: boolean): void {
  const watching = browser.webRequest.onSendHeaders.hasListener(onSendHeaders);
  if (wanted && !watching) {
    browser.webRequest.onSendHeaders.addListener(onSendHeaders, { urls: SIGNIN_URL_PATTERNS, types: ['main_frame', 'sub_frame'] }, ['requestHeaders', 'extraHeaders']);
  } else if (!wanted && watching) {
    browser.webRequest.onSendHeaders.removeListener(onSendHeaders);
  }
}

/** Decides from what storage holds; call once when the worker starts, after watching by default. */
export function decideStartPages(): Promise<void> {
  return store.identityProviders.get().then((known) => watchStartPages(startPageWanted(known, Date.now())));
}

/**
 * The login that read this POST's assertion ended, naming its identity provider (or none); `then`
 * runs once the provider is remembered with what the sign-in showed. A new IdP's first sign-in
 * after another's can come while headers are not watched; remembering it turns watching on, so
 * its next sign-in shows where it came from.
 */
export function sawIssuer(requestId: string, issuer: string | undefined, then: Remembered): void {
  if (browser.webRequest.onSendHeaders.hasListener(onSendHeaders)) starts.left(requestId, { issuer, then });
  // Not watching headers: there is no Referer to wait for, only the login to remember.
  else if (issuer) void remember(issuer, undefined, () => then(issuer, false)).catch(() => undefined);
}
