// Real AWS clients reading the credentials file back: the SDK's own INI loader and Debian's AWS
// CLI. If either reads something other than what STS issued, the file is wrong for real users,
// whatever our own parser thinks. Suites that use them ask `has(awsCli)` first.

import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { fromIni } from '@aws-sdk/credential-providers';
import { expect } from 'vitest';
import { AWS_CLI } from '../requirements';
import type { IssuedCredentials } from './fake-aws/sts';

export { AWS_CLI };

export interface ReadCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string | undefined;
}

export async function readWithSdk(credentialsFile: string, profile: string): Promise<ReadCredentials> {
  const { accessKeyId, secretAccessKey, sessionToken } = await fromIni({
    profile,
    filepath: credentialsFile,
    configFilepath: path.join(path.dirname(credentialsFile), 'no-config'),
    // The loader caches each file for the life of the process; tests read it after each login.
    ignoreCache: true,
  })();
  return { accessKeyId, secretAccessKey, sessionToken };
}

export async function readWithAwsCli(credentialsFile: string, profile: string): Promise<ReadCredentials> {
  const { stdout } = await promisify(execFile)(AWS_CLI, ['configure', 'export-credentials', '--profile', profile, '--format', 'process'], {
    env: {
      PATH: process.env.PATH,
      HOME: path.dirname(path.dirname(credentialsFile)),
      AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
      AWS_CONFIG_FILE: path.join(path.dirname(credentialsFile), 'no-config'),
    },
  });
  const parsed = JSON.parse(stdout) as { AccessKeyId: string; SecretAccessKey: string; SessionToken?: string };
  return { accessKeyId: parsed.AccessKeyId, secretAccessKey: parsed.SecretAccessKey, sessionToken: parsed.SessionToken };
}

/**
 * The profile holds exactly what STS issued, field by field, as the SDK and the AWS CLI read it:
 * a swapped secret or token fails, not only a wrong key ID. Neither client shows a static
 * profile's expiry, so that is read from the profile's own lines: the key the popup and
 * `stsbridge list` go by.
 */
export async function expectReadBack(credentialsFile: string, profile: string, issued: IssuedCredentials): Promise<void> {
  const expected = { accessKeyId: issued.accessKeyId, secretAccessKey: issued.secretAccessKey, sessionToken: issued.sessionToken };
  expect(await readWithSdk(credentialsFile, profile), `the AWS SDK's reading of [${profile}]`).toEqual(expected);
  expect(await readWithAwsCli(credentialsFile, profile), `the AWS CLI's reading of [${profile}]`).toEqual(expected);
  expect(profileKeys(readFileSync(credentialsFile, 'utf8'), profile).x_security_token_expires, `[${profile}]'s expiry`).toBe(issued.expiration);
}

/** The `key = value` lines of one section, read plainly (a test's reading, not the host's parser). */
function profileKeys(text: string, profile: string): Record<string, string> {
  const keys: Record<string, string> = {};
  let inside = false;
  for (const line of text.split(/\r\n|\n|\r/)) {
    const header = /^\s*\[(.*)\]\s*$/.exec(line);
    if (header) inside = header[1]!.trim() === profile;
    else if (inside && /^[^#;=\s][^=]*=/.test(line)) {
      const at = line.indexOf('=');
      keys[line.slice(0, at).trim()] = line.slice(at + 1).trim();
    }
  }
  return keys;
}
