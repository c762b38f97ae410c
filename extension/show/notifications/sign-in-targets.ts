// Where an expiry warning's "Sign in again" goes. Pure.

import { ownValue, type IdentityProviders } from '../../storage/identity-providers';
import type { Settings } from '../../storage/settings';

/** Chrome allows two buttons on a notification. */
const MAX_SIGN_IN_BUTTONS = 2;

/**
 * Where "Sign in again" can go for profiles from these issuers, in order, without repeats: the
 * address the options name for that IdP, else the page its last sign-in started from, else the
 * options' general address.
 */
export function signInTargets(issuers: readonly (string | undefined)[], settings: Pick<Settings, 'loginUrl' | 'loginUrls'>, known: IdentityProviders): string[] {
  const targets = issuers.map(
    (issuer) => (issuer === undefined ? undefined : ownValue(settings.loginUrls, issuer) || ownValue(known, issuer)?.startPage) || settings.loginUrl || undefined,
  );
  return [...new Set(targets.filter((url): url is string => url !== undefined))].slice(0, MAX_SIGN_IN_BUTTONS);
}
