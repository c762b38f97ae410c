// Typed storage items: feature code reads and writes through these, never `storage.*.get`
// directly, so every value is checked on the way in from storage (which outlives any version).

import browser from 'webextension-polyfill';
import type { ItemSpec } from './items';
import { serialUpdate, type Update } from './serial-update';

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

/** The item `spec` describes. The storage area is looked up on use: a content script has no storage.session. */
export function storageItem<T>({ area, key, parse }: ItemSpec<T>): StorageItem<T> {
  const get = async () => parse((await browser.storage[area].get(key))[key]);
  // storage.set drops undefined values (they do not survive serialisation), which would leave the
  // old value in place: undefined means remove.
  const set = (value: T) => (value === undefined ? browser.storage[area].remove(key) : browser.storage[area].set({ [key]: value }));
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
