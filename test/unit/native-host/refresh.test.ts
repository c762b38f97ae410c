// Protocol 5 end to end, with this test in the extension's place: `stsbridge refresh` and
// `stsbridge credentials` ask the real host on its socket, the host passes the refresh to "the
// extension" over the native port, and its `refresh-result` comes back to the command.

import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ErrorCode } from '../../../native-host/protocol';
import type { RefreshResult } from '../../../native-host/refresh-protocol';
import { assertHostBuilt, frame, HOST_BUNDLE, socketOf, startHost, type LiveHost } from '../../host-process';
import { COMMAND_TIME } from '../../run-command';

const P = '123456789012-Admin';
const keys = (tag: string, expiration: string) => ({
  accessKeyId: `ASIAREFRESH${tag.padEnd(9, '0')}`,
  secretAccessKey: `refresh/secret+${tag.padEnd(24, '0')}`,
  sessionToken: `IQoJb3JpZ2luREFRESH${tag}TOKEN==`,
  expiration,
});
const soon = () => new Date(Date.now() + 5 * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
const later = () => new Date(Date.now() + 60 * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');

let dir: string;
let host: LiveHost;
let socketPath: string;
let asked: { type: string; request: string; profiles?: string[]; all?: true }[];
const env = () => ({ PATH: process.env.PATH, HOME: dir, AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials'), XDG_RUNTIME_DIR: path.join(dir, 'runtime') });

function stsbridge(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [HOST_BUNDLE, ...args], { env: env() });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The extension's part: how it answers each refresh the host passes on. */
function extension(answer: (profiles: readonly string[]) => Promise<RefreshResult[]> | RefreshResult[] | undefined): void {
  host.onRequest((message) => {
    asked.push(message);
    void Promise.resolve(answer(message.profiles ?? ['(all)'])).then((results) => {
      if (results) host.tell({ type: 'refresh-result', request: message.request, results });
    });
  });
}

/** The login a refresh brings: new keys in the file, written the way the extension writes them. */
async function writeFresh(tag: string): Promise<string> {
  const expiration = later();
  expect(await host.ask({ type: 'write-profiles', profiles: [{ name: P, ...keys(tag, expiration) }] })).toMatchObject({ ok: true });
  return expiration;
}

beforeAll(assertHostBuilt);
beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'stsbridge-refresh-'));
  mkdirSync(path.join(dir, 'runtime'), { mode: 0o700 });
  asked = [];
  host = startHost({ env: env() });
  expect(await host.ask({ type: 'write-profiles', profiles: [{ name: P, ...keys('OLD', soon()) }, { name: 'gone', ...keys('GONE', '2020-01-01T00:00:00Z') }] })).toMatchObject({ ok: true });
  socketPath = await socketOf(host);
});
afterEach(async () => {
  await host.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('stsbridge refresh', () => {
  it('passes the profiles to the browser and reports what it did', async () => {
    extension(async () => [{ profile: P, state: 'refreshed', expiration: await writeFresh('NEW') }]);
    const run = await stsbridge('refresh', P);
    expect(asked).toEqual([{ type: 'refresh', request: expect.any(String), profiles: [P] }]);
    expect(run).toEqual({ code: 0, stdout: expect.stringMatching(new RegExp(`^${P}: refreshed, valid until ${COMMAND_TIME}\\n$`)), stderr: '' });
  });

  it('asks for every profile with --all, and exits 1 when one was not refreshed, saying why', async () => {
    extension(() => [
      { profile: P, state: 'failed', message: 'your identity provider session has ended; sign in again' },
      { profile: 'other', state: 'unknown', message: 'this browser has not written other' },
    ]);
    const run = await stsbridge('refresh', '--all');
    expect(asked[0]).toMatchObject({ all: true });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`${P}: not refreshed: your identity provider session has ended; sign in again\nother: not known to the browser: this browser has not written other\n`);
  });

  it('says when the browser does not finish within --wait', async () => {
    extension(() => undefined);
    const run = await stsbridge('refresh', P, '--wait', '1');
    expect(run).toEqual({ code: 1, stdout: '', stderr: 'stsbridge: The browser did not finish the refresh within 1 s.\n' });
  });

  it('says when no browser is running, and when a socket answers garbage', async () => {
    await host.stop();
    expect(await stsbridge('refresh', P)).toMatchObject({ code: 1, stderr: expect.stringContaining('no browser with stsbridge is listening (open the browser; if it is open, turn on “Stay connected to the stsbridge command”') });
    host = startHost({ env: { ...env(), XDG_RUNTIME_DIR: path.join(dir, 'elsewhere') } });
    const folder = path.join(dir, 'runtime', 'stsbridge');
    chmodSync(folder, 0o700);
    const liar = createServer((socket) => socket.end(Buffer.from([5, 0, 0, 0, 0x7b, 0x7b, 0x7b, 0x7b, 0x7b])));
    await new Promise<void>((resolve) => liar.listen(path.join(folder, `host-${process.pid}.sock`), resolve));
    try {
      expect(await stsbridge('refresh', P)).toMatchObject({ code: 1, stdout: '', stderr: 'stsbridge: stsbridge in the browser answered with something that is not JSON\n' });
    } finally {
      liar.close();
    }
  });
});

describe('many callers at once', () => {
  /** One connection to the host's socket: one request, its one reply. */
  function askSocket(request: unknown): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const client = connect(socketPath);
      let bytes = Buffer.alloc(0);
      client.on('data', (chunk: Buffer) => {
        bytes = Buffer.concat([bytes, chunk]);
        if (bytes.length >= 4 && bytes.length >= 4 + bytes.readUInt32LE(0)) {
          client.destroy();
          resolve(JSON.parse(bytes.subarray(4, 4 + bytes.readUInt32LE(0)).toString()));
        }
      });
      client.on('error', reject);
      client.write(frame(request));
    });
  }

  it('ten refreshes of one profile from the socket reach the browser as one request, and all get its answer', async () => {
    let expiration = '';
    extension(async () => {
      // The browser takes its time, as a sign-in does: every caller has asked by then.
      await new Promise((resolve) => setTimeout(resolve, 300));
      return [{ profile: P, state: 'refreshed', expiration: (expiration = await writeFresh('NEW')) }];
    });
    // Each says when it read its keys, as the command does: one that arrives after the refresh
    // (a loaded machine) is answered by it too, not sent to the browser again.
    const readAt = new Date().toISOString();
    const replies = await Promise.all(Array.from({ length: 10 }, (_, index) => askSocket({ id: String(index), type: 'refresh', profiles: [P], readAt })));
    expect(asked).toHaveLength(1);
    expect(replies).toEqual(Array.from({ length: 10 }, (_, index) => ({ id: String(index), ok: true, type: 'refresh', results: [{ profile: P, state: 'refreshed', expiration }] })));
  });

  it('asks only for what is not under way, and answers a caller whose keys are older than the last refresh from it', async () => {
    extension(async (profiles) => {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const expiration = await writeFresh('NEW');
      return profiles.map((profile) => ({ profile, state: 'refreshed' as const, expiration }));
    });
    const readAt = new Date().toISOString();
    // The first is under way before the second is sent: which of two connections the host reads
    // first is not for the test to guess.
    const first = askSocket({ type: 'refresh', profiles: [P], readAt });
    await vi.waitFor(() => expect(asked).toHaveLength(1));
    await Promise.all([first, askSocket({ type: 'refresh', profiles: [P, 'other'], readAt })]);
    expect(asked.map((request) => request.profiles)).toEqual([[P], ['other']]);
    // A caller that read its keys before those refreshes finished: answered by them.
    expect(await askSocket({ type: 'refresh', profiles: [P, 'other'], readAt })).toMatchObject({ ok: true, results: [{ profile: P, state: 'refreshed' }, { profile: 'other', state: 'refreshed' }] });
    expect(asked).toHaveLength(2);
    // A person's refresh (no readAt), or keys read after the last refresh: the browser is asked.
    await askSocket({ type: 'refresh', profiles: [P] });
    await askSocket({ type: 'refresh', profiles: [P], readAt: new Date().toISOString() });
    expect(asked).toHaveLength(4);
  });

  it('refuses a readAt that is not an instant', async () => {
    expect(await askSocket({ type: 'refresh', profiles: [P], readAt: 'yesterday' })).toMatchObject({ ok: false, code: ErrorCode.invalidRequest, message: '"readAt" must be an ISO 8601 time' });
  });

  it('twenty `stsbridge credentials` near expiry make one browser request, and all print the same new keys', async () => {
    extension(async () => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const expiration = later();
      // As a sign-in writes them: stamped, so the command knows they are new.
      expect(await host.ask({ type: 'write-profiles', profiles: [{ name: P, ...keys('NEW', expiration) }], source: { how: 'command' } })).toMatchObject({ ok: true });
      return [{ profile: P, state: 'refreshed', expiration }];
    });
    const runs = await Promise.all(Array.from({ length: 20 }, () => stsbridge('credentials', P)));
    expect(asked).toHaveLength(1);
    for (const run of runs) expect({ code: run.code, stderr: run.stderr, key: (JSON.parse(run.stdout) as { AccessKeyId: string }).AccessKeyId }).toEqual({ code: 0, stderr: '', key: keys('NEW', '').accessKeyId });
    // And a caller after them all is served from the file, still without asking.
    expect(JSON.parse((await stsbridge('credentials', P)).stdout)).toMatchObject({ AccessKeyId: keys('NEW', '').accessKeyId });
    expect(asked).toHaveLength(1);
  });

  it('with 15-minute sessions, serves the keys just refreshed instead of asking on every call', async () => {
    const fifteen = () => new Date(Date.now() + 15 * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    expect(await host.ask({ type: 'write-profiles', profiles: [{ name: P, ...keys('SHORT', fifteen()) }], source: { how: 'silent' } })).toMatchObject({ ok: true });
    extension(() => undefined);
    for (let call = 0; call < 5; call += 1) expect(JSON.parse((await stsbridge('credentials', P)).stdout)).toMatchObject({ AccessKeyId: keys('SHORT', '').accessKeyId });
    expect(asked).toEqual([]);
  });
});

describe('a profile name nobody knows', () => {
  it('is a typo to `credentials` once the browser does not know it either: no advice to sign in, and the name meant', async () => {
    extension((profiles) => profiles.map((profile) => ({ profile, state: 'unknown' as const, message: `this browser has not written ${profile}` })));
    const run = await stsbridge('credentials', '123456789012-Admn');
    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr: `stsbridge: no profile named 123456789012-Admn: it is not in ${path.join(dir, 'credentials')}, and this browser has not written it. Did you mean ${P}? \`stsbridge list\` lists the profiles stsbridge manages\n`,
    });
    expect(run.stderr).not.toContain('Sign in');
  });

  it('is a typo to `env`, which never asks the browser', async () => {
    const run = await stsbridge('env', '123456789012-admin');
    expect(run).toEqual({ code: 1, stdout: '', stderr: `stsbridge: no profile named 123456789012-admin: it is not in ${path.join(dir, 'credentials')}. Did you mean ${P}? \`stsbridge list\` lists the profiles stsbridge manages\n` });
    expect(asked).toEqual([]);
  });
});

describe('stsbridge credentials, near expiry', () => {
  it('refreshes credentials with less than --refresh-within left, and prints the new ones', async () => {
    let expiration = '';
    extension(async () => [{ profile: P, state: 'refreshed', expiration: (expiration = await writeFresh('NEW')) }]);
    const run = await stsbridge('credentials', P);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ Version: 1, AccessKeyId: keys('NEW', '').accessKeyId, SecretAccessKey: keys('NEW', '').secretAccessKey, SessionToken: keys('NEW', '').sessionToken, Expiration: expiration });
  });

  it('does not ask the browser while more than --refresh-within is left', async () => {
    extension(() => undefined);
    const run = await stsbridge('credentials', P, '--refresh-within', '1');
    expect(asked).toEqual([]);
    expect(JSON.parse(run.stdout)).toMatchObject({ AccessKeyId: keys('OLD', '').accessKeyId });
  });

  it('prints the old credentials when the refresh fails but they are still valid, with a warning', async () => {
    extension(() => [{ profile: P, state: 'failed', message: 'your identity provider session has ended' }]);
    const run = await stsbridge('credentials', P);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ AccessKeyId: keys('OLD', '').accessKeyId });
    expect(run.stderr).toMatch(new RegExp(`^stsbridge: warning: 123456789012-Admin was not refreshed \\(your identity provider session has ended\\); these credentials are valid until ${COMMAND_TIME}\n$`));
  });

  it('prints nothing for expired credentials the browser cannot refresh, and says why and what to do', async () => {
    extension(() => [{ profile: 'gone', state: 'failed', message: 'your identity provider session has ended' }]);
    const run = await stsbridge('credentials', 'gone');
    expect({ code: run.code, stdout: run.stdout }).toEqual({ code: 1, stdout: '' });
    expect(run.stderr).toMatch(/^stsbridge: gone expired at [^,]+, and the browser could not refresh it: your identity provider session has ended\. Sign in to your identity provider in the browser, then run `stsbridge refresh gone`\n$/);
    expect(run.stderr).not.toContain(keys('GONE', '').secretAccessKey);
  });
});

describe('the channels', () => {
  it('refuses a refresh from the extension, and a refresh-result from the socket, by name', async () => {
    expect(await host.ask({ id: 'r', type: 'refresh', profiles: [P] })).toMatchObject({ ok: false, id: 'r', code: ErrorCode.wrongChannel });
  });

  it('refuses a malformed refresh-result, and drops one that answers nothing', async () => {
    expect(await host.ask({ type: 'refresh-result', request: 'x', results: [{ profile: P, state: 'great' }] })).toMatchObject({ ok: false, code: ErrorCode.invalidRequest });
    expect(await host.ask({ type: 'refresh-result', request: 'nobody-asked', results: [] })).toMatchObject({ ok: true, type: 'refresh-result' });
  });
});
