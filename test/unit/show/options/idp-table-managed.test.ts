import { describe, expect, it } from 'vitest';
import { idpRows } from '../../../../extension/show/options/idp-table';
import { expiryText, managedSummary, modeButton, modeText, movedText, removedText } from '../../../../extension/show/options/managed-words';

describe('the identity-provider table', () => {
  const OKTA = 'http://www.okta.com/exk1a2b3c4d5e6F7g8';
  const OKTA_APP = 'https://example.okta.com/app/amazon_aws/exk1a2b3c4d5e6F7g8/sso/saml';
  const unknown = { problem: "stsbridge cannot work this address out: copy your AWS app's link from your identity provider's portal here." };

  it('lists providers seen and configured once each, with the remembered start page, the configured address and what stsbridge works out', () => {
    const seen = {
      [OKTA]: { seenAt: '2030-01-01T00:00:00Z', startPage: 'https://example.okta.com/', worked: OKTA_APP },
      'urn:adfs': { seenAt: '2029-01-01T00:00:00Z' },
      'urn:dash': { seenAt: '2028-01-01T00:00:00Z', startPage: 'https://sso.example.com/' },
    };
    const oidcProviders = [{ issuer: 'https://oidc.example', clientId: 'a', scopes: 'openid', params: {}, roles: [], region: '' }];
    // An OIDC provider kept fresh has its own editor: it is no SAML identity provider row.
    const rows = idpRows({ loginUrl: '', loginUrls: { 'urn:adfs': 'https://adfs.example/ls', 'urn:ping': 'https://ping.example/' }, keepFresh: ['urn:adfs', 'urn:gone', 'https://oidc.example'], oidcProviders }, seen);
    expect(rows).toEqual([
      { issuer: OKTA, remembered: 'https://example.okta.com/', url: '', keepFresh: false, worksOut: { address: OKTA_APP, note: 'worked out from this Okta sign-in, and it has signed you in' } },
      { issuer: 'urn:adfs', url: 'https://adfs.example/ls', keepFresh: true, worksOut: unknown },
      {
        issuer: 'urn:dash',
        remembered: 'https://sso.example.com/',
        url: '',
        keepFresh: false,
        worksOut: { problem: "stsbridge cannot work this address out for sso.example.com: copy your AWS app's link from your identity provider's portal here.", candidate: 'https://sso.example.com/' },
      },
      { issuer: 'urn:ping', url: 'https://ping.example/', keepFresh: false, worksOut: unknown },
      { issuer: 'urn:gone', url: '', keepFresh: true, worksOut: unknown },
    ]);
    // The general address stands in for a provider with none of its own.
    expect(idpRows({ loginUrl: 'https://portal.example.com/aws', loginUrls: {}, keepFresh: [], oidcProviders: [] }, { 'urn:adfs': seen['urn:adfs'] })[0]!.worksOut).toEqual({
      address: 'https://portal.example.com/aws',
      note: 'the general address above',
    });
  });

  it('says, for a vendor whose address cannot be worked out, what the address looks like', () => {
    const entra = 'https://sts.windows.net/25f4519b-eca5-405d-b516-123af862c268/';
    expect(idpRows({ loginUrl: '', loginUrls: {}, keepFresh: [], oidcProviders: [] }, { [entra]: { seenAt: '2030-01-01T00:00:00Z' } })[0]!.worksOut).toEqual({
      problem: "stsbridge cannot work this address out for Entra ID: copy your AWS app's link from your identity provider's portal here. It looks like https://launcher.myapps.microsoft.com/api/signin/<application ID>?tenantId=25f4519b-eca5-405d-b516-123af862c268.",
      candidate: 'https://launcher.myapps.microsoft.com/api/signin/<application ID>?tenantId=25f4519b-eca5-405d-b516-123af862c268',
    });
  });

  it('does not take Object.prototype members for an issuer named constructor', () => {
    expect(idpRows({ loginUrl: '', loginUrls: {}, keepFresh: [], oidcProviders: [] }, { constructor: { seenAt: '2030-01-01T00:00:00Z' } })).toEqual([{ issuer: 'constructor', url: '', keepFresh: false, worksOut: unknown }]);
  });
});

describe('the managed-profile list', () => {
  const profile = { name: 'a', expiration: '2030-01-01T00:00:00Z', expired: false };

  it('counts what the host listed, and what it left out', () => {
    expect(managedSummary({ file: '/f', profiles: [], omitted: 0 })).toBe('None in /f.');
    expect(managedSummary({ file: '/f', profiles: [profile, profile], omitted: 0 })).toBe('2 in /f:');
    expect(managedSummary({ file: '/f', profiles: [profile], omitted: 4999 })).toBe('The first 1 of 5000 in /f:');
  });

  it('says whether a profile is valid or expired, and nothing when the file has no expiry', () => {
    expect(expiryText(profile)).toMatch(/^ valid until /);
    expect(expiryText({ ...profile, expired: true })).toMatch(/^ expired /);
    expect(expiryText({ name: 'b', expired: false })).toBe('');
  });

  it('says when the host left a profile alone because it is no longer stsbridge’s', () => {
    expect(removedText('a', ['a'])).toBe('Removed a.');
    expect(removedText('a', [])).toBe('a is no longer managed by stsbridge; left alone.');
  });
});

describe('the managed-profile list and the two modes', () => {
  const file = { name: 'a', expired: false, mode: 'file' as const };
  const process = { name: 'a', expired: false, mode: 'process' as const };

  it("says where each profile's keys are, and offers the other mode", () => {
    expect(modeText(file)).toBe(' · in the credentials file');
    expect(modeText(process)).toBe(' · refreshes itself for AWS tools (credential_process)');
    expect(modeButton(file)).toEqual({ label: 'Let AWS tools refresh it (credential_process)', mode: 'process' });
    expect(modeButton(process)).toEqual({ label: 'Back to the credentials file', mode: 'file' });
  });

  it('says what the host did', () => {
    expect(movedText('a', { mode: 'process', changed: true })).toBe('a now refreshes itself: AWS tools run `stsbridge credentials a`, and its keys left the credentials file.');
    expect(movedText('a', { mode: 'file', changed: true })).toBe('a is in the credentials file again.');
    expect(movedText('a', { mode: 'file', changed: false })).toBe('a was already in the credentials file.');
  });
});
