// stsbridge's own cache of process profiles' credentials (ini/process-profile.ts): an INI file in
// the credentials file's format, so the same reader and writer serve it, in a folder only its
// user may open (0700; the file 0600). `stsbridge credentials NAME` reads it; a sign-in for a
// process profile writes it instead of the credentials file. Nothing but stsbridge reads or
// writes it, so a damaged one is written anew rather than preserved byte for byte.

import fs from 'node:fs';
import path from 'node:path';
import type { ProfileCredentials } from '../protocol';
import { upsertProfiles, type SourceStamp } from '../ini/edit';
import { isUtf16, readabilityNotes } from '../ini/readability';
import { listManagedProfiles, managedCredentials, removeProfiles, type CredentialsLookup } from '../ini/managed';
import { editAwsFile, type EditOutcome } from '../disk/locked-edit';
import { FileProblem } from '../disk/problem';
import { readRegular } from '../disk/read';

/** Beside the credentials file: `~/.aws/stsbridge/credentials` by default. */
export function cachePath(credentialsFile: string): string {
  return path.join(path.dirname(credentialsFile), 'stsbridge', 'credentials');
}

const HEADER = [
  "# stsbridge's cache of its process profiles' credentials: `stsbridge credentials NAME` hands",
  '# them to AWS tools, and refreshes them through the browser. Not for editing; to have a',
  '# profile in the credentials file again: stsbridge setup NAME --mode file',
  '',
].join('\n');

/** Why the cache's text is not one stsbridge can trust (UTF-16, or lines configparser refuses); undefined when it is. */
export function cacheDamage(file: string, text: string): string | undefined {
  if (isUtf16(text) || readabilityNotes(file, text).length > 0) return `${file} holds something other than what stsbridge wrote there`;
  return undefined;
}

/** The folder is made 0700 and kept so: a wider mode left by hand is narrowed. */
function privateFolder(folder: string): void {
  try {
    fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EEXIST' && code !== 'ENOTDIR') throw error;
  }
  const stat = fs.lstatSync(folder);
  if (!stat.isDirectory()) throw new FileProblem('not-a-folder', folder);
  if ((stat.mode & 0o077) !== 0) fs.chmodSync(folder, 0o700);
}

/** Writes `profiles` into the cache (and takes `remove` out of it), as one atomic replacement. */
export async function editCache(file: string, profiles: readonly ProfileCredentials[], remove: ReadonlySet<string> = new Set(), stamp?: SourceStamp): Promise<EditOutcome> {
  privateFolder(path.dirname(file));
  const notes: string[] = [];
  const outcome = await editAwsFile(
    file,
    (text) => {
      let base = text;
      if (base !== '' && cacheDamage(file, base) !== undefined) {
        notes.push(`stsbridge's cache ${file} was damaged; it was written anew, and profiles it lost are refreshed when next asked for.`);
        base = '';
      }
      if (base === '') base = HEADER;
      return upsertProfiles(remove.size > 0 ? removeProfiles(base, remove) : base, profiles, undefined, stamp);
    },
    { own: true },
  );
  // The edit may run more than once (another writer's text): one note is enough. The text
  // written is whole again, so the only notes the edit itself brings are about the file's mode.
  return { notes: [...new Set(notes), ...outcome.notes] };
}

export type CacheLookup = CredentialsLookup | { readonly damaged: string };

/**
 * The cache's text, read as stsbridge's own file: never through a link and never waiting on a
 * FIFO (disk/read.ts). `damaged` says why it cannot be trusted; nothing there reads as empty.
 */
export function readCacheText(file: string): { readonly text: string } | { readonly damaged: string } {
  let text: string;
  try {
    text = readRegular(file, file, { noFollow: true })?.text ?? '';
  } catch (error) {
    if (error instanceof FileProblem) return { damaged: `${file} is ${error.kind === 'is-a-link' ? 'a symbolic link' : 'not a file'}, not stsbridge's cache` };
    // A file where its folder should be: there is no cache (writing one says why it cannot).
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') return { text: '' };
    throw error;
  }
  const damage = text === '' ? undefined : cacheDamage(file, text);
  return damage === undefined ? { text } : { damaged: damage };
}

/** A process profile's cached credentials. */
export function readCached(file: string, profile: string): CacheLookup {
  const read = readCacheText(file);
  return 'damaged' in read ? read : managedCredentials(read.text, profile);
}

/**
 * Removes the cache, and its folder when nothing else is in it, once it holds no profile: true
 * when it went. A damaged cache or one with profiles stays.
 */
export function removeEmptyCache(file: string): boolean {
  const read = readCacheText(file);
  if ('damaged' in read || listManagedProfiles(read.text).length > 0) return false;
  if (!fs.existsSync(file)) return false;
  fs.rmSync(file, { force: true });
  try {
    fs.rmdirSync(path.dirname(file));
  } catch {
    // Something else is in the folder (a person's file, another lock): it stays.
  }
  return true;
}
