// `stsbridge list`: every profile stsbridge manages, in either mode, with its state and expiry,
// and a warning for every name in the precedence trap (modes/inventory.ts).

import type { HostContext } from '../handle';
import { readInventory } from '../modes/read-inventory';
import { localTime } from './profile-credentials';
import type { Terminal } from './terminal';

export function listProfiles(context: HostContext, { print, printError }: Terminal, warningsOnly: boolean): number {
  let found: ReturnType<typeof readInventory>;
  try {
    found = readInventory(context, context.now());
  } catch (error) {
    // Node names the file that failed; a problem stsbridge names itself (a folder, UTF-16) too.
    const { code, path } = error as NodeJS.ErrnoException;
    printError(`stsbridge: ${path ?? 'an AWS file'} could not be read${code ? ` (${code})` : ''}`);
    return 1;
  }
  for (const warning of found.warnings) printError(`stsbridge: warning: ${warning}`);
  if (warningsOnly) return found.warnings.length > 0 ? 1 : 0;
  const { rows } = found;
  if (rows.length === 0) {
    print(`No profiles managed by stsbridge in ${context.credentialsFile}.`);
    return 0;
  }
  // Sources come with protocol 6: shown once any profile has one.
  const sources = rows.some((row) => row.idp !== undefined || row.refreshed !== undefined);
  const table = [
    ['PROFILE', 'MODE', 'STATE', 'EXPIRES', ...(sources ? ['LAST REFRESHED', 'IDENTITY PROVIDER'] : [])],
    ...rows.map((row) => [row.name, row.mode, row.state, expiry(row.expiration), ...(sources ? [refreshedText(row.refreshed), row.idp ?? '-'] : [])]),
  ];
  const widths = table[0]!.map((_, column) => Math.max(...table.map((cells) => cells[column]!.length)));
  for (const cells of table) print(cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  '));
  const modes = new Set(rows.map((row) => row.mode));
  print(`Keys of file profiles are in ${context.credentialsFile}${modes.has('process') ? `; of process profiles, in ${found.cache}` : ''}.`);
  const expired = rows.filter((row) => row.state === 'expired' && row.mode === 'file').length;
  if (expired > 0) print(`${expired} expired; \`stsbridge prune-expired\` removes ${expired === 1 ? 'it' : 'them'}.`);
  return 0;
}

/** `silent 2030-01-01T10:02:00Z` as `silent sign-in, 10:02`. */
function refreshedText(refreshed: string | undefined): string {
  const [how, at] = refreshed?.split(' ') ?? [];
  if (!how) return '-';
  const words: Record<string, string> = { console: 'your sign-in', silent: 'silent sign-in', command: 'stsbridge refresh' };
  return `${words[how] ?? how}${at ? `, ${expiry(at)}` : ''}`;
}

function expiry(expiration: string | undefined): string {
  if (expiration === undefined) return '-';
  const time = Date.parse(expiration);
  return Number.isNaN(time) ? expiration : localTime(time);
}
