// Typed storage items: feature code reads and writes through these, never `storage.*.get`
// directly, so every value is checked on the way in from storage (which outlives any version).

import browser from 'webextension-polyfill';
import { serialUpdate, type Update } from './serial-update';

type AreaName = 'session' | 'local' | 'sync';

export interface StorageItem<T> {
  get(): Promise<T>;
  set(value: T): Promise<void>;
  /**
   * Read-merge-write, one at a time for this item in this context (the worker, or one page):
   * `change` gets the current value and returns the new one, or the same one to write nothing.
   */
  update: Update<T>;
  /** Calls `listener` with each new value; returns a function that stops listening. */
  watch(listener: (value: T) => void): () => void;
}

/**
 * `parse` turns whatever is stored (possibly written by an older version, or nothing) into a
 * valid value, falling back to a default.
 */
export function storageItem<T>(area: AreaName, key: string, parse: (stored: unknown) => T): StorageItem<T> {
  const storage = browser.storage[area];
  const get = async () => parse((await storage.get(key))[key]);
  // storage.set drops undefined values (they do not survive serialisation), which would leave the
  // old value in place: undefined means remove.
  const set = (value: T) => (value === undefined ? storage.remove(key) : storage.set({ [key]: value }));
  return {
    get,
    set,
    update: serialUpdate(get, set),
    watch(listener) {
      const onChanged = (changes: Record<string, browser.Storage.StorageChange>, areaName: string) => {
        const change = changes[key];
        if (areaName === area && change) listener(parse(change.newValue));
      };
      browser.storage.onChanged.addListener(onChanged);
      return () => browser.storage.onChanged.removeListener(onChanged);
    },
  };
}
