// The real host process against the odd files people have: bytes that are not UTF-8, UTF-16,
// unusual modes, and the folder around the file holding things that are not stsbridge's. Every
// byte outside stsbridge's own lines stays; what cannot be done is refused in words, with the
// file left as it was.

import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../native-host/protocol';
import { assertHostBuilt, frame, runHost } from '../../host-process';

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
  '# managed by stsbridge: refreshed on each console login',
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
