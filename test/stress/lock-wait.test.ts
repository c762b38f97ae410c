// A held lock is waited for as long as PROTOCOL.md says, and no longer: another process holds
// the credentials lock (kept fresh, as a live host keeps it) while a real host tries to write.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCK_OPTIONS, lockPathOf } from '../../native-host/disk/lock';
import { ErrorCode, HOST_REPLY_TIMEOUT_MS, LOCK_WAIT_MS } from '../../native-host/protocol';
import { assertHostBuilt } from '../host-process';
import { startHost, writeRequest } from './writers';

let dir: string;
beforeAll(() => {
  assertHostBuilt();
  dir = mkdtempSync(path.join(os.tmpdir(), 'stsbridge-lock-wait-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a lock another host holds', () => {
  it(`is waited for ${LOCK_WAIT_MS / 1000} s, then the write fails in words and changes nothing`, async () => {
    const file = path.join(dir, 'credentials');
    writeFileSync(file, '[prod]\nregion = x\n', { mode: 0o600 });
    const release = await lockfile.lock(file, { ...LOCK_OPTIONS, lockfilePath: lockPathOf(file) });
    try {
      const started = performance.now();
      const host = startHost(file, writeRequest('w', ['blocked']));
      expect(await host.exited).toBe(0);
      const waited = performance.now() - started;
      console.log(`lock wait: the host gave up after ${Math.round(waited)} ms (LOCK_WAIT_MS ${LOCK_WAIT_MS}, the extension waits ${HOST_REPLY_TIMEOUT_MS})`);
      expect(host.replies).toEqual([expect.objectContaining({ ok: false, code: ErrorCode.fileWriteFailed, message: expect.stringContaining(`held the lock ${lockPathOf(file)} for over ${LOCK_WAIT_MS / 1000} seconds`) })]);
      expect(waited).toBeGreaterThanOrEqual(LOCK_WAIT_MS);
      // Start-up and the last try on top, but well before the extension stops waiting.
      expect(waited).toBeLessThan(HOST_REPLY_TIMEOUT_MS);
      expect(readFileSync(file, 'utf8')).toBe('[prod]\nregion = x\n');
    } finally {
      await release();
    }
  }, 60_000);
});
