// The `stsbridge` command, run as people and AWS tools run it: the built program, a real
// credentials file written by the host, and the real AWS CLI, boto3 and JS SDK reading
// credential_process.

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fromIni } from '@aws-sdk/credential-providers';
import { exportLines, SHELL_FORMATS } from '../../../native-host/export-lines';
import { localTime } from '../../../native-host/cli/profile-credentials';
import { assertHostBuilt, frame, HOST_BUNDLE, runHost } from '../../host-process';
import { AWS_CLI, awsCli, boto3, has } from '../../requirements';

const PROFILE = '123456789012-Admin';
const issued = {
  accessKeyId: 'ASIACLITESTCLITEST01',
  secretAccessKey: 'cli/test+secret=CLITESTSECRET00000000001',
  sessionToken: 'IQoJb3JpZ2luX2VjCLITESTTOKEN+/==',
  expiration: '2030-01-01T01:00:00Z',
};
const expired = { ...issued, accessKeyId: 'ASIACLITESTEXPIRED01', secretAccessKey: 'expired/secret+EXPIREDSECRET000000001', expiration: '2020-01-01T00:00:00Z' };
const PERSONAL_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

let dir: string;
let credentialsFile: string;
let configFile: string;

/** The environment an AWS tool runs the command in: only our files, nothing of this machine's. */
const env = () => ({ PATH: process.env.PATH, HOME: dir, AWS_SHARED_CREDENTIALS_FILE: credentialsFile, AWS_CONFIG_FILE: configFile, XDG_RUNTIME_DIR: path.join(dir, 'runtime') });

function stsbridge(...args: string[]) {
  const result = spawnSync(process.execPath, [HOST_BUNDLE, ...args], { env: env(), encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A config profile `auto` whose credentials come from `stsbridge credentials PROFILE`. */
function processProfile(profile = PROFILE): void {
  writeFileSync(configFile, `[profile auto]\ncredential_process = ${process.execPath} ${HOST_BUNDLE} credentials ${profile}\n`);
}

beforeAll(assertHostBuilt);
beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'stsbridge-cli-'));
  credentialsFile = path.join(dir, 'credentials');
  configFile = path.join(dir, 'config');
  // A person's own profile first, then two that the host writes, as a login would.
  writeFileSync(credentialsFile, `[personal]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = ${PERSONAL_SECRET}\n`, { mode: 0o600 });
  const { replies } = await runHost(frame({ type: 'write-profiles', profiles: [{ name: PROFILE, ...issued }, { name: 'old', ...expired }] }), { env: { AWS_SHARED_CREDENTIALS_FILE: credentialsFile } });
  expect(replies[0]).toMatchObject({ ok: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('stsbridge credentials', () => {
  it('prints exactly the credential_process JSON, and nothing else', () => {
    const { code, stdout, stderr } = stsbridge('credentials', PROFILE);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toBe(`${JSON.stringify({ Version: 1, AccessKeyId: issued.accessKeyId, SecretAccessKey: issued.secretAccessKey, SessionToken: issued.sessionToken, Expiration: issued.expiration })}\n`);
  });

  it.runIf(has(awsCli))('is what the AWS CLI reads through credential_process', () => {
    processProfile();
    const out = execFileSync(AWS_CLI, ['configure', 'export-credentials', '--profile', 'auto', '--format', 'process'], { env: env(), encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual({ Version: 1, AccessKeyId: issued.accessKeyId, SecretAccessKey: issued.secretAccessKey, SessionToken: issued.sessionToken, Expiration: '2030-01-01T01:00:00+00:00' });
  });

  it.runIf(has(boto3))('is what boto3 reads through credential_process, with its expiry', () => {
    processProfile();
    const script = [
      'import boto3, json',
      "c = boto3.Session(profile_name='auto').get_credentials()",
      'f = c.get_frozen_credentials()',
      "print(json.dumps({'key': f.access_key, 'secret': f.secret_key, 'token': f.token, 'expiry': c._expiry_time.isoformat(), 'method': c.method}))",
    ].join('\n');
    const read = JSON.parse(execFileSync('/usr/bin/python3', ['-c', script], { env: env(), encoding: 'utf8' })) as Record<string, string>;
    expect(read).toEqual({ key: issued.accessKeyId, secret: issued.secretAccessKey, token: issued.sessionToken, expiry: '2030-01-01T01:00:00+00:00', method: 'custom-process' });
  });

  it('is what the JS SDK reads through credential_process, with its expiry', async () => {
    processProfile();
    // The SDK runs the command with this process's environment: point it at the test's file.
    const before = process.env.AWS_SHARED_CREDENTIALS_FILE;
    process.env.AWS_SHARED_CREDENTIALS_FILE = credentialsFile;
    const read = await fromIni({ profile: 'auto', filepath: credentialsFile, configFilepath: configFile, ignoreCache: true })().finally(() => {
      if (before === undefined) delete process.env.AWS_SHARED_CREDENTIALS_FILE;
      else process.env.AWS_SHARED_CREDENTIALS_FILE = before;
    });
    expect({ ...read, $source: undefined }).toEqual({ accessKeyId: issued.accessKeyId, secretAccessKey: issued.secretAccessKey, sessionToken: issued.sessionToken, expiration: new Date(issued.expiration), $source: undefined });
  });

  it('prints nothing for expired credentials when no browser can refresh them, and one line on stderr saying what to do; exit 1', () => {
    const { code, stdout, stderr } = stsbridge('credentials', 'old');
    expect({ code, stdout }).toEqual({ code: 1, stdout: '' });
    expect(stderr).toMatch(/^stsbridge: old expired at [^,]+, and the browser could not refresh it: no browser with stsbridge is listening[^\n]*Sign in to your identity provider in the browser, then run `stsbridge refresh old`\n$/);
    expect(stderr).not.toContain(expired.secretAccessKey);
  });

  it.each([
    ['a profile that is not there', 'nobody', /^stsbridge: nobody is not in .+ \(`stsbridge list` shows the profiles stsbridge manages\), and the browser could not refresh it: no browser with stsbridge is listening \(open the browser; .*\)\. Sign in to your identity provider in the browser, then run `stsbridge refresh nobody`\n$/],
    ["a person's own profile", 'personal', /^stsbridge: personal in .+ is not managed by stsbridge, so stsbridge does not hand its keys out\n$/],
  ])('refuses %s in one line, with no key on stderr', (_, profile, message) => {
    const { code, stdout, stderr } = stsbridge('credentials', profile);
    expect({ code, stdout }).toEqual({ code: 1, stdout: '' });
    expect(stderr).toMatch(message);
    expect(stderr).not.toContain(PERSONAL_SECRET);
  });

  it('names a credentials file it cannot read', () => {
    rmSync(credentialsFile);
    execFileSync('mkdir', [credentialsFile]);
    const { code, stdout, stderr } = stsbridge('credentials', PROFILE);
    expect({ code, stdout }).toEqual({ code: 1, stdout: '' });
    expect(stderr).toBe(`stsbridge: ${credentialsFile} could not be read\n`);
  });
});

describe('stsbridge env', () => {
  const credentials = { name: PROFILE, ...issued };

  it.each(SHELL_FORMATS)('prints the popup’s %s lines', (format) => {
    const { code, stdout } = stsbridge('env', PROFILE, '--format', format);
    expect(code).toBe(0);
    expect(stdout).toBe(`${exportLines(credentials, format)}\n`);
  });

  it.runIf(has(awsCli))('prints, by default, exactly what `aws configure export-credentials --format env` prints', () => {
    // Through credential_process the AWS CLI knows the expiry, and prints it as the last line.
    processProfile();
    const cli = execFileSync(AWS_CLI, ['configure', 'export-credentials', '--profile', 'auto', '--format', 'env'], { env: env(), encoding: 'utf8' });
    expect(cli).toContain('AWS_CREDENTIAL_EXPIRATION=2030-01-01T01:00:00+00:00');
    expect(stsbridge('env', PROFILE).stdout).toBe(cli);
    expect(stsbridge('env', PROFILE, '--format=env').stdout).toBe(cli);
  });

  it('refuses a format it does not know, and expired credentials, without printing keys', () => {
    expect(stsbridge('env', PROFILE, '--format', 'cmd.exe')).toMatchObject({ code: 2, stdout: '', stderr: expect.stringContaining('"cmd.exe" is not a format') });
    expect(stsbridge('env', 'old')).toMatchObject({ code: 1, stdout: '', stderr: expect.stringMatching(/^stsbridge: old expired at .*; run `stsbridge refresh old`/) });
  });
});

describe('the command line', () => {
  it('lists the managed profiles, and not a person’s own', () => {
    const { code, stdout } = stsbridge('list');
    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        'PROFILE             MODE  STATE    EXPIRES',
        `${PROFILE}  file  valid    ${localTime(Date.parse(issued.expiration))}`,
        `old                 file  expired  ${localTime(Date.parse(expired.expiration))}`,
        `Keys of file profiles are in ${credentialsFile}.`,
        '1 expired; `stsbridge prune-expired` removes it.',
        '',
      ].join('\n'),
    );
    expect(stsbridge('status').stdout).toBe(stdout);
  });

  it('explains each command with --help, and says how it was misused with exit 2', () => {
    for (const command of ['credentials', 'env', 'refresh', 'list', 'setup', 'prune-expired']) {
      const help = stsbridge(command, '--help');
      expect(help, command).toMatchObject({ code: 0, stdout: expect.stringMatching(new RegExp(`^usage: stsbridge ${command}`)) });
    }
    expect(stsbridge('--help')).toMatchObject({ code: 0, stdout: expect.stringContaining('stsbridge credentials PROFILE') });
    expect(stsbridge()).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(/^usage:/) });
    expect(stsbridge('credentials')).toMatchObject({ code: 2, stderr: expect.stringContaining('credentials needs a PROFILE') });
    expect(stsbridge('credentials', 'a', 'b')).toMatchObject({ code: 2, stderr: expect.stringContaining('credentials takes one PROFILE') });
    expect(stsbridge('credentials', 'a', '--refresh-within', 'soon')).toMatchObject({ code: 2, stderr: expect.stringContaining('--refresh-within takes minutes') });
    expect(stsbridge('refresh')).toMatchObject({ code: 2, stderr: expect.stringContaining('refresh needs a PROFILE') });
    expect(stsbridge('refresh', 'a', '--all')).toMatchObject({ code: 2, stderr: expect.stringContaining('not both') });
    expect(stsbridge('list', 'extra')).toMatchObject({ code: 2, stderr: expect.stringContaining('list takes no arguments') });
    expect(stsbridge('constructor')).toMatchObject({ code: 2, stderr: expect.stringContaining('"constructor" is not a command') });
  });

  it('says what each command does in the list of commands, and takes help and --version as a person types them', () => {
    const { stdout } = stsbridge('--help');
    expect(stdout).toContain("  stsbridge credentials PROFILE [--refresh-within MINUTES] [--wait SECONDS]\n      print PROFILE's keys for credential_process");
    expect(stdout).toContain('  stsbridge install [--extension-id ID]');
    expect(stdout.split('\n').filter((line) => line.startsWith('      ')).length).toBe(7);
    expect(stsbridge('help')).toMatchObject({ code: 0, stdout });
    expect(stsbridge('help', 'refresh')).toMatchObject({ code: 0, stdout: expect.stringMatching(/^usage: stsbridge refresh PROFILE/) });
    const version = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../package.json'), 'utf8')) as { version: string };
    for (const word of ['--version', '-V', 'version']) expect(stsbridge(word), word).toEqual({ code: 0, stdout: `stsbridge ${version.version}\n`, stderr: '' });
  });

  it('suggests the command a typo meant, and lists the commands only on request', () => {
    expect(stsbridge('credentails', 'x')).toEqual({ code: 2, stdout: '', stderr: 'stsbridge: "credentails" is not a command; did you mean `stsbridge credentials`?\nRun `stsbridge --help` for the list of commands.\n' });
    expect(stsbridge('refesh').stderr).toContain('did you mean `stsbridge refresh`?');
    expect(stsbridge('deploy')).toEqual({ code: 2, stdout: '', stderr: 'stsbridge: "deploy" is not a command.\nRun `stsbridge --help` for the list of commands.\n' });
  });
});
