// Whether the host's own file has been replaced since it started. ./install-host.sh renames a
// new host over the old one; a resident host keeps running the old code until its caller
// reconnects, and this is how a ping tells the caller to. One stat per ping: no watcher, no timer.

import { realpathSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';

/** The real path of the running program (`argv1`), followed through links; as given when it cannot be. */
export function ownFile(argv1: string | undefined): string {
  if (!argv1) return '';
  try {
    return realpathSync(argv1);
  } catch {
    return path.resolve(argv1);
  }
}

function identity(stats: Stats): string {
  return `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeMs}`;
}

/** A check against the file as it was at start. A file unreadable from the start never counts as replaced; one removed later does. */
export function ownFileWatch(file: string): () => boolean {
  let start: string | undefined;
  try {
    start = identity(statSync(file));
  } catch {
    start = undefined;
  }
  return () => {
    if (start === undefined) return false;
    try {
      return identity(statSync(file)) !== start;
    } catch {
      // Uninstalled (--uninstall removes the file): this host is no longer the installed one.
      return true;
    }
  };
}
