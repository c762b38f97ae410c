// Profile names as every AWS reader here reads them: the host writes profiles beside a person's
// long-lived IAM-user keys, and botocore (the AWS CLI's copy and boto3's, run in Python) and the
// AWS SDK for JavaScript read the file back. Each must see every profile, whole, and the IAM user
// must keep its own keys and no session token: a name one of them reads specially (`DEFAULT`
// leaks its keys into every section under configparser; `__proto__` makes the JavaScript SDK
// refuse the file) is refused by the host, with the reason. The Go SDK v2 (Terraform) splits a
// header on whitespace only and keeps names as written: nothing here is special to it.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadSharedConfigFiles } from '@smithy/core/config';
import { ErrorCode } from '../../../native-host/protocol';
import { assertHostBuilt, frame, runHost } from '../../host-process';
import { BOTOCORES, readWithBotocore } from '../../readers/botocore';
import { botocore, has } from '../../requirements';

const IAM_USER = ['# my IAM user', '[iam-user]', 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE', 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', ''].join('\n');

function credentials(name: string, serial: number) {
  const digits = String(serial).padStart(16, '0');
  return { name, accessKeyId: `ASIA${digits}`, secretAccessKey: `secret+${digits}/${'s'.repeat(20)}`, sessionToken: `token${digits}${'T'.repeat(40)}`, expiration: '2030-01-01T00:00:00Z' };
}

let dir: string;
let file: string;
let config: string;
beforeAll(assertHostBuilt);
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'stsbridge-readers-'));
  file = path.join(dir, 'credentials');
  config = path.join(dir, 'config');
  writeFileSync(file, IAM_USER, { mode: 0o600 });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const write = (names: readonly string[]) =>
  runHost(frame({ id: 'w', type: 'write-profiles', profiles: names.map((name, i) => credentials(name, i)) }), { env: { AWS_SHARED_CREDENTIALS_FILE: file, AWS_CONFIG_FILE: config } });

describe.skipIf(!has(botocore))('profile names, as botocore and the JavaScript SDK read them', () => {
  // Names near the special ones: other cases of "default", dots leading, trailing and inside.
  const names = ['default', 'Default', 'dEFAULT', '.lead', 'trail.', 'a.b.c', '..', 'profile'];

  it('reads every written profile whole, and the IAM user keeps its own keys and no token', async () => {
    const { replies } = await write(names);
    expect(replies).toEqual([expect.objectContaining({ ok: true, profiles: names, refused: [] })]);
    const expected = Object.fromEntries(names.map((name, i) => [name, credentials(name, i)]));

    for (const module of BOTOCORES) {
      const reading = readWithBotocore(module, file, config);
      if (!('profiles' in reading)) throw new Error(`${module} could not read the file: ${reading.error}`);
      expect(Object.keys(reading.profiles).sort(), module).toEqual(['iam-user', ...names].sort());
      for (const name of names) {
        const { accessKeyId, secretAccessKey, sessionToken } = expected[name]!;
        expect(reading.profiles[name], `${module} [${name}]`).toMatchObject({ access_key: accessKeyId, secret_key: secretAccessKey, token: sessionToken });
      }
      expect(reading.profiles['iam-user'], module).toMatchObject({ access_key: 'AKIAIOSFODNN7EXAMPLE', secret_key: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', token: null });
    }

    const { credentialsFile } = await loadSharedConfigFiles({ filepath: file, configFilepath: config, ignoreCache: true });
    for (const name of names) {
      const { accessKeyId, secretAccessKey, sessionToken } = expected[name]!;
      expect(credentialsFile[name], `JavaScript SDK [${name}]`).toMatchObject({ aws_access_key_id: accessKeyId, aws_secret_access_key: secretAccessKey, aws_session_token: sessionToken });
    }
    expect(credentialsFile['iam-user']).toEqual({ aws_access_key_id: 'AKIAIOSFODNN7EXAMPLE', aws_secret_access_key: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' });
  });

  it.each([
    ['DEFAULT', /apply its keys to every other profile/],
    ['__proto__', /refuse the whole file/],
  ])('refuses %s, says why, and leaves the file as it was', async (name, reason) => {
    const { replies } = await write(['fine', name]);
    expect(replies).toEqual([expect.objectContaining({ ok: false, code: ErrorCode.invalidRequest, message: expect.stringMatching(reason) })]);
    for (const module of BOTOCORES) {
      const reading = readWithBotocore(module, file, config);
      expect(reading, module).toEqual({ profiles: { 'iam-user': expect.objectContaining({ access_key: 'AKIAIOSFODNN7EXAMPLE', secret_key: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', token: null, region: null }) } });
    }
  });

  it('shows what a DEFAULT section would have done: its token on the IAM user', () => {
    // Why the name is refused, shown with botocore itself on a file written by hand.
    writeFileSync(file, `${IAM_USER}\n[DEFAULT]\naws_session_token = LEAKED${'T'.repeat(20)}\n`);
    for (const module of BOTOCORES) {
      const reading = readWithBotocore(module, file, config);
      expect(reading, module).toMatchObject({ profiles: { 'iam-user': { token: `LEAKED${'T'.repeat(20)}` } } });
    }
  });
});
