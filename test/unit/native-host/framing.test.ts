import { describe, expect, it } from 'vitest';
import { encodeFrame, FrameReader } from '../../../native-host/framing';

function frame(body: string | Buffer): Buffer {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  const head = Buffer.alloc(4);
  head.writeUInt32LE(bytes.length);
  return Buffer.concat([head, bytes]);
}

describe('FrameReader', () => {
  it('reads frames split at every possible byte boundary', () => {
    const input = Buffer.concat([frame('{"a":1}'), frame('{"b":"é"}')]);
    for (let cut = 0; cut <= input.length; cut += 1) {
      const reader = new FrameReader();
      const events = [...reader.push(input.subarray(0, cut)), ...reader.push(input.subarray(cut))];
      expect(events.map((event) => (event.kind === 'frame' ? event.body.toString() : event.kind))).toEqual(['{"a":1}', '{"b":"é"}']);
      expect(reader.pendingBytes).toBe(0);
    }
  });

  it('refuses an oversized declared length before the body arrives, and stops', () => {
    const reader = new FrameReader(100);
    const head = Buffer.alloc(4);
    head.writeUInt32LE(101);
    expect(reader.push(head)).toEqual([{ kind: 'too-large', declared: 101 }]);
    expect(reader.push(frame('{}'))).toEqual([]);
  });

  it('counts an unfinished frame as pending', () => {
    const reader = new FrameReader();
    reader.push(frame('{"a":1}').subarray(0, 6));
    expect(reader.pendingBytes).toBe(6);
  });

  it('reads an empty frame as an empty body', () => {
    expect(new FrameReader().push(frame(''))).toEqual([{ kind: 'frame', body: Buffer.alloc(0) }]);
  });
});

describe('encodeFrame', () => {
  it('prefixes the UTF-8 byte length, not the string length', () => {
    const encoded = encodeFrame({ name: 'é€😀' });
    const body = Buffer.from(JSON.stringify({ name: 'é€😀' }));
    expect(encoded.readUInt32LE(0)).toBe(body.length);
    expect(encoded.subarray(4)).toEqual(body);
  });
});
