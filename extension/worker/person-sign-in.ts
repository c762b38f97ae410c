// A person's OpenID Connect sign-in, from the popup's *Sign in with …* or a notification's Sign in
// button: the flow with the person, then the session-ended notice goes, and keeping fresh plans
// from the new expiry times. Beside oidc-deps.ts and refresh-deps.ts, which it joins.

import type { OidcSignInReply } from '../messages/catalogue';
import type { SilentOutcome } from '../refresh/silent-sign-in';
import { clearOidcSessionNotice } from '../show/notifications/notify';
import { signInWithOidc } from './oidc-deps';
import { keepFresh } from './refresh-deps';

export async function personSignsIn(issuer: string): Promise<SilentOutcome> {
  const outcome = await signInWithOidc(issuer, { interactive: true, how: 'console' });
  void clearOidcSessionNotice(issuer).catch(() => undefined);
  if ('record' in outcome && outcome.record.state === 'done') void keepFresh().catch(() => undefined);
  return outcome;
}

/** The popup's answer: how the sign-in ended (its profiles are in the login record). */
export async function answerOidcSignIn(issuer: string): Promise<OidcSignInReply> {
  const outcome = await personSignsIn(issuer);
  if ('problem' in outcome) return { state: 'failed', message: outcome.problem };
  const { state, error } = outcome.record;
  return { state, ...(error ? { message: error.message } : {}) };
}
