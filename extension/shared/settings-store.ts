// The options in storage.sync: read through `parseSettings`, saved only when `checkSettings`
// accepts them, and without losing what a newer stsbridge on another synced machine stored.

import { storageItem } from './storage-item';
import { checkSettings, parseSettings, storedForm, type Settings, type SettingsProblems } from './settings';

const item = storageItem('sync', 'settings', parseSettings);
/** The stored object as it is. */
const rawItem = storageItem<unknown>('sync', 'settings', (stored) => stored);

export const settings = {
  get: item.get,
  watch: item.watch,
};

/** Saves `next` when it is valid; returns the problems otherwise (and saves nothing). */
export async function saveSettings(next: Settings): Promise<SettingsProblems> {
  const problems = checkSettings(next);
  if (Object.keys(problems).length > 0) return problems;
  await rawItem.set(storedForm(next, await rawItem.get()));
  return {};
}
