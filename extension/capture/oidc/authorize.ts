// The authorization request (the code flow with PKCE, OpenID Connect Core 3.1.2) and reading the
// redirect it ends in. Pure: the browser's launchWebAuthFlow runs the request between the two.

import { LoginError } from '../../errors';
import type { OidcProvider } from '../../storage/oidc-providers';
import type { AuthorizationSecrets } from './pkce';

export interface AuthorizeInput {
  readonly provider: OidcProvider;
  readonly endpoint: string;
  /** `https://<extension-id>.chromiumapp.org/`, which the browser intercepts. */
  readonly redirectUri: string;
  readonly secrets: AuthorizationSecrets;
  /** false: the provider must answer from its session, or say login_required (prompt=none). */
  readonly interactive: boolean;
}

export function authorizeUrl(input: AuthorizeInput): string {
  const url = new URL(input.endpoint);
  // The provider's own extras first, so stsbridge's parameters (checked as reserved) always win.
  for (const [key, value] of Object.entries(input.provider.params)) url.searchParams.set(key, value);
  const params = {
    response_type: 'code',
    client_id: input.provider.clientId,
    redirect_uri: input.redirectUri,
    scope: input.provider.scopes.split(/\s+/).filter(Boolean).join(' '),
    state: input.secrets.state,
    nonce: input.secrets.nonce,
    code_challenge: input.secrets.challenge,
    code_challenge_method: 'S256',
    ...(input.interactive ? {} : { prompt: 'none' }),
  };
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url.href;
}

/** Errors by which a provider says a person must sign in (or consent) first. */
const NEEDS_PERSON = new Set(['login_required', 'interaction_required', 'consent_required', 'account_selection_required']);

/**
 * The code the redirect carries, after checking it came back to our redirect URI for this very
 * request (`state`). A provider's error is named in plain language; its description is shown only
 * as printable text, shortened, since it comes from outside.
 */
export function readRedirect(redirect: string, redirectUri: string, state: string, issuer: string): string {
  let url: URL;
  try {
    url = new URL(redirect);
  } catch {
    throw new LoginError('oidc-refused', `${issuer} sent the sign-in back to an address that is not a URL.`);
  }
  if (`${url.origin}${url.pathname}` !== new URL(redirectUri).href) {
    throw new LoginError('oidc-refused', `${issuer} sent the sign-in back to ${url.origin}, not to stsbridge.`);
  }
  // OAuth 2.0 sends the answer in the query; a provider set to answer in the fragment is read too.
  const params = new URLSearchParams(url.search || url.hash.replace(/^#/, ''));
  if (params.get('state') !== state) {
    throw new LoginError('oidc-state', `The answer from ${issuer} does not belong to the sign-in stsbridge started (its state differs): it was not used. Try again.`);
  }
  const error = params.get('error');
  if (error !== null) {
    const description = (params.get('error_description') ?? '').replace(/[^\x20-\x7e]/g, '').slice(0, 200);
    if (NEEDS_PERSON.has(error)) throw new LoginError('oidc-session-ended', `${issuer} wants you to sign in${description ? ` (${description})` : ''}.`);
    throw new LoginError('oidc-refused', `${issuer} refused the sign-in: ${error.replace(/[^\w.-]/g, '').slice(0, 64)}${description ? ` (${description})` : ''}.`);
  }
  const code = params.get('code');
  if (!code) throw new LoginError('oidc-refused', `${issuer} answered without an authorization code.`);
  return code;
}
