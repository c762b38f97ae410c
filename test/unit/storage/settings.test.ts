import { describe, expect, it } from 'vitest';
import { checkSettings } from '../../../extension/storage/check-settings';
import { parseSettings } from '../../../extension/storage/parse-settings';
import { DEFAULT_SETTINGS, SETTINGS_SCHEMA, storedForm, type CheckedField, type Settings } from '../../../extension/storage/settings';

const ROLE = 'arn:aws:iam::111122223333:role/Admin';
const DEPLOY = 'arn:aws:iam::999988887777:role/Deploy';

describe('settings', () => {
  it('defaults to the chosen role, the default template, notifications on and no [default]', () => {
    expect(parseSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS).toMatchObject({ profileTemplate: '{account_id}-{role_name}', refresh: 'chosen', writeDefault: false, notifications: true });
  });

  it('reads an unversioned object through the migrations', () => {
    expect(parseSettings({ refresh: 'all', region: 'eu-west-1' })).toEqual({ ...DEFAULT_SETTINGS, refresh: 'all', region: 'eu-west-1' });
  });

  it('replaces only the fields that are unusable', () => {
    const stored = { schema: 1, profileTemplate: '{nope}', refresh: 'sometimes', region: 'eu-west-1', sessionDuration: 99, notifications: 'yes', writeDefault: true };
    expect(parseSettings(stored)).toEqual({ ...DEFAULT_SETTINGS, region: 'eu-west-1', writeDefault: true });
  });

  it('drops unusable chains as a whole and keeps the rest', () => {
    expect(parseSettings({ schema: 1, chains: [{ from: ROLE }], region: 'eu-west-1' })).toEqual({ ...DEFAULT_SETTINGS, region: 'eu-west-1' });
    expect(parseSettings({ schema: 1, chains: [{ from: ROLE, roleArn: ROLE }] }).chains).toEqual([]);
    expect(parseSettings({ schema: 1, chains: [{ from: ROLE, roleArn: DEPLOY }] }).chains).toEqual([{ from: ROLE, roleArn: DEPLOY }]);
  });

  it('falls back to the chosen role when a list mode has no usable list', () => {
    expect(parseSettings({ schema: 1, refresh: 'list', refreshList: ['not an arn'] })).toMatchObject({ refresh: 'chosen', refreshList: [] });
    expect(parseSettings({ schema: 1, refresh: 'list', refreshList: [ROLE] })).toMatchObject({ refresh: 'list', refreshList: [ROLE] });
  });

  it('reads what it knows of a newer schema and keeps the rest on save', () => {
    const newer = { schema: SETTINGS_SCHEMA + 1, region: 'us-west-2', futureOption: { x: 1 } };
    const read = parseSettings(newer);
    expect(read.region).toBe('us-west-2');
    const stored = storedForm({ ...read, region: 'eu-central-1' }, newer);
    expect(stored).toMatchObject({ schema: SETTINGS_SCHEMA + 1, region: 'eu-central-1', futureOption: { x: 1 } });
  });

  it("stores a field the organisation sets only where the person's value differs, so an unchanged one follows the policy", () => {
    const organisation = { region: 'eu-west-1', profileTemplate: '{account_name}-{role_name}' };
    const stored = storedForm({ ...DEFAULT_SETTINGS, region: 'eu-west-1', profileTemplate: 'mine-{role_name}' }, { schema: 1, region: 'us-east-2' }, organisation);
    expect(stored).not.toHaveProperty('region');
    expect(stored).toMatchObject({ profileTemplate: 'mine-{role_name}', output: '' });
    // The organisation later moves its default: the person, who never chose otherwise, moves with it.
    expect(parseSettings(stored, { ...DEFAULT_SETTINGS, region: 'eu-central-1' }).region).toBe('eu-central-1');
  });

  it('stores the current schema and drops an unset session duration', () => {
    const stored = storedForm(DEFAULT_SETTINGS, { schema: 1, sessionDuration: 7200 });
    expect(stored.schema).toBe(SETTINGS_SCHEMA);
    expect(stored).not.toHaveProperty('sessionDuration');
  });

  it.each<[Partial<Settings>, CheckedField, RegExp]>([
    [{ profileTemplate: '{acount_id}' }, 'profileTemplate', /is not a placeholder/],
    [{ roleTemplates: { [ROLE]: 'a b' } }, 'roleTemplates', /for arn:aws:iam::111122223333:role\/Admin: "a b"/],
    [{ roleTemplates: { 'role/Admin': 'x' } }, 'roleTemplates', /is not a role ARN/],
    [{ refresh: 'list', refreshList: [] }, 'refreshList', /at least one role/],
    [{ refreshList: ['arn:aws:iam::1:role/x'] }, 'refreshList', /is not a role ARN/],
    [{ sessionDuration: 60 }, 'sessionDuration', /900–43200/],
    [{ sessionDuration: 3600.5 }, 'sessionDuration', /900–43200/],
    [{ region: 'Europe' }, 'region', /not an AWS region/],
    [{ region: 'eu-west-9' }, 'region', /^"eu-west-9" is not an AWS region stsbridge knows; choose one from the list$/],
    [{ output: 'xml' }, 'output', /json, text, table/],
    [{ samlProviders: ['arn:aws:iam::111122223333:role/Admin'] }, 'samlProviders', /not a SAML provider ARN/],
    [{ loginUrl: 'http://example.okta.com/app' }, 'loginUrl', /not an https:\/\/ address/],
    [{ loginUrl: 'okta' }, 'loginUrl', /not an https:\/\/ address/],
    [{ loginUrls: { 'http://www.okta.com/exk1': 'example.okta.com' } }, 'loginUrls', /"example.okta.com" \(for http:\/\/www.okta.com\/exk1\) is not an https:\/\/ address/],
    [{ chains: [{ from: 'Admin', roleArn: DEPLOY }] }, 'chains', /"Admin" is not a role ARN/],
    [{ chains: [{ from: ROLE, roleArn: ` ${DEPLOY}` }] }, 'chains', /is not a role ARN/],
    [{ chains: [{ from: ROLE, roleArn: ROLE }] }, 'chains', /Admin cannot be chained from itself/],
    [{ chains: [{ from: ROLE, roleArn: 'arn:aws-cn:iam::999988887777:role/Deploy' }] }, 'chains', /only be chained within its partition/],
    [{ chains: [{ from: ROLE, roleArn: DEPLOY, externalId: 'has space' }] }, 'chains', /external ID for Deploy/],
    [{ chains: [{ from: ROLE, roleArn: DEPLOY }, { from: 'arn:aws:iam::444455556666:role/Dev', roleArn: DEPLOY }] }, 'chains', /is chained twice/],
  ])('refuses %j with the reason', (change, field, reason) => {
    const problems = checkSettings({ ...DEFAULT_SETTINGS, ...change });
    expect(Object.keys(problems)).toEqual([field]);
    expect(problems[field]).toMatch(reason);
  });

  it('refuses settings too large for browser sync', () => {
    const roleTemplates = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`arn:aws:iam::${String(i).padStart(12, '0')}:role/Role${i}`, '{account_id}-{role_name}']));
    expect(checkSettings({ ...DEFAULT_SETTINGS, roleTemplates }).roleTemplates).toMatch(/more than browser sync keeps/);
  });

  it('accepts good settings', () => {
    expect(
      checkSettings({
        ...DEFAULT_SETTINGS,
        refresh: 'list',
        refreshList: [ROLE, 'arn:aws-us-gov:iam::121212121212:role/path/to/Ops'],
        roleTemplates: { [ROLE]: 'prod-admin' },
        sessionDuration: 43200,
        region: 'us-gov-west-1',
        output: 'json',
        samlProviders: ['arn:aws:iam::111122223333:saml-provider/Okta'],
        loginUrl: 'https://example.okta.com/home/amazon_aws/0oa1/272',
        loginUrls: { 'https://sts.windows.net/5c3b2e2a/': 'https://myapps.microsoft.com/' },
        chains: [{ from: ROLE, roleArn: DEPLOY, externalId: 'ext:1234/ab' }, { from: ROLE, roleArn: 'arn:aws:iam::999988887777:role/ReadOnly' }],
      }),
    ).toEqual({});
  });
});
