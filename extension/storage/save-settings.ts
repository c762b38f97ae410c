// Saving the options to storage.sync: only when `checkSettings` accepts them, without losing
// what a newer stsbridge on another synced machine stored, and without pinning the values an
// organisation's policy gives (settings.ts's storedForm).

import { ITEMS } from './items';
import { checkSettings } from './check-settings';
import { storedForm, type Settings, type SettingsProblems } from './settings';
import { storageItem } from './storage-item';
import { policy } from './store';

/** The stored object as it is, unparsed. */
const asStored = storageItem<unknown>({ ...ITEMS.settings, parse: (stored) => stored });

/** Saves `next` when it is valid; returns the problems otherwise (and saves nothing). */
export async function saveSettings(next: Settings): Promise<SettingsProblems> {
  const problems = checkSettings(next);
  if (Object.keys(problems).length > 0) return problems;
  const { settings: organisation } = await policy.get();
  await asStored.update((stored) => storedForm(next, stored, organisation));
  return {};
}
