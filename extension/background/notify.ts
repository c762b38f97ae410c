// The words of the "profiles refreshed" notification: a login happens in a browser tab, and this
// is how the person learns, without opening the popup, that the terminal is ready.

import type { LoginRecord } from '../shared/login-record';

/** Title and text for a finished login, or undefined when there is nothing to say. */
export function refreshedMessage(record: LoginRecord): { title: string; message: string } | undefined {
  if (record.state !== 'done') return undefined;
  const written = record.results.filter((result) => result.state === 'written');
  if (written.length === 0) return undefined;
  const names = written.slice(0, 3).map((result) => result.profile);
  const more = written.length > 3 ? ` and ${written.length - 3} more` : '';
  const soonest = Math.min(...written.map((result) => Date.parse(result.expiration!)));
  const clock = new Date(soonest).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  const problems = record.results.length - written.length;
  return {
    title: written.length === 1 ? 'AWS profile refreshed' : `${written.length} AWS profiles refreshed`,
    message: `${names.join(', ')}${more}: valid until ${clock}.${problems > 0 ? ` ${problems} could not be written; see the stsbridge popup.` : ''}`,
  };
}
