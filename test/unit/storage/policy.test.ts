import { describe, expect, it } from 'vitest';
import { effectiveSettings, NO_POLICY, parsePolicy } from '../../../extension/storage/policy';
import { DEFAULT_SETTINGS } from '../../../extension/storage/settings';
import { signInTargets } from '../../../extension/show/notifications/sign-in-targets';

const OKTA = 'http://www.okta.com/exk1';

describe("an organisation's policy", () => {
  it('takes every valid value, and turns identity providers into start addresses and Keep fresh', () => {
    const policy = parsePolicy({
      profileTemplate: '{account_name}-{role_name}',
      region: 'eu-west-1',
      sessionDuration: 7200,
      identityProviders: [{ issuer: OKTA, startAddress: 'https://example.okta.com/home/aws', keepFresh: true }, { issuer: 'urn:adfs' }],
      accountNames: { '123456789012': 'prod' },
      locked: ['profileTemplate', 'identityProviders'],
    });
    expect(policy).toEqual({
      settings: { profileTemplate: '{account_name}-{role_name}', region: 'eu-west-1', sessionDuration: 7200, loginUrls: { [OKTA]: 'https://example.okta.com/home/aws' }, keepFresh: [OKTA] },
      accountNames: { '123456789012': 'prod' },
      locked: ['profileTemplate', 'identityProviders'],
      ignored: [],
    });
  });

  it('ignores each bad value alone, with the reason the options page would give', () => {
    const policy = parsePolicy({
      profileTemplate: '{account_name}-{role_name}',
      region: 'the moon',
      sessionDuration: 60,
      output: 42,
      identityProviders: [{ issuer: OKTA, startAddress: 'http://plain.example/', keepFresh: 'yes' }, { startAddress: 'https://x.example/' }],
      accountNames: { '123456789012': 'prod', nope: 'x' },
      roleTemplates: ['not', 'a', 'map'],
      locked: ['profileTemplate', 'everything'],
    });
    expect(policy.settings).toEqual({ profileTemplate: '{account_name}-{role_name}', loginUrls: {}, keepFresh: [] });
    expect(policy.accountNames).toEqual({ '123456789012': 'prod' });
    expect(policy.locked).toEqual(['profileTemplate']);
    expect(policy.ignored).toEqual([
      { field: 'roleTemplates', reason: 'it is not of the kind this setting takes' },
      { field: 'sessionDuration', reason: 'a session lasts 900–43200 seconds (15 minutes to 12 hours)' },
      { field: 'region', reason: '"the moon" is not an AWS region name such as eu-west-1' },
      { field: 'output', reason: 'it is not of the kind this setting takes' },
      { field: 'identityProviders[0].startAddress', reason: `"http://plain.example/" (for ${OKTA}) is not an https:// address` },
      { field: 'identityProviders[0].keepFresh', reason: 'it is not true or false' },
      { field: 'identityProviders[1]', reason: 'it has no issuer (the SAML entity ID)' },
      { field: 'accountNames', reason: 'some entries are not a 12-digit account ID with a name of at most 128 characters' },
      { field: 'locked', reason: expect.stringMatching(/^it may name only profileTemplate, /) },
    ]);
  });

  it('takes OpenID Connect providers one by one, with the defaults a provider may leave out, and their Keep fresh', () => {
    const DEV = 'arn:aws:iam::111122223333:role/Dev';
    const policy = parsePolicy({
      identityProviders: [{ issuer: OKTA, keepFresh: true }],
      oidcProviders: [
        { issuer: 'https://login.example.com', clientId: 'stsbridge', roles: [DEV], keepFresh: true },
        { issuer: 'https://accounts.example.org', clientId: 'app', scopes: 'openid email', params: { audience: 'aws' }, roles: [DEV], region: 'eu-west-1' },
        { issuer: 'http://plain.example', clientId: 'x', roles: [DEV] },
        { issuer: 'https://login.example.com', clientId: 'again', roles: [DEV] },
        { issuer: 'https://typo.example', clientID: 'x', roles: [DEV] },
        { issuer: 'https://fresh.example', clientId: 'x', roles: [DEV], keepFresh: 'yes' },
        'https://not-an-object.example',
      ],
      locked: ['oidcProviders'],
    });
    expect(policy.settings.oidcProviders).toEqual([
      { issuer: 'https://login.example.com', clientId: 'stsbridge', scopes: 'openid', params: {}, roles: [DEV], region: '' },
      { issuer: 'https://accounts.example.org', clientId: 'app', scopes: 'openid email', params: { audience: 'aws' }, roles: [DEV], region: 'eu-west-1' },
      { issuer: 'https://fresh.example', clientId: 'x', scopes: 'openid', params: {}, roles: [DEV], region: '' },
    ]);
    expect(policy.settings.keepFresh).toEqual([OKTA, 'https://login.example.com']);
    expect(policy.locked).toEqual(['oidcProviders']);
    expect(policy.ignored).toEqual([
      { field: 'oidcProviders[2]', reason: 'http://plain.example: an issuer must use https, or AWS will not trust it' },
      { field: 'oidcProviders[3]', reason: 'https://login.example.com is listed twice; give it all its roles in one entry' },
      { field: 'oidcProviders[4]', reason: expect.stringMatching(/^it needs an issuer, a clientId and a list of roles/) },
      { field: 'oidcProviders[5].keepFresh', reason: 'it is not true or false' },
      { field: 'oidcProviders[6]', reason: expect.stringMatching(/^it needs an issuer/) },
    ]);
    // Locked: the organisation's list is the one in force, whatever the person saved.
    expect(effectiveSettings({ schema: 1, oidcProviders: [] }, policy).oidcProviders).toHaveLength(3);
  });

  it('is none when there is none, or it is not an object', () => {
    for (const raw of [undefined, null, [], 'x']) expect(parsePolicy(raw)).toEqual(NO_POLICY);
  });
});

describe('how policy and a person’s settings combine', () => {
  const policy = parsePolicy({ profileTemplate: '{account_name}-{role_name}', region: 'eu-west-1', output: 'json', locked: ['region'] });

  it("gives the organisation's values as defaults to someone who never saved settings", () => {
    expect(effectiveSettings(undefined, policy)).toEqual({ ...DEFAULT_SETTINGS, profileTemplate: '{account_name}-{role_name}', region: 'eu-west-1', output: 'json' });
  });

  it("keeps what the person saved for an unlocked field, and forces a locked one", () => {
    const stored = { schema: 1, profileTemplate: 'mine-{role_name}', region: 'us-east-2' };
    expect(effectiveSettings(stored, policy)).toMatchObject({ profileTemplate: 'mine-{role_name}', region: 'eu-west-1', output: 'json' });
  });

  it('is the person’s settings alone without a policy', () => {
    expect(effectiveSettings({ schema: 1, region: 'us-east-2' }, NO_POLICY)).toEqual({ ...DEFAULT_SETTINGS, region: 'us-east-2' });
  });
});

describe("an organisation's identity providers", () => {
  it('are where Sign in again and a silent sign-in go, before the page a sign-in started from', () => {
    const settings = effectiveSettings({ schema: 1, silentSignInSeconds: 5 }, parsePolicy({ identityProviders: [{ issuer: OKTA, startAddress: 'https://example.okta.com/home/aws' }] }));
    expect(signInTargets([OKTA], settings, { [OKTA]: { seenAt: '2030-01-01T00:00:00Z', startPage: 'https://example.okta.com/' } })).toEqual(['https://example.okta.com/home/aws']);
  });
});
