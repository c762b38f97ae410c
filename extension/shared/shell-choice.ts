// The shell the popup formats lines for. A per-machine preference (a Windows laptop wants cmd or
// PowerShell, a Linux one bash), so it is kept in storage.local rather than synced.

import { SHELL_FORMATS, type ShellFormat } from './export-lines';
import { storageItem } from './storage-item';

export const shellChoice = storageItem<ShellFormat>('local', 'shell', (stored) =>
  SHELL_FORMATS.includes(stored as ShellFormat) ? (stored as ShellFormat) : 'env',
);
