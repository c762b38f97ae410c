import { describe, expect, it } from 'vitest';
import { idpRows } from '../../../../extension/show/options/idp-table';
import { expiryText, managedSummary, removedText } from '../../../../extension/show/options/managed-words';

describe('the identity-provider table', () => {
  it('lists providers seen and configured once each, with the remembered start page and the configured address', () => {
    const seen = { 'http://okta/exk1': { seenAt: '2030-01-01T00:00:00Z', startPage: 'https://example.okta.com/' }, 'urn:adfs': { seenAt: '2029-01-01T00:00:00Z' } };
    const rows = idpRows({ loginUrls: { 'urn:adfs': 'https://adfs.example/ls', 'urn:ping': 'https://ping.example/' }, keepFresh: ['urn:adfs', 'urn:gone'] }, seen);
    expect(rows).toEqual([
      { issuer: 'http://okta/exk1', remembered: 'https://example.okta.com/', url: '', keepFresh: false },
      { issuer: 'urn:adfs', url: 'https://adfs.example/ls', keepFresh: true },
      { issuer: 'urn:ping', url: 'https://ping.example/', keepFresh: false },
      { issuer: 'urn:gone', url: '', keepFresh: true },
    ]);
  });

  it('does not take Object.prototype members for an issuer named constructor', () => {
    expect(idpRows({ loginUrls: {}, keepFresh: [] }, { constructor: { seenAt: '2030-01-01T00:00:00Z' } })).toEqual([{ issuer: 'constructor', url: '', keepFresh: false }]);
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
