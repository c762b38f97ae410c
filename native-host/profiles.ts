// The host's four operations on the credentials file (and, for region and output, the config
// file), each one pure edit (ini/) applied through one locked, atomic edit on disk (disk/).

import type { ProfileCredentials } from './protocol';
import { configSections, upsertProfiles, upsertSections, type SourceStamp } from './ini/edit';
import { readLayout } from './ini/layout';
import { foreignKeys, isExpired, listManagedProfiles, longLivedProfiles, removeProfiles } from './ini/managed';
import { processProfiles } from './ini/process-profile';
import { CONFIG_RULES } from './ini/sections';
import { editAwsFile, withAwsFileLock } from './disk/locked-edit';
import { cachePath, editCache } from './modes/cache';
import { FileProblem } from './disk/problem';
import { readExisting } from './disk/read';

export interface WriteOutcome {
  readonly notes: string[];
  /** The config file, when region or output went to it. */
  readonly configFile?: string;
}

export interface WriteProfilesOutcome extends WriteOutcome {
  /** Profiles left alone because their sections hold a person's long-lived keys. */
  readonly refused: string[];
}

/**
 * Writes the credentials, then (for profiles that name a region or an output format) the config
 * file, with the same rules. The credentials are what a login is for: a config file that cannot
 * be written becomes a note, not a failure.
 *
 * A process profile (ini/process-profile.ts) gets its keys in stsbridge's cache instead, and its
 * lines in the credentials file go: there they would win over its credential_process. The mode is
 * read from the config file under the credentials file's lock, which `stsbridge setup` holds while
 * it moves a profile, so a write never lands on the wrong side of a switch.
 */
export async function writeProfilesToFile(file: string, profiles: readonly ProfileCredentials[], config?: string, stamp?: SourceStamp): Promise<WriteProfilesOutcome> {
  const names = new Set(profiles.map((profile) => profile.name));
  return withAwsFileLock(file, async (editCredentials) => {
    const inProcess = config === undefined ? new Set<string>() : intersect(processProfiles(readExisting(config).text), names);
    const notes: string[] = [];
    if (inProcess.size > 0) notes.push(...(await editCache(cachePath(file), profiles.filter((profile) => inProcess.has(profile.name)), new Set(), stamp)).notes);
    let refused = new Set<string>();
    let shadowed = new Set<string>();
    const outcome = await editCredentials((text) => {
      // Decided on the text being edited, so a rerun on another writer's text decides again; the
      // one reading of the file serves both the decision and the splice.
      let layout = readLayout(text);
      refused = longLivedProfiles(layout, names);
      shadowed = inProcess.size === 0 ? new Set() : foreignKeys(layout, inProcess);
      if (inProcess.size > 0) {
        text = removeProfiles(text, inProcess);
        layout = readLayout(text);
      }
      const toFile = profiles.filter((profile) => !refused.has(profile.name) && !inProcess.has(profile.name));
      return upsertProfiles(text, toFile, layout, stamp);
    });
    notes.push(...outcome.notes, ...[...shadowed].map((name) => shadowNote(name, file)));
    const result = { notes, refused: [...refused].filter((name) => !inProcess.has(name)) };
    const sections = configSections(profiles.filter((profile) => !result.refused.includes(profile.name)));
    if (config === undefined || sections.length === 0) return result;
    try {
      const written = await editAwsFile(config, (text) => upsertSections(text, sections, CONFIG_RULES));
      return { ...result, notes: [...notes, ...written.notes], configFile: config };
    } catch (error) {
      // A problem stsbridge names itself (UTF-16, a lock path in the way) says which; else the errno.
      const reason = error instanceof FileProblem ? error.kind : (error as NodeJS.ErrnoException | undefined)?.code;
      return { ...result, notes: [...notes, `The credentials were written, but not the region or output to ${config}${reason ? ` (${reason})` : ''}.`] };
    }
  });
}

function intersect<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): Set<T> {
  return new Set([...a].filter((item) => b.has(item)));
}

/** A process profile whose credentials-file section holds keys stsbridge did not write: AWS tools take those. */
function shadowNote(name: string, file: string): string {
  return `${name} also has access keys in ${file} that stsbridge did not write, and AWS tools use those instead of its credential_process. Remove them from that section.`;
}

/** Removes the managed profiles whose credentials expired before `now`; returns their names. */
export async function pruneExpiredProfiles(file: string, now: Date): Promise<WriteOutcome & { removed: string[] }> {
  let removed: string[] = [];
  const outcome = await editAwsFile(file, (text) => {
    removed = listManagedProfiles(text).filter((profile) => isExpired(profile, now)).map((profile) => profile.name);
    return removeProfiles(text, new Set(removed));
  });
  return { ...outcome, removed };
}

/** Removes the named managed profiles; names that are not managed profiles are left alone. */
export async function removeManagedProfiles(
  file: string,
  names: readonly string[],
): Promise<WriteOutcome & { removed: string[]; notManaged: string[] }> {
  let removed: string[] = [];
  const outcome = await editAwsFile(file, (text) => {
    const managed = new Set(listManagedProfiles(text).map((profile) => profile.name));
    removed = names.filter((name) => managed.has(name));
    return removeProfiles(text, new Set(removed));
  });
  return { ...outcome, removed, notManaged: names.filter((name) => !removed.includes(name)) };
}

