import { describe, expect, it } from 'vitest';
import { signInButtons, signInTargets } from '../../../extension/show/notifications/sign-in-targets';
import { MAX_IDENTITY_PROVIDERS, parseIdentityProviders, rememberProvider, START_PAGE_FRESH_MS, startPageFrom, startPageWanted } from '../../../extension/storage/identity-providers';
import { DEFAULT_SETTINGS } from '../../../extension/storage/settings';

const OKTA = 'http://www.okta.com/exk1fxdaf1bDxyz';
const ENTRA = 'https://sts.windows.net/5c3b2e2a-0000-4000-8000-000000000000/';

describe('identity providers', () => {
  it('keeps a Referer worth going back to, and nothing else', () => {
    expect(startPageFrom('https://example.okta.com/')).toBe('https://example.okta.com/');
    expect(startPageFrom('https://adfs.example.com/adfs/ls/IdpInitiatedSignOn.aspx?loginToRp=urn:amazon:webservices#top')).toBe(
      'https://adfs.example.com/adfs/ls/IdpInitiatedSignOn.aspx?loginToRp=urn:amazon:webservices',
    );
    // AWS's role page re-posts the assertion: its address is not where the sign-in started.
    expect(startPageFrom('https://signin.aws.amazon.com/saml')).toBeUndefined();
    expect(startPageFrom('https://eu-west-1.signin.aws.amazon.com/saml')).toBeUndefined();
    expect(startPageFrom('https://signin.amazonaws-us-gov.com/saml')).toBeUndefined();
    for (const bad of [undefined, '', 'not a url', 'http://idp.example.com/', 'javascript:alert(1)', 'https://user:pw@idp.example.com/']) {
      expect(startPageFrom(bad)).toBeUndefined();
    }
  });

  it('remembers the latest start page, keeps it through a login that brought none, and forgets the oldest providers', () => {
    let known = rememberProvider({}, OKTA, 'https://example.okta.com/', '2026-11-01T10:00:00Z');
    known = rememberProvider(known, OKTA, undefined, '2026-11-02T10:00:00Z');
    expect(known[OKTA]).toEqual({ startPage: 'https://example.okta.com/', startPageAt: '2026-11-01T10:00:00Z', seenAt: '2026-11-02T10:00:00Z' });
    known = rememberProvider(known, ENTRA, undefined, '2026-11-03T10:00:00Z');
    expect(Object.keys(known)).toEqual([ENTRA, OKTA]);
    expect(known[ENTRA]).toEqual({ seenAt: '2026-11-03T10:00:00Z' });
    for (let i = 0; i < MAX_IDENTITY_PROVIDERS; i += 1) known = rememberProvider(known, `urn:idp:${i}`, undefined, `2026-11-10T10:00:${String(i).padStart(2, '0')}Z`);
    expect(Object.keys(known)).toHaveLength(MAX_IDENTITY_PROVIDERS);
    expect(known).not.toHaveProperty([OKTA]);
  });

  it('reads what storage holds leniently', () => {
    expect(parseIdentityProviders(undefined)).toEqual({});
    expect(parseIdentityProviders([1])).toEqual({});
    expect(
      parseIdentityProviders({
        [OKTA]: { startPage: 'https://example.okta.com/', seenAt: '2026-11-01T10:00:00Z' },
        [ENTRA]: { startPage: 'http://plain.example.com/', seenAt: '2026-11-02T10:00:00Z' },
        broken: { startPage: 'https://x.example.com/' },
        '': { seenAt: '2026-11-01T10:00:00Z' },
      }),
    ).toEqual({ [ENTRA]: { seenAt: '2026-11-02T10:00:00Z' }, [OKTA]: { startPage: 'https://example.okta.com/', seenAt: '2026-11-01T10:00:00Z' } });
  });

  it('finds nothing for an issuer named like an Object.prototype member', () => {
    for (const issuer of ['constructor', '__proto__', 'toString']) {
      expect(signInTargets([issuer], DEFAULT_SETTINGS, {})).toEqual([]);
      expect(rememberProvider({}, issuer, undefined, '2026-11-01T10:00:00Z')[issuer]).toEqual({ seenAt: '2026-11-01T10:00:00Z' });
    }
    expect(signInTargets(['constructor'], { ...DEFAULT_SETTINGS, loginUrl: 'https://idp.example.com/' }, {})).toEqual(['https://idp.example.com/']);
  });

  it("sends each provider's profiles to its own address, then the AWS app's address its vendor's rule gives, then the general address, two at most", () => {
    const known = rememberProvider(rememberProvider({}, OKTA, 'https://example.okta.com/', '2026-11-01T10:00:00Z'), ENTRA, undefined, '2026-11-01T11:00:00Z');
    const settings = { ...DEFAULT_SETTINGS };
    const oktaApp = 'https://example.okta.com/app/amazon_aws/exk1fxdaf1bDxyz/sso/saml';
    expect(signInTargets([OKTA, OKTA], settings, known)).toEqual([oktaApp]);
    expect(signInTargets([ENTRA, undefined], settings, known)).toEqual([]);
    // An IdP whose rule gives no address: the site its sign-in came from, where the person can go on.
    expect(signInTargets(['urn:other'], settings, rememberProvider({}, 'urn:other', 'https://sso.example.com/', '2026-11-01T10:00:00Z'))).toEqual(['https://sso.example.com/']);
    const withGeneral = { ...settings, loginUrl: 'https://myapps.microsoft.com/' };
    expect(signInTargets([OKTA, ENTRA], withGeneral, known)).toEqual([oktaApp, 'https://myapps.microsoft.com/']);
    const perIdp = { ...withGeneral, loginUrls: { [OKTA]: 'https://example.okta.com/home/amazon_aws/0oa1/272' } };
    expect(signInTargets([OKTA], perIdp, known)).toEqual(['https://example.okta.com/home/amazon_aws/0oa1/272']);
    expect(signInTargets([OKTA, ENTRA, 'urn:third'], { ...perIdp, loginUrls: { ...perIdp.loginUrls, 'urn:third': 'https://third.example.com/' } }, known)).toHaveLength(2);
  });

  it('offers an OpenID Connect provider its own sign-in, never the SAML address', () => {
    const known = rememberProvider({}, OKTA, 'https://example.okta.com/', '2026-11-01T10:00:00Z');
    const oidc = 'https://login.example.com';
    const settings = { ...DEFAULT_SETTINGS, loginUrl: 'https://myapps.microsoft.com/', oidcProviders: [{ issuer: oidc, clientId: 'a', scopes: 'openid', params: {}, roles: [], region: '' }] };
    expect(signInTargets([oidc], settings, known)).toEqual([]);
    const oktaApp = 'https://example.okta.com/app/amazon_aws/exk1fxdaf1bDxyz/sso/saml';
    expect(signInButtons([oidc, OKTA], settings, known)).toEqual([{ oidc }, { url: oktaApp }]);
    expect(signInButtons([OKTA], settings, known)).toEqual([{ url: oktaApp }]);
  });
});

describe('whether the next sign-in should teach its start page', () => {
  const day = 24 * 3600_000;
  const at = (ms: number) => new Date(Date.parse('2026-11-01T10:00:00Z') + ms).toISOString();
  const now = Date.parse('2026-11-01T10:00:00Z');

  it('is yes before any login, and after a login from an IdP with no start page yet', () => {
    expect(startPageWanted({}, now)).toBe(true);
    expect(startPageWanted(rememberProvider({}, OKTA, undefined, at(0)), now)).toBe(true);
  });

  it('is no while the last login’s IdP has a start page learned within a week, and yes after', () => {
    const known = rememberProvider({}, OKTA, 'https://example.okta.com/', at(0));
    expect(startPageWanted(rememberProvider(known, OKTA, undefined, at(day)), now + day)).toBe(false);
    expect(startPageWanted(known, now + START_PAGE_FRESH_MS + 1)).toBe(true);
  });

  it('follows the IdP of the last login: a second IdP without a start page turns it back on', () => {
    const known = rememberProvider(rememberProvider({}, OKTA, 'https://example.okta.com/', at(0)), ENTRA, undefined, at(60_000));
    expect(startPageWanted(known, now + 60_000)).toBe(true);
    expect(startPageWanted(rememberProvider(known, OKTA, undefined, at(120_000)), now + 120_000)).toBe(false);
  });

  it('treats a start page stored by an older version, without its date, as worth learning again', () => {
    expect(startPageWanted(parseIdentityProviders({ [OKTA]: { startPage: 'https://example.okta.com/', seenAt: at(0) } }), now)).toBe(true);
  });
});
