// File-system failures in words a person can act on, for the host's error replies and the
// command line alike. No request data is ever included: only paths and system error codes.

import { LOCK_WAIT_MS, type ErrorName } from './protocol';
import { basename } from 'node:path';
import { FileProblem } from './disk/problem';

/** A file-system failure in words a person can act on; no request data is included. */
export function describeFileError(error: unknown, file: string): [ErrorName, string] {
  if (error instanceof FileProblem) return describeProblem(error);
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return ['fileWriteFailed', `stsbridge is not allowed to read or write ${file} or its folder; check their owner and permissions.`];
    case 'EROFS':
      return ['fileWriteFailed', `${file} is on a read-only file system.`];
    case 'ENOSPC':
      return ['fileWriteFailed', `The disk holding ${file} is full; nothing was changed.`];
    case 'ENOTDIR':
      return ['fileWriteFailed', `A part of the path ${file} is a file, not a folder.`];
    default:
      return ['fileWriteFailed', `stsbridge could not update ${file}${code ? ` (${code})` : ''}; nothing was changed.`];
  }
}

/** The problems stsbridge names itself (disk/problem.ts), each about the path it carries. */
function describeProblem({ kind, path, code }: FileProblem): [ErrorName, string] {
  switch (kind) {
    case 'not-a-file':
      return ['fileReadFailed', `${path} is not a regular file (a folder, a pipe or a device is there); nothing was changed. Put a file there, or point AWS_SHARED_CREDENTIALS_FILE at one.`];
    case 'is-a-link':
      return ['fileReadFailed', `${path} is a symbolic link where stsbridge keeps a file of its own, which it never follows; nothing was changed. Remove the link.`];
    case 'not-a-folder':
      return ['fileWriteFailed', `${path} is not a folder, but stsbridge keeps its own files there; nothing was changed. Move it away and try again.`];
    case 'utf16':
      return ['fileReadFailed', `${path} is saved as UTF-16 (as PowerShell 5's > writes it), which no AWS tool reads; stsbridge left it unchanged. Save it as UTF-8 and log in again.`];
    case 'link-loop':
      return ['fileReadFailed', `${path} is a symbolic link that leads round in a loop; point it at a file.`];
    case 'kept-changing':
      return ['fileWriteFailed', `${path} kept changing while stsbridge wrote it; nothing was changed. Log in again.`];
    case 'lock-held':
      return ['fileWriteFailed', `Another stsbridge host held the lock ${path} for over ${LOCK_WAIT_MS / 1000} seconds; nothing was changed. Log in again.`];
    case 'undo-failed':
      return ['fileWriteFailed', `stsbridge could not finish a change to ${path}, nor put it back; its earlier version is beside it as .${basename(path)}.stsbridge-undo-…. Rename that over it to undo the change.`];
    case 'lock-is-link':
      return ['fileWriteFailed', `${path} is a symbolic link, not the lock folder stsbridge makes there; nothing was changed. Remove the link and log in again.`];
    case 'lock-is-file':
      return ['fileWriteFailed', `${path} is a file, not the lock folder stsbridge makes there; nothing was changed. Remove it and log in again.`];
    case 'lock-not-empty':
      return ['fileWriteFailed', `The lock folder ${path} holds files stsbridge did not put there; nothing was changed. Remove the folder and log in again.`];
    case 'lock-failed':
      if (code === 'EACCES' || code === 'EPERM') {
        return ['fileWriteFailed', `stsbridge may not create its lock ${path}; nothing was changed. Check the owner and permissions of that folder.`];
      }
      if (code === 'EROFS') return ['fileWriteFailed', `stsbridge cannot create its lock ${path} on a read-only file system; nothing was changed.`];
      return ['fileWriteFailed', `stsbridge could not take its lock ${path}${code ? ` (${code})` : ''}; nothing was changed.`];
  }
}
