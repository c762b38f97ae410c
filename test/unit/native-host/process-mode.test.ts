// Process profiles, run as a person runs them: `stsbridge setup` on files the host wrote, the
// config line it leaves read back by the real AWS CLI, boto3 and the JS SDK, later sign-ins
// landing in the cache, and every way into the precedence trap refused or warned about. Every
// byte of the person's own lines stays.

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fromIni, fromProcess } from '@aws-sdk/credential-providers';
import { localTime } from '../../../native-host/cli/profile-credentials';
import { assertHostBuilt, frame, HOST_BUNDLE, runHost } from '../../host-process';
import { AWS_CLI, awsCli, boto3, has } from '../../requirements';

const PROFILE = '123456789012-Admin';
const first = { accessKeyId: 'ASIAPROCESSTEST00001', secretAccessKey: 'process/test+secret=PROCESSSECRET0000001', sessionToken: 'IQoJb3JpZ2luX2VjPROCESSTOKEN1+/==', expiration: '2030-01-01T01:00:00Z' };
const second = { accessKeyId: 'ASIAPROCESSTEST00002', secretAccessKey: 'process/test+secret=PROCESSSECRET0000002', sessionToken: 'IQoJb3JpZ2luX2VjPROCESSTOKEN2+/==', expiration: '2030-01-01T02:00:00Z' };
const PERSONAL = '[personal]\r\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\r\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\r\n; a comment of the person\'s\r\n';
const PERSONAL_CONFIG = '# my config\n[profile personal]\nregion = us-east-2\n';
const SECRETS = [first.secretAccessKey, first.sessionToken, second.secretAccessKey, second.sessionToken, 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'];

let dir: string;
let credentialsFile: string;
let configFile: string;
let cacheFile: string;

const env = () => ({ PATH: process.env.PATH, HOME: dir, AWS_SHARED_CREDENTIALS_FILE: credentialsFile, AWS_CONFIG_FILE: configFile, XDG_RUNTIME_DIR: path.join(dir, 'runtime') });

function stsbridge(...args: string[]) {
  const result = spawnSync(process.execPath, [HOST_BUNDLE, ...args], { env: env(), encoding: 'utf8' });
  for (const secret of SECRETS) expect(result.stderr, 'no secret on stderr').not.toContain(secret);
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A sign-in's write, as the extension sends it. */
async function signIn(credentials: typeof first, extra: Record<string, string> = {}) {
  const { replies } = await runHost(frame({ type: 'write-profiles', profiles: [{ name: PROFILE, ...credentials, ...extra }] }), { env: env() });
  expect(replies[0]).toMatchObject({ ok: true, profiles: [PROFILE] });
  return replies[0]!;
}

const read = (file: string) => readFileSync(file, 'utf8');
const asProcessJson = (credentials: typeof first) => ({ Version: 1, AccessKeyId: credentials.accessKeyId, SecretAccessKey: credentials.secretAccessKey, SessionToken: credentials.sessionToken, Expiration: credentials.expiration });

beforeAll(assertHostBuilt);
beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'stsbridge-process-'));
  credentialsFile = path.join(dir, 'credentials');
  configFile = path.join(dir, 'config');
  cacheFile = path.join(dir, 'stsbridge', 'credentials');
  writeFileSync(credentialsFile, PERSONAL, { mode: 0o600 });
  writeFileSync(configFile, PERSONAL_CONFIG, { mode: 0o600 });
  await signIn(first);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('stsbridge setup', () => {
  it("moves the keys to a 0600 cache in a 0700 folder, leaves only credential_process in the config, and every other byte as it was", () => {
    const setup = stsbridge('setup', PROFILE);
    expect(setup).toEqual({ code: 0, stdout: `${PROFILE} is now a process profile: AWS tools run \`stsbridge credentials ${PROFILE}\` (${configFile}), and its keys are kept in ${cacheFile}.\n`, stderr: '' });
    expect(read(credentialsFile)).toBe(PERSONAL);
    expect(read(configFile)).toBe(`${PERSONAL_CONFIG}\n[profile ${PROFILE}]\n# managed by stsbridge: refreshed by your sign-ins in the browser\ncredential_process = ${process.execPath} ${HOST_BUNDLE} credentials ${PROFILE}\n`);
    expect(statSync(cacheFile).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(cacheFile)).mode & 0o777).toBe(0o700);
    expect(stsbridge('credentials', PROFILE)).toEqual({ code: 0, stdout: `${JSON.stringify(asProcessJson(first))}\n`, stderr: '' });
    expect(stsbridge('setup', PROFILE)).toMatchObject({ code: 0, stdout: `${PROFILE} is already a process profile.\n` });
  });

  it.runIf(has(awsCli))('gives the AWS CLI the keys through credential_process, under the profile name itself', () => {
    stsbridge('setup', PROFILE);
    const out = execFileSync(AWS_CLI, ['configure', 'export-credentials', '--profile', PROFILE, '--format', 'process'], { env: env(), encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual({ ...asProcessJson(first), Expiration: '2030-01-01T01:00:00+00:00' });
  });

  it.runIf(has(boto3))('gives boto3 the keys through credential_process', () => {
    stsbridge('setup', PROFILE);
    const script = [
      'import boto3, json, sys',
      'c = boto3.Session(profile_name=sys.argv[1]).get_credentials()',
      'f = c.get_frozen_credentials()',
      "print(json.dumps({'key': f.access_key, 'secret': f.secret_key, 'token': f.token, 'expiry': c._expiry_time.isoformat(), 'method': c.method}))",
    ].join('\n');
    const got = JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, PROFILE], { env: env(), encoding: 'utf8' })) as Record<string, string>;
    expect(got).toEqual({ key: first.accessKeyId, secret: first.secretAccessKey, token: first.sessionToken, expiry: '2030-01-01T01:00:00+00:00', method: 'custom-process' });
  });

  it('gives the JS SDK the keys through fromIni and fromProcess', async () => {
    stsbridge('setup', PROFILE);
    const saved = { ...process.env };
    Object.assign(process.env, { AWS_SHARED_CREDENTIALS_FILE: credentialsFile, AWS_CONFIG_FILE: configFile });
    try {
      const expected = { accessKeyId: first.accessKeyId, secretAccessKey: first.secretAccessKey, sessionToken: first.sessionToken, expiration: new Date(first.expiration) };
      const viaIni = await fromIni({ profile: PROFILE, ignoreCache: true })();
      const viaProcess = await fromProcess({ profile: PROFILE, ignoreCache: true })();
      for (const got of [viaIni, viaProcess]) expect({ accessKeyId: got.accessKeyId, secretAccessKey: got.secretAccessKey, sessionToken: got.sessionToken, expiration: got.expiration }).toEqual(expected);
    } finally {
      process.env.AWS_SHARED_CREDENTIALS_FILE = saved.AWS_SHARED_CREDENTIALS_FILE;
      process.env.AWS_CONFIG_FILE = saved.AWS_CONFIG_FILE;
      if (saved.AWS_SHARED_CREDENTIALS_FILE === undefined) delete process.env.AWS_SHARED_CREDENTIALS_FILE;
      if (saved.AWS_CONFIG_FILE === undefined) delete process.env.AWS_CONFIG_FILE;
    }
  });

  it('sends later sign-ins to the cache, never to the credentials file', async () => {
    stsbridge('setup', PROFILE);
    const config = read(configFile);
    await signIn(second, { region: 'eu-west-1' });
    expect(read(credentialsFile)).toBe(PERSONAL);
    expect(read(configFile)).toBe(config.replace(/(credential_process = .*\n)$/, '$1region = eu-west-1\n'));
    expect(JSON.parse(stsbridge('credentials', PROFILE).stdout)).toEqual(asProcessJson(second));
  });

  it('moves the keys back with --mode file, and takes out only its own line', async () => {
    stsbridge('setup', PROFILE);
    await signIn(second);
    expect(stsbridge('setup', PROFILE, '--mode', 'file')).toEqual({ code: 0, stdout: `${PROFILE} is now a file profile: its keys are in ${credentialsFile}.\n`, stderr: '' });
    expect(read(configFile)).toBe(PERSONAL_CONFIG);
    expect(read(credentialsFile)).toBe(`${PERSONAL}\r\n[${PROFILE}]\r\n# managed by stsbridge: refreshed by your sign-ins in the browser\r\naws_access_key_id = ${second.accessKeyId}\r\naws_secret_access_key = ${second.secretAccessKey}\r\naws_session_token = ${second.sessionToken}\r\nx_security_token_expires = ${second.expiration}\r\n`);
    expect(read(cacheFile)).not.toContain(second.accessKeyId);
    expect(stsbridge('setup', PROFILE, '--mode', 'file')).toMatchObject({ code: 0, stdout: `${PROFILE} is already a file profile.\n` });
  });

  it.each([
    ["someone else's keys of that name in the credentials file", () => writeFileSync(credentialsFile, `${PERSONAL}[taken]\naws_access_key_id = ASIAOTHERTOOL0000001\naws_secret_access_key = x\naws_session_token = y\n`), 'taken', /^stsbridge: taken has access keys in .* that stsbridge did not write, and AWS tools would use those instead of credential_process \(aws\/aws-cli#5109\)/],
    ["someone else's credential_process", () => writeFileSync(configFile, `${PERSONAL_CONFIG}[profile ${PROFILE}]\ncredential_process = /opt/other-tool creds\n`), PROFILE, /already has a credential_process in .* that is not stsbridge's/],
    ['a role_arn, which AWS tools use first', () => writeFileSync(configFile, `${PERSONAL_CONFIG}[profile ${PROFILE}]\nrole_arn = arn:aws:iam::123456789012:role/X\nsource_profile = personal\n`), PROFILE, /gets its credentials through role_arn, which AWS tools use before credential_process/],
    ['a name stsbridge never wrote', () => undefined, 'nobody', /^stsbridge: nobody is not a profile stsbridge has written/],
  ])('refuses %s, and changes nothing', (_, arrange, profile, message) => {
    arrange();
    const before = [read(credentialsFile), read(configFile)];
    const setup = stsbridge('setup', profile);
    expect({ code: setup.code, stdout: setup.stdout }).toEqual({ code: 1, stdout: '' });
    expect(setup.stderr).toMatch(message);
    expect([read(credentialsFile), read(configFile)]).toEqual(before);
  });

  it('says what a mode it does not know is', () => {
    expect(stsbridge('setup', PROFILE, '--mode', 'static')).toMatchObject({ code: 2, stderr: expect.stringContaining('"static" is not a mode; use process or file') });
  });
});

describe('set-mode, as the options page asks the host (protocol 6)', () => {
  const ask = async (request: Record<string, unknown>) => (await runHost(frame(request), { env: env() })).replies[0]!;

  it('moves a profile as `stsbridge setup` does, and status lists it with its mode', async () => {
    expect(await ask({ id: 'm1', type: 'set-mode', name: PROFILE, mode: 'process' })).toEqual({ id: 'm1', ok: true, type: 'set-mode', name: PROFILE, mode: 'process', changed: true, notes: [] });
    expect(read(credentialsFile)).toBe(PERSONAL);
    expect(read(configFile)).toContain(`credential_process = ${process.execPath} ${HOST_BUNDLE} credentials ${PROFILE}\n`);
    expect(await ask({ type: 'status' })).toMatchObject({ ok: true, profiles: [{ name: PROFILE, expiration: first.expiration, expired: false, mode: 'process' }] });
    expect(await ask({ type: 'set-mode', name: PROFILE, mode: 'process' })).toMatchObject({ ok: true, changed: false });
    expect(await ask({ type: 'set-mode', name: PROFILE, mode: 'file' })).toMatchObject({ ok: true, mode: 'file', changed: true });
    expect(await ask({ type: 'status' })).toMatchObject({ ok: true, profiles: [{ name: PROFILE, mode: 'file' }] });
    expect(read(configFile)).toBe(PERSONAL_CONFIG);
  });

  it('refuses what the profile cannot take with error 12 and the reason, and a malformed request with error 5', async () => {
    expect(await ask({ type: 'set-mode', name: 'personal', mode: 'process' })).toMatchObject({ ok: false, code: 12, error: 'modeRefused', message: expect.stringContaining('personal has access keys in') });
    expect(await ask({ type: 'set-mode', name: PROFILE, mode: 'static' })).toMatchObject({ ok: false, code: 5, message: '"mode" must be one of file, process' });
    expect(await ask({ type: 'set-mode', name: 'x]\n[default', mode: 'file' })).toMatchObject({ ok: false, code: 5 });
    expect(read(credentialsFile)).toContain(first.accessKeyId);
  });
});

describe('stsbridge list and the precedence trap', () => {
  it('lists each profile with its mode, state and expiry', () => {
    stsbridge('setup', PROFILE);
    expect(stsbridge('list')).toEqual({
      code: 0,
      stdout: `PROFILE             MODE     STATE  EXPIRES\n${PROFILE}  process  valid  ${localTime(Date.parse(first.expiration))}\nKeys of file profiles are in ${credentialsFile}; of process profiles, in ${cacheFile}.\n`,
      stderr: '',
    });
  });

  it('shows where each profile came from, once the extension says (protocol 6)', async () => {
    stsbridge('setup', PROFILE);
    const { replies } = await runHost(frame({ type: 'write-profiles', profiles: [{ name: PROFILE, ...second }, { name: 'dev', ...first }], source: { idp: 'http://www.okta.com/exk1', how: 'silent' } }), { env: env() });
    expect(replies[0]).toMatchObject({ ok: true, profiles: [PROFILE, 'dev'] });
    const stamp = /^x_stsbridge_refreshed = silent (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)$/m;
    // In the cache for the process profile, in the credentials file for the other.
    const at = stamp.exec(read(cacheFile))![1]!;
    expect(read(credentialsFile)).toMatch(stamp);
    expect(read(credentialsFile)).toContain('x_stsbridge_idp = http://www.okta.com/exk1');
    const when = `silent sign-in, ${localTime(Date.parse(at))}`;
    const [devExpires, adminExpires] = [first, second].map((credentials) => localTime(Date.parse(credentials.expiration)));
    const width = Math.max('EXPIRES'.length, devExpires!.length, adminExpires!.length);
    expect(stsbridge('list').stdout.split('\n').slice(0, 3)).toEqual([
      `PROFILE             MODE     STATE  ${'EXPIRES'.padEnd(width)}  ${'LAST REFRESHED'.padEnd(when.length)}  IDENTITY PROVIDER`,
      `dev                 file     valid  ${devExpires!.padEnd(width)}  ${when}  http://www.okta.com/exk1`,
      `${PROFILE}  process  valid  ${adminExpires!.padEnd(width)}  ${when}  http://www.okta.com/exk1`,
    ]);
    // Pruned or removed, the source lines go with the rest of stsbridge's.
    await runHost(frame({ type: 'remove-profiles', names: ['dev'] }), { env: env() });
    expect(read(credentialsFile)).toBe(PERSONAL);
  });

  it('names the file it cannot read', () => {
    rmSync(configFile);
    mkdirSync(configFile);
    expect(stsbridge('list')).toEqual({ code: 1, stdout: '', stderr: `stsbridge: ${configFile} could not be read\n` });
  });

  it('warns about a name whose static keys hide its credential_process, and --warnings exits 1 for it', () => {
    // The trap set by hand: stsbridge's config line, and keys of the same name in the credentials file.
    stsbridge('setup', PROFILE);
    writeFileSync(credentialsFile, `${read(credentialsFile)}[${PROFILE}]\naws_access_key_id = AKIAHANDMADE00000001\naws_secret_access_key = x\n`);
    const warning = `stsbridge: warning: ${PROFILE} has access keys in ${credentialsFile} and a credential_process in ${configFile}: AWS tools use the keys, which stop working at expiry, and never run the command (aws/aws-cli#5109). Remove one of them, or run \`stsbridge setup ${PROFILE}\` to move stsbridge's keys out.\n`;
    expect(stsbridge('list')).toMatchObject({ code: 0, stderr: warning });
    expect(stsbridge('list', '--warnings')).toEqual({ code: 1, stdout: '', stderr: warning });
    rmSync(credentialsFile);
    expect(stsbridge('list', '--warnings')).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});

describe("stsbridge's cache", () => {
  it('says so in one line when it is damaged, and the next sign-in writes it anew', async () => {
    stsbridge('setup', PROFILE);
    writeFileSync(cacheFile, '\x00\x01garbage that is no INI\n[[[\n');
    const damaged = stsbridge('credentials', PROFILE, '--wait', '1');
    expect({ code: damaged.code, stdout: damaged.stdout }).toEqual({ code: 1, stdout: '' });
    const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    expect(damaged.stderr).toMatch(
      new RegExp(`^stsbridge: ${PROFILE} is not in ${escaped(credentialsFile)} .*; ${escaped(cacheFile)} holds something other than what stsbridge wrote there, which its next refresh writes anew, and the browser could not refresh it`),
    );
    const reply = await signIn(second);
    expect(reply).toMatchObject({ notes: [expect.stringContaining(`stsbridge's cache ${cacheFile} was damaged; it was written anew`)] });
    expect(JSON.parse(stsbridge('credentials', PROFILE).stdout)).toEqual(asProcessJson(second));
  });

  it('is refused as a folder it cannot be, with the path named', () => {
    rmSync(path.dirname(cacheFile), { recursive: true, force: true });
    writeFileSync(path.dirname(cacheFile), 'a file where the folder goes');
    const setup = stsbridge('setup', PROFILE);
    expect(setup).toEqual({ code: 1, stdout: '', stderr: `stsbridge: ${path.dirname(cacheFile)} is not a folder, but stsbridge keeps its own files there; nothing was changed. Move it away and try again.\n` });
    expect(read(credentialsFile)).toContain(first.accessKeyId);
    expect(read(configFile)).toBe(PERSONAL_CONFIG);
  });
});
