// What the managed-profile list says. Pure, for unit tests.

import type { ProfileMode } from '../../../native-host/protocol';
import type { Catalogue, ManagedProfileView } from '../../messages/catalogue';

type Managed = Catalogue['ui-bg-managed-profiles']['reply'];

/** The line above the list: how many, of how many, in which file. */
export function managedSummary({ file, profiles, omitted }: Managed): string {
  if (profiles.length === 0) return `None in ${file}.`;
  const count = omitted > 0 ? `The first ${profiles.length} of ${profiles.length + omitted}` : String(profiles.length);
  return `${count} in ${file}:`;
}

/** " valid until …" or " expired …" in the reader's locale; '' when the file holds no expiry. */
export function expiryText(profile: ManagedProfileView): string {
  if (!profile.expiration) return '';
  const when = new Date(profile.expiration).toLocaleString();
  return profile.expired ? ` expired ${when}` : ` valid until ${when}`;
}

/** Where a profile's keys are, in words. */
export function modeText(profile: ManagedProfileView): string {
  return profile.mode === 'process' ? ' · refreshes itself for AWS tools (credential_process)' : ' · in the credentials file';
}

/** The button that moves a profile to the other mode. */
export function modeButton(profile: ManagedProfileView): { readonly label: string; readonly mode: ProfileMode } {
  return profile.mode === 'process'
    ? { label: 'Back to the credentials file', mode: 'file' }
    : { label: 'Let AWS tools refresh it (credential_process)', mode: 'process' };
}

/** What to say once the host moved a profile. */
export function movedText(profile: string, { mode, changed }: { mode: ProfileMode; changed: boolean }): string {
  if (!changed) return `${profile} was already ${mode === 'process' ? 'refreshing itself' : 'in the credentials file'}.`;
  return mode === 'process'
    ? `${profile} now refreshes itself: AWS tools run \`stsbridge credentials ${profile}\`, and its keys left the credentials file.`
    : `${profile} is in the credentials file again.`;
}

/** What to say once the host answered a removal. */
export function removedText(profile: string, removed: readonly string[]): string {
  return removed.includes(profile) ? `Removed ${profile}.` : `${profile} is no longer managed by stsbridge; left alone.`;
}
