// Identity providers whose session has ended: a silent sign-in there found a login page instead of
// a SAML POST. No further silent attempt is made for them until the person signs in themselves
// (no loops, and never a hidden password prompt). In storage.local; not secret.

/** By issuer: when the silent sign-in found the session ended, ISO 8601. */
export type EndedSessions = Readonly<Record<string, string>>;

export function parseEndedSessions(stored: unknown): EndedSessions {
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return {};
  return Object.fromEntries(Object.entries(stored as Record<string, unknown>).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[0].length <= 512).slice(0, 50));
}
