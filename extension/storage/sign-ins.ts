// When the person last signed in through each identity provider themselves (a console login, not
// a silent one): keeping profiles fresh stops a set number of hours after it. In storage.local,
// so a browser restart does not reset the clock; not secret.

/** By issuer ('' for an assertion that named none): the last interactive sign-in, ISO 8601. */
export type SignIns = Readonly<Record<string, string>>;

/** More identity providers than anyone signs in through. */
const MAX_SIGN_INS = 50;

export function parseSignIns(stored: unknown): SignIns {
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return {};
  return Object.fromEntries(
    Object.entries(stored as Record<string, unknown>)
      .filter((entry): entry is [string, string] => typeof entry[1] === 'string' && !Number.isNaN(Date.parse(entry[1])) && entry[0].length <= 512)
      .slice(0, MAX_SIGN_INS),
  );
}
