// The host process as Chrome starts it: `stsbridge-host <caller-origin>` with frames on stdin and
// stdout. This file only wires streams to handle(); stdout carries frames and nothing else.

import type { Readable, Writable } from 'node:stream';
import { decodeJson, encodeFrame, FrameReader } from './framing';
import { errorReply, handle, type HostContext } from './handle';
import { offChannel } from './channels';
import { allows, refusal, type AllowedOrigins } from './allowed-origins';
import { MAX_REPLY_BYTES, NATIVE_REQUEST_TYPES, type HostReply } from './protocol';

export interface HostStreams {
  readonly stdin: Readable;
  readonly stdout: Writable;
  /** Diagnostics for people; never given request data, which may hold secrets. */
  readonly log: (line: string) => void;
  /** Chrome's first argument: the calling extension's origin. */
  readonly callerOrigin: string | undefined;
  /** The extensions this installation serves (allowed-origins.ts). */
  readonly allowedOrigins: AllowedOrigins;
}

/** Serves requests until stdin ends; resolves when every reply has been written. */
export function serve(streams: HostStreams, context: HostContext): Promise<void> {
  const { stdin, stdout, log } = streams;
  const reader = new FrameReader();
  const forbidden = !allows(streams.allowedOrigins, streams.callerOrigin);
  if (forbidden) log(`refusing caller ${JSON.stringify(streams.callerOrigin ?? null)}: ${refusal(streams.allowedOrigins)}`);
  // Requests are answered one at a time, in order, so two writes never interleave.
  let queue = Promise.resolve();
  let stopped = false;

  const send = (reply: HostReply) => {
    let frame = encodeFrame(reply);
    if (frame.length - 4 > MAX_REPLY_BYTES) {
      frame = encodeFrame(errorReply('internal', 'The reply would exceed the 1 MB native-messaging limit.', reply.id));
    }
    stdout.write(frame);
  };
  const enqueue = (work: () => Promise<HostReply> | HostReply) => {
    queue = queue.then(async () => send(await work()));
  };

  return new Promise((resolve) => {
    const finish = () => {
      if (stopped) return;
      stopped = true;
      stdin.off('data', onData);
      void queue.then(() => stdout.end(resolve));
    };
    const onData = (chunk: Buffer) => {
      for (const event of reader.push(chunk)) {
        if (event.kind === 'too-large') {
          enqueue(() => errorReply('frameTooLarge', `A request of ${event.declared} bytes exceeds the host's limit; the connection is closed.`));
          finish();
          // Nothing after it can be read in step again: stop reading, so the host exits once
          // its reply is out instead of lingering until the other side closes.
          stdin.destroy();
          return;
        }
        if (forbidden) {
          enqueue(() => errorReply('forbiddenCaller', refusal(streams.allowedOrigins)));
          continue;
        }
        const decoded = decodeJson(event.body);
        if (!decoded) {
          enqueue(() => errorReply('invalidJson', 'The request is not valid JSON.'));
          continue;
        }
        enqueue(() => offChannel(decoded.message, NATIVE_REQUEST_TYPES, 'to the extension') ?? handle(decoded.message, context));
      }
    };
    stdin.on('data', onData);
    stdin.on('end', () => {
      if (reader.pendingBytes > 0) {
        enqueue(() => errorReply('frameTruncated', 'The input ended in the middle of a request.'));
      }
      finish();
    });
    stdin.on('error', (error) => {
      log(`stdin failed: ${error.message}`);
      finish();
    });
    stdout.on('error', (error) => {
      // Chrome closed the port: nobody is left to answer, and nothing remains to write.
      log(`stdout failed: ${error.message}`);
      stopped = true;
      resolve();
    });
  });
}
