// One OpenID Connect sign-in, from the provider's configuration to a checked ID token: discovery,
// fresh PKCE/state/nonce, the authorization request in the browser (launchWebAuthFlow, with its
// chromiumapp.org redirect), the redirect checked, the code exchanged, the token's claims checked.
// Interactive when a person asked; otherwise `prompt=none`, and a provider that wants the person
// ends it with `oidc-session-ended`. Dependencies are passed in, so it runs in unit tests.

import { checkIdToken, type IdTokenClaims } from '../../decode/id-token';
import { LoginError } from '../../errors';
import type { OidcProvider } from '../../storage/oidc-providers';
import { authorizeUrl, readRedirect } from './authorize';
import type { Discovery } from './discovery';
import { authorizationSecrets } from './pkce';
import { exchangeCode } from './token-exchange';

export interface OidcFlowDeps {
  readonly fetch: typeof fetch;
  /** The provider's checked configuration (discovery.ts's cachedDiscovery). */
  discover(issuer: string): Promise<Discovery>;
  /** The browser's web auth flow: the URL it was redirected to, or a rejection. */
  launch(url: string, interactive: boolean): Promise<string | undefined>;
  /** `https://<extension-id>.chromiumapp.org/`. */
  readonly redirectUri: string;
  readonly now: () => Date;
}

export interface IdToken {
  /** The token itself: in memory only, for the STS calls. */
  readonly token: string;
  readonly claims: IdTokenClaims;
}

export async function obtainIdToken(provider: OidcProvider, interactive: boolean, deps: OidcFlowDeps): Promise<IdToken> {
  const { issuer } = provider;
  const [discovery, secrets] = await Promise.all([deps.discover(issuer), authorizationSecrets()]);
  const url = authorizeUrl({ provider, endpoint: discovery.authorizationEndpoint, redirectUri: deps.redirectUri, secrets, interactive });
  let redirect: string | undefined;
  try {
    redirect = await deps.launch(url, interactive);
  } catch (error) {
    throw flowError(error, issuer, interactive);
  }
  if (!redirect) throw new LoginError('oidc-cancelled', `The sign-in at ${issuer} ended without an answer.`);
  const code = readRedirect(redirect, deps.redirectUri, secrets.state, issuer);
  const token = await exchangeCode({ endpoint: discovery.tokenEndpoint, clientId: provider.clientId, code, redirectUri: deps.redirectUri, verifier: secrets.verifier, issuer }, deps.fetch);
  const claims = checkIdToken(token, { issuer, clientId: provider.clientId, nonce: secrets.nonce, algorithms: discovery.algorithms, now: deps.now() });
  return { token, claims };
}

/** What the browser's flow said, in words a person can act on. */
function flowError(error: unknown, issuer: string, interactive: boolean): LoginError {
  const message = error instanceof Error ? error.message : '';
  if (!interactive && /interaction required/i.test(message)) {
    return new LoginError('oidc-session-ended', `${issuer} wants you to sign in.`);
  }
  if (/did not approve|closed/i.test(message)) return new LoginError('oidc-cancelled', `The sign-in window for ${issuer} was closed before it finished.`);
  if (/could not be loaded/i.test(message)) return new LoginError('oidc-unreachable', `${issuer}'s sign-in page could not be loaded: check the network or proxy.`);
  return new LoginError('oidc-refused', `The browser could not run the sign-in at ${issuer}.`);
}
