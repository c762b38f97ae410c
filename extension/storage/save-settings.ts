// Saving the options to storage.sync: only when `checkSettings` accepts them, and without losing
// what a newer stsbridge on another synced machine stored.

import { ITEMS } from './items';
import { checkSettings } from './check-settings';
import { storedForm, type Settings, type SettingsProblems } from './settings';
import { storageItem } from './storage-item';

/** The stored object as it is, unparsed. */
const asStored = storageItem<unknown>({ ...ITEMS.settings, parse: (stored) => stored });

/** Saves `next` when it is valid; returns the problems otherwise (and saves nothing). */
export async function saveSettings(next: Settings): Promise<SettingsProblems> {
  const problems = checkSettings(next);
  if (Object.keys(problems).length > 0) return problems;
  await asStored.update((stored) => storedForm(next, stored));
  return {};
}
