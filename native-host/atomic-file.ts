// Replacing a file so that a reader sees the old version or the new one, never a half-written
// one (samlkeygen PR #16), and a symlinked file stays a link (saml2aws #45).

import { randomBytes } from 'node:crypto';
import { promises as fs, constants } from 'node:fs';
import path from 'node:path';

export interface ExistingFile {
  /** The file's real path: a symlink is followed so that the link itself is never replaced. */
  readonly realPath: string;
  readonly text: string;
  /** Permission bits, or undefined when the file does not exist yet. */
  readonly mode: number | undefined;
}

/** Reads `file` through any symlink; a missing file reads as empty. */
export async function readExisting(file: string): Promise<ExistingFile> {
  let realPath: string;
  try {
    realPath = await fs.realpath(file);
  } catch (error) {
    if (!isNotFound(error)) throw error;
    // A dangling link is written at its target, so the link keeps working afterwards.
    realPath = await danglingLinkTarget(file) ?? file;
    return { realPath, text: '', mode: undefined };
  }
  const [text, stat] = await Promise.all([fs.readFile(realPath, 'utf8'), fs.stat(realPath)]);
  if (!stat.isFile()) throw Object.assign(new Error(`${file} is not a regular file`), { code: 'ENOTFILE' });
  return { realPath, text, mode: stat.mode & 0o777 };
}

/**
 * Writes `text` to a temporary file beside `realPath`, flushes it, and renames it over the
 * original, if `stillCurrent()` (asked after the flush, just before the rename) agrees.
 * Returns false, leaving the original untouched, when it does not. Directories created on the
 * way are 0700.
 */
export async function replaceFile(realPath: string, text: string, mode: number, stillCurrent: () => Promise<boolean> = () => Promise.resolve(true)): Promise<boolean> {
  const dir = path.dirname(realPath);
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const temp = path.join(dir, `.${path.basename(realPath)}.stsbridge-${process.pid}-${randomBytes(4).toString('hex')}`);
  const handle = await fs.open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode);
  try {
    await handle.writeFile(text, 'utf8');
    // The umask may have narrowed the mode further than asked; set it exactly.
    await handle.chmod(mode);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await fs.rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    if (!(await stillCurrent())) {
      await fs.rm(temp, { force: true });
      return false;
    }
    await fs.rename(temp, realPath);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(dir);
  return true;
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

async function danglingLinkTarget(file: string): Promise<string | undefined> {
  try {
    const target = await fs.readlink(file);
    return path.resolve(path.dirname(file), target);
  } catch {
    return undefined;
  }
}

export function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}
