// The config file's profile sections found the way botocore finds them: `[profile "foo"]`,
// `[profile  foo]` and `[profile\tfoo]` are all profile foo, and the AWS CLI's own writer updates
// them in place. Appending a second `[profile foo]` instead would make botocore take the new one
// as the whole profile, and the person's keys in the first would silently disappear.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { configSections, MANAGED_MARKER, upsertSections } from '../../../native-host/ini/edit';
import { CONFIG_RULES, shlexSplit } from '../../../native-host/ini/sections';
import { assertHostBuilt, frame, runHost } from '../../host-process';
import { BOTOCORES, readWithBotocore } from '../../readers/botocore';
import { botocore, has } from '../../requirements';

const MARKER = `${MANAGED_MARKER}\n`;
const profile = (name: string) => ({ name, accessKeyId: 'ASIACONFIGSECTIONS01', secretAccessKey: 'config+sections/secret0000', sessionToken: 'token0000000000000000', expiration: '2030-01-01T00:00:00Z', region: 'eu-central-1', output: 'json' as const });

const CONFIG = [
  '# my config',
  '[profile "quoted"]',
  'custom_key = 1',
  '',
  '[profile  twospace]',
  'custom_key = 2',
  '',
  '[profile\ttab]',
  'custom_key = 3',
  '',
  "[profile 'single']",
  'custom_key = 4',
  'region = us-west-2',
  '',
  '[profile later]',
  'custom_key = early',
  '[profile "later"]',
  'custom_key = 5',
  '',
  '[ profile padded ]',
  'custom_key = not-a-profile',
  '',
].join('\n');

describe('shlexSplit, as Python splits a section header', () => {
  it.each([
    ['profile foo', ['profile', 'foo']],
    ['profile "foo"', ['profile', 'foo']],
    ["profile 'foo bar'", ['profile', 'foo bar']],
    ['profile  \t foo', ['profile', 'foo']],
    ['profile "a\\"b"', ['profile', 'a"b']],
    ['profile a\\ b', ['profile', 'a b']],
    ['profile ""', ['profile', '']],
    ['profile "foo', undefined],
    ['profile foo\\', undefined],
  ])('%j', (header, words) => {
    expect(shlexSplit(header)).toEqual(words);
  });

  it('names the profile botocore does, or none', () => {
    expect(['profile foo', 'profile "foo"', 'profile\tfoo', 'profiles foo', 'default', 'profile', ' profile foo', 'profile a b', 'defaults'].map(CONFIG_RULES.profileOf)).toEqual([
      'foo', 'foo', 'foo', 'foo', 'default', undefined, undefined, undefined, undefined,
    ]);
  });
});

describe('region and output in the config file', () => {
  it('go into the section botocore reads for each profile, and nowhere else', () => {
    const text = upsertSections(CONFIG, configSections(['quoted', 'twospace', 'tab', 'single', 'later', 'padded'].map(profile)), CONFIG_RULES);
    // Edited in place: the quoted, spaced and tabbed headers are the profiles.
    expect(text).toContain(`[profile "quoted"]\n${MARKER}custom_key = 1\nregion = eu-central-1\noutput = json\n`);
    expect(text).toContain(`[profile 'single']\n${MARKER}custom_key = 4\nregion = eu-central-1\noutput = json\n`);
    // Of two sections of one profile, botocore reads the later one.
    expect(text).toContain(`[profile later]\ncustom_key = early\n[profile "later"]\n${MARKER}custom_key = 5\nregion = eu-central-1\n`);
    // `[ profile padded ]` is no profile to botocore: padded is appended.
    expect(text.endsWith(`[profile padded]\n${MARKER}region = eu-central-1\noutput = json\n`)).toBe(true);
    expect(text.match(/^\[profile (?:quoted|twospace|tab|single|later)\]$/gm)).toEqual(['[profile later]']);
  });
});

describe.skipIf(!has(botocore))('the config file written by the host, read by botocore', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stsbridge-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every key a person had in a quoted section, and adds the region there', async () => {
    assertHostBuilt();
    const credentials = path.join(dir, 'credentials');
    const config = path.join(dir, 'config');
    writeFileSync(config, CONFIG, { mode: 0o600 });
    const names = ['quoted', 'twospace', 'tab', 'single', 'later'];
    const { replies } = await runHost(frame({ id: 'w', type: 'write-profiles', profiles: names.map(profile) }), { env: { AWS_SHARED_CREDENTIALS_FILE: credentials, AWS_CONFIG_FILE: config } });
    expect(replies).toEqual([expect.objectContaining({ ok: true, configFile: config, notes: [] })]);
    for (const module of BOTOCORES) {
      const reading = readWithBotocore(module, credentials, config);
      if (!('profiles' in reading)) throw new Error(`${module}: ${reading.error}`);
      expect(reading.profiles.quoted?.config, module).toMatchObject({ custom_key: '1', region: 'eu-central-1', output: 'json' });
      expect(reading.profiles.twospace?.config, module).toMatchObject({ custom_key: '2', region: 'eu-central-1', output: 'json' });
      expect(reading.profiles.tab?.config, module).toMatchObject({ custom_key: '3', region: 'eu-central-1', output: 'json' });
      expect(reading.profiles.single?.config, module).toMatchObject({ custom_key: '4', region: 'eu-central-1', output: 'json' });
      expect(reading.profiles.later?.config, module).toMatchObject({ custom_key: '5', region: 'eu-central-1', output: 'json' });
      expect(reading.profiles.quoted, module).toMatchObject({ access_key: 'ASIACONFIGSECTIONS01', region: 'eu-central-1' });
    }
    expect(readFileSync(config, 'utf8').startsWith(`# my config\n[profile "quoted"]\n${MARKER}custom_key = 1\nregion = eu-central-1\n`)).toBe(true);
  });
});
