// One silent sign-in: the identity provider's start address, opened in a window a person does not
// notice (minimized, unfocused), where an IdP whose session is still valid posts a fresh SAML
// assertion to AWS at once. The POST is captured like a console login's, the window closes, and
// the login assumes the roles wanted. At most one runs per IdP at a time.
//
// When no POST comes in time there are two causes, told apart because their remedies differ:
// - the session has ended (the page asks for a password or MFA): the person must sign in, so a
//   notification says so and this IdP gets no further silent attempt until they have;
// - the address is not one that signs in to AWS (a dashboard, a wrong guess): the person must set
//   it, and nothing is blocked, so the next attempt, with whatever address is set by then, runs.
// Whether the page asks for a sign-in is read from the page where the browser lets stsbridge; where
// it does not, an address that has brought an assertion before points to the session.

import type { SamlPost } from '../capture/saml-post';
import type { LoginRecord, LoginSource } from '../storage/login-record';
import { nextTask } from '../next-task';
import { awaitPost } from './pending';
import type { StartAddress } from './start-address';

export interface SilentSignInDeps {
  /** Where sign-ins through `issuer` start (refresh/start-address.ts). */
  startAddress(issuer: string | undefined): Promise<StartAddress>;
  /** A silent sign-in through `address` brought an assertion. */
  addressWorked(issuer: string | undefined, address: string): Promise<void>;
  /** `address` sent no sign-in and asked for none: remembered, and the person told how to set another. */
  addressFailed(issuer: string | undefined, address: string, problem: string): Promise<void>;
  /** Whether the page in `tabId` asks for a password or MFA; undefined when the browser does not let stsbridge look. */
  asksForSignIn(tabId: number): Promise<boolean | undefined>;
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
  const { windowId, tabId } = await deps.openWindow(address);
  let closed = false;
  const close = () => {
    if (closed) return Promise.resolve();
    closed = true;
    return deps.closeWindow(windowId).catch(() => undefined);
  };
  let stop: () => void = () => undefined;
  try {
    const post = await new Promise<SamlPost | undefined>((resolve) => {
      const timer = setTimeout(() => resolve(undefined), limit);
      stop = awaitPost(tabId, (captured) => {
        clearTimeout(timer);
        resolve(captured);
      });
    });
    if (!post) {
      const asks = await deps.asksForSignIn(tabId).catch(() => undefined);
      if (asks === true || (asks === undefined && start.verified)) {
        await deps.markSessionEnded(issuer);
        void deps.notifySessionEnded(address).catch(() => undefined);
        const seen = asks ? 'it asked for a sign-in' : 'the address that signed you in before sent nothing to AWS';
        return { problem: `your session at ${host} has ended: ${seen}. Sign in there in the browser, and stsbridge will refresh again` };
      }
      const problem = notAnAppAddress(start, asks, limit);
      await deps.addressFailed(issuer, address, problem);
      return { problem };
    }
    // Captured: the window has done its part, and the person should not see AWS's console load
    // in it. It closes once the login's STS requests are out (closing a window is work for the
    // browser, which would hold them up).
    const login = deps.login(post, request);
    void deps.addressWorked(issuer, address).catch(() => undefined);
    await nextTask();
    void close();
    return { record: await login };
  } finally {
    stop();
    await close();
  }
}

/** The problem when `start` sent no sign-in to AWS and no sign-in was asked for (or none could be seen). */
function notAnAppAddress(start: Extract<StartAddress, { address: string }>, asks: false | undefined, limitMs: number): string {
  const what = start.from === 'derived' ? `the address stsbridge worked out from your ${start.vendor ?? 'identity provider'} sign-in, ${start.address},` : `the page at ${start.address}`;
  const set = 'set the address of your AWS app in the stsbridge options, under Identity providers';
  if (asks === false) return `${what} did not send a sign-in to AWS and asks for no password: it is not your AWS app's address. ${capital(set)}`;
  return `${what} did not send a sign-in to AWS within ${Math.round(limitMs / 1000)} s, and no sign-in has come from it yet, so it is most likely not your AWS app's address: ${set}. (If that page asks you to sign in, sign in there instead.)`;
}

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
