import { describe, expect, it } from 'vitest';
import { oidcProviderProblem, oidcProvidersProblem, providerLabel, type OidcProvider } from '../../../extension/storage/oidc-providers';
import { parseSettings } from '../../../extension/storage/parse-settings';
import { DEFAULT_SETTINGS } from '../../../extension/storage/settings';

const good: OidcProvider = { issuer: 'https://login.example.com/tenant', clientId: 'stsbridge', scopes: 'openid email', params: { audience: 'aws' }, roles: ['arn:aws:iam::111122223333:role/Dev'], region: 'eu-west-1' };

describe('OpenID Connect providers in the options', () => {
  it('accepts a provider AWS can trust', () => {
    expect(oidcProviderProblem(good)).toBeUndefined();
    expect(oidcProvidersProblem([good, { ...good, issuer: 'https://accounts.example.org', region: '' }])).toBeUndefined();
  });

  it.each<[string, Partial<OidcProvider>, RegExp]>([
    ['an http issuer', { issuer: 'http://login.example.com' }, /must use https/],
    ['an issuer with a query', { issuer: 'https://login.example.com/?tenant=1' }, /no query/],
    ['an issuer with a fragment', { issuer: 'https://login.example.com/#x' }, /no query, fragment/],
    ['an issuer that is not a URL', { issuer: 'login.example.com' }, /not an issuer URL/],
    ['an issuer over IAM\'s 255 characters', { issuer: `https://login.example.com/${'a'.repeat(240)}` }, /at most 255/],
    ['no client ID', { clientId: '' }, /client ID must be/],
    ['a client ID with spaces', { clientId: 'my app' }, /client ID must be/],
    ['scopes without openid', { scopes: 'email profile' }, /must include openid/],
    ['a scope with a quote', { scopes: 'openid "x"' }, /scope holds a character/],
    ['an extra parameter stsbridge sets itself', { params: { redirect_uri: 'https://evil.example/' } }, /sets redirect_uri itself/],
    ['PKCE weakened by a parameter', { params: { code_challenge_method: 'plain' } }, /sets code_challenge_method itself/],
    ['a parameter name with spaces', { params: { 'a b': '1' } }, /not a parameter name/],
    ['no roles', { roles: [] }, /at least one role/],
    ['a role that is not an ARN', { roles: ['Dev'] }, /not a role ARN/],
    ['a region the role\'s partition does not have', { roles: ['arn:aws-cn:iam::111122223333:role/Dev'], region: 'eu-west-1' }, /aws-cn, which has no STS region eu-west-1/],
  ])('refuses %s, with the reason', (_label, change, reason) => {
    expect(oidcProviderProblem({ ...good, ...change })).toMatch(reason);
  });

  it('refuses the same issuer twice', () => {
    expect(oidcProvidersProblem([good, good])).toMatch(/listed twice/);
  });

  it('falls back alone when a stored provider is unusable', () => {
    const stored = { ...DEFAULT_SETTINGS, region: 'eu-west-1', oidcProviders: [{ ...good, scopes: 'email' }], schema: 1 };
    expect(parseSettings(stored)).toMatchObject({ region: 'eu-west-1', oidcProviders: [] });
    expect(parseSettings({ ...stored, oidcProviders: [{ issuer: 1 }] })).toMatchObject({ region: 'eu-west-1', oidcProviders: [] });
    expect(parseSettings({ ...stored, oidcProviders: [good] }).oidcProviders).toEqual([good]);
  });

  it('names a provider by its host, and its path when it has one', () => {
    expect(providerLabel('https://login.example.com/')).toBe('login.example.com');
    expect(providerLabel('https://login.example.com/tenant/')).toBe('login.example.com/tenant');
  });
});
