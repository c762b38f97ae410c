// Real AWS clients reading the credentials file back: the SDK's own INI loader and, where Debian's
// awscli is installed, the AWS CLI itself. If either reads something other than what STS issued,
// the file is wrong for real users, whatever our own parser thinks.

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { fromIni } from '@aws-sdk/credential-providers';

// Called by full path: the `aws` first on PATH can be an old v1 without export-credentials.
export const AWS_CLI = '/usr/bin/aws';
export const awsCliAvailable = existsSync(AWS_CLI);
if (!awsCliAvailable) console.warn(`skipping AWS CLI read-backs: ${AWS_CLI} is absent (apt-get install awscli)`);

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
