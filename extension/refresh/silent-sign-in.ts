// One silent sign-in: the identity provider's start address, opened in a window a person does not
// notice (minimized, unfocused), where an IdP whose session is still valid posts a fresh SAML
// assertion to AWS at once. The POST is captured like a console login's, the window closes, and
// the login assumes the roles wanted. When no POST comes in time, the IdP wants the person (a
// password, MFA): the window closes, a notification says so, and this IdP gets no further
// silent attempt until the person signs in themselves. At most one runs per IdP at a time.

import type { SamlPost } from '../capture/saml-post';
import type { LoginRecord, LoginSource } from '../storage/login-record';
import { nextTask } from '../next-task';
import { awaitPost } from './pending';

export interface SilentSignInDeps {
  /** Where sign-ins through `issuer` start (options, else where the last one started). */
  startAddress(issuer: string | undefined): Promise<string | undefined>;
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
  const [address, ended, limit] = await Promise.all([deps.startAddress(issuer), deps.sessionEnded(issuer), deps.timeoutMs()]);
  if (!address) {
    return { problem: 'stsbridge does not know where sign-ins through this identity provider start: sign in to the AWS console through it once, or give its address in the options' };
  }
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
      await deps.markSessionEnded(issuer);
      void deps.notifySessionEnded(address).catch(() => undefined);
      return { problem: `your session at ${host} has ended: it asked for a sign-in. Sign in there in the browser, and stsbridge will refresh again` };
    }
    // Captured: the window has done its part, and the person should not see AWS's console load
    // in it. It closes once the login's STS requests are out (closing a window is work for the
    // browser, which would hold them up).
    const login = deps.login(post, request);
    await nextTask();
    void close();
    return { record: await login };
  } finally {
    stop();
    await close();
  }
}
