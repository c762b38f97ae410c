// 10,000 random and mutated frames thrown at the real host process, started as Chrome starts it.
// Whatever arrives, the host answers each whole frame with a well-formed reply (an error, or a
// harmless ping/status), exits cleanly when its input ends, never hangs, and never writes: the
// corpus holds no valid write, so the credentials file must never appear.

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, MAX_REQUEST_BYTES } from '../../native-host/protocol';
import { validateRequest } from '../../native-host/validate';
import { assertHostBuilt } from '../host-process';
import { credentialsFor, startHost } from './writers';

const FRAMES = 10_000;
const PER_PROCESS = 100;
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

/** mulberry32: small, seedable, good enough to drive a fuzzer reproducibly. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const KNOWN_CODES = new Set<number>(Object.values(ErrorCode));

function frameOf(body: Buffer, declared = body.length): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt32LE(declared >>> 0);
  return Buffer.concat([head, body]);
}

/** A frame, and whether it ends the connection (the host cannot read on after it). */
interface Fuzzed {
  readonly bytes: Buffer;
  readonly fatal: boolean;
}

function corpus(next: () => number): Fuzzed[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const valid = () => ({ id: String(Math.floor(next() * 1e6)), type: 'write-profiles', profiles: [credentialsFor(`fuzz-${Math.floor(next() * 100)}`, 1)] });
  const scalar = () => pick<unknown>([null, true, 0, -1, 1e308, '', 'x'.repeat(Math.floor(next() * 5000)), '\u0000', '__proto__', [], {}, { type: 'ping' }]);
  const mutateJson = (value: Record<string, unknown>): unknown => {
    const copy = JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
    const profile = (copy.profiles as Record<string, unknown>[])[0]!;
    switch (Math.floor(next() * 9)) {
      case 0: return { ...copy, type: pick(['Write-Profiles', 'write_profiles', '', 42, null, 'delete']) };
      case 1: return { ...copy, profiles: scalar() };
      case 2: profile[pick(['name', 'accessKeyId', 'secretAccessKey', 'sessionToken', 'expiration', 'region', 'output'])] = scalar(); return copy;
      case 3: profile.name = pick(['x]\n[default', ' lead', 'a'.repeat(65), 'semi;colon', 'hash#', '']); return copy;
      case 4: return { ...copy, profiles: [profile, profile] };
      case 5: return { ...copy, id: pick([{}, 1, 'i'.repeat(65)]) };
      case 6: return JSON.parse(`{"__proto__": {"polluted": true}, "type": "write-profiles", "profiles": ${JSON.stringify(copy.profiles)}, "constructor": 1}`) as unknown;
      case 7: { let deep: unknown = copy; for (let i = 0; i < 2000; i += 1) deep = [deep]; return deep; }
      default: return pick([[], 'write-profiles', null, 3]);
    }
  };
  const frames: Fuzzed[] = [];
  const push = (bytes: Buffer, fatal = false) => frames.push({ bytes, fatal });
  while (frames.length < FRAMES) {
    const kind = next();
    if (kind < 0.35) {
      // A request that is JSON but invalid.
      const value = mutateJson(valid());
      if (validateRequest(value).ok && (value as { type?: unknown }).type === 'write-profiles') continue;
      push(frameOf(Buffer.from(JSON.stringify(value))));
    } else if (kind < 0.55) {
      // Valid JSON text with bytes flipped, inserted or removed.
      const bytes = Buffer.from(JSON.stringify(valid()));
      for (let flips = 1 + Math.floor(next() * 4); flips > 0; flips -= 1) bytes[Math.floor(next() * bytes.length)] = Math.floor(next() * 256);
      const text = bytes.toString('latin1');
      try {
        if (validateRequest(JSON.parse(text)).ok) continue;
      } catch {
        // not JSON: exactly what we want
      }
      push(frameOf(bytes));
    } else if (kind < 0.75) {
      // Random bytes of random length.
      push(frameOf(Buffer.from(Array.from({ length: Math.floor(next() * 300) }, () => Math.floor(next() * 256)))));
    } else if (kind < 0.85) {
      push(frameOf(Buffer.from(JSON.stringify(pick([{ type: 'ping' }, { type: 'status' }, { id: 'p', type: 'ping' }])))));
    } else if (kind < 0.99) {
      // Invalid UTF-8 and lone surrogates.
      push(frameOf(Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0xed, 0xa0, 0x80, 0x22, 0x7d])));
    } else if (kind < 0.995) {
      // A length prefix that lies: longer than what follows (truncated at the end of input).
      push(frameOf(Buffer.from('{"type":"ping"}'), 15 + 1 + Math.floor(next() * 1000)), true);
    } else {
      // A declared length over the limit.
      push(frameOf(Buffer.alloc(16), MAX_REQUEST_BYTES + 1 + Math.floor(next() * 2 ** 30)), true);
    }
  }
  return frames;
}

let dir: string;
beforeAll(() => {
  assertHostBuilt();
  dir = mkdtempSync(path.join(os.tmpdir(), 'stsbridge-fuzz-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe(`the host under ${FRAMES} random and mutated frames (seed ${SEED}; FUZZ_SEED=${SEED} replays)`, () => {
  it('always answers in form or exits cleanly, never hangs, never writes', async () => {
    // Batches of up to PER_PROCESS frames; a frame that ends the connection goes last in its
    // batch, so that every frame of the corpus reaches a host.
    const fuzzed = corpus(random(SEED));
    const fatal = fuzzed.filter((frame) => frame.fatal);
    const plain = fuzzed.filter((frame) => !frame.fatal);
    const count = Math.max(fatal.length, Math.ceil(plain.length / (PER_PROCESS - 1)));
    const batches: Fuzzed[][] = Array.from({ length: count }, () => []);
    plain.forEach((frame, i) => batches[i % count]!.push(frame));
    fatal.forEach((frame, i) => batches[i]!.push(frame));
    const file = path.join(dir, 'credentials');
    let replies = 0;
    for (const [index, batch] of batches.entries()) {
      const host = startHost(file, Buffer.concat(batch.map((frame) => frame.bytes)));
      const timer = setTimeout(() => host.child.kill('SIGKILL'), 10_000);
      const code = await host.exited;
      clearTimeout(timer);
      expect(code, `batch ${index} did not exit cleanly (seed ${SEED})`).toBe(0);
      // One reply per frame, the closing one included.
      expect(host.replies, `batch ${index} (seed ${SEED})`).toHaveLength(batch.length);
      for (const reply of host.replies) {
        if (reply.ok) expect(['ping', 'status']).toContain(reply.type);
        else {
          expect(KNOWN_CODES.has(reply.code)).toBe(true);
          expect(reply.message.length).toBeGreaterThan(0);
        }
      }
      replies += host.replies.length;
    }
    expect(existsSync(file)).toBe(false);
    console.log(`fuzz: ${fuzzed.length} frames in ${batches.length} host processes, ${replies} replies, one per frame, all well-formed; no write (seed ${SEED})`);
  }, 300_000);
});
