// Keys as they are near expiry: an hour old. `stsbridge credentials` hands out keys a sign-in
// brought in the last minute as they are (native-host/cli/refresh-due.ts), and a test or a
// benchmark of a refresh cannot wait for them to age, so it moves their refresh stamp back.

import { readFileSync, writeFileSync } from 'node:fs';

/** Moves every `x_stsbridge_refreshed` stamp in `file` (the credentials file or the cache) an hour back. */
export function ageKeys(file: string): void {
  const hourAgo = new Date(Date.now() - 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^(x_stsbridge_refreshed = \w+) \S+$/gm, `$1 ${hourAgo}`));
}
