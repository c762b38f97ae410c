// Replacing a file so that a reader sees the old version or the new one, never a half-written
// one (samlkeygen PR #16), while noticing a writer that takes no lock.

import fs, { constants, type Stats } from 'node:fs';
import { promisify } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import path from 'node:path';
import { BYTES, openRegular, readAll, readRegular } from './read';
import { FileProblem } from './problem';

// fsync is the one call that can take long (a real disk, a busy journal): it goes to the thread
// pool, so the resident host answers other requests meanwhile. Everything else is synchronous
// (see read.ts for why).
const fsync = promisify(fs.fsync);

export type ReplaceOutcome =
  /** The file now holds `text`, and no other writer touched it around the rename. */
  | { readonly kind: 'replaced' }
  /** Another writer's text turned up (nothing was replaced, or its change would be lost): redo on it. */
  | { readonly kind: 'changed'; readonly current: string; readonly onDisk: string };

/**
 * A writer that takes no lock (the AWS CLI rewrites the file in place) may have opened the file
 * just before our rename and write into the replaced inode, or rewrite the new file just after
 * from what it read before. Both are looked for this long after the rename: the AWS CLI's whole
 * open-truncate-write takes about a millisecond. It delays the reply, not the new keys.
 */
export const LATE_WRITE_GRACE_MS = 3;

/**
 * Replaces the file with `text` if it still holds `expected`: writes a temporary file beside it,
 * flushes it, reads the original once more through a descriptor it keeps, and renames over it.
 * Called under the lock (locked-edit.ts), whose folder sits beside the file: the folder exists.
 */
export async function replaceFile(realPath: string, text: string, mode: number, expected: string, { own = false } = {}): Promise<ReplaceOutcome> {
  const dir = path.dirname(realPath);
  const temp = path.join(dir, tempName(realPath));
  const written = fs.openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode);
  try {
    fs.writeFileSync(written, text, BYTES);
    // The umask may have narrowed the mode further than asked; set it exactly.
    fs.fchmodSync(written, mode);
    await fsync(written);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  } finally {
    fs.closeSync(written);
  }
  let original: number | undefined;
  try {
    original = openIfExists(realPath, own);
    // Stat before reading: a write that lands after the read then shows in the stat afterwards.
    const before = original === undefined ? undefined : fs.fstatSync(original);
    const current = original === undefined ? '' : readThrough(original);
    if (current !== expected) {
      fs.rmSync(temp, { force: true });
      return { kind: 'changed', current, onDisk: current };
    }
    fs.renameSync(temp, realPath);
    // Both are waits: the folder's fsync and the grace for a late writer run side by side.
    await Promise.all([syncDirectory(dir), sleep(LATE_WRITE_GRACE_MS)]);
    if (original !== undefined && before && changed(before, fs.fstatSync(original))) {
      // Written into the inode we replaced: that text is the other writer's, ours is on disk.
      return { kind: 'changed', current: readThrough(original), onDisk: text };
    }
    const now = readOrKeep(realPath, text);
    return now === text ? { kind: 'replaced' } : { kind: 'changed', current: now, onDisk: now };
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  } finally {
    if (original !== undefined) fs.closeSync(original);
  }
}

/**
 * A descriptor on the file to be replaced, if there is one; never waits on a FIFO swapped in
 * (read.ts). For stsbridge's own file (`own`), what is not a file of ours is there to be replaced:
 * it counts as nothing.
 */
function openIfExists(file: string, own: boolean): number | undefined {
  try {
    return openRegular(file, file, { noFollow: own })?.fd;
  } catch (error) {
    if (own && error instanceof FileProblem) return undefined;
    throw error;
  }
}

/** The file as it is now; `fallback` when it cannot be read (gone again, or no longer a file). */
function readOrKeep(file: string, fallback: string): string {
  try {
    return readRegular(file, file)?.text ?? fallback;
  } catch {
    return fallback;
  }
}

/** The whole file through `fd`, from the start, whatever was read through it before. */
function readThrough(fd: number): string {
  return readAll(fd, fs.fstatSync(fd).size);
}

/** Written to since `before`. Not ctime: the rename itself changes the replaced inode's (its link count). */
function changed(before: Stats, after: Stats): boolean {
  return before.size !== after.size || before.mtimeMs !== after.mtimeMs;
}

/**
 * Temp files are named `.<file>.stsbridge-tmp-<24 hex digits>`: a random part no person types, so
 * the clean-up below can tell them from anything else in the folder (a person's
 * `.credentials.stsbridge-notes.txt` once went with a looser pattern).
 */
const TEMP_INFIX = '.stsbridge-tmp-';
const TEMP_RANDOM = /^[0-9a-f]{24}$/;

function tempName(realPath: string): string {
  // Web Crypto's global, loaded on first use: node:crypto at the top would cost every start of
  // the command (~3 ms), most of which never write.
  return `.${path.basename(realPath)}${TEMP_INFIX}${Buffer.from(crypto.getRandomValues(new Uint8Array(12))).toString('hex')}`;
}

function isTempName(realPath: string, name: string): boolean {
  const prefix = `.${path.basename(realPath)}${TEMP_INFIX}`;
  return name.startsWith(prefix) && TEMP_RANDOM.test(name.slice(prefix.length));
}

/**
 * Removes temp files a killed writer left beside `realPath`. Call it only while holding the lock:
 * every live writer holds it while its temp file exists, so any such file found then is a
 * leftover. Only what this host provably made goes: the exact name pattern, a regular file (not a
 * folder or a link), owned by this user. Anything else of a similar name is left alone.
 */
export function removeLeftovers(realPath: string): void {
  const dir = path.dirname(realPath);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  const uid = process.getuid?.();
  for (const name of names.filter((entry) => isTempName(realPath, entry))) {
    const leftover = path.join(dir, name);
    const stat = lstatOrUndefined(leftover);
    if (stat?.isFile() && (uid === undefined || stat.uid === uid)) fs.rmSync(leftover, { force: true });
  }
}

function lstatOrUndefined(file: string): Stats | undefined {
  try {
    return fs.lstatSync(file);
  } catch {
    return undefined;
  }
}

async function syncDirectory(dir: string): Promise<void> {
  // Makes the rename itself durable. Some file systems refuse fsync on a directory: the rename
  // has still happened, so that is not worth failing the write for.
  try {
    const fd = fs.openSync(dir, constants.O_RDONLY);
    try {
      await fsync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // best effort, see above
  }
}

