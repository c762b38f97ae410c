// Each login's identity provider, with the page its sign-in started from: the POST's Referer, so
// that "Sign in again" can go back there. Chrome shows a Referer to extensions only with
// `extraHeaders` (and a request's `initiator` only with host access to it, which stsbridge does
// not ask for). Watching the headers only observes; it costs about 6 ms before the POST leaves,
// and nothing measurable end to end (README).

import { startPageFrom } from '../storage/identity-providers';
import { rememberIdentityProvider } from '../storage/remember';
import { joinByRequest } from './request-join';

type Header = { readonly name: string; readonly value?: string };

/** At most this many sign-in POSTs wait for their other half at once. */
const IN_FLIGHT = 16;

const starts = joinByRequest<string | undefined, string | undefined>(IN_FLIGHT, (issuer, startPage) => {
  if (issuer) void rememberIdentityProvider(issuer, startPage, new Date().toISOString()).catch(() => undefined);
});

/** A sign-in POST's headers went out (webRequest.onSendHeaders). */
export function sawHeaders(requestId: string, headers: readonly Header[] | undefined): void {
  const referrer = headers?.find((header) => header.name.toLowerCase() === 'referer')?.value;
  starts.right(requestId, startPageFrom(referrer));
}

/** The login that read this POST's assertion ended, naming its identity provider (or none). */
export function sawIssuer(requestId: string, issuer: string | undefined): void {
  starts.left(requestId, issuer);
}
