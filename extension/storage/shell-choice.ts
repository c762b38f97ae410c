// The shell the popup formats lines for. A per-machine preference (a Windows laptop wants cmd or
// PowerShell, a Linux one bash), so it is kept in storage.local rather than synced.

import { SHELL_FORMATS, type ShellFormat } from '../../native-host/export-lines';

export function parseShellChoice(stored: unknown): ShellFormat {
  return SHELL_FORMATS.includes(stored as ShellFormat) ? (stored as ShellFormat) : 'env';
}
