// Runs the built host (build/native-host/stsbridge-host.mjs) the way Chrome does: the caller's
// origin as first argument, frames on stdin, frames back on stdout.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { EXTENSION_ORIGIN, type HostReply } from '../native-host/protocol';

export const HOST_BUNDLE = path.resolve(import.meta.dirname, '../build/native-host/stsbridge-host.mjs');

export function assertHostBuilt(): void {
  if (!existsSync(HOST_BUNDLE)) throw new Error(`${HOST_BUNDLE} is missing: run "npm run build" first (npm test does).`);
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

/** Starts the host, writes `input`, closes stdin, and collects every reply frame. */
export function runHost(input: Buffer, options: { env?: NodeJS.ProcessEnv; origin?: string } = {}): Promise<HostRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [HOST_BUNDLE, options.origin ?? EXTENSION_ORIGIN], {
      env: { ...process.env, ...options.env },
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
