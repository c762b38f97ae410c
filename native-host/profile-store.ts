// The host's file-system effects, all through one routine: under a lock, read an AWS INI file
// (credentials or config), apply a pure edit (write profiles, prune expired ones), and replace it
// atomically with a mode no wider than 0600.

import os from 'node:os';
import path from 'node:path';
import { promises as fs } from 'node:fs';
import type { ProfileCredentials } from './protocol';
import { takeLock } from './file-lock';
import { configSections, upsertProfiles, upsertSections } from './ini/edit';
import { CONFIG_RULES } from './ini/sections';
import { isExpired, listManagedProfiles, longLivedProfiles, removeProfiles, type ManagedProfile } from './ini/managed';
import { readLayout } from './ini/layout';
import { isUtf16, readabilityNotes } from './ini/readability';
import { readExisting, removeLeftovers, replaceFile, resolveRealPath, type ExistingFile } from './atomic-file';

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
 * How often the edit is redone when another program changes the file between our read and our
 * rename. Each round takes a few milliseconds; a writer that keeps changing the file faster than
 * that for this many rounds is not one we can share the file with safely.
 */
const MAX_ROUNDS = 20;

/**
 * Writes the credentials, then (for profiles that name a region or an output format) the config
 * file, with the same rules. The credentials are what a login is for: a config file that cannot
 * be written becomes a note, not a failure.
 */
export async function writeProfilesToFile(file: string, profiles: readonly ProfileCredentials[], config?: string): Promise<WriteProfilesOutcome> {
  const names = new Set(profiles.map((profile) => profile.name));
  let refused = new Set<string>();
  const outcome = await editAwsFile(file, (text) => {
    // Decided on the text being edited, so a rerun on another writer's text decides again; the
    // one reading of the file serves both the decision and the splice.
    const layout = readLayout(text);
    refused = longLivedProfiles(layout, names);
    return upsertProfiles(text, refused.size === 0 ? profiles : profiles.filter((profile) => !refused.has(profile.name)), layout);
  });
  const result = { ...outcome, refused: [...refused] };
  const sections = configSections(profiles.filter((profile) => !refused.has(profile.name)));
  if (config === undefined || sections.length === 0) return result;
  try {
    const written = await editAwsFile(config, (text) => upsertSections(text, sections, CONFIG_RULES));
    return { ...result, notes: [...outcome.notes, ...written.notes], configFile: config };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    return { ...result, notes: [...outcome.notes, `The credentials were written, but not the region or output to ${config}${code ? ` (${code})` : ''}.`] };
  }
}

/** The managed profiles as the file holds them now (no lock: a rename never shows half a file). */
export async function readManagedProfiles(file: string): Promise<ManagedProfile[]> {
  return listManagedProfiles((await readExisting(file)).text);
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

/**
 * Applies `edit` to an AWS INI file's text under the lock and replaces the file atomically; `edit` runs
 * again on another writer's text whenever one turns up (it must be a pure function of the text).
 */
async function editAwsFile(file: string, edit: (text: string) => string): Promise<WriteOutcome> {
  const written = await editUnderLock(file, edit);
  // Read after the lock is released: other hosts need not wait while this one looks at the text.
  return written ? { notes: [...written.notes, ...readabilityNotes(file, written.text)] } : { notes: [] };
}

/** The edit under the lock; the text written and the notes on the way, or undefined when nothing changed. */
async function editUnderLock(file: string, edit: (text: string) => string): Promise<{ text: string; notes: string[] } | undefined> {
  // The lock sits beside the real file, so two paths to one file (a symlink) share it.
  const realPath = await resolveRealPath(file);
  await fs.mkdir(path.dirname(realPath), { recursive: true, mode: 0o700 });
  const release = await takeLock(realPath);
  try {
    await removeLeftovers(realPath);
    const existing = await readExisting(file, realPath);
    if (isUtf16(existing.text)) {
      // Lines added in ASCII would only make it worse, and no AWS tool reads UTF-16.
      throw Object.assign(new Error(`${file} is UTF-16`), { code: 'EUTF16' });
    }
    const { mode, notes } = modeFor(file, existing);
    // `base` is the text the edit applies to; `onDisk`, what the file must still hold for the
    // rename to go ahead. They part when another writer's change landed in the inode we replaced.
    let base = existing.text;
    let onDisk = existing.text;
    for (let round = 1; ; round += 1) {
      const text = edit(base);
      // Nothing to change (a prune with nothing expired, or of a file that does not exist): the
      // file is left alone, mode included, and never created.
      if (text === base && base === onDisk) return undefined;
      const outcome = await replaceFile(realPath, text, mode, onDisk);
      if (outcome.kind === 'replaced') return { text, notes };
      if (round === MAX_ROUNDS) {
        throw Object.assign(new Error(`${file} kept changing while stsbridge wrote it`), { code: 'EBUSYFILE' });
      }
      // Another program wrote the file (the AWS CLI takes no lock): redo the edit on its text.
      base = outcome.current;
      onDisk = outcome.onDisk;
    }
  } finally {
    await release();
  }
}

function modeFor(file: string, existing: ExistingFile): { mode: number; notes: string[] } {
  const notes: string[] = [];
  if (existing.mode === undefined) return { mode: 0o600, notes };
  const mode = existing.mode & 0o600;
  if ((existing.mode & ~0o600) !== 0) {
    const octal = (value: number) => value.toString(8).padStart(4, '0');
    notes.push(`${file} was readable or writable by others (mode ${octal(existing.mode)}); stsbridge narrowed it to ${octal(mode)}.`);
  }
  return { mode, notes };
}
