// What the managed-profile list says. Pure, for unit tests.

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

/** What to say once the host answered a removal. */
export function removedText(profile: string, removed: readonly string[]): string {
  return removed.includes(profile) ? `Removed ${profile}.` : `${profile} is no longer managed by stsbridge; left alone.`;
}
