// Helpers for the stress tier: host processes started as Chrome starts them, fed many frames.

import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { EXTENSION_ORIGIN, type HostReply } from '../../native-host/protocol';
import { frame, HOST_BUNDLE } from '../host-process';

export function credentialsFor(name: string, serial: number) {
  const digits = String(serial).padStart(16, '0');
  return {
    name,
    accessKeyId: `ASIA${digits}`,
    secretAccessKey: `secret/${digits}+${name.replace(/[^A-Za-z0-9]/g, '')}`.padEnd(40, 'x').slice(0, 40),
    sessionToken: `token${digits}${'A'.repeat(200)}`,
    expiration: '2030-01-01T00:00:00Z',
  };
}

export function writeRequest(id: string, names: string[], serial = 0): Buffer {
  return frame({ id, type: 'write-profiles', profiles: names.map((name) => credentialsFor(name, serial)) });
}

export interface RunningHost {
  readonly child: ChildProcess;
  readonly replies: HostReply[];
  readonly exited: Promise<number | null>;
}

export function startHost(file: string, input: Buffer): RunningHost {
  const child = spawn(process.execPath, [HOST_BUNDLE, EXTENSION_ORIGIN], {
    env: { PATH: process.env.PATH, HOME: path.dirname(file), AWS_SHARED_CREDENTIALS_FILE: file },
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  const replies: HostReply[] = [];
  let buffered = Buffer.alloc(0);
  child.stdout.on('data', (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    while (buffered.length >= 4 && buffered.length >= 4 + buffered.readUInt32LE(0)) {
      const length = buffered.readUInt32LE(0);
      replies.push(JSON.parse(buffered.subarray(4, 4 + length).toString()) as HostReply);
      buffered = buffered.subarray(4 + length);
    }
  });
  child.stdin.on('error', () => undefined); // a killed host closes its end first
  child.stdin.end(input);
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, replies, exited };
}

/** Files stsbridge may leave beside the credentials file: none, once a write has finished. */
export function strayFiles(file: string): string[] {
  return readdirSync(path.dirname(file)).filter((name) => name !== path.basename(file) && name !== 'config');
}
