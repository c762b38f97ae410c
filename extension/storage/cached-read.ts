// A read of a storage item that the worker keeps in memory between logins, replaced whenever
// storage says the item changed. With the resident host the worker lives for hours, and a login
// should not wait for a storage round trip to learn settings that have not changed. Storage stays
// the authority: a worker that wakes starts with nothing cached.

import type { StorageItem } from './storage-item';

export interface CachedRead<T> {
  (): Promise<T>;
  /** The value, when a read has answered and nothing has changed since; undefined otherwise. */
  known(): T | undefined;
}

export function cachedRead<T>(item: Pick<StorageItem<T>, 'get' | 'watch'>): CachedRead<T> {
  let cached: Promise<T> | undefined;
  let known: { readonly value: T } | undefined;
  item.watch((value) => {
    cached = Promise.resolve(value);
    known = { value };
  });
  const read = () => {
    if (!cached) {
      const reading = item.get();
      // A failed read is not kept: the next login asks storage again.
      reading.then(
        (value) => {
          if (cached === reading) known = { value };
        },
        () => {
          if (cached === reading) cached = undefined;
        },
      );
      cached = reading;
    }
    return cached;
  };
  return Object.assign(read, { known: () => known?.value });
}
