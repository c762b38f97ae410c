// What a person runs when the native host is missing, refuses this extension, or misbehaves.
// One sentence, so the popup, the failed login and the ping all say the same thing. A copy from a
// store runs under another ID than the unpacked extension, and its host must be installed for
// that ID, so the sentence names it.

import { EXTENSION_ID } from '../../native-host/protocol';

export function reinstallHint(runtimeId: string): string {
  if (runtimeId === EXTENSION_ID) return 'In the stsbridge folder, run ./install-host.sh (add --check to see what is wrong), then log in again.';
  return `Install the stsbridge host for this extension's ID: stsbridge install --extension-id ${runtimeId} (from the stsbridge-host npm package; add --check to see what is wrong), then log in again.`;
}

/** This extension's ID where there is one (the worker, its pages); the unpacked one elsewhere. */
const runtimeId = (globalThis as { chrome?: { runtime?: { id?: string } } }).chrome?.runtime?.id ?? EXTENSION_ID;

export const REINSTALL_HINT = reinstallHint(runtimeId);
