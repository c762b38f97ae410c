// One edit of an AWS file (credentials or config): under the lock, read it as bytes, apply a
// pure edit, and replace it atomically with a mode no wider than 0600; redo the edit when a
// program that takes no lock (the AWS CLI) changed the file meanwhile. Then say, in notes, what
// the person should know about the file.

import path from 'node:path';
import fs from 'node:fs';
import { isUtf16, readabilityNotes } from '../ini/readability';
import { takeLock } from './lock';
import { FileProblem } from './problem';
import { readExisting, readRegular, resolveRealPath, type ExistingFile } from './read';
import { removeLeftovers, replaceFile } from './replace';

export interface EditOutcome {
  readonly notes: string[];
}

/**
 * How often the edit is redone when another program changes the file between our read and our
 * rename. Each round takes a few milliseconds; a writer that keeps changing the file faster than
 * that for this many rounds is not one we can share the file with safely.
 */
const MAX_ROUNDS = 20;

export interface EditOptions {
  /**
   * stsbridge's own file (its cache), which nothing else writes: a link at its path is never
   * followed (the file it points to is someone else's), and whatever is there instead of a file
   * of ours (a link, a FIFO, UTF-16 text) is replaced, with a note, rather than refused. The edit
   * itself decides what to keep of text it does not trust.
   */
  readonly own?: boolean;
}

/**
 * Applies `edit` to an AWS INI file's text under the lock and replaces the file atomically; `edit` runs
 * again on another writer's text whenever one turns up (it must be a pure function of the text).
 */
export async function editAwsFile(file: string, edit: (text: string) => string, options: EditOptions = {}): Promise<EditOutcome> {
  const written = await underLock(file, options, (realPath) => editHeld(file, realPath, edit, options));
  // Read after the lock is released: other hosts need not wait while this one looks at the text.
  return written ? { notes: [...written.notes, ...readabilityNotes(file, written.text)] } : { notes: [] };
}

/** Edits the file whose lock the caller holds (withAwsFileLock). */
export type HeldEdit = (edit: (text: string) => string) => Promise<EditOutcome>;

/**
 * Runs `work` while holding the lock on `file`, with a way to edit that file under it. A change
 * that spans several files (a profile moving between the credentials file and stsbridge's cache)
 * holds the credentials file's lock for all of it, so no other host's write lands half way.
 */
export function withAwsFileLock<T>(file: string, work: (edit: HeldEdit) => Promise<T>): Promise<T> {
  return underLock(file, {}, (realPath) =>
    work(async (edit) => {
      const written = await editHeld(file, realPath, edit, {});
      return { notes: written ? [...written.notes, ...readabilityNotes(file, written.text)] : [] };
    }),
  );
}

async function underLock<T>(file: string, { own = false }: EditOptions, work: (realPath: string) => Promise<T>): Promise<T> {
  // The lock sits beside the real file, so two paths to one file (a symlink) share it.
  const realPath = own ? file : resolveRealPath(file);
  fs.mkdirSync(path.dirname(realPath), { recursive: true, mode: 0o700 });
  const release = await takeLock(realPath);
  try {
    return await work(realPath);
  } finally {
    release();
  }
}

/** The edit, the lock held; the text written and the notes on the way, or undefined when nothing changed. */
async function editHeld(file: string, realPath: string, edit: (text: string) => string, { own = false }: EditOptions): Promise<{ text: string; notes: string[] } | undefined> {
  removeLeftovers(realPath);
  const existing = own ? readOwn(file) : readExisting(file, realPath);
  if (!own && isUtf16(existing.text)) {
    // Lines added in ASCII would only make it worse, and no AWS tool reads UTF-16.
    throw new FileProblem('utf16', file);
  }
  const { mode, notes } = modeFor(file, existing);
  if ('stray' in existing) notes.push(`${file} was ${existing.stray === 'is-a-link' ? 'a symbolic link' : 'not a file'}, where stsbridge keeps its own file; stsbridge put a file of its own there and left what it pointed to alone.`);
  // `base` is the text the edit applies to; `onDisk`, what the file must still hold for the
  // rename to go ahead. They part when another writer's change landed in the inode we replaced.
  let base = existing.text;
  let onDisk = existing.text;
  for (let round = 1; ; round += 1) {
    const text = edit(base);
    // Nothing to change (a prune with nothing expired, or of a file that does not exist): the
    // file is left alone, mode included, and never created.
    if (text === base && base === onDisk) return undefined;
    const outcome = await replaceFile(realPath, text, mode, onDisk, { own });
    if (outcome.kind === 'replaced') return { text, notes };
    if (round === MAX_ROUNDS) {
      throw new FileProblem('kept-changing', file);
    }
    // Another program wrote the file (the AWS CLI takes no lock): redo the edit on its text.
    base = outcome.current;
    onDisk = outcome.onDisk;
  }
}

/**
 * stsbridge's own file as it is: never through a link. A link or anything else that is not a
 * regular file reads as empty (`stray` says what it was), and is replaced by the rename, which
 * takes the link itself away, not what it points to.
 */
function readOwn(file: string): ExistingFile | (ExistingFile & { readonly stray: 'is-a-link' | 'not-a-file' }) {
  try {
    return { realPath: file, ...(readRegular(file, file, { noFollow: true }) ?? { text: '', mode: undefined }) };
  } catch (error) {
    if (error instanceof FileProblem && (error.kind === 'is-a-link' || error.kind === 'not-a-file')) return { realPath: file, text: '', mode: undefined, stray: error.kind };
    throw error;
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
