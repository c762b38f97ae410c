// The host's only file-system effect: read the credentials file, splice in the profiles, replace
// it atomically with a mode no wider than 0600.

import os from 'node:os';
import path from 'node:path';
import type { ProfileCredentials } from './protocol';
import { upsertProfiles } from './credentials-file';
import { readExisting, replaceFile } from './atomic-file';

/** Where the AWS CLI and SDKs look: AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/credentials. */
export function credentialsPath(env: NodeJS.ProcessEnv, home = os.homedir()): string {
  const configured = env.AWS_SHARED_CREDENTIALS_FILE?.trim();
  if (configured) return path.resolve(configured.replace(/^~(?=$|\/)/, home));
  return path.join(home, '.aws', 'credentials');
}

export interface WriteOutcome {
  readonly notes: string[];
}

export async function writeProfilesToFile(
  file: string,
  profiles: readonly ProfileCredentials[],
): Promise<WriteOutcome> {
  const existing = await readExisting(file);
  const text = upsertProfiles(existing.text, profiles);
  const notes: string[] = [];
  let mode = 0o600;
  if (existing.mode !== undefined) {
    mode = existing.mode & 0o600;
    if ((existing.mode & ~0o600) !== 0) {
      notes.push(
        `${file} was readable or writable by others (mode ${existing.mode.toString(8).padStart(4, '0')}); ` +
          `stsbridge narrowed it to ${mode.toString(8).padStart(4, '0')}.`,
      );
    }
  }
  await replaceFile(existing.realPath, text, mode);
  return { notes };
}
