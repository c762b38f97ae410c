// The words of the "profiles refreshed" notification: a login happens in a browser tab, and this
// is how the person learns, without opening the popup, that the terminal is ready.

import type { LoginRecord } from '../../storage/login-record';
import { nameList } from '../name-list';

/** Title and text for a finished login, or undefined when there is nothing to say. */
export function refreshedMessage(record: LoginRecord): { title: string; message: string } | undefined {
  if (record.state !== 'done') return undefined;
  const written = record.results.filter((result) => result.state === 'written');
  if (written.length === 0) return undefined;
  const soonest = Math.min(...written.map((result) => Date.parse(result.expiration!)));
  const clock = new Date(soonest).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  const problems = record.results.length - written.length;
  return {
    title: written.length === 1 ? 'AWS profile refreshed' : `${written.length} AWS profiles refreshed`,
    message: `${nameList(written.map((result) => result.profile))}: valid until ${clock}.${problems > 0 ? ` ${problems} could not be written; see the stsbridge popup.` : ''}`,
  };
}
