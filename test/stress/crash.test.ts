// kill -9 at random moments across 1,000 writes: the file is always exactly the old version or
// exactly the new one, and a lock left by a killed host never blocks the next write for long.
// The kill moments are spread over the time a host takes on this machine, measured first, and
// the test asserts that kills really fell before, during and after the rename: on a machine
// where every kill landed before the host read a byte, it would have proved nothing.

import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertProfiles } from '../../native-host/ini/edit';
import { assertHostBuilt } from '../host-process';
import { credentialsFor, startHost, strayFiles, writeRequest } from './writers';

const ITERATIONS = 1000;
/** Kill moments fall anywhere from spawn to a little past a normal host's exit, measured here. */
const KILL_WINDOW_FACTOR = 1.3;
/** A lock left by a killed host is taken over after 2 s; the next write must not wait much longer. */
const RECOVERY_BOUND_MS = 10_000;
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
    // How long a whole host run (start, write, exit) takes on this machine now.
    const clean: number[] = [];
    for (let i = 0; i < 7; i += 1) clean.push(await cleanWrite(file, `warm-up-${i}`, i));
    const hostRunMs = clean.sort((a, b) => a - b)[3]!;
    const killWindowMs = hostRunMs * KILL_WINDOW_FACTOR;

    /** Where each kill fell, as the file and what the host left behind show it. */
    const fell = { beforeTheLock: 0, holdingTheLock: 0, midTempFile: 0, afterTheRename: 0, afterTheReply: 0 };
    let slowestRecovery = 0;
    for (let i = 0; i < ITERATIONS; i += 1) {
      const before = readFileSync(file, 'utf8');
      const profile = credentialsFor(`crash-${i}`, i);
      const host = startHost(file, writeRequest(String(i), [profile.name], i));
      const timer = setTimeout(() => host.child.kill('SIGKILL'), Math.random() * killWindowMs);
      await host.exited;
      clearTimeout(timer);

      const after = readFileSync(file, 'utf8');
      const answered = host.replies.some((reply) => reply.ok);
      const left = strayFiles(file);
      const lock = left.find((name) => name.endsWith('.lock'));
      if (after === before) {
        // The old version. A host that answered must have changed it.
        expect(answered, `iteration ${i}: the host answered ok but the file is unchanged`).toBe(false);
        if (left.some((name) => !name.endsWith('.lock'))) fell.midTempFile += 1;
        else if (lock) fell.holdingTheLock += 1;
        else fell.beforeTheLock += 1;
      } else {
        expect(after, `iteration ${i}: neither the old nor the new version`).toBe(upsertProfiles(before, [profile]));
        if (answered) fell.afterTheReply += 1;
        else fell.afterTheRename += 1;
      }

      if (i % 100 === 99) {
        // Whatever the last kill left, the next write that is let run goes through, in real time.
        slowestRecovery = Math.max(slowestRecovery, (await cleanWrite(file, `checkpoint-${i}`, i)) - hostRunMs);
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
      `crash: ${ITERATIONS} hosts killed within ${Math.round(killWindowMs)} ms (a whole run takes ${Math.round(hostRunMs)} ms here): ` +
        `${fell.beforeTheLock} before the lock, ${fell.holdingTheLock} holding it, ${fell.midTempFile} with a temp file written, ` +
        `${fell.afterTheRename} after the rename but before the reply, ${fell.afterTheReply} after the reply; ` +
        `the slowest write after a kill waited ${Math.round(slowestRecovery)} ms longer than a clean one`,
    );
    // Kills fell in every stage of a write, and some writes landed whole.
    expect(fell.holdingTheLock + fell.midTempFile, 'kills inside the lock, before the rename').toBeGreaterThan(0);
    expect(fell.midTempFile, 'kills with a temp file written, before the rename').toBeGreaterThan(0);
    expect(fell.afterTheRename, 'kills after the rename, before the reply').toBeGreaterThan(0);
    expect(fell.afterTheRename + fell.afterTheReply, 'writes that landed').toBeGreaterThan(0);
    expect(slowestRecovery).toBeLessThan(RECOVERY_BOUND_MS);
  }, 600_000);
});
