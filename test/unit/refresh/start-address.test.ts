import { describe, expect, it } from 'vitest';
import { readAssertion } from '../../../extension/decode/decode-assertion';
import { idpVendor, isBareOrigin, originOf } from '../../../extension/refresh/idp-vendors';
import { personStartAddress, stalledAddresses, startAddress } from '../../../extension/refresh/start-address';
import { addressFailed, addressWorked, askedForAddress, parseIdentityProviders, rememberProvider } from '../../../extension/storage/identity-providers';
import { DEFAULT_SETTINGS } from '../../../extension/storage/settings';
import { readRealWorld } from '../../real-world';
import { has, realWorldFixtures } from '../../requirements';

const AT = '2026-12-01T10:00:00Z';
const OKTA = 'http://www.okta.com/exk1a2b3c4d5e6F7g8';
const ADFS = 'http://sts.example.com/adfs/services/trust';
const OKTA_APP = 'https://example.okta.com/app/amazon_aws/exk1a2b3c4d5e6F7g8/sso/saml';
const ADFS_APP = 'https://sts.example.com/adfs/ls/IdpInitiatedSignOn.aspx?loginToRp=urn:amazon:webservices';

describe('the identity provider behind an issuer, and its AWS app’s start address', () => {
  it('derives Okta’s from the issuer’s app key and the org the sign-in came from', () => {
    expect(idpVendor(OKTA, 'https://example.okta.com')).toEqual({ name: 'Okta', address: OKTA_APP });
    // A custom domain is the org's origin too; preview and EMEA orgs share the issuer's shape.
    expect(idpVendor('http://www.oktapreview.com/exk1a2b3c4d5e6F7g8', 'https://login.example.com')?.address).toBe('https://login.example.com/app/amazon_aws/exk1a2b3c4d5e6F7g8/sso/saml');
    // Without the origin the org is unknown: only the shape, with the key filled in.
    expect(idpVendor(OKTA, undefined)).toEqual({ name: 'Okta', shape: 'https://<your org>.okta.com/app/amazon_aws/exk1a2b3c4d5e6F7g8/sso/saml' });
    expect(startAddress(OKTA, DEFAULT_SETTINGS, rememberProvider({}, OKTA, undefined, AT))).toMatchObject({ who: 'Okta', candidate: 'https://<your org>.okta.com/app/amazon_aws/exk1a2b3c4d5e6F7g8/sso/saml' });
  });

  it('derives AD FS’s, Shibboleth’s and PingOne’s from the issuer alone', () => {
    expect(idpVendor(ADFS, undefined)).toEqual({ name: 'AD FS', address: ADFS_APP });
    expect(idpVendor('https://idp.example.edu/idp/shibboleth', undefined)).toEqual({
      name: 'Shibboleth',
      address: 'https://idp.example.edu/idp/profile/SAML2/Unsolicited/SSO?providerId=urn:amazon:webservices',
    });
    expect(idpVendor('https://auth.pingone.eu/0a7af83d-4ed9-4510-93cd-506fe835f69a', undefined)).toEqual({
      name: 'PingOne',
      address: 'https://auth.pingone.eu/0a7af83d-4ed9-4510-93cd-506fe835f69a/saml20/idp/startsso?spEntityId=urn:amazon:webservices',
    });
  });

  it('gives the shape of the address, with what the login showed, for vendors whose app ID no assertion holds', () => {
    expect(idpVendor('https://sts.windows.net/25f4519b-eca5-405d-b516-123af862c268/', 'https://login.microsoftonline.com')).toEqual({
      name: 'Entra ID',
      shape: 'https://launcher.myapps.microsoft.com/api/signin/<application ID>?tenantId=25f4519b-eca5-405d-b516-123af862c268',
    });
    expect(idpVendor('https://accounts.google.com/o/saml2?idpid=C01abc', undefined)?.shape).toBe('https://accounts.google.com/o/saml2/initsso?idpid=C01abc&spid=<service provider ID>&forceauthn=false');
    expect(idpVendor('https://sso.example.com/realms/staff', undefined)?.shape).toBe('https://sso.example.com/realms/staff/protocol/saml/clients/<IDP-initiated SSO URL name>');
    expect(idpVendor('https://sso.example.com/auth/realms/staff', undefined)?.name).toBe('Keycloak');
    expect(idpVendor('https://app.onelogin.com/saml/metadata/8c5bc0a1-1111-2222-3333-444455556666', 'https://acme.onelogin.com')?.shape).toBe('https://acme.onelogin.com/launch/<app ID>');
    expect(idpVendor('JumpCloud', undefined)?.name).toBe('JumpCloud');
    expect(idpVendor('urn:acme.eu.auth0.com', undefined)?.shape).toBe('https://acme.eu.auth0.com/samlp/<client ID>');
  });

  it('knows nothing of an issuer no rule matches, nor of look-alikes', () => {
    for (const issuer of ['id:example:com:au:saml2', 'https://idp.example.test/saml', 'http://www.okta.com.evil.example/exk1a2b3c4d5e6F7g8', 'http://www.okta.com/0oa1a2b3c4d5e6F7g8', 'https://sts.windows.net/not-a-tenant/', 'constructor', '']) {
      expect(idpVendor(issuer, 'https://example.okta.com'), issuer).toBeUndefined();
    }
    // An AD FS host with a path or a query in it is no host.
    expect(idpVendor('http://sts.example.com/x/adfs/services/trust', undefined)).toBeUndefined();
  });

  it('keeps only https origins, and tells a site’s front door from a page', () => {
    expect(originOf('https://example.okta.com/')).toBe('https://example.okta.com');
    expect(originOf('http://example.okta.com/')).toBeUndefined();
    expect(originOf('not a url')).toBeUndefined();
    expect(isBareOrigin('https://example.okta.com/')).toBe(true);
    expect(isBareOrigin('https://example.okta.com/?x=1')).toBe(false);
    expect(isBareOrigin('https://example.okta.com/app/amazon_aws/exk1/sso/saml')).toBe(false);
  });
});

describe.skipIf(!has(realWorldFixtures))('vendors of real-world assertions (../shared/fixtures/real-world)', () => {
  it.each([
    ['saml2aws-adfs-assertion.xml', { name: 'AD FS', address: 'https://id.example.com/adfs/ls/IdpInitiatedSignOn.aspx?loginToRp=urn:amazon:webservices' }],
    ['saml2aws-entra-id-response.xml', { name: 'Entra ID', shape: 'https://launcher.myapps.microsoft.com/api/signin/<application ID>?tenantId=25f4519b-eca5-405d-b516-123af862c268' }],
    ['aws-google-auth-valid-response.xml', { name: 'Google Workspace', shape: 'https://accounts.google.com/o/saml2/initsso?idpid=abcd12345&spid=<service provider ID>&forceauthn=false' }],
    // PingFederate's entity ID is whatever its admin typed: nothing marks it as PingFederate's.
    ['saml2aws-pingfed-assertion.xml', undefined],
  ])('%s', (file, vendor) => {
    const { issuer } = readAssertion(readRealWorld(file));
    expect(idpVendor(issuer!, undefined)).toEqual(vendor);
  });
});

describe('where a silent sign-in goes', () => {
  const known = rememberProvider({}, OKTA, 'https://example.okta.com/', AT);

  it('goes to the options’ address first, then a start page seen in full, then the vendor’s, then the general one', () => {
    const typed = { ...DEFAULT_SETTINGS, loginUrls: { [OKTA]: 'https://example.okta.com/home/amazon_aws/0oa1/272' } };
    expect(startAddress(OKTA, typed, known)).toEqual({ address: 'https://example.okta.com/home/amazon_aws/0oa1/272', from: 'options', vendor: 'Okta', verified: false });
    const seenInFull = rememberProvider({}, OKTA, 'https://example.okta.com/app/amazon_aws/exk1a2b3c4d5e6F7g8/sso/saml?fromHome=true', AT);
    expect(startAddress(OKTA, DEFAULT_SETTINGS, seenInFull)).toMatchObject({ from: 'learned', address: 'https://example.okta.com/app/amazon_aws/exk1a2b3c4d5e6F7g8/sso/saml?fromHome=true' });
    expect(startAddress(OKTA, DEFAULT_SETTINGS, known)).toEqual({ address: OKTA_APP, from: 'derived', vendor: 'Okta', verified: false });
    expect(startAddress(ADFS, { ...DEFAULT_SETTINGS, loginUrl: 'https://portal.example.com/aws' }, {})).toMatchObject({ address: ADFS_APP, from: 'derived' });
    expect(startAddress('urn:other', { ...DEFAULT_SETTINGS, loginUrl: 'https://portal.example.com/aws' }, {})).toEqual({ address: 'https://portal.example.com/aws', from: 'options', verified: false });
  });

  it('is verified once a silent sign-in through exactly that address brought an assertion', () => {
    const worked = addressWorked(known, OKTA, OKTA_APP);
    expect(startAddress(OKTA, DEFAULT_SETTINGS, worked)).toMatchObject({ address: OKTA_APP, verified: true });
    // Another address set in the options has not worked yet.
    expect(startAddress(OKTA, { ...DEFAULT_SETTINGS, loginUrls: { [OKTA]: 'https://example.okta.com/other' } }, worked)).toMatchObject({ verified: false });
    // What a later console login teaches keeps what worked and when the person was asked.
    const again = rememberProvider(askedForAddress(worked, OKTA, AT), OKTA, 'https://example.okta.com/', '2026-12-02T10:00:00Z');
    expect(again[OKTA]).toMatchObject({ worked: OKTA_APP, askedAt: AT });
    expect(parseIdentityProviders(JSON.parse(JSON.stringify(again)))).toEqual(again);
    // Only an IdP a login came from is recorded.
    expect(addressWorked({}, OKTA, OKTA_APP)).toEqual({});
  });

  it('never goes to a bare origin: a dashboard posts nothing, and the problem says where to set the address', () => {
    const dashboard = rememberProvider({}, 'https://idp.example.test/saml', 'https://idp.example.test/', AT);
    const none = startAddress('https://idp.example.test/saml', DEFAULT_SETTINGS, dashboard);
    expect(none).toEqual({
      problem: 'sign-ins through idp.example.test showed only its home page, which does not sign in to AWS by itself: set the address of your AWS app in the stsbridge options, under Identity providers',
      candidate: 'https://idp.example.test/',
      who: 'idp.example.test',
    });
    // "Sign in again" can still send a person there.
    expect(personStartAddress('https://idp.example.test/saml', DEFAULT_SETTINGS, dashboard)).toBe('https://idp.example.test/');
  });

  it('names the vendor and the address’s shape when the vendor’s rule cannot give it all', () => {
    const entra = 'https://sts.windows.net/25f4519b-eca5-405d-b516-123af862c268/';
    const none = startAddress(entra, DEFAULT_SETTINGS, rememberProvider({}, entra, 'https://login.microsoftonline.com/', AT));
    expect(none).toMatchObject({ who: 'Entra ID', candidate: 'https://launcher.myapps.microsoft.com/api/signin/<application ID>?tenantId=25f4519b-eca5-405d-b516-123af862c268' });
    expect('problem' in none && none.problem).toMatch(/^stsbridge cannot work out where a sign-in to your AWS app at Entra ID starts: set the address .* it looks like https:\/\/launcher/);
    expect(startAddress(undefined, DEFAULT_SETTINGS, {})).toEqual({ problem: expect.stringContaining('sign in to the AWS console through it once') });
  });
});

describe('an address that sent no sign-in', () => {
  const known = rememberProvider({}, OKTA, 'https://example.okta.com/', AT);

  it('holds keeping fresh back only while it is still the address: another in the options, or one that works, frees it', () => {
    const failed = addressFailed(known, OKTA, OKTA_APP);
    expect(stalledAddresses(DEFAULT_SETTINGS, failed)).toEqual({ [OKTA]: OKTA_APP });
    expect(stalledAddresses({ ...DEFAULT_SETTINGS, loginUrls: { [OKTA]: 'https://example.okta.com/home/amazon_aws/0oa1/272' } }, failed)).toEqual({});
    const worked = addressWorked(failed, OKTA, OKTA_APP);
    expect(worked[OKTA]).not.toHaveProperty('failed');
    expect(stalledAddresses(DEFAULT_SETTINGS, worked)).toEqual({});
    expect(stalledAddresses(DEFAULT_SETTINGS, parseIdentityProviders(JSON.parse(JSON.stringify(failed))))).toEqual({ [OKTA]: OKTA_APP });
  });
});
