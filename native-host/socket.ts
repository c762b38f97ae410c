// The local door: a Unix domain socket the resident host listens on, so that a program on this
// machine (the `stsbridge` command) can reach the browser's host. Only its own user may use it:
// the socket lives in a folder that only that user can open (0700, checked, not assumed), and
// the socket itself is 0600. Node cannot read a peer's credentials (SO_PEERCRED) without a
// native addon, so the folder is the guard, and the host refuses to listen in one that is not
// private. Requests are the native side's frames; each connection is served like stdin is.

import { chmodSync, lstatSync, mkdirSync, readdirSync, unlinkSync } from 'node:fs';
import type { Server, Socket } from 'node:net';
import path from 'node:path';
import { decodeJson, encodeFrame, FrameReader } from './framing';
import { offChannel } from './channels';
import { errorReply, handle, type HostContext } from './handle';
import { MAX_SOCKET_REQUEST_BYTES, SOCKET_IDLE_MS, SOCKET_REQUEST_TYPES, type HostReply } from './protocol';

const SOCKET_NAME = /^host-(\d+)\.sock$/;

/**
 * Where the sockets live: `$XDG_RUNTIME_DIR/stsbridge` (a per-user tmpfs on Linux, emptied at
 * logout) where set, else `run/` beside the host's own file.
 */
export function socketFolder(env: NodeJS.ProcessEnv, hostFile: string): string {
  const runtime = env.XDG_RUNTIME_DIR;
  return runtime && path.isAbsolute(runtime) ? path.join(runtime, 'stsbridge') : path.join(path.dirname(hostFile), 'run');
}

/** One socket per host process: each browser (and each profile) runs its own host. */
export function socketPath(folder: string, pid: number): string {
  return path.join(folder, `host-${pid}.sock`);
}

/** Why `folder` cannot hold the socket, or undefined when it is a private folder of this user. */
export function folderProblem(folder: string): string | undefined {
  const stats = lstatSync(folder);
  if (!stats.isDirectory()) return `${folder} is not a folder`;
  if (process.getuid && stats.uid !== process.getuid()) return `${folder} belongs to another user`;
  if ((stats.mode & 0o077) !== 0) return `${folder} may be opened by other users (mode ${(stats.mode & 0o777).toString(8)}); it must be 700`;
  return undefined;
}

/** Removes sockets whose host is gone (killed, or the machine slept through a crash). */
function removeStale(folder: string): void {
  for (const name of readdirSync(folder)) {
    const pid = Number(SOCKET_NAME.exec(name)?.[1]);
    if (!pid || pid === process.pid || alive(pid)) continue;
    // Two hosts starting together both find the same dead socket: the second finds it gone.
    removeIfThere(path.join(folder, name));
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: a process of another user has that ID now, which is not a host of ours either.
    return (error as NodeJS.ErrnoException).code !== 'ESRCH' && (error as NodeJS.ErrnoException).code !== 'EPERM';
  }
}

function removeIfThere(file: string): void {
  try {
    unlinkSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

export interface LocalDoor {
  readonly path: string;
  /** Stops listening, ends every connection and removes the socket file. */
  close(): void;
}

/** Listens on this process's socket in `folder`; rejects with a sentence when it cannot. */
export async function openLocalDoor(folder: string, context: HostContext, log: (line: string) => void): Promise<LocalDoor> {
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const problem = folderProblem(folder);
  if (problem) throw new Error(`not listening: ${problem}`);
  removeStale(folder);
  const file = socketPath(folder, process.pid);
  // A file left at our own path (a reused process ID) is stale by definition: we are its owner now.
  removeIfThere(file);
  const connections = new Set<Socket>();
  // Loaded here, not at the top: the command line starts the same program, and most commands never listen.
  const { createServer } = await import('node:net');
  // Half-open: a client may end its input and still read the replies to what it sent.
  const server: Server = createServer({ allowHalfOpen: true }, (socket) => {
    connections.add(socket);
    socket.on('close', () => connections.delete(socket));
    serveConnection(socket, context);
  });
  server.on('error', (error) => log(`local socket failed: ${error.message}`));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(file, () => {
      server.off('error', reject);
      resolve();
    });
  });
  chmodSync(file, 0o600);
  // The socket must not keep the process alive: the host lives exactly as long as its browser port.
  server.unref();
  return {
    path: file,
    close() {
      server.close();
      for (const socket of connections) socket.destroy();
      try {
        unlinkSync(file);
      } catch {
        // Already gone: nothing to tidy.
      }
    },
  };
}

/** One connection: frames in, replies out, in order. Never throws on what the peer sends. */
function serveConnection(socket: Socket, context: HostContext): void {
  const reader = new FrameReader(MAX_SOCKET_REQUEST_BYTES);
  let queue = Promise.resolve();
  const reply = (work: () => Promise<HostReply> | HostReply) => {
    queue = queue.then(async () => {
      const answer = await work();
      if (!socket.destroyed) socket.write(encodeFrame(answer));
    });
  };
  const hangUp = () => void queue.then(() => socket.end());
  socket.unref();
  socket.setTimeout(SOCKET_IDLE_MS);
  socket.on('timeout', () => {
    if (reader.pendingBytes > 0) reply(() => errorReply('frameTruncated', `The request was not completed within ${SOCKET_IDLE_MS / 1000} s.`));
    hangUp();
  });
  socket.on('error', () => socket.destroy());
  socket.on('end', () => {
    if (reader.pendingBytes > 0) reply(() => errorReply('frameTruncated', 'The input ended in the middle of a request.'));
    hangUp();
  });
  socket.on('data', (chunk: Buffer) => {
    for (const event of reader.push(chunk)) {
      if (event.kind === 'too-large') {
        reply(() => errorReply('frameTooLarge', `A request of ${event.declared} bytes exceeds the socket's limit of ${MAX_SOCKET_REQUEST_BYTES}; the connection is closed.`));
        socket.pause();
        hangUp();
        return;
      }
      const decoded = decodeJson(event.body);
      if (!decoded) {
        reply(() => errorReply('invalidJson', 'The request is not valid JSON.'));
        continue;
      }
      reply(() => answer(decoded.message, context));
    }
  });
}

function answer(message: unknown, context: HostContext): Promise<HostReply> | HostReply {
  return offChannel(message, SOCKET_REQUEST_TYPES, 'on the local socket') ?? handle(message, context);
}
