import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { authorizeUrl, readRedirect } from '../../../../extension/capture/oidc/authorize';
import { checkDiscovery, discoveryUrl, fetchDiscovery } from '../../../../extension/capture/oidc/discovery';
import { authorizationSecrets } from '../../../../extension/capture/oidc/pkce';
import type { OidcProvider } from '../../../../extension/storage/oidc-providers';

const ISSUER = 'https://login.example.com';
const REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';
const provider: OidcProvider = { issuer: ISSUER, clientId: 'app', scopes: 'openid  email', params: { audience: 'aws', prompt: 'login' }, roles: [], region: '' };

describe('PKCE, state and nonce', () => {
  it('makes a fresh 43-character verifier with its S256 challenge, and fresh state and nonce', async () => {
    const [a, b] = await Promise.all([authorizationSecrets(), authorizationSecrets()]);
    expect(a.verifier).toMatch(/^[\w-]{43}$/);
    expect(a.challenge).toBe(createHash('sha256').update(a.verifier).digest('base64url'));
    expect(new Set([a.verifier, b.verifier, a.state, b.state, a.nonce, b.nonce]).size).toBe(6);
  });
});

describe('the authorization request', () => {
  const secrets = { verifier: 'v'.repeat(43), challenge: 'c'.repeat(43), state: 's1', nonce: 'n1' };

  it('asks for a code with PKCE S256, and keeps stsbridge\'s own parameters over any extra one', () => {
    const url = new URL(authorizeUrl({ provider, endpoint: `${ISSUER}/authorize?tenant=x`, redirectUri: REDIRECT, secrets, interactive: true }));
    expect(Object.fromEntries(url.searchParams)).toEqual({ tenant: 'x', audience: 'aws', prompt: 'login', response_type: 'code', client_id: 'app', redirect_uri: REDIRECT, scope: 'openid email', state: 's1', nonce: 'n1', code_challenge: 'c'.repeat(43), code_challenge_method: 'S256' });
    const silent = new URL(authorizeUrl({ provider, endpoint: `${ISSUER}/authorize`, redirectUri: REDIRECT, secrets, interactive: false }));
    expect(silent.searchParams.get('prompt')).toBe('none');
  });

  it('reads the code from a redirect to stsbridge for this request, from the query or the fragment', () => {
    expect(readRedirect(`${REDIRECT}?code=abc&state=s1`, REDIRECT, 's1', ISSUER)).toBe('abc');
    expect(readRedirect(`${REDIRECT}#code=abc&state=s1`, REDIRECT, 's1', ISSUER)).toBe('abc');
  });

  it.each<[string, string, string, RegExp]>([
    ['another state', `${REDIRECT}?code=abc&state=s2`, 'oidc-state', /state differs/],
    ['no state', `${REDIRECT}?code=abc`, 'oidc-state', /state differs/],
    ['another redirect address', 'https://evil.example/?code=abc&state=s1', 'oidc-refused', /not to stsbridge/],
    ['login_required', `${REDIRECT}?error=login_required&state=s1`, 'oidc-session-ended', /wants you to sign in/],
    ['access_denied, with a description', `${REDIRECT}?error=access_denied&error_description=User%20is%20not%20assigned%0A%3Cb%3E&state=s1`, 'oidc-refused', /refused the sign-in: access_denied \(User is not assigned<b>\)/],
    ['no code', `${REDIRECT}?state=s1`, 'oidc-refused', /without an authorization code/],
  ])('refuses a redirect with %s', (_label, redirect, code, message) => {
    expect(() => readRedirect(redirect, REDIRECT, 's1', ISSUER)).toThrow(expect.objectContaining({ code, message: expect.stringMatching(message) }));
  });
});

describe('the provider\'s discovery document', () => {
  const doc = {
    issuer: ISSUER,
    authorization_endpoint: `${ISSUER}/authorize`,
    token_endpoint: `${ISSUER}/token`,
    response_types_supported: ['code', 'id_token'],
    id_token_signing_alg_values_supported: ['HS256', 'RS256', 'ES256'],
  };

  it('is at the issuer\'s path, and gives the endpoints and the algorithms AWS accepts', () => {
    expect(discoveryUrl('https://login.example.com/tenant/')).toBe('https://login.example.com/tenant/.well-known/openid-configuration');
    expect(checkDiscovery(ISSUER, doc)).toEqual({ issuer: ISSUER, authorizationEndpoint: `${ISSUER}/authorize`, tokenEndpoint: `${ISSUER}/token`, algorithms: ['RS256', 'ES256'] });
    // Unlisted PKCE methods and algorithms: PKCE assumed, and RS256, the OIDC default.
    expect(checkDiscovery(ISSUER, { ...doc, id_token_signing_alg_values_supported: undefined }).algorithms).toEqual(['RS256']);
  });

  it.each<[string, unknown, RegExp]>([
    ['not an object', [], /is not a JSON object/],
    ['another issuer', { ...doc, issuer: `${ISSUER}/` }, /must be exactly https:\/\/login.example.com/],
    ['an http token endpoint', { ...doc, token_endpoint: 'http://login.example.com/token' }, /no https token_endpoint/],
    ['no authorization endpoint', { ...doc, authorization_endpoint: undefined }, /no https authorization_endpoint/],
    ['no code flow', { ...doc, response_types_supported: ['id_token'] }, /authorization code flow/],
    ['only HS256', { ...doc, id_token_signing_alg_values_supported: ['HS256'] }, /only with HS256; AWS accepts/],
    ['PKCE without S256', { ...doc, code_challenge_methods_supported: ['plain'] }, /PKCE with S256/],
  ])('refuses %s', (_label, document, message) => {
    expect(() => checkDiscovery(ISSUER, document)).toThrow(expect.objectContaining({ code: 'oidc-discovery', message: expect.stringMatching(message) }));
  });

  it('names CORS first when the document cannot be read, as a browser reports a refused cross-origin answer like an unreachable host', async () => {
    const refused = (() => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch;
    await expect(fetchDiscovery(ISSUER, refused)).rejects.toMatchObject({
      code: 'oidc-unreachable',
      message: expect.stringMatching(/^No OpenID configuration could be read from https:\/\/login\.example\.com\/\.well-known\/openid-configuration: most often the provider does not let this extension read it \(CORS: allow the origin chrome-extension:\/\/<extension ID> for the discovery document as well as the token endpoint\); else check the issuer address, the network or proxy\.$/),
    });
  });
});
