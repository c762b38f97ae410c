// The options in storage.sync: read through `parseSettings`, saved only when `checkSettings`
// accepts them, and without losing what a newer stsbridge on another synced machine stored.

import { storageItem, type StorageItem } from './storage-item';
import { checkSettings, parseSettings, storedForm, type Settings, type SettingsProblems } from './settings';

/** Read-only here: writes go through `saveSettings`, which checks them. */
export const settings: Pick<StorageItem<Settings>, 'get' | 'watch'> = storageItem('sync', 'settings', parseSettings);
/** The stored object as it is. */
const rawItem = storageItem<unknown>('sync', 'settings', (stored) => stored);

/** Saves `next` when it is valid; returns the problems otherwise (and saves nothing). */
export async function saveSettings(next: Settings): Promise<SettingsProblems> {
  const problems = checkSettings(next);
  if (Object.keys(problems).length > 0) return problems;
  await rawItem.set(storedForm(next, await rawItem.get()));
  return {};
}
