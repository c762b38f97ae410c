// What can be wrong with a file or its lock that is not a plain system error: each kind is named
// here, carried with the path it concerns, and put into words in one place (handle.ts). System
// errors (EACCES, ENOSPC, ...) travel as Node raises them.

export type FileProblemKind =
  /** The path is a folder, a FIFO, a device or a socket, not a file. */
  | 'not-a-file'
  /** stsbridge's own file is a symbolic link, which it never follows. */
  | 'is-a-link'
  /** The file is UTF-16 (PowerShell 5's `>`), which no AWS tool reads. */
  | 'utf16'
  /** Another program kept changing the file while stsbridge wrote it. */
  | 'kept-changing'
  /** The path is meant to be stsbridge's own folder, but is something else. */
  | 'not-a-folder'
  /** The path is a loop of symbolic links. */
  | 'link-loop'
  /** Another stsbridge host held the lock for the whole wait. */
  | 'lock-held'
  /** At the lock path: a link, a file, or a folder with things in it. */
  | 'lock-is-link'
  | 'lock-is-file'
  | 'lock-not-empty'
  /** A change across files failed, and putting this file back failed too: its earlier version is beside it. */
  | 'undo-failed'
  /** The lock could not be taken for a system reason, in `code`. */
  | 'lock-failed';

export class FileProblem extends Error {
  constructor(
    readonly kind: FileProblemKind,
    /** The file, or for the lock kinds, the lock folder. */
    readonly path: string,
    /** The system error behind it, where there is one (EACCES, EROFS, ...). */
    readonly code?: string,
  ) {
    super(`${path}: ${kind}${code ? ` (${code})` : ''}`);
    this.name = 'FileProblem';
  }
}
