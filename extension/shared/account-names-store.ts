// Account names remembered per account ID, as AWS's role-selection page shows them. Not secret;
// kept in storage.local across browser restarts, so the popup can name accounts on later logins
// that skip the role page.

import { storageItem } from './storage-item';

const ACCOUNT_ID = /^\d{12}$/;
/** More than anyone's account list; keeps a hostile page from filling storage. */
const MAX_ACCOUNTS = 2000;

function parseNames(stored: unknown): Readonly<Record<string, string>> {
  if (typeof stored !== 'object' || stored === null) return {};
  return Object.fromEntries(
    Object.entries(stored)
      .filter((entry): entry is [string, string] => ACCOUNT_ID.test(entry[0]) && typeof entry[1] === 'string' && entry[1].length <= 128)
      .slice(0, MAX_ACCOUNTS),
  );
}

export const accountNames = storageItem('local', 'accountNames', parseNames);

/** Adds `names` to what is remembered; a name seen again replaces the old one. */
export async function rememberAccountNames(names: ReadonlyMap<string, string>): Promise<void> {
  if (names.size === 0) return;
  await accountNames.update((known) => {
    const merged = { ...known, ...Object.fromEntries([...names].filter(([id, name]) => ACCOUNT_ID.test(id) && name.length <= 128)) };
    return Object.keys(merged).some((id) => known[id] !== merged[id]) ? parseNames(merged) : known;
  });
}
