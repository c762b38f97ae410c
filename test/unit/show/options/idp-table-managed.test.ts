import { describe, expect, it } from 'vitest';
import { idpRows } from '../../../../extension/show/options/idp-table';
import { expiryText, managedSummary, modeButton, modeText, movedText, removedText } from '../../../../extension/show/options/managed-words';

describe('the identity-provider table', () => {
  it('lists providers seen and configured once each, with the remembered start page and the configured address', () => {
    const seen = { 'http://okta/exk1': { seenAt: '2030-01-01T00:00:00Z', startPage: 'https://example.okta.com/' }, 'urn:adfs': { seenAt: '2029-01-01T00:00:00Z' } };
    const oidcProviders = [{ issuer: 'https://oidc.example', clientId: 'a', scopes: 'openid', params: {}, roles: [], region: '' }];
    // An OIDC provider kept fresh has its own editor: it is no SAML identity provider row.
    const rows = idpRows({ loginUrls: { 'urn:adfs': 'https://adfs.example/ls', 'urn:ping': 'https://ping.example/' }, keepFresh: ['urn:adfs', 'urn:gone', 'https://oidc.example'], oidcProviders }, seen);
    expect(rows).toEqual([
      { issuer: 'http://okta/exk1', remembered: 'https://example.okta.com/', url: '', keepFresh: false },
      { issuer: 'urn:adfs', url: 'https://adfs.example/ls', keepFresh: true },
      { issuer: 'urn:ping', url: 'https://ping.example/', keepFresh: false },
      { issuer: 'urn:gone', url: '', keepFresh: true },
    ]);
  });

  it('does not take Object.prototype members for an issuer named constructor', () => {
    expect(idpRows({ loginUrls: {}, keepFresh: [], oidcProviders: [] }, { constructor: { seenAt: '2030-01-01T00:00:00Z' } })).toEqual([{ issuer: 'constructor', url: '', keepFresh: false }]);
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
    expect(modeButton(file)).toEqual({ label: 'Refresh it for AWS tools', mode: 'process' });
    expect(modeButton(process)).toEqual({ label: 'Back to the credentials file', mode: 'file' });
  });

  it('says what the host did', () => {
    expect(movedText('a', { mode: 'process', changed: true })).toBe('a now refreshes itself: AWS tools run `stsbridge credentials a`, and its keys left the credentials file.');
    expect(movedText('a', { mode: 'file', changed: true })).toBe('a is in the credentials file again.');
    expect(movedText('a', { mode: 'file', changed: false })).toBe('a was already in the credentials file.');
  });
});
