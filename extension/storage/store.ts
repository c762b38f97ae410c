// The storage items themselves, made from the list in items.ts. Feature code reads and writes
// through these, never `storage.*.get` directly, so every value is checked on its way in.

import { ITEMS, type ItemSpec } from './items';
import type { Settings } from './settings';
import { storageItem, type StorageItem } from './storage-item';

type Items = typeof ITEMS;
type Store = { readonly [K in keyof Items]: Items[K] extends ItemSpec<infer T> ? StorageItem<T> : never };

const all = Object.fromEntries(Object.entries(ITEMS).map(([name, spec]) => [name, storageItem(spec as ItemSpec<unknown>)])) as unknown as Store;

/** Every item; `settings` is read-only here: writes go through save-settings.ts, which checks them. */
export const store: Omit<Store, 'settings'> & { readonly settings: Pick<StorageItem<Settings>, 'get' | 'watch'> } = all;
