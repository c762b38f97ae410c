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
  return { realPath, ...(readRegular(realPath, file) ?? { text: '', mode: undefined }) };
}

/** The whole of a regular file (see openRegular), with its permission bits; undefined when nothing is there. */
export function readRegular(realPath: string, shownAs: string, options: { noFollow?: boolean } = {}): { text: string; mode: number } | undefined {
  const opened = openRegular(realPath, shownAs, options);
  if (!opened) return undefined;
  try {
    return { text: readAll(opened.fd, opened.stat.size), mode: opened.stat.mode & 0o7777 };
  } finally {
    fs.closeSync(opened.fd);
  }
}

/**
 * Opens `realPath` for reading if it is a regular file; undefined when there is nothing there.
 * Anything else (a folder, a FIFO, a device, a socket) is a FileProblem naming `shownAs`, found
 * without blocking: a FIFO opened plainly waits for a writer, and with it the host's only thread
 * and every caller of it. So the open does not wait (O_NONBLOCK, which changes nothing for a
 * regular file), and the descriptor's own stat decides, so a file swapped in between is no gap.
 * `noFollow`: a link at the path itself is refused rather than followed (stsbridge's own files).
 */
export function openRegular(realPath: string, shownAs: string, { noFollow = false } = {}): { fd: number; stat: Stats } | undefined {
  let fd: number;
  try {
    fd = fs.openSync(realPath, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK | (noFollow ? fs.constants.O_NOFOLLOW : 0));
  } catch (error) {
    if (isNotFound(error)) return undefined;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EISDIR' || code === 'ENXIO') throw new FileProblem('not-a-file', shownAs);
    // O_NOFOLLOW on a link: Linux says ELOOP, macOS EMLINK.
    if (noFollow && (code === 'ELOOP' || code === 'EMLINK')) throw new FileProblem('is-a-link', shownAs);
    throw error;
  }
  const stat = fs.fstatSync(fd);
  if (!stat.isFile()) {
    fs.closeSync(fd);
    throw new FileProblem('not-a-file', shownAs);
  }
  return { fd, stat };
}

/** The whole file through `fd` from the start, however much it holds now (`size` is a first guess). */
export function readAll(fd: number, size: number): string {
  let buffer = Buffer.alloc(Math.max(size, 4096));
  let total = 0;
  for (;;) {
    if (total === buffer.length) {
      const larger = Buffer.alloc(buffer.length * 2);
      buffer.copy(larger);
      buffer = larger;
    }
    const bytesRead = fs.readSync(fd, buffer, total, buffer.length - total, total);
    if (bytesRead === 0) break;
    total += bytesRead;
  }
  return buffer.subarray(0, total).toString(BYTES);
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
