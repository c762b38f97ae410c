// OpenID Connect sign-ins as refreshes see them. Asked by a person (the popup's button), the flow
// may show the provider's page; asked by keeping fresh, the command line or *Refresh now*, it runs
// without a window (prompt=none). When the provider wants the person, the same rules as a silent
// SAML sign-in hold: one notification with a button, and no further silent attempt through that
// provider until the person signs in. At most one sign-in runs per provider at a time.

import type { LoginRecord } from '../storage/login-record';
import type { OidcLoginRequest } from '../worker/run-oidc-login';
import type { SilentOutcome } from './silent-sign-in';

export interface OidcSignInDeps {
  login(issuer: string, request: OidcLoginRequest): Promise<LoginRecord>;
  sessionEnded(issuer: string): Promise<boolean>;
  markSessionEnded(issuer: string): Promise<void>;
  /** The person signed in themselves: silent sign-ins may run again, and keeping fresh restarts. */
  signedIn(issuer: string, at: string): Promise<void>;
  notifySessionEnded(issuer: string): Promise<void>;
}

const running = new Map<string, Promise<unknown>>();

export function oidcSignIn(issuer: string, request: OidcLoginRequest, deps: OidcSignInDeps): Promise<SilentOutcome> {
  const turn = (running.get(issuer) ?? Promise.resolve()).catch(() => undefined).then(() => signIn(issuer, request, deps));
  running.set(issuer, turn);
  return turn;
}

async function signIn(issuer: string, request: OidcLoginRequest, deps: OidcSignInDeps): Promise<SilentOutcome> {
  const host = new URL(issuer).host;
  if (!request.interactive && (await deps.sessionEnded(issuer))) {
    return { problem: `your session at ${host} has ended; sign in with it from stsbridge's popup, and stsbridge will refresh again` };
  }
  const record = await deps.login(issuer, request);
  if (request.interactive && record.state === 'done') await deps.signedIn(issuer, record.at).catch(() => undefined);
  if (!request.interactive && record.error?.code === 'oidc-session-ended') {
    await deps.markSessionEnded(issuer);
    void deps.notifySessionEnded(issuer).catch(() => undefined);
    return { problem: `your session at ${host} has ended: it asked for a sign-in. Sign in with it from stsbridge's popup, and stsbridge will refresh again` };
  }
  return { record };
}
