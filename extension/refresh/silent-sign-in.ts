// One silent sign-in: the identity provider's start address, where an IdP whose session is still
// valid posts a fresh SAML assertion to AWS at once. Where the person let stsbridge read the IdP's
// site, the worker fetches that page with the browser's cookies and takes the assertion from its
// form: no window at all. Otherwise (or when the page needs its scripts) the address opens in a
// window a person does not notice (minimized, unfocused); the POST is captured like a console
// login's, and the window closes. Either way the login assumes the roles wanted. At most one runs
// per IdP at a time.
//
// When no POST comes in time there are two causes, told apart because their remedies differ:
// - the session has ended (the page asks for a password or MFA): the person must sign in, so a
//   notification says so and this IdP gets no further silent attempt until they have;
// - the address is not one that signs in to AWS (a dashboard, a wrong guess): the person must set
//   it, and nothing is blocked, so the next attempt, with whatever address is set by then, runs.
// Whether the page asks for a sign-in is read from the page where the person let stsbridge read the
// site; where not, an address that has brought an assertion before points to the session.

import type { SamlPost } from '../capture/saml-post';
import type { LoginRecord, LoginSource } from '../storage/login-record';
import { nextTask } from '../next-task';
import { awaitPost } from './pending';
import type { SignInPage } from './sign-in-page';
import type { StartAddress } from './start-address';

export interface SilentSignInDeps {
  /** Where sign-ins through `issuer` start (refresh/start-address.ts). */
  startAddress(issuer: string | undefined): Promise<StartAddress>;
  /** A silent sign-in through `address` brought an assertion. */
  addressWorked(issuer: string | undefined, address: string): Promise<void>;
  /** `address` sent no sign-in and asked for none: remembered, and the person told how to set another. */
  addressFailed(issuer: string | undefined, address: string, problem: string): Promise<void>;
  /**
   * The IdP's page at `address`, fetched with the browser's cookies and read (sign-in-page.ts);
   * undefined where the person has not let stsbridge read that site, or the fetch failed.
   */
  fetchPage(address: string, limitMs: number): Promise<SignInPage | undefined>;
  /** What the page in `tabId` shows; undefined when the browser does not let stsbridge read it. */
  readPage(tabId: number): Promise<SignInPage | undefined>;
  /** Whether a silent sign-in found this IdP's session ended, since the person last signed in. */
  sessionEnded(issuer: string | undefined): Promise<boolean>;
  markSessionEnded(issuer: string | undefined): Promise<void>;
  notifySessionEnded(address: string): Promise<void>;
  openWindow(url: string): Promise<{ readonly windowId: number; readonly tabId: number }>;
  closeWindow(windowId: number): Promise<void>;
  /** The login for a captured POST, assuming only the roles the request wants. */
  login(post: SamlPost, request: SilentRequest): Promise<LoginRecord>;
  /** How long to wait for the POST. */
  timeoutMs(): Promise<number>;
}

export type SilentOutcome = { readonly record: LoginRecord } | { readonly problem: string };

/** The role ARNs to assume, and who asked (the popup and keeping fresh: silent; the command line). */
export interface SilentRequest {
  readonly wanted: readonly string[];
  readonly how: Exclude<LoginSource, 'console'>;
}

const running = new Map<string, Promise<unknown>>();

export function silentSignIn(issuer: string | undefined, request: SilentRequest, deps: SilentSignInDeps): Promise<SilentOutcome> {
  const key = issuer ?? '';
  const turn = (running.get(key) ?? Promise.resolve()).catch(() => undefined).then(() => signIn(issuer, request, deps));
  running.set(key, turn);
  return turn;
}

async function signIn(issuer: string | undefined, request: SilentRequest, deps: SilentSignInDeps): Promise<SilentOutcome> {
  // Read together: each is a storage read, and the command line is waiting.
  const [start, ended, limit] = await Promise.all([deps.startAddress(issuer), deps.sessionEnded(issuer), deps.timeoutMs()]);
  if (start.address === undefined) return { problem: start.problem };
  const { address } = start;
  const host = new URL(address).host;
  if (ended) {
    return { problem: `your session at ${host} has ended; sign in there in the browser, and stsbridge will refresh again` };
  }
  const outcome = { issuer, start, request, deps, host };
  // No window at all, where the person allowed stsbridge to read the IdP's site: the page's own
  // HTML holds the assertion (or the sign-in it asks for). A page that needs its scripts to run
  // says neither, and gets the window.
  const fetched = await deps.fetchPage(address, limit).catch(() => undefined);
  if (fetched?.kind === 'post') return signedIn(fetched.post, outcome);
  if (fetched?.kind === 'asks') return sessionEnded(true, outcome);
  return inWindow(limit, outcome);
}

interface Attempt {
  readonly issuer: string | undefined;
  readonly start: Extract<StartAddress, { address: string }>;
  readonly request: SilentRequest;
  readonly deps: SilentSignInDeps;
  readonly host: string;
}

async function inWindow(limit: number, attempt: Attempt): Promise<SilentOutcome> {
  const { deps, start } = attempt;
  const { windowId, tabId } = await deps.openWindow(start.address);
  let closed = false;
  const close = () => {
    if (closed) return Promise.resolve();
    closed = true;
    return deps.closeWindow(windowId).catch(() => undefined);
  };
  let stop: () => void = () => undefined;
  try {
    const captured = await new Promise<SamlPost | undefined>((resolve) => {
      const timer = setTimeout(() => resolve(undefined), limit);
      stop = awaitPost(tabId, (post) => {
        clearTimeout(timer);
        resolve(post);
      });
    });
    // Nothing posted in time: what the page shows, where the browser lets stsbridge read it (a
    // form that never submitted itself counts as the assertion it holds).
    const page = captured ? undefined : await deps.readPage(tabId).catch(() => undefined);
    const post = captured ?? (page?.kind === 'post' ? page.post : undefined);
    if (!post) {
      if (page?.kind === 'asks' || (page === undefined && start.verified)) return await sessionEnded(page !== undefined, attempt);
      const problem = notAnAppAddress(start, page ? false : undefined, limit);
      await deps.addressFailed(attempt.issuer, start.address, problem);
      return { problem };
    }
    // Captured: the window has done its part, and the person should not see AWS's console load
    // in it. It closes once the login's STS requests are out (closing a window is work for the
    // browser, which would hold them up).
    const login = signedIn(post, attempt);
    await nextTask();
    void close();
    return await login;
  } finally {
    stop();
    await close();
  }
}

async function signedIn(post: SamlPost, { issuer, start, request, deps }: Attempt): Promise<SilentOutcome> {
  const login = deps.login(post, request);
  void deps.addressWorked(issuer, start.address).catch(() => undefined);
  return { record: await login };
}

/** `seen`: the page was read and asks for a sign-in; otherwise the address's history says so. */
async function sessionEnded(seen: boolean, { issuer, start, deps, host }: Attempt): Promise<SilentOutcome> {
  await deps.markSessionEnded(issuer);
  void deps.notifySessionEnded(start.address).catch(() => undefined);
  const why = seen ? 'it asked for a sign-in' : 'the address that signed you in before sent nothing to AWS';
  return { problem: `your session at ${host} has ended: ${why}. Sign in there in the browser, and stsbridge will refresh again` };
}

/** The problem when `start` sent no sign-in to AWS and no sign-in was asked for (or none could be seen). */
function notAnAppAddress(start: Extract<StartAddress, { address: string }>, asks: false | undefined, limitMs: number): string {
  const what = start.from === 'derived' ? `the address stsbridge worked out from your ${start.vendor ?? 'identity provider'} sign-in, ${start.address},` : `the page at ${start.address}`;
  const set = 'set the address of your AWS app in the stsbridge options, under Identity providers';
  if (asks === false) return `${what} did not send a sign-in to AWS and asks for no password: it is not your AWS app's address. ${capital(set)}`;
  return `${what} did not send a sign-in to AWS within ${Math.round(limitMs / 1000)} s, and no sign-in has come from it yet, so it is most likely not your AWS app's address: ${set}. (If that page asks you to sign in, sign in there instead.)`;
}

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
