// Where an expiry warning's "Sign in again" goes. Pure.

import { personStartAddress } from '../../refresh/start-address';
import type { IdentityProviders } from '../../storage/identity-providers';
import type { Settings } from '../../storage/settings';

/** Chrome allows two buttons on a notification. */
const MAX_SIGN_IN_BUTTONS = 2;

/**
 * Where "Sign in again" can go for profiles from these SAML issuers, in order, without repeats:
 * each IdP's start address (refresh/start-address.ts), else the site its last sign-in came from.
 * An OpenID Connect provider has no such address (see signInButtons).
 */
export function signInTargets(issuers: readonly (string | undefined)[], settings: Pick<Settings, 'loginUrl' | 'loginUrls' | 'oidcProviders'>, known: IdentityProviders): string[] {
  const oidc = new Set(settings.oidcProviders.map((provider) => provider.issuer));
  const targets = issuers.filter((issuer) => issuer === undefined || !oidc.has(issuer)).map((issuer) => personStartAddress(issuer, settings, known));
  return [...new Set(targets.filter((url): url is string => url !== undefined))].slice(0, MAX_SIGN_IN_BUTTONS);
}

/** A notification button: an address to open, or an OpenID Connect provider to sign in with. */
export type SignInButton = { readonly url: string } | { readonly oidc: string };

/** The buttons for profiles from these issuers: OIDC providers' sign-ins first, then SAML addresses. */
export function signInButtons(issuers: readonly (string | undefined)[], settings: Pick<Settings, 'loginUrl' | 'loginUrls' | 'oidcProviders'>, known: IdentityProviders): SignInButton[] {
  const oidc = settings.oidcProviders.map((provider) => provider.issuer).filter((issuer) => issuers.includes(issuer));
  return [...oidc.map((issuer) => ({ oidc: issuer })), ...signInTargets(issuers, settings, known).map((url) => ({ url }))].slice(0, MAX_SIGN_IN_BUTTONS);
}
