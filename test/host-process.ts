// Runs the built host (build/native-host/stsbridge-host.cjs) the way Chrome does: the caller's
// origin as first argument, frames on stdin, frames back on stdout.

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EXTENSION_ORIGIN, type HostReply } from '../native-host/protocol';

export const HOST_BUNDLE = path.resolve(import.meta.dirname, '../build/native-host/stsbridge-host.cjs');

const ROOT = path.resolve(import.meta.dirname, '..');
/** What the host bundle is built from: its own folder, and the extension's modules it imports. */
const HOST_SOURCES = ['native-host', 'extension/aws'].map((folder) => path.join(ROOT, folder));

/** The newest source file under `folders` (by modification time), with its time. */
function newestSource(folders: readonly string[]): { file: string; mtimeMs: number } | undefined {
  let newest: { file: string; mtimeMs: number } | undefined;
  for (const folder of folders) {
    for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !/\.(ts|json|sh)$/.test(entry.name)) continue;
      const file = path.join(entry.parentPath, entry.name);
      const { mtimeMs } = statSync(file);
      if (!newest || mtimeMs > newest.mtimeMs) newest = { file, mtimeMs };
    }
  }
  return newest;
}

/**
 * The built host is there and newer than every source it is built from: a test of the program
 * must not pass against an older build of it.
 */
export function assertHostBuilt(): void {
  const problem = buildProblem(HOST_BUNDLE, HOST_SOURCES);
  if (problem) throw new Error(`${problem}: run "npm run build" first (npm test and npm run test:unit do).`);
}

/** Why `bundle` is not a build of `sources` as they are now; undefined when it is. */
export function buildProblem(bundle: string, sources: readonly string[]): string | undefined {
  if (!existsSync(bundle)) return `${bundle} is missing`;
  const newest = newestSource(sources);
  if (newest && newest.mtimeMs > statSync(bundle).mtimeMs) return `${bundle} is older than ${path.relative(ROOT, newest.file)}`;
  return undefined;
}

/** One request frame: a Buffer is sent as it is, a string as UTF-8, anything else as JSON. */
export function frame(message: unknown): Buffer {
  const body = Buffer.isBuffer(message) ? message : Buffer.from(typeof message === 'string' ? message : JSON.stringify(message));
  const head = Buffer.alloc(4);
  head.writeUInt32LE(body.length);
  return Buffer.concat([head, body]);
}

export interface HostRun {
  readonly replies: HostReply[];
  readonly exitCode: number | null;
  readonly stderr: string;
}

/**
 * A private runtime folder for the hosts these tests start: each listens on its local socket
 * under `$XDG_RUNTIME_DIR/stsbridge`, which must not be the real user's.
 */
export const TEST_RUNTIME_DIR = path.join(os.tmpdir(), `stsbridge-test-runtime-${process.pid}`);
mkdirSync(TEST_RUNTIME_DIR, { recursive: true, mode: 0o700 });

/** Reads every complete frame out of `bytes`; returns them and the bytes left over. */
export function readFrames(bytes: Buffer): { frames: HostReply[]; rest: Buffer } {
  const frames: HostReply[] = [];
  let rest = bytes;
  while (rest.length >= 4 && rest.length >= 4 + rest.readUInt32LE(0)) {
    const length = rest.readUInt32LE(0);
    frames.push(JSON.parse(rest.subarray(4, 4 + length).toString()) as HostReply);
    rest = rest.subarray(4 + length);
  }
  return { frames, rest };
}

/** A host kept running, as Chrome keeps it while its port is open: stdin stays open until `stop`. */
export interface LiveHost {
  readonly child: ChildProcessWithoutNullStreams;
  /** Sends one request and waits for the next reply frame. */
  ask(message: unknown): Promise<HostReply>;
  /** Sends a frame and waits for nothing (an answer to a request the host made). */
  tell(message: unknown): void;
  /** Frames the host sends unasked (protocol 5's `refresh`), as the extension would get them. */
  onRequest(handler: (message: { type: string; request: string; profiles?: string[]; all?: true }) => void): void;
  /** Ends stdin (the browser closed the port) and resolves with the exit code. */
  stop(): Promise<number | null>;
}

export function startHost(options: { env?: NodeJS.ProcessEnv; origin?: string } = {}): LiveHost {
  const child = spawn(process.execPath, [HOST_BUNDLE, options.origin ?? EXTENSION_ORIGIN], {
    env: { ...process.env, XDG_RUNTIME_DIR: TEST_RUNTIME_DIR, ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let buffered: Buffer = Buffer.alloc(0);
  const waiting: ((reply: HostReply) => void)[] = [];
  let requests: Parameters<LiveHost['onRequest']>[0] = () => undefined;
  child.stdout.on('data', (chunk: Buffer) => {
    const { frames, rest } = readFrames(Buffer.concat([buffered, chunk]));
    buffered = rest;
    for (const frame of frames) {
      // A reply carries `ok`; a request the host makes carries `request` instead.
      if (!('ok' in frame) && 'request' in frame) requests(frame);
      else waiting.shift()?.(frame);
    }
  });
  child.stderr.resume();
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  return {
    child,
    ask(message) {
      return new Promise((resolve) => {
        waiting.push(resolve);
        child.stdin.write(frame(message));
      });
    },
    tell(message) {
      child.stdin.write(frame(message));
    },
    onRequest(handler) {
      requests = handler;
    },
    stop() {
      child.stdin.end();
      return exited;
    },
  };
}

/** The socket a live host names in its ping, once it listens (it opens its door just after starting). */
export async function socketOf(live: LiveHost): Promise<string> {
  // Generous: on a loaded machine the door opens late, and a slow machine is no failure.
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const reply = await live.ask({ type: 'ping' });
    if (reply.ok && reply.type === 'ping' && reply.socket) return reply.socket;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the host never named a socket within 20 s');
}

/** Starts the host, writes `input`, closes stdin, and collects every reply frame. */
export function runHost(input: Buffer, options: { env?: NodeJS.ProcessEnv; origin?: string } = {}): Promise<HostRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [HOST_BUNDLE, options.origin ?? EXTENSION_ORIGIN], {
      env: { ...process.env, XDG_RUNTIME_DIR: TEST_RUNTIME_DIR, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (exitCode) => {
      const replies: HostReply[] = [];
      let bytes = Buffer.concat(out);
      while (bytes.length >= 4) {
        const length = bytes.readUInt32LE(0);
        if (bytes.length < 4 + length) throw new Error('the host wrote a truncated frame');
        replies.push(JSON.parse(bytes.subarray(4, 4 + length).toString()) as HostReply);
        bytes = bytes.subarray(4 + length);
      }
      if (bytes.length > 0) reject(new Error(`the host wrote ${bytes.length} stray bytes to stdout`));
      resolve({ replies, exitCode, stderr });
    });
    child.stdin.on('error', () => undefined); // the host may close first on a refused frame
    child.stdin.end(input);
  });
}
