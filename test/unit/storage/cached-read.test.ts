import { describe, expect, it } from 'vitest';
import { cachedRead } from '../../../extension/storage/cached-read';

function fakeItem(initial: number) {
  let stored = initial;
  let reads = 0;
  let listener: ((value: number) => void) | undefined;
  let failNext = false;
  return {
    item: {
      get: () => {
        reads += 1;
        if (failNext) {
          failNext = false;
          return Promise.reject(new Error('storage unavailable'));
        }
        return Promise.resolve(stored);
      },
      watch: (watcher: (value: number) => void) => {
        listener = watcher;
        return () => undefined;
      },
    },
    change(value: number) {
      stored = value;
      listener?.(value);
    },
    failNextRead: () => (failNext = true),
    reads: () => reads,
  };
}

describe('a cached read of a storage item', () => {
  it('asks storage once, then answers from memory', async () => {
    const fake = fakeItem(1);
    const read = cachedRead(fake.item);
    expect(await read()).toBe(1);
    expect(await read()).toBe(1);
    expect(fake.reads()).toBe(1);
  });

  it('gives the new value as soon as storage says it changed, without asking again', async () => {
    const fake = fakeItem(1);
    const read = cachedRead(fake.item);
    await read();
    fake.change(2);
    expect(await read()).toBe(2);
    expect(fake.reads()).toBe(1);
  });

  it('does not keep a failed read: the next call asks storage again', async () => {
    const fake = fakeItem(1);
    const read = cachedRead(fake.item);
    fake.failNextRead();
    await expect(read()).rejects.toThrow('storage unavailable');
    expect(await read()).toBe(1);
    expect(fake.reads()).toBe(2);
  });
});
