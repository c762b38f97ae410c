// The real host process against the odd files people have: bytes that are not UTF-8, UTF-16,
// unusual modes, and the folder around the file holding things that are not stsbridge's. Every
// byte outside stsbridge's own lines stays; what cannot be done is refused in words, with the
// file left as it was.

import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { encodeFrame } from '../../../native-host/framing';
import { ErrorCode, MAX_LISTED_PROFILES, MAX_REPLY_BYTES } from '../../../native-host/protocol';
import { assertHostBuilt, frame, HOST_BUNDLE, runHost } from '../../host-process';

const profile = {
  name: '123456789012-Admin',
  accessKeyId: 'ASIAODDFILESODDFILES',
  secretAccessKey: 'odd/files+secret=ODDFILESSECRET00000001',
  sessionToken: 'IQoJb3JpZ2luX2VjODDFILESTOKEN==',
  expiration: '2030-01-01T01:00:00Z',
};
const write = frame({ id: 'w', type: 'write-profiles', profiles: [profile] });
const OWN_SECTION = [
  `[${profile.name}]`,
  '# managed by stsbridge: refreshed by your sign-ins in the browser',
  `aws_access_key_id = ${profile.accessKeyId}`,
  `aws_secret_access_key = ${profile.secretAccessKey}`,
  `aws_session_token = ${profile.sessionToken}`,
  `x_security_token_expires = ${profile.expiration}`,
  '',
].join('\n');

let dir: string;
let file: string;
const env = () => ({ AWS_SHARED_CREDENTIALS_FILE: file });

beforeAll(assertHostBuilt);
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'stsbridge-odd-'));
  file = path.join(dir, 'credentials');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('bytes that are not UTF-8', () => {
  it('are kept byte for byte, and the reply says the AWS CLI cannot read them', async () => {
    // A Latin-1 comment, the UTF-8 encoding of a lone surrogate, a NUL, and a stray continuation byte.
    const original = Buffer.from('# Zugang f\xFCr Prod\n[prod]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = s\xED\xA0\x80\x00\x80\n', 'latin1');
    writeFileSync(file, original, { mode: 0o600 });
    const { replies } = await runHost(write, { env: env() });
    expect(replies).toEqual([expect.objectContaining({ ok: true, profiles: [profile.name], notes: [expect.stringMatching(/not UTF-8 on line 1, so the AWS CLI cannot read the file/)] })]);
    expect(readFileSync(file)).toEqual(Buffer.concat([original, Buffer.from(`\n${OWN_SECTION}`)]));
  });

  it('a UTF-16 file is refused in words and left as it was', async () => {
    const original = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('[default]\r\nregion = eu-west-1\r\n', 'utf16le')]);
    writeFileSync(file, original, { mode: 0o600 });
    const { replies } = await runHost(write, { env: env() });
    expect(replies).toEqual([expect.objectContaining({ ok: false, code: ErrorCode.fileReadFailed, message: expect.stringMatching(/is saved as UTF-16 .* left it unchanged\. Save it as UTF-8/) })]);
    expect(readFileSync(file)).toEqual(original);
  });
});

describe('a file no AWS CLI can read', () => {
  it('is written, with a note that names the line botocore refuses', async () => {
    writeFileSync(file, 'region = eu-west-1\n[prod]\nregion = x\n', { mode: 0o600 });
    const { replies } = await runHost(write, { env: env() });
    expect(replies).toEqual([expect.objectContaining({ ok: true, notes: [expect.stringMatching(/The AWS CLI cannot read .*credentials: it has text before the first \[section\], on line 1/)] })]);
  });
});

describe('file modes', () => {
  it('names every bit it narrowed, set-user-ID included', async () => {
    writeFileSync(file, '[prod]\nregion = x\n');
    chmodSync(file, 0o4755);
    const { replies } = await runHost(write, { env: env() });
    expect(replies).toEqual([expect.objectContaining({ ok: true, notes: [expect.stringContaining('(mode 4755); stsbridge narrowed it to 0600')] })]);
    expect(statSync(file).mode & 0o7777).toBe(0o600);
  });
});

describe('the folder around the file', () => {
  it("cleans up only a killed host's temp files, never a person's files of a similar name", async () => {
    writeFileSync(file, '[prod]\nregion = x\n', { mode: 0o600 });
    const leftover = '.credentials.stsbridge-tmp-0123456789abcdef01234567';
    writeFileSync(path.join(dir, leftover), 'half a file');
    writeFileSync(path.join(dir, '.credentials.stsbridge-notes.txt'), 'my notes');
    writeFileSync(path.join(dir, '.credentials.stsbridge-tmp-short'), 'mine too');
    mkdirSync(path.join(dir, '.credentials.stsbridge-tmp-fedcba9876543210fedcba98'));
    symlinkSync(path.join(dir, 'elsewhere'), path.join(dir, '.credentials.stsbridge-tmp-aaaaaaaaaaaaaaaaaaaaaaaa'));
    const { replies } = await runHost(write, { env: env() });
    expect(replies).toEqual([expect.objectContaining({ ok: true, profiles: [profile.name] })]);
    expect(readdirSync(dir).sort()).toEqual([
      '.credentials.stsbridge-notes.txt',
      '.credentials.stsbridge-tmp-aaaaaaaaaaaaaaaaaaaaaaaa',
      '.credentials.stsbridge-tmp-fedcba9876543210fedcba98',
      '.credentials.stsbridge-tmp-short',
      'credentials',
    ]);
    expect(readFileSync(path.join(dir, '.credentials.stsbridge-notes.txt'), 'utf8')).toBe('my notes');
  });

  it.each([
    ['a file', () => writeFileSync(`${file}.stsbridge.lock`, 'x'), /is a file, not the lock folder/],
    ['a link to a folder', () => (mkdirSync(path.join(dir, 'somewhere')), symlinkSync(path.join(dir, 'somewhere'), `${file}.stsbridge.lock`)), /is a symbolic link, not the lock folder/],
    ['a dangling link', () => symlinkSync(path.join(dir, 'gone'), `${file}.stsbridge.lock`), /is a symbolic link, not the lock folder/],
    ['a folder with things in it', () => (mkdirSync(`${file}.stsbridge.lock`), writeFileSync(`${file}.stsbridge.lock/keep`, 'x')), /holds files stsbridge did not put there/],
  ])('with %s at the lock path, fails at once, naming the lock path, and changes nothing', async (_label, arrange, message) => {
    writeFileSync(file, '[prod]\nregion = x\n', { mode: 0o600 });
    arrange();
    const started = performance.now();
    const { replies } = await runHost(write, { env: env() });
    // Not the 12 s a held lock is waited for: waiting would not change what is there.
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(replies).toEqual([expect.objectContaining({ ok: false, code: ErrorCode.fileWriteFailed, message: expect.stringMatching(message) })]);
    expect((replies[0] as { message: string }).message).toContain(`${file}.stsbridge.lock`);
    expect(readFileSync(file, 'utf8')).toBe('[prod]\nregion = x\n');
    expect(existsSync(`${file}.stsbridge.lock`) || readdirSync(dir).includes('credentials.stsbridge.lock')).toBe(true);
  });
});

/** A credentials file of `count` managed profiles, all expired. */
function expiredProfiles(count: number): string {
  return Array.from({ length: count }, (_, i) => `[expired-${String(i).padStart(5, '0')}]\n# managed by stsbridge: refreshed on each console login\naws_access_key_id = ASIA${String(i).padStart(16, '0')}\naws_secret_access_key = secretsecretsecret\naws_session_token = tokentokentokentoken\nx_security_token_expires = 2020-01-01T00:00:00Z\n`).join('\n');
}

describe('a file with more managed profiles than a reply can list', () => {
  it('status lists the first 5,000 and counts the rest; prune removes all and says so', async () => {
    writeFileSync(file, `[mine]\nregion = x\n\n${expiredProfiles(20_000)}`, { mode: 0o600 });
    const { replies } = await runHost(Buffer.concat([frame({ type: 'status' }), frame({ type: 'prune-expired' }), frame({ type: 'status' })]), { env: env() });
    expect(replies).toHaveLength(3);
    expect(replies[0]).toMatchObject({ ok: true, type: 'status', omitted: 20_000 - MAX_LISTED_PROFILES });
    expect(replies[0]).toHaveProperty('profiles.length', MAX_LISTED_PROFILES);
    expect(replies[1]).toMatchObject({ ok: true, type: 'prune-expired', omitted: 20_000 - MAX_LISTED_PROFILES });
    expect(replies[1]).toHaveProperty('removed.length', MAX_LISTED_PROFILES);
    expect(replies[2]).toMatchObject({ ok: true, profiles: [], omitted: 0 });
    expect(readFileSync(file, 'utf8')).toBe('[mine]\nregion = x\n');
  }, 60_000);

  it('the longest possible listing still fits in one message', () => {
    const longest = { name: 'n'.repeat(64), expiration: '2030-01-01T00:00:00.000000+00:00', expired: true };
    const status = encodeFrame({ id: 'i'.repeat(64), ok: true, type: 'status', file: `/${'f'.repeat(4095)}`, profiles: Array.from({ length: MAX_LISTED_PROFILES }, () => longest), omitted: 1e9 });
    const prune = encodeFrame({ id: 'i'.repeat(64), ok: true, type: 'prune-expired', file: `/${'f'.repeat(4095)}`, removed: Array.from({ length: MAX_LISTED_PROFILES }, () => longest.name), omitted: 1e9, notes: ['n'.repeat(2000), 'n'.repeat(2000)] });
    expect(status.length - 4).toBeLessThan(MAX_REPLY_BYTES);
    expect(prune.length - 4).toBeLessThan(MAX_REPLY_BYTES);
  });
});

describe('the command line', () => {
  beforeEach(() => writeFileSync(file, expiredProfiles(2_000), { mode: 0o600 }));

  it('stops quietly when the reader goes away (status | true, status | head -1)', () => {
    for (const reader of ['true', 'head -1']) {
      const run = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${HOST_BUNDLE}" status | ${reader}`], { env: { ...process.env, ...env() }, encoding: 'utf8' });
      expect(run.stderr, reader).toBe('');
      expect(run.status, reader).toBe(0);
    }
  });

  it('says so in one line, with no stack trace, when the output cannot be written (> /dev/full)', () => {
    const run = spawnSync('bash', ['-c', `"${process.execPath}" "${HOST_BUNDLE}" status > /dev/full`], { env: { ...process.env, ...env() }, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('stsbridge: could not write the output (ENOSPC).\n');
    // The status was only read: the file is as it was.
    expect(execFileSync(process.execPath, [HOST_BUNDLE, 'status'], { env: { ...process.env, ...env() }, encoding: 'utf8' }).split('\n')).toHaveLength(2_004);
  });
});
