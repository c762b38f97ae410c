// What became of each profile, for the popup: written, obtained but not written, refused by the
// host (a person's long-lived keys are in that section), or failed, with why.

import type { WriteProfilesReply } from '../../native-host/protocol';
import { isObtained, type Outcome } from '../assume/assume-roles';
import { LoginError, toErrorData } from '../errors';
import type { ProfileResult } from '../storage/login-record';

/** `outcome` as the popup shows it; `written` is the host's reply, when the write happened. */
export function resultOf(outcome: Outcome, written?: WriteProfilesReply): ProfileResult {
  const { role, via, name: profile } = outcome;
  const common = { profile, roleArn: role.roleArn, accountId: role.accountId, roleName: role.roleName, partition: role.partition, ...(via ? { via: via.roleArn } : {}) };
  if (!isObtained(outcome)) return { ...common, state: 'failed', error: toErrorData(outcome.error), notes: [] };
  const { notes } = outcome;
  const expiration = outcome.result.credentials.expiration;
  if (!written) return { ...common, state: 'unwritten', expiration, notes };
  if (written.refused.includes(profile)) return { ...common, state: 'refused', expiration, error: toErrorData(longLivedError(profile, written.file)), notes };
  return { ...common, state: 'written', expiration, notes };
}

function longLivedError(profile: string, file: string): LoginError {
  return new LoginError(
    'long-lived-keys',
    `[${profile}] in ${file} holds long-lived access keys, which stsbridge never replaces. Choose another profile name in stsbridge's options, or move those keys.`,
  );
}
