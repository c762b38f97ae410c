// The local door (native-host/socket.ts) of a real host process, kept running as Chrome keeps it.

import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode, MAX_SOCKET_REQUEST_BYTES, PROTOCOL_VERSION, SOCKET_IDLE_MS, type HostReply } from '../../../native-host/protocol';
import { assertHostBuilt, frame, HOST_BUNDLE, readFrames, socketOf, startHost, type LiveHost } from '../../host-process';
import { ensureSecondUser, has, rootForSecondUser, SECOND_USER } from '../../requirements';

let dir: string;
let hosts: LiveHost[];
const runtime = () => path.join(dir, 'runtime');
const folder = () => path.join(runtime(), 'stsbridge');

function host(env: NodeJS.ProcessEnv = {}, origin?: string): LiveHost {
  const live = startHost({ env: { XDG_RUNTIME_DIR: runtime(), AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials'), ...env }, ...(origin ? { origin } : {}) });
  hosts.push(live);
  return live;
}

/** One connection: sends `bytes` (ending the input unless told not to) and collects every reply until the host closes. */
function talk(socket: string, bytes: Buffer, { end = true } = {}): Promise<HostReply[]> {
  return new Promise((resolve, reject) => {
    const client = connect(socket);
    const chunks: Buffer[] = [];
    client.on('data', (chunk) => chunks.push(chunk));
    client.on('error', reject);
    client.on('close', () => resolve(readFrames(Buffer.concat(chunks)).frames));
    client.write(bytes);
    if (end) client.end();
  });
}

beforeAll(assertHostBuilt);
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'stsbridge-socket-'));
  mkdirSync(runtime(), { mode: 0o700 });
  hosts = [];
});
afterEach(async () => {
  await Promise.all(hosts.map((live) => live.stop()));
  rmSync(dir, { recursive: true, force: true });
});

describe('the local socket', () => {
  it('is a 0600 socket in a 0700 folder under $XDG_RUNTIME_DIR, named by the host in its ping', async () => {
    const live = host();
    const socket = await socketOf(live);
    expect(socket).toBe(path.join(folder(), `host-${live.child.pid}.sock`));
    expect(statSync(folder()).mode & 0o777).toBe(0o700);
    expect(statSync(socket).isSocket()).toBe(true);
    expect(statSync(socket).mode & 0o777).toBe(0o600);
    const ping = await live.ask({ id: 'p', type: 'ping' });
    expect(ping).toMatchObject({ ok: true, id: 'p', type: 'ping', protocol: PROTOCOL_VERSION, pid: live.child.pid, superseded: false });
  });

  it('lives beside the host when $XDG_RUNTIME_DIR is not set', async () => {
    const live = host({ XDG_RUNTIME_DIR: '' });
    const socket = await socketOf(live);
    expect(path.dirname(socket)).toBe(path.join(path.dirname(HOST_BUNDLE), 'run'));
    expect(statSync(path.dirname(socket)).mode & 0o077).toBe(0);
  });

  it('answers ping and status in frames, in order, and refuses what only the extension may ask', async () => {
    const socket = await socketOf(host());
    const replies = await talk(socket, Buffer.concat([frame({ id: '1', type: 'ping' }), frame({ id: '2', type: 'status' }), frame({ id: '3', type: 'write-profiles', profiles: [] })]));
    expect(replies.map((reply) => reply.id)).toEqual(['1', '2', '3']);
    expect(replies[0]).toMatchObject({ ok: true, type: 'ping', version: expect.any(String) });
    expect(replies[1]).toMatchObject({ ok: true, type: 'status', profiles: [], omitted: 0 });
    expect(replies[2]).toMatchObject({ ok: false, code: ErrorCode.wrongChannel, message: expect.stringContaining('not served on the local socket') });
  });

  it('survives garbage: not JSON, not UTF-8, unknown types and random bytes, each refused by name', async () => {
    const live = host();
    const socket = await socketOf(live);
    const replies = await talk(socket, Buffer.concat([frame('{not json'), frame(Buffer.from([0xff, 0xfe, 0x7b])), frame({ type: 'launch-missiles' }), frame({ type: 'ping', extra: 1 }), frame({ type: 'ping' })]));
    expect(replies.map((reply) => (reply.ok ? 'ok' : reply.error))).toEqual(['invalidJson', 'invalidJson', 'unknownType', 'invalidRequest', 'ok']);
    for (let round = 0; round < 50; round += 1) await talk(socket, randomBytes(1 + (round % 7) * 37));
    expect(await live.ask({ type: 'ping' })).toMatchObject({ ok: true });
    expect((await talk(socket, frame({ type: 'ping' })))[0]).toMatchObject({ ok: true });
  });

  it('refuses an oversized request unread and closes that connection only', async () => {
    const live = host();
    const socket = await socketOf(live);
    const head = Buffer.alloc(4);
    head.writeUInt32LE(MAX_SOCKET_REQUEST_BYTES + 1);
    const replies = await talk(socket, Buffer.concat([head, Buffer.alloc(1000)]), { end: false });
    expect(replies).toEqual([expect.objectContaining({ ok: false, code: ErrorCode.frameTooLarge })]);
    expect((await talk(socket, frame({ type: 'ping' })))[0]).toMatchObject({ ok: true });
    expect(await live.ask({ type: 'ping' })).toMatchObject({ ok: true });
  });

  it('answers a half-sent request when the input ends, and drops one left hanging after the idle time', async () => {
    const socket = await socketOf(host());
    const half = frame({ type: 'ping' }).subarray(0, 9);
    expect(await talk(socket, half)).toEqual([expect.objectContaining({ ok: false, code: ErrorCode.frameTruncated })]);
    const started = Date.now();
    expect(await talk(socket, half, { end: false })).toEqual([expect.objectContaining({ ok: false, code: ErrorCode.frameTruncated, message: expect.stringContaining('within') })]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(SOCKET_IDLE_MS - 100);
  }, 30_000);

  it('is removed when the browser closes the port, and the host exits within a second', async () => {
    const live = host();
    const socket = await socketOf(live);
    const started = Date.now();
    expect(await live.stop()).toBe(0);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(existsSync(socket)).toBe(false);
  });

  it('exits when the port closes even while a command-line client holds a connection open', async () => {
    const live = host();
    const socket = await socketOf(live);
    const client = connect(socket);
    await new Promise((resolve) => client.on('connect', resolve));
    const started = Date.now();
    expect(await live.stop()).toBe(0);
    expect(Date.now() - started).toBeLessThan(1000);
    client.destroy();
  });

  it('replaces the socket a killed host left behind, and each running host keeps its own', async () => {
    const killed = host();
    const stale = await socketOf(killed);
    killed.child.kill('SIGKILL');
    await killed.stop();
    expect(existsSync(stale)).toBe(true);
    const [first, second] = [host(), host()];
    const sockets = [await socketOf(first), await socketOf(second)];
    expect(existsSync(stale)).toBe(false);
    expect(readdirSync(folder()).sort()).toEqual(sockets.map((socket) => path.basename(socket)).sort());
    for (const socket of sockets) expect((await talk(socket, frame({ type: 'ping' })))[0]).toMatchObject({ ok: true });
  });

  it('does not listen in a folder other users may open, and says why', async () => {
    mkdirSync(folder(), { mode: 0o755 });
    const live = host();
    const ping = await live.ask({ type: 'ping' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(ping).toMatchObject({ ok: true });
    expect((await live.ask({ type: 'ping' })) as object).not.toHaveProperty('socket');
    expect(readdirSync(folder())).toEqual([]);
  });

  it('opens no socket for a caller it refuses', async () => {
    const live = host({}, 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/');
    await live.ask({ type: 'ping' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(existsSync(folder()) ? readdirSync(folder()) : []).toEqual([]);
  });
});

describe.runIf(has(rootForSecondUser))('another user on the same machine', () => {
  beforeAll(ensureSecondUser);

  it('cannot connect to the socket', async () => {
    const socket = await socketOf(host());
    const script = `require('net').connect(${JSON.stringify(socket)}).on('connect', () => { console.log('connected'); process.exit(0); }).on('error', (e) => { console.log(e.code); process.exit(0); });`;
    const other = execFileSync('runuser', ['-u', SECOND_USER, '--', process.execPath, '-e', script], { encoding: 'utf8' }).trim();
    expect(other).toBe('EACCES');
    // The same script as this user connects: the refusal is the folder's, not a broken script.
    expect(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }).trim()).toBe('connected');
  });
});
