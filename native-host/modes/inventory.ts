// Every profile stsbridge manages, across its three files, and the names that fall into the
// precedence trap (ini/process-profile.ts): for `stsbridge list` and `./install-host.sh --check`.
// Pure: it reads the texts it is given.

import { readLayout } from '../ini/layout';
import { isExpired, listManagedProfiles, type ManagedProfile } from '../ini/managed';
import { configCredentials, type ProfileMode } from '../ini/process-profile';
import { sectionsByProfile } from '../ini/sections';

export interface InventoryRow {
  readonly name: string;
  readonly mode: ProfileMode;
  /** As written (ISO 8601); absent when none was, or a process profile has no keys yet. */
  readonly expiration?: string;
  readonly state: 'valid' | 'expiring' | 'expired' | 'no credentials';
  /** The identity provider's entity ID, and how and when the last login came about (`silent 2030-01-01T00:00:00Z`). */
  readonly idp?: string;
  readonly refreshed?: string;
}

export interface Inventory {
  readonly rows: readonly InventoryRow[];
  /** Plain-language warnings, one per name in the trap. */
  readonly warnings: readonly string[];
}

export interface InventoryTexts {
  readonly credentials: { readonly file: string; readonly text: string };
  readonly config: { readonly file: string; readonly text: string };
  readonly cache: string;
}

/** `expiring`: less than this left, the window in which an SDK already asks again. */
export const EXPIRING_MS = 15 * 60_000;

export function inventory({ credentials, config, cache }: InventoryTexts, now: Date): Inventory {
  const processes = configCredentials(config.text);
  const rows = new Map<string, InventoryRow>();
  const row = (mode: ProfileMode, { name, expiration, idp, refreshed }: ManagedProfile): InventoryRow => ({
    name,
    mode,
    ...(expiration === undefined ? {} : { expiration }),
    state: stateAt(expiration, now),
    ...(idp === undefined ? {} : { idp }),
    ...(refreshed === undefined ? {} : { refreshed }),
  });
  for (const profile of listManagedProfiles(credentials.text)) rows.set(profile.name, row('file', profile));
  const cached = new Map(listManagedProfiles(cache).map((profile) => [profile.name, profile]));
  for (const [name, found] of processes) {
    if (!found.ownProcess) continue;
    const entry = cached.get(name);
    rows.set(name, entry ? row('process', entry) : { name, mode: 'process', state: 'no credentials' });
  }
  // Every name with a credential_process (anyone's) and access keys in the credentials file
  // (anyone's): AWS tools take the keys, and the command is never run.
  const keyed = new Set([...sectionsByProfile(readLayout(credentials.text))].filter(([, section]) => section.options.some((option) => option.key === 'aws_access_key_id')).map(([name]) => name));
  const warnings = [...processes.keys()]
    .filter((name) => keyed.has(name))
    .map((name) => `${name} has access keys in ${credentials.file} and a credential_process in ${config.file}: AWS tools use the keys, which stop working at expiry, and never run the command (aws/aws-cli#5109). Remove one of them${processes.get(name)!.ownProcess ? `, or run \`stsbridge setup ${name}\` to move stsbridge's keys out` : ''}.`);
  return { rows: [...rows.values()], warnings };
}

function stateAt(expiration: string | undefined, now: Date): InventoryRow['state'] {
  if (expiration === undefined) return 'valid';
  const time = Date.parse(expiration);
  if (Number.isNaN(time)) return 'valid';
  if (isExpired({ name: '', expiration }, now)) return 'expired';
  return time - now.getTime() < EXPIRING_MS ? 'expiring' : 'valid';
}
