// kill -9 at random moments across 1,000 writes: the file is always exactly the old version or
// exactly the new one, and a lock left by a killed host never blocks the next write for long.

import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertProfiles } from '../../native-host/credentials-file';
import { assertHostBuilt } from '../host-process';
import { credentialsFor, startHost, strayFiles, writeRequest } from './writers';

const ITERATIONS = 1000;
/** Kill moments fall anywhere from spawn to a little past a normal host's exit (~60 ms here). */
const MAX_KILL_DELAY_MS = 90;
const PREAMBLE = '# keep me\r\n[default]\r\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\r\nregion = eu-west-1\r\n';

let dir: string;
beforeAll(() => {
  assertHostBuilt();
  dir = mkdtempSync(path.join(os.tmpdir(), 'stsbridge-crash-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cleanWrite(file: string, name: string, serial: number): Promise<number> {
  const started = performance.now();
  const host = startHost(file, writeRequest('clean', [name], serial));
  expect(await host.exited).toBe(0);
  expect(host.replies).toEqual([expect.objectContaining({ ok: true })]);
  return performance.now() - started;
}

describe('a host killed at random moments', () => {
  it('never leaves a partial file, and never a lock that blocks', async () => {
    const file = path.join(dir, 'credentials');
    writeFileSync(file, PREAMBLE, { mode: 0o600 });
    let killedInside = 0;
    let killedMidWrite = 0;
    let landed = 0;
    let slowestRecovery = 0;
    for (let i = 0; i < ITERATIONS; i += 1) {
      const before = readFileSync(file, 'utf8');
      const profile = credentialsFor(`crash-${i}`, i);
      const host = startHost(file, writeRequest(String(i), [profile.name], i));
      const timer = setTimeout(() => host.child.kill('SIGKILL'), Math.random() * MAX_KILL_DELAY_MS);
      await host.exited;
      clearTimeout(timer);

      const after = readFileSync(file, 'utf8');
      if (after === before) {
        // The old version. A host that answered must have changed it.
        expect(host.replies.filter((reply) => reply.ok)).toEqual([]);
      } else {
        expect(after, `iteration ${i}: neither the old nor the new version`).toBe(upsertProfiles(before, [profile]));
        landed += 1;
      }
      const left = strayFiles(file);
      if (left.some((name) => !name.endsWith('.lock'))) killedMidWrite += 1;
      const lock = left.find((name) => name.endsWith('.lock'));
      if (lock) killedInside += 1;

      if (i % 100 === 99) {
        // Whatever the last kill left, the next write that is let run goes through, in real time.
        slowestRecovery = Math.max(slowestRecovery, await cleanWrite(file, `checkpoint-${i}`, i));
        expect(readFileSync(file, 'utf8').startsWith(PREAMBLE)).toBe(true);
      } else if (lock) {
        // Otherwise age the abandoned lock as two seconds would, so that the next iteration kills a
        // host at work rather than one waiting out the lock.
        const past = new Date(Date.now() - 10_000);
        utimesSync(path.join(dir, lock), past, past);
      }
    }
    await cleanWrite(file, 'final', 0);
    expect(strayFiles(file)).toEqual([]);
    console.log(
      `crash: ${ITERATIONS} writes killed at random: ${landed} landed whole, the rest left the old version whole; ` +
        `${killedInside} kills held the lock (${killedMidWrite} with a temp file half done); ` +
        `slowest write after a kill ${Math.round(slowestRecovery)} ms`,
    );
  }, 600_000);
});
