// One managed profile's credentials, for `credentials` and `env`: read from the credentials file,
// checked for expiry, or a one-line reason a person can act on. Never a secret in the reason.

import { readExisting } from '../disk/read';
import { managedCredentials, type ManagedCredentials } from '../ini/managed';

export type ProfileRead = { readonly credentials: ManagedCredentials } | { readonly problem: string };

/** Logging in again is, for now, the one way to fresh credentials. */
const LOG_IN_AGAIN = 'sign in to the AWS console through your identity provider in the browser to refresh it';

export async function readProfileCredentials(file: string, profile: string, now: Date): Promise<ProfileRead> {
  let text: string;
  try {
    text = (await readExisting(file)).text;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { problem: `${file} could not be read${code ? ` (${code})` : ''}` };
  }
  const lookup = managedCredentials(text, profile);
  if ('missing' in lookup) {
    switch (lookup.missing) {
      case 'no-profile':
        return { problem: `there is no profile ${profile} in ${file}; \`stsbridge list\` shows the profiles stsbridge manages` };
      case 'not-managed':
        return { problem: `${profile} in ${file} is not managed by stsbridge, so stsbridge does not hand its keys out` };
      case 'incomplete':
        return { problem: `${profile} in ${file} is missing some of its keys; ${LOG_IN_AGAIN}` };
    }
  }
  const expires = Date.parse(lookup.found.expiration);
  if (Number.isNaN(expires)) return { problem: `${profile} in ${file} has an unreadable expiry; ${LOG_IN_AGAIN}` };
  if (expires <= now.getTime()) return { problem: `${profile} expired at ${localTime(expires)}; ${LOG_IN_AGAIN}` };
  return { credentials: lookup.found };
}

/** "14:02", or "2 Dec 14:02" when it is not today. */
function localTime(time: number): string {
  const date = new Date(time);
  const clock = date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  return date.toDateString() === new Date().toDateString() ? clock : `${date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short' })} ${clock}`;
}
