// Chrome's native-messaging framing: a uint32 length in native byte order (little-endian on every
// platform Chrome ships for) followed by that many bytes of UTF-8 JSON. The reader refuses an
// oversized length before buffering anything, and reads exactly the declared bytes.

import { MAX_REQUEST_BYTES } from './protocol';

export type FrameEvent =
  | { readonly kind: 'frame'; readonly body: Buffer }
  | { readonly kind: 'too-large'; readonly declared: number };

/** Incremental frame reader: feed it chunks as they arrive; it returns complete frames. */
export class FrameReader {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private poisoned = false;

  constructor(private readonly limit = MAX_REQUEST_BYTES) {}

  /**
   * Frames completed by `chunk`. After a `too-large` event the stream cannot be resynchronised
   * (the body that follows is unread), so the reader stops and the caller should exit.
   */
  push(chunk: Buffer): FrameEvent[] {
    if (this.poisoned) return [];
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const events: FrameEvent[] = [];
    for (;;) {
      if (this.buffered < 4) break;
      const declared = this.peekLength();
      if (declared > this.limit) {
        this.poisoned = true;
        this.chunks = [];
        this.buffered = 0;
        events.push({ kind: 'too-large', declared });
        break;
      }
      if (this.buffered < 4 + declared) break;
      const all = this.take(4 + declared);
      events.push({ kind: 'frame', body: all.subarray(4) });
    }
    return events;
  }

  /** Bytes of a frame begun but not finished: non-zero at end of input means it was truncated. */
  get pendingBytes(): number {
    return this.buffered;
  }

  private peekLength(): number {
    const head = this.chunks[0]!.length >= 4 ? this.chunks[0]! : Buffer.concat(this.chunks);
    return head.readUInt32LE(0);
  }

  private take(count: number): Buffer {
    const all = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks);
    const rest = all.subarray(count);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.buffered = rest.length;
    return all.subarray(0, count);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A frame's JSON, or undefined when it is not strict UTF-8 JSON (a non-UTF-8 byte is refused, not turned into U+FFFD). */
export function decodeJson(body: Buffer): { readonly message: unknown } | undefined {
  try {
    return { message: JSON.parse(utf8.decode(body)) };
  } catch {
    return undefined;
  }
}

/** One outgoing frame: the prefix is built from the UTF-8 byte length, not the string length. */
export function encodeFrame(message: unknown): Buffer {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  const frame = Buffer.allocUnsafe(4 + body.length);
  frame.writeUInt32LE(body.length, 0);
  body.copy(frame, 4);
  return frame;
}
