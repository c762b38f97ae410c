// The profiles stsbridge manages (sections carrying its marker), and their removal. Removing takes
// out only stsbridge's own lines; a section goes as a whole only when nothing of a person's is
// left in it, so a `region` someone added is never lost to a prune.

import { MANAGED_KEYS, SOURCE_KEYS } from './edit';
import { optionValue, readLayout, type IniLayout } from './layout';
import { CREDENTIALS_RULES, isMarked, isMarkerLine, sectionsByProfile, type FileRules } from './sections';

export interface ManagedProfile {
  readonly name: string;
  /** x_security_token_expires as written, when present. */
  readonly expiration?: string;
  /** The identity provider and how the last login came about, when the extension said (protocol 6). */
  readonly idp?: string;
  readonly refreshed?: string;
}

const OWN_KEYS = new Set<string>([...MANAGED_KEYS, ...SOURCE_KEYS, 'aws_security_token']);

export function listManagedProfiles(text: string): ManagedProfile[] {
  const layout = readLayout(text);
  const profiles: ManagedProfile[] = [];
  for (const [name, section] of sectionsByProfile(layout)) {
    if (!isMarked(layout, section)) continue;
    const [expiration, idp, refreshed] = ['x_security_token_expires', ...SOURCE_KEYS].map((key) => optionValue(layout, section, key));
    profiles.push({ name, ...(expiration ? { expiration } : {}), ...(idp ? { idp } : {}), ...(refreshed ? { refreshed } : {}) });
  }
  return profiles;
}

/** A managed profile's credentials as the file holds them. */
export interface ManagedCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiration: string;
  /** When the sign-in that wrote them was (x_stsbridge_refreshed, protocol 6), when it says. */
  readonly refreshedAt?: number;
}

export type CredentialsLookup =
  | { readonly found: ManagedCredentials }
  | { readonly missing: 'no-profile' | 'not-managed' | 'incomplete' };

/** The credentials of the profile `name`, when it is one stsbridge manages and holds all four keys. */
export function managedCredentials(text: string, name: string): CredentialsLookup {
  const layout = readLayout(text);
  const section = sectionsByProfile(layout).get(name);
  if (!section) return { missing: 'no-profile' };
  if (!isMarked(layout, section)) return { missing: 'not-managed' };
  const [accessKeyId, secretAccessKey, sessionToken, expiration] = MANAGED_KEYS.map((key) => optionValue(layout, section, key));
  if (!accessKeyId || !secretAccessKey || !sessionToken || !expiration) return { missing: 'incomplete' };
  // `silent 2030-01-01T00:00:00Z`: how, then when.
  const refreshedAt = Date.parse(optionValue(layout, section, 'x_stsbridge_refreshed')?.split(' ')[1] ?? '');
  return { found: { accessKeyId, secretAccessKey, sessionToken, expiration, ...(Number.isNaN(refreshedAt) ? {} : { refreshedAt }) } };
}

/** Whether a managed profile's credentials have expired at `now`; one without an expiry has not. */
export function isExpired(profile: ManagedProfile, now: Date): boolean {
  const time = profile.expiration === undefined ? Number.NaN : Date.parse(profile.expiration);
  return !Number.isNaN(time) && time <= now.getTime();
}

/**
 * `text` without stsbridge's lines in the named managed profiles: its marker and `keys` (by
 * default its credential keys; in the config file, `credential_process`).
 */
export function removeProfiles(text: string, names: ReadonlySet<string>, keys: ReadonlySet<string> = OWN_KEYS, rules: FileRules = CREDENTIALS_RULES): string {
  const layout = readLayout(text);
  const drop = new Set<number>();
  for (const [name, section] of sectionsByProfile(layout, rules)) {
    if (!names.has(name) || !isMarked(layout, section)) continue;
    const own = section.options.filter((option) => keys.has(option.key));
    for (const option of own) {
      for (let index = option.index; index < option.index + option.span; index += 1) drop.add(index);
    }
    for (let index = section.header + 1; index < section.end; index += 1) {
      if (isMarkerLine(layout.lines[index]!.text)) drop.add(index);
    }
    let personal = false;
    for (let index = section.header + 1; index < section.end && !personal; index += 1) {
      personal = !drop.has(index) && layout.lines[index]!.text.trim() !== '';
    }
    // Nothing of a person's is left: the section goes, with its blank lines.
    if (!personal) for (let index = section.header; index < section.end; index += 1) drop.add(index);
  }
  // When the removed sections end the file (as when stsbridge appended them), the blank line
  // that separated them from the rest goes too; in the middle it still separates neighbours.
  let tail = layout.lines.length;
  while (tail > 0 && drop.has(tail - 1)) tail -= 1;
  if (tail < layout.lines.length && tail > 0 && layout.lines[tail - 1]!.text.trim() === '') drop.add(tail - 1);
  const kept = layout.lines.filter((_, index) => !drop.has(index));
  return layout.bom + kept.map((line) => line.text + line.eol).join('');
}

/**
 * The named profiles that hold a person's long-lived access keys: an access key, no session
 * token, and no stsbridge marker. A login never replaces those (a profile-name template, or the
 * `[default]` option, could otherwise land on a person's only copy of an IAM user's keys).
 * Sections other tools wrote with temporary credentials (saml2aws, gimme-aws-creds) carry a
 * session token, so stsbridge may take them over.
 */
export function longLivedProfiles(layout: IniLayout, names: ReadonlySet<string>): Set<string> {
  const found = new Set<string>();
  for (const [name, section] of sectionsByProfile(layout)) {
    if (!names.has(name) || isMarked(layout, section)) continue;
    const keys = new Set(section.options.map((option) => option.key));
    if (keys.has('aws_access_key_id') && !keys.has('aws_session_token') && !keys.has('aws_security_token')) found.add(name);
  }
  return found;
}

/**
 * The named profiles whose credentials-file sections hold an access key stsbridge did not write
 * (no marker): for a process profile, keys that AWS tools would take before its credential_process.
 */
export function foreignKeys(layout: IniLayout, names: ReadonlySet<string>): Set<string> {
  const found = new Set<string>();
  // Every section of the name, not only the first: with two, some AWS tools read the second.
  for (const section of layout.sections) {
    if (names.has(section.name) && !isMarked(layout, section) && section.options.some((option) => option.key === 'aws_access_key_id')) found.add(section.name);
  }
  return found;
}
