// Replacing a file so that a reader sees the old version or the new one, never a half-written
// one (samlkeygen PR #16), while noticing a writer that takes no lock.

import { promises as fs, constants, type Stats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import path from 'node:path';
import { BYTES, isNotFound } from './read';

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
 * flushes it, reads the original once more through a handle it keeps, and renames over it.
 * Directories created on the way are 0700.
 */
export async function replaceFile(realPath: string, text: string, mode: number, expected: string): Promise<ReplaceOutcome> {
  const dir = path.dirname(realPath);
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const temp = path.join(dir, tempName(realPath));
  const handle = await fs.open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode);
  try {
    await handle.writeFile(text, BYTES);
    // The umask may have narrowed the mode further than asked; set it exactly.
    await handle.chmod(mode);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await fs.rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  const original = await openIfExists(realPath);
  try {
    // Stat before reading: a write that lands after the read then shows in the stat afterwards.
    const before = original && (await original.stat());
    const current = original ? await readThrough(original) : '';
    if (current !== expected) {
      await fs.rm(temp, { force: true });
      return { kind: 'changed', current, onDisk: current };
    }
    await fs.rename(temp, realPath);
    await syncDirectory(dir);
    await sleep(LATE_WRITE_GRACE_MS);
    if (original && before && changed(before, await original.stat())) {
      // Written into the inode we replaced: that text is the other writer's, ours is on disk.
      return { kind: 'changed', current: await readThrough(original), onDisk: text };
    }
    const now = await fs.readFile(realPath, BYTES).catch(() => text);
    return now === text ? { kind: 'replaced' } : { kind: 'changed', current: now, onDisk: now };
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  } finally {
    await original?.close();
  }
}

async function openIfExists(file: string): Promise<FileHandle | undefined> {
  try {
    return await fs.open(file, constants.O_RDONLY);
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** The whole file through `handle`, from the start, whatever was read through it before. */
async function readThrough(handle: FileHandle): Promise<string> {
  const { size } = await handle.stat();
  const buffer = Buffer.alloc(size);
  let offset = 0;
  while (offset < size) {
    const { bytesRead } = await handle.read(buffer, offset, size - offset, offset);
    if (bytesRead === 0) break;
    offset += bytesRead;
  }
  return buffer.subarray(0, offset).toString(BYTES);
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
export async function removeLeftovers(realPath: string): Promise<void> {
  const dir = path.dirname(realPath);
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return;
  }
  const uid = process.getuid?.();
  await Promise.all(
    names
      .filter((name) => isTempName(realPath, name))
      .map(async (name) => {
        const leftover = path.join(dir, name);
        const stat = await fs.lstat(leftover).catch(() => undefined);
        if (stat?.isFile() && (uid === undefined || stat.uid === uid)) await fs.rm(leftover, { force: true });
      }),
  );
}

async function syncDirectory(dir: string): Promise<void> {
  // Makes the rename itself durable. Some file systems refuse fsync on a directory: the rename
  // has still happened, so that is not worth failing the write for.
  try {
    const handle = await fs.open(dir, constants.O_RDONLY);
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // best effort, see above
  }
}

