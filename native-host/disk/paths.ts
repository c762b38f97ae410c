// Where the AWS CLI and the SDKs look for their files, and so where stsbridge writes.

import os from 'node:os';
import path from 'node:path';

/** The two AWS files stsbridge edits, as this process's environment names them. */
export interface AwsFiles {
  readonly credentialsFile: string;
  readonly configFile: string;
}

/** Where the AWS CLI and SDKs look: AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/credentials. */
export function credentialsPath(env: NodeJS.ProcessEnv, home = os.homedir()): string {
  return awsFilePath(env.AWS_SHARED_CREDENTIALS_FILE, 'credentials', home);
}

/** AWS_CONFIG_FILE, else ~/.aws/config. */
export function configPath(env: NodeJS.ProcessEnv, home = os.homedir()): string {
  return awsFilePath(env.AWS_CONFIG_FILE, 'config', home);
}

function awsFilePath(configured: string | undefined, name: string, home: string): string {
  const value = configured?.trim();
  if (value) return path.resolve(value.replace(/^~(?=$|\/)/, home));
  return path.join(home, '.aws', name);
}
