// PROTOCOL.md is the contract; the code must say the same thing.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { handle } from '../../../native-host/handle';
import { ErrorCode, MAX_REQUEST_BYTES, PROTOCOL_VERSION, type PingReply } from '../../../native-host/protocol';

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
});
