// The lock every stsbridge host takes on a credentials or config file while it edits it: a
// folder `<file>.stsbridge.lock` beside the real file, made with mkdir (atomic on every file
// system, NFS included) by proper-lockfile. A host waits only while another host holds it; any
// other problem at the lock path fails at once, in words that name the path.

import fs, { type Stats } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type lockfile from 'proper-lockfile';
import { LOCK_WAIT_MS } from '../protocol';
import { FileProblem } from './problem';

/** A waiter tries for the lock this often (there is no queue to wait in). */
export const POLL_MS = 15;

/**
 * proper-lockfile treats a lock untouched for `stale` ms as abandoned: a host killed mid-write
 * delays the next write by that much, never forever. 2 s is its minimum; a write holds the lock
 * for milliseconds. Retries are ours (takeLock), so that only a held lock is waited for.
 */
export const LOCK_OPTIONS: lockfile.LockOptions = {
  stale: 2000,
  realpath: false,
  retries: 0,
  // A lock can only be compromised if the file system stalls for seconds mid-write; the write
  // itself is still atomic, so say so on stderr rather than crash the host.
  onCompromised: (error) => process.stderr.write(`stsbridge-host: the credentials lock was compromised: ${error.message}\n`),
};

export function lockPathOf(realPath: string): string {
  return `${realPath}.stsbridge.lock`;
}

/**
 * When this process last released each lock. A host that writes the same file again at once
 * waits one poll interval first: otherwise it re-takes the lock within a fraction of a
 * millisecond, and a waiting host's poll almost never finds it free: a write could starve
 * under load. A login makes one write per file, so this costs it nothing. Kept by
 * lock path: a write that takes the cache's or the config file's lock inside the credentials
 * file's must not wait for having just released another file's.
 */
const releasedAt = new Map<string, number>();

// proper-lockfile (with graceful-fs and signal-exit) costs ~8 ms to evaluate. The host starts on
// a login's critical path, so it is not loaded before the host reads its first frame; it is
// preloaded just after (the write only comes once STS has answered), or on first use.
let lockModule: Promise<typeof lockfile> | undefined;
const loadLock = () => (lockModule ??= import('proper-lockfile').then((module) => module.default));

/** Starts loading the lock module in the background; the first write then finds it ready. */
export function preloadLock(): void {
  setImmediate(() => void loadLock().catch(() => undefined));
}

/**
 * What is at the lock path, when it is not a lock this host can take or wait for: only nothing,
 * or an empty folder (held, or left by a killed host), is. A file, a link or a folder with things
 * in it would never go away by waiting.
 */
function checkLockPath(lockPath: string): void {
  let stat: Stats;
  try {
    stat = fs.lstatSync(lockPath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    throw new FileProblem('lock-failed', lockPath, code);
  }
  if (stat.isSymbolicLink()) throw new FileProblem('lock-is-link', lockPath);
  if (!stat.isDirectory()) throw new FileProblem('lock-is-file', lockPath);
  if (entriesOf(lockPath).length > 0) throw new FileProblem('lock-not-empty', lockPath);
}

function entriesOf(folder: string): string[] {
  try {
    return fs.readdirSync(folder);
  } catch {
    return [];
  }
}

/**
 * Takes the lock on `realPath`, waiting up to LOCK_WAIT_MS while another host holds it; returns
 * the release. Every failure is a FileProblem naming the lock path.
 */
export async function takeLock(realPath: string): Promise<() => void> {
  const lock = await loadLock();
  const lockPath = lockPathOf(realPath);
  const wait = (releasedAt.get(lockPath) ?? Number.NEGATIVE_INFINITY) + POLL_MS - performance.now();
  if (wait > 0) await sleep(wait);
  const deadline = performance.now() + LOCK_WAIT_MS;
  for (;;) {
    checkLockPath(lockPath);
    try {
      // The synchronous form: mkdir and stat with no thread-pool hop between (see read.ts).
      const release = lock.lockSync(realPath, { ...LOCK_OPTIONS, lockfilePath: lockPath });
      return () => {
        try {
          release();
        } catch {
          // Already gone (a stale-lock takeover by another host): nothing of ours to remove.
        }
        releasedAt.set(lockPath, performance.now());
      };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ELOCKED') throw new FileProblem('lock-failed', lockPath, code);
      if (performance.now() >= deadline) throw new FileProblem('lock-held', lockPath);
    }
    await sleep(POLL_MS);
  }
}
