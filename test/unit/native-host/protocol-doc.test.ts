// PROTOCOL.md is the contract; the code must say the same thing.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { handle } from '../../../native-host/handle';
import { FileProblem } from '../../../native-host/disk/problem';
import { ErrorCode, HOST_REPLY_TIMEOUT_MS, LOCK_WAIT_MS, MAX_REQUEST_BYTES, MAX_SOCKET_REQUEST_BYTES, PROTOCOL_VERSION, SOCKET_IDLE_MS, SOCKET_REQUEST_TYPES, type PingReply } from '../../../native-host/protocol';
import { MAX_PROFILES_PER_REQUEST } from '../../../native-host/validate';
import { LOCK_OPTIONS, POLL_MS } from '../../../native-host/disk/lock';

const doc = readFileSync(path.resolve(import.meta.dirname, '../../../native-host/PROTOCOL.md'), 'utf8');

describe('PROTOCOL.md', () => {
  it('lists exactly the error codes the code has, with the same numbers', () => {
    const rows = [...doc.matchAll(/^\| (\d+) \| (\w+) \|/gm)].map((match) => [match[2], Number(match[1])]);
    expect(Object.fromEntries(rows)).toEqual(ErrorCode);
  });

  it('describes every request type the host answers', async () => {
    const reply = (await handle({ type: 'ping' }, {} as never)) as PingReply & { ok: true };
    const documented = [...doc.matchAll(/^### `([a-z-]+)`$/gm)].map((match) => match[1]);
    expect(documented).toEqual([...reply.capabilities]);
    expect(reply.protocol).toBe(PROTOCOL_VERSION);
  });

  it('states the request size limit the framing enforces', () => {
    expect(doc).toContain(`1 MiB (${MAX_REQUEST_BYTES.toLocaleString('en-US')} bytes)`);
  });

  it('states the local socket’s limits and request set as the code has them', () => {
    expect(doc).toContain(`64 KiB (${MAX_SOCKET_REQUEST_BYTES.toLocaleString('en-US')} bytes)`);
    expect(doc).toContain(`after ${SOCKET_IDLE_MS / 1000} seconds without a byte`);
    const names = SOCKET_REQUEST_TYPES.map((type) => `\`${type}\``);
    expect(doc).toContain(`**Requests.** ${names.slice(0, -1).join(', ')} and ${names.at(-1)}`);
  });

  it('states the profile count the validator enforces', () => {
    expect(doc).toContain(`\`profiles\`: 1 to ${MAX_PROFILES_PER_REQUEST.toLocaleString('en-US')} entries`);
  });

  it('states the lock wait the host uses, and the host gives up before the extension does', async () => {
    const documented = /another host held it for (\d+) seconds/.exec(doc);
    expect(Number(documented?.[1]) * 1000).toBe(LOCK_WAIT_MS);
    // The wait is the host's own loop over LOCK_WAIT_MS (proper-lockfile itself never retries);
    // test/stress/lock-wait.test.ts measures it.
    expect(LOCK_OPTIONS.retries).toBe(0);
    expect(POLL_MS).toBeLessThan(LOCK_WAIT_MS / 100);
    expect(LOCK_WAIT_MS).toBeLessThan(HOST_REPLY_TIMEOUT_MS);
    // The message a person reads names the same wait.
    const reply = await handle({ type: 'status' }, {
      credentialsFile: '/tmp/credentials',
      listProfiles: () => Promise.reject(new FileProblem('lock-held', '/tmp/credentials.stsbridge.lock')),
      now: () => new Date(),
    } as never);
    expect(reply).toMatchObject({ ok: false, message: expect.stringContaining(`over ${LOCK_WAIT_MS / 1000} seconds`) });
  });
});
