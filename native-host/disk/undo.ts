// A change that spans several files (a profile moving between the credentials file, the config
// file and stsbridge's cache) either happens whole or not at all. Each file is replaced by an
// atomic rename, but a failure between two of them (a full disk, say) would leave half a move:
// keys in the credentials file beside a credential_process, the precedence trap that process
// mode exists to keep out of (aws/aws-cli#5109).
//
// So before the first change, each file's present inode gets a second name (a hard link, which
// needs no room for data; a copy where the file system has no hard links); a failure renames
// those back over the files, which needs no room either, and a success removes them. A file that
// did not exist is removed again on failure. Should putting one back fail too, the error says
// where its earlier version is, and that copy is never removed by stsbridge.

import fs from 'node:fs';
import path from 'node:path';
import { FileProblem } from './problem';

/** Kept copies are named `.<file>.stsbridge-undo-<24 hex digits>`, beside the file. */
const UNDO_INFIX = '.stsbridge-undo-';
const UNDO_RANDOM = /^[0-9a-f]{24}$/;

interface Kept {
  readonly file: string;
  /** The second name of the file's inode before the change; undefined when there was no file. */
  readonly copy: string | undefined;
}

/**
 * Runs `work`, which changes `files` (real paths, no links), so that each file is as it was
 * before when `work` throws. The caller holds the lock every such change takes, so no other
 * change of stsbridge's runs meanwhile; a copy left behind by a process killed half way is
 * removed by the next call (removeUndoLeftovers).
 */
export async function allOrNothing<T>(files: readonly string[], work: () => Promise<T>): Promise<T> {
  const kept: Kept[] = [];
  try {
    for (const file of files) kept.push(keep(file));
  } catch (error) {
    drop(kept);
    throw error;
  }
  let result: T;
  try {
    result = await work();
  } catch (error) {
    const stuck = restore(kept);
    // The work's own error says "nothing was changed", which is then no longer true.
    if (stuck) throw new FileProblem('undo-failed', stuck);
    throw error;
  }
  drop(kept);
  return result;
}

function keep(file: string): Kept {
  const copy = path.join(path.dirname(file), `.${path.basename(file)}${UNDO_INFIX}${Buffer.from(crypto.getRandomValues(new Uint8Array(12))).toString('hex')}`);
  try {
    fs.linkSync(file, copy);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // No file (or no folder yet) is a state too: undoing it is removing what the work made. A
    // file where a folder should be (ENOTDIR) is the work's to refuse, in its own words.
    if (code === 'ENOENT' || code === 'ENOTDIR') return { file, copy: undefined };
    // A file system without hard links (FAT, some network shares): a copy, which takes room.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw error;
    fs.copyFileSync(file, copy, fs.constants.COPYFILE_EXCL);
  }
  return { file, copy };
}

/** Puts each file back as it was; the first file that could not be, or undefined. */
function restore(kept: readonly Kept[]): string | undefined {
  let stuck: string | undefined;
  for (const { file, copy } of kept) {
    try {
      // Nothing was there: whatever the work made goes (a path through a file holds nothing).
      if (copy === undefined) removeIfThere(file);
      // A file the work never replaced is still the copy's inode, and renaming one name of a file
      // over another of the same file does nothing (POSIX): the copy's name just goes.
      else if (sameFile(copy, file)) fs.rmSync(copy, { force: true });
      else fs.renameSync(copy, file);
    } catch {
      stuck ??= file;
    }
  }
  return stuck;
}

function removeIfThere(file: string): void {
  try {
    fs.rmSync(file, { force: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOTDIR') throw error;
  }
}

function sameFile(a: string, b: string): boolean {
  const first = fs.lstatSync(a, { throwIfNoEntry: false });
  const second = fs.lstatSync(b, { throwIfNoEntry: false });
  return first !== undefined && second !== undefined && first.ino === second.ino && first.dev === second.dev;
}

function drop(kept: readonly Kept[]): void {
  for (const { copy } of kept) if (copy !== undefined) fs.rmSync(copy, { force: true });
}

/**
 * Removes copies an earlier change left when its process was killed between keeping and
 * dropping them, where the file is still that very copy's inode: a name with nothing of its own.
 * A copy that differs may be the only earlier version of a file (an undo that failed): it stays.
 * Only this pattern: nothing else of the person's goes.
 */
export function removeUndoLeftovers(files: readonly string[]): void {
  for (const file of files) {
    const dir = path.dirname(file);
    const prefix = `.${path.basename(file)}${UNDO_INFIX}`;
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      if (!name.startsWith(prefix) || !UNDO_RANDOM.test(name.slice(prefix.length))) continue;
      const leftover = path.join(dir, name);
      if (sameFile(leftover, file)) fs.rmSync(leftover, { force: true });
    }
  }
}
