// The pause a host takes before re-taking a lock it has just released (native-host/disk/lock.ts):
// for that lock only. Told apart without a clock: a lock taken without a pause is ours before a
// setImmediate callback runs (lockSync, after promises only), one taken after a sleep is not.

import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { takeLock } from '../../../native-host/disk/lock';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'stsbridge-lock-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Whether `taking` settles before the event loop's next check phase: no timer was waited for. */
async function tookAtOnce(taking: Promise<() => void>): Promise<boolean> {
  const turn = new Promise<'later'>((resolve) => setImmediate(() => resolve('later')));
  const first = await Promise.race([taking.then(() => 'at once' as const), turn]);
  (await taking)();
  return first === 'at once';
}

describe('re-taking a lock', () => {
  it('pauses one poll for the same file, so a waiting host gets its turn', async () => {
    const file = path.join(dir, 'credentials');
    (await takeLock(file))();
    expect(await tookAtOnce(takeLock(file))).toBe(false);
  });

  it('does not pause for another file (the cache or config lock taken inside the credentials lock)', async () => {
    const credentials = path.join(dir, 'credentials');
    const cache = path.join(dir, 'cache');
    const config = path.join(dir, 'config');
    const held = await takeLock(credentials);
    (await takeLock(cache))();
    expect(await tookAtOnce(takeLock(config))).toBe(true);
    held();
  });
});
