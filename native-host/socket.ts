// The local door: a Unix domain socket the resident host listens on, so that a program on this
// machine (the `stsbridge` command) can reach the browser's host. Only its own user may use it:
// the socket lives in a folder that only that user can open (0700, checked, not assumed), and
// the socket itself is 0600. Node cannot read a peer's credentials (SO_PEERCRED) without a
// native addon, so the folder is the guard: the host refuses to listen in one that is not
// private, the command refuses to talk into one (another user's listener would get its
// requests and could answer anything), and both refuse a folder whose parent lets another user
// rename it away and put their own in its place between the check and the use (a parent
// writable by others without the sticky bit). Requests are the native side's frames; each
// connection is served like stdin is, and a client that does not read its replies is stopped
// (backpressure), never buffered for without end.

import { chmodSync, lstatSync, mkdirSync, readdirSync, rmdirSync, unlinkSync } from 'node:fs';
import type { Server, Socket } from 'node:net';
import path from 'node:path';
import { decodeJson, encodeFrame, FrameReader, type FrameEvent } from './framing';
import { offChannel } from './channels';
import { errorReply, handle, type HostContext } from './handle';
import { MAX_SOCKET_REQUEST_BYTES, SOCKET_IDLE_MS, SOCKET_REQUEST_TYPES, type HostReply } from './protocol';

/** `host-<pid>.sock`, or `host-<pid>-<n>.sock` when something that is no socket sits at the first name. */
export const SOCKET_NAME = /^host-(\d+)(?:-\d+)?\.sock$/;

/**
 * Replies a connection may have waiting to be read before the host stops reading its requests;
 * past MAX_UNREAD_BYTES it is closed. A ping's reply is ~300 bytes, a status of 5,000 profiles
 * under 1 MB: a client that reads is never near either.
 */
const PAUSE_UNREAD_BYTES = 64 * 1024;
const MAX_UNREAD_BYTES = 4 * 1024 * 1024;

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

/**
 * Why `folder` cannot hold the socket, or undefined when it is a private folder of this user
 * whose parent no other user can swap it out of.
 */
export function folderProblem(folder: string): string | undefined {
  const stats = lstatSync(folder, { throwIfNoEntry: false });
  if (!stats) return `${folder} does not exist`;
  if (!stats.isDirectory()) return `${folder} is not a folder`;
  const uid = process.getuid?.();
  if (uid !== undefined && stats.uid !== uid) return `${folder} belongs to another user`;
  if ((stats.mode & 0o077) !== 0) return `${folder} may be opened by other users (mode ${(stats.mode & 0o777).toString(8)}); it must be 700`;
  return parentProblem(path.dirname(folder), uid);
}

/**
 * A parent another user may write to, without the sticky bit, lets them rename the private
 * folder away and put their own in its place: only root or this user may own it, and a folder
 * others may write to must be sticky (as /tmp and a shared runtime folder are).
 */
function parentProblem(parent: string, uid: number | undefined): string | undefined {
  const stats = lstatSync(parent, { throwIfNoEntry: false });
  if (!stats?.isDirectory()) return `${parent} is not a folder`;
  if (uid !== undefined && stats.uid !== uid && stats.uid !== 0) return `${parent}, which holds the socket folder, belongs to another user`;
  const sticky = (stats.mode & 0o1000) !== 0;
  if ((stats.mode & 0o022) !== 0 && !sticky) return `${parent}, which holds the socket folder, may be changed by other users (mode ${(stats.mode & 0o7777).toString(8)}); it must not be writable by them, or have the sticky bit`;
  return undefined;
}

/** Why `file` is not a socket this user's host made; undefined when it is. */
export function socketProblem(file: string): string | undefined {
  const stats = lstatSync(file, { throwIfNoEntry: false });
  if (!stats) return `${file} is gone`;
  if (!stats.isSocket()) return `${file} is not a socket`;
  const uid = process.getuid?.();
  if (uid !== undefined && stats.uid !== uid) return `${file} belongs to another user`;
  return undefined;
}

/** Removes sockets whose host is gone (killed, or the machine slept through a crash). */
function removeStale(folder: string): void {
  for (const name of readdirSync(folder)) {
    const pid = Number(SOCKET_NAME.exec(name)?.[1]);
    if (!pid || pid === process.pid || alive(pid)) continue;
    // Two hosts starting together both find the same dead socket: the second finds it gone.
    try {
      removeIfThere(path.join(folder, name));
    } catch {
      // Not ours to clear (a folder with things in it): it stops nothing, so it stays.
    }
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
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    // A folder at a socket's name (EISDIR on Linux, EPERM on macOS): an empty one goes too.
    if (code === 'EISDIR' || code === 'EPERM') {
      rmdirSync(file);
      return;
    }
    throw error;
  }
}

/**
 * This process's socket path, free to listen on: a stale file there is removed (a reused process
 * ID: we are its owner now); something that cannot be removed (a folder with things in it) is
 * left as it is and the next name is taken, so that nothing in the folder stops the door.
 */
function freeSocketPath(folder: string): string {
  for (let attempt = 0; attempt < 10; attempt += 1) {
    const file = attempt === 0 ? socketPath(folder, process.pid) : path.join(folder, `host-${process.pid}-${attempt}.sock`);
    try {
      removeIfThere(file);
      return file;
    } catch {
      // Try the next name.
    }
  }
  throw new Error(`not listening: nothing could be removed from the socket names in ${folder}`);
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
  const file = freeSocketPath(folder);
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

/**
 * One connection: frames in, replies out, in order. Never throws on what the peer sends. Frames
 * are taken one at a time from what was read, and reading stops while the replies not yet read
 * by the peer (and the requests not yet answered) pass PAUSE_UNREAD_BYTES: a flood of requests
 * from a client that never reads costs the host a bounded amount, not its memory.
 */
function serveConnection(socket: Socket, context: HostContext): void {
  const reader = new FrameReader(MAX_SOCKET_REQUEST_BYTES);
  let queue = Promise.resolve();
  // Frames read but not yet taken, and requests taken but not yet answered (counted at a
  // generous 512 bytes of reply each).
  let backlog: FrameEvent[] = [];
  let next = 0;
  let waiting = 0;
  let closing = false;
  const unread = () => socket.writableLength + waiting * 512;
  const reply = (work: () => Promise<HostReply> | HostReply) => {
    waiting += 1;
    queue = queue.then(async () => {
      const answer = await work();
      waiting -= 1;
      if (socket.destroyed) return;
      socket.write(encodeFrame(answer));
      if (socket.writableLength > MAX_UNREAD_BYTES) {
        // Replies are not being read: the peer is gone or hostile. Nothing it sent is worth more.
        socket.destroy();
        return;
      }
      take();
    });
  };
  const hangUp = () => {
    closing = true;
    socket.pause();
    void queue.then(() => socket.end());
  };
  /** Takes frames while there is room for their replies; reads again once all are taken. */
  const take = () => {
    while (!closing && next < backlog.length) {
      if (unread() >= PAUSE_UNREAD_BYTES) {
        socket.pause();
        return;
      }
      const event = backlog[next]!;
      next += 1;
      if (event.kind === 'too-large') {
        reply(() => errorReply('frameTooLarge', `A request of ${event.declared} bytes exceeds the socket's limit of ${MAX_SOCKET_REQUEST_BYTES}; the connection is closed.`));
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
    backlog = [];
    next = 0;
    if (!closing && socket.isPaused() && unread() < PAUSE_UNREAD_BYTES) socket.resume();
  };
  // Read again once the peer has read the replies, not before.
  socket.on('drain', take);
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
    backlog.push(...reader.push(chunk));
    take();
  });
}

function answer(message: unknown, context: HostContext): Promise<HostReply> | HostReply {
  return offChannel(message, SOCKET_REQUEST_TYPES, 'on the local socket') ?? handle(message, context);
}
