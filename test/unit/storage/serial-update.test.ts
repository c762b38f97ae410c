import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { serialUpdate } from '../../../extension/storage/serial-update';

/** A store as slow and as separate as storage.get and storage.set: each takes a turn of the event loop. */
function slowStore<T>(initial: T) {
  let value = initial;
  let writes = 0;
  return {
    get: async () => (await sleep(Math.random() * 3), value),
    set: async (next: T) => {
      await sleep(Math.random() * 3);
      value = next;
      writes += 1;
    },
    value: () => value,
    writes: () => writes,
  };
}

describe('serialUpdate', () => {
  it('loses no update when many run at once (read-merge-write, one at a time)', async () => {
    const store = slowStore<string[]>([]);
    const update = serialUpdate(store.get, store.set);
    await Promise.all(Array.from({ length: 50 }, (_, i) => update((list) => [...list, `profile-${i}`])));
    // In call order, each on the value the one before left.
    expect(store.value()).toEqual(Array.from({ length: 50 }, (_, i) => `profile-${i}`));
  });

  it('writes nothing when the change returns the same value, and goes on after a change that throws', async () => {
    const store = slowStore({ a: 1 });
    const update = serialUpdate(store.get, store.set);
    const same = update((value) => value);
    const failing = update(() => {
      throw new Error('bad change');
    });
    const after = update((value) => ({ ...value, b: 2 }));
    await expect(same).resolves.toEqual({ a: 1 });
    await expect(failing).rejects.toThrow('bad change');
    await expect(after).resolves.toEqual({ a: 1, b: 2 });
    expect(store.writes()).toBe(1);
  });
});
