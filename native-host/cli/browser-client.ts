// The command line's way to the browser: the resident host's local socket (socket.ts). Each
// browser (and each profile of one) runs its own host, so every socket in the folder is a way in;
// a socket left by a host that died refuses the connection and is skipped.

import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { encodeFrame, FrameReader } from '../framing';
import { MAX_REPLY_BYTES, type HostReply } from '../protocol';
import { folderProblem, SOCKET_NAME, socketFolder, socketProblem } from '../socket';

/**
 * The sockets of running hosts, newest first (the likeliest to be the browser in use), or why
 * none may be asked: the folder is checked as the host checks it before listening (socket.ts),
 * and each socket must be one of this user's, so a request never goes to another user's listener.
 */
export function hostSockets(env: NodeJS.ProcessEnv, hostFile: string): { readonly sockets: string[] } | { readonly problem: string } {
  const folder = socketFolder(env, hostFile);
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return { sockets: [] };
  }
  const problem = folderProblem(folder);
  if (problem) return { problem: `not asking stsbridge in the browser: ${problem}` };
  const sockets = names.filter((name) => SOCKET_NAME.test(name)).map((name) => path.join(folder, name)).filter((file) => socketProblem(file) === undefined);
  const made = (file: string) => {
    try {
      return statSync(file).mtimeMs;
    } catch {
      return 0;
    }
  };
  return { sockets: sockets.sort((a, b) => made(b) - made(a)) };
}

/** Sends one request on `socket` and resolves with the one reply; rejects with a sentence. */
export async function ask(socket: string, request: unknown, timeoutMs: number): Promise<HostReply> {
  // Loaded only by the commands that ask the browser: `credentials` from fresh keys never does.
  const { connect } = await import('node:net');
  return new Promise((resolve, reject) => {
    const client = connect(socket);
    const reader = new FrameReader(MAX_REPLY_BYTES);
    const timer = setTimeout(() => {
      client.destroy();
      reject(new Error(`stsbridge in the browser did not answer within ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
    const done = (settle: () => void) => {
      clearTimeout(timer);
      client.destroy();
      settle();
    };
    client.on('error', (error: NodeJS.ErrnoException) => done(() => reject(new Error(`stsbridge in the browser could not be reached (${error.code ?? error.message})`))));
    client.on('data', (chunk: Buffer) => {
      for (const event of reader.push(chunk)) {
        if (event.kind === 'too-large') return done(() => reject(new Error("stsbridge in the browser answered with more than a reply can hold")));
        let reply: unknown;
        try {
          reply = JSON.parse(event.body.toString('utf8'));
        } catch {
          return done(() => reject(new Error("stsbridge in the browser answered with something that is not JSON")));
        }
        if (typeof reply !== 'object' || reply === null || typeof (reply as { ok?: unknown }).ok !== 'boolean') {
          return done(() => reject(new Error("stsbridge in the browser answered in a shape stsbridge does not know")));
        }
        return done(() => resolve(reply as HostReply));
      }
    });
    client.on('end', () => done(() => reject(new Error("stsbridge in the browser closed the connection without answering"))));
    client.write(encodeFrame(request));
  });
}
