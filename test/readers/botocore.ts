// botocore itself, reading the shared files as the AWS CLI (its own copy, `awscli.botocore`) and
// boto3 (`botocore`) do: the real configparser rules, not a reimplementation of them.

import { execFileSync } from 'node:child_process';
import path from 'node:path';

export const PYTHON = '/usr/bin/python3';
const SCRIPT = path.join(import.meta.dirname, 'botocore-profiles.py');

/** The AWS CLI v2's botocore and boto3's. */
export const BOTOCORES = ['awscli.botocore', 'botocore'] as const;
export type Botocore = (typeof BOTOCORES)[number];

export interface BotocoreProfile {
  readonly access_key: string | null;
  readonly secret_key: string | null;
  readonly token: string | null;
  readonly region: string | null;
  /** The profile's keys in the config file. */
  readonly config: Readonly<Record<string, string>>;
}

export type BotocoreReading = { readonly profiles: Record<string, BotocoreProfile> } | { readonly error: string };

export function readWithBotocore(module: Botocore, credentialsFile: string, configFile: string): BotocoreReading {
  const out = execFileSync(PYTHON, [SCRIPT, module], {
    // Nothing from this process's environment may stand in for the files.
    env: { PATH: process.env.PATH, HOME: path.dirname(credentialsFile), AWS_SHARED_CREDENTIALS_FILE: credentialsFile, AWS_CONFIG_FILE: configFile },
    encoding: 'utf8',
  });
  return JSON.parse(out) as BotocoreReading;
}
