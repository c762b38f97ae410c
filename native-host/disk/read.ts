// Reading an AWS file as it is on disk: through any symlinks (the link itself is never replaced,
// saml2aws #45), as bytes, with its permission bits.
//
// Synchronous, as is all of disk/ up to the rename: these files are a few kilobytes, and each
// call takes microseconds. An asynchronous call costs a hop to libuv's thread pool and back, and
// on a machine busy with the page a login just loaded each hop waits for a core. Traced in
// logins on one machine within the hour: from the write request to the rename took 20–115 ms
// over the twenty-odd hops, 3–8 ms synchronous. Only fsync, which can take long on a real disk,
// is left to the thread pool (replace.ts).

import fs, { type Stats } from 'node:fs';
import path from 'node:path';
import { FileProblem } from './problem';

/**
 * Files are read and written byte for byte: 'latin1' maps each byte to one character and back,
 * so bytes that are not UTF-8 survive an edit unchanged.
 */
export const BYTES = 'latin1';

export interface ExistingFile {
  /** The file's real path: a symlink is followed so that the link itself is never replaced. */
  readonly realPath: string;
  /** The file's bytes, one character each (see ini-text.ts). */
  readonly text: string;
  /** Permission bits, or undefined when the file does not exist yet. */
  readonly mode: number | undefined;
}

/**
 * The path the file's bytes live at: a symlink is followed, so the link itself is never replaced;
 * a dangling link resolves to its target, so the link works again afterwards.
 */
export function resolveRealPath(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') throw new FileProblem('link-loop', file);
    if (!isNotFound(error)) throw error;
    return danglingLinkTarget(file) ?? file;
  }
}

/** Reads `file` through any symlink (pass `realPath` when already resolved); a missing file reads as empty. */
export function readExisting(file: string, realPath?: string): ExistingFile {
  realPath ??= resolveRealPath(file);
  let text: string;
  let stat: Stats;
  try {
    text = fs.readFileSync(realPath, BYTES);
    stat = fs.statSync(realPath);
  } catch (error) {
    if (isNotFound(error)) return { realPath, text: '', mode: undefined };
    if ((error as NodeJS.ErrnoException).code === 'EISDIR') throw new FileProblem('not-a-file', file);
    throw error;
  }
  if (!stat.isFile()) throw new FileProblem('not-a-file', file);
  return { realPath, text, mode: stat.mode & 0o7777 };
}

/** Links a chain may pass through before it is taken for a loop, as the kernel counts them. */
const MAX_LINK_HOPS = 40;

/**
 * Where a dangling symlink chain ends: each link is followed in turn (`credentials → mid-link →
 * missing`) to the path that does not exist, so that the file is created there and every link on
 * the way stays a link. Undefined when `file` is not a link.
 */
function danglingLinkTarget(file: string): string | undefined {
  let current = file;
  for (let hops = 0; hops <= MAX_LINK_HOPS; hops += 1) {
    let target: string;
    try {
      target = fs.readlinkSync(current);
    } catch {
      // Not a link (or not there): the chain ends here.
      return hops === 0 ? undefined : current;
    }
    current = path.resolve(path.dirname(current), target);
  }
  throw new FileProblem('link-loop', file);
}

export function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}
