// Account names remembered per account ID, as AWS's role-selection page shows them. Not secret;
// kept in storage.local across browser restarts, so the popup can name accounts on later logins
// that skip the role page.

const ACCOUNT_ID = /^\d{12}$/;
/** More than anyone's account list; keeps a hostile page from filling storage. */
const MAX_ACCOUNTS = 2000;

export function parseAccountNames(stored: unknown): Readonly<Record<string, string>> {
  if (typeof stored !== 'object' || stored === null) return {};
  return Object.fromEntries(
    Object.entries(stored)
      .filter((entry): entry is [string, string] => ACCOUNT_ID.test(entry[0]) && typeof entry[1] === 'string' && entry[1].length <= 128)
      .slice(0, MAX_ACCOUNTS),
  );
}

/** `known` with `names` added (a name seen again replaces the old one); `known` itself when nothing changes. */
export function mergeAccountNames(known: Readonly<Record<string, string>>, names: ReadonlyMap<string, string>): Readonly<Record<string, string>> {
  const merged = { ...known, ...Object.fromEntries([...names].filter(([id, name]) => ACCOUNT_ID.test(id) && name.length <= 128)) };
  return Object.keys(merged).some((id) => known[id] !== merged[id]) ? parseAccountNames(merged) : known;
}
