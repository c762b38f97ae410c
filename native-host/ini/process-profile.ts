// Process profiles: a profile whose keys AWS tools get by running `stsbridge credentials NAME`
// (`credential_process` in the config file) instead of reading them from the credentials file.
// Pure: the config line, which profiles have one of stsbridge's, and the trap to keep out of.
//
// The trap (aws/aws-cli #5109): botocore, the JavaScript SDK v3 and the Go SDK v2 all take static
// keys in the credentials file before a `credential_process` of the same profile. A process
// profile that also has keys in the credentials file is served those keys, which stop working at
// expiry while the refreshing command is never run. So a process profile has no keys in the
// credentials file: stsbridge removes its own, and refuses the mode while someone else's are there.

import { optionValue, readLayout } from './layout';
import { CONFIG_RULES, isMarked, sectionsByProfile, shlexSplit } from './sections';

export const PROCESS_KEY = 'credential_process';

/**
 * How a profile's keys reach AWS tools: `file`, static keys in the credentials file, rewritten on
 * every sign-in; `process`, the config file's `credential_process` runs stsbridge, which hands out
 * keys from its own cache and refreshes them through the browser when they are about to expire.
 */
export type { ProfileMode } from '../protocol';

/**
 * The `credential_process` value for `profile`: the command, then `credentials NAME`. Quoted with
 * single quotes where needed, which the three readers of this line all take literally: botocore
 * splits it with shlex, the JavaScript SDK and the Go SDK run it with /bin/sh. Undefined for a
 * path holding a single quote or a line break, which no quoting serves for all three.
 */
export function processCommandLine(command: readonly string[], profile: string): string | undefined {
  if (command.some((word) => /['\r\n]/.test(word))) return undefined;
  return [...command, 'credentials', profile].map(quoteWord).join(' ');
}

function quoteWord(word: string): string {
  return /^[A-Za-z0-9_+=,.@/:%-]+$/.test(word) ? word : `'${word}'`;
}

/**
 * Whether a `credential_process` value runs stsbridge's `credentials` for `profile`: its last two
 * words are `credentials NAME`, after the program (the `stsbridge` command, the installed
 * launcher, or the host's program run by node).
 */
export function isOwnProcessLine(value: string, profile: string): boolean {
  const words = shlexSplit(value);
  if (!words || words.length < 3) return false;
  const program = words.at(-3)!;
  return /^stsbridge(?:-host(?:\.[cm]js)?)?$/.test(program.slice(program.lastIndexOf('/') + 1)) && words.at(-2) === 'credentials' && words.at(-1) === profile;
}

/** What the config file says about `profile`'s credentials. */
export interface ConfigCredentials {
  /** The section has stsbridge's marker and a `credential_process` that runs stsbridge for it. */
  readonly ownProcess: boolean;
  /** A `credential_process` that is not stsbridge's (or in a section stsbridge did not mark). */
  readonly otherProcess: boolean;
}

/** For each profile of the config `text` with a `credential_process`, whose it is. */
export function configCredentials(text: string): Map<string, ConfigCredentials> {
  const layout = readLayout(text);
  const found = new Map<string, ConfigCredentials>();
  for (const [profile, section] of sectionsByProfile(layout, CONFIG_RULES)) {
    const value = optionValue(layout, section, PROCESS_KEY);
    if (value === undefined) continue;
    const own = isMarked(layout, section) && isOwnProcessLine(value, profile);
    found.set(profile, { ownProcess: own, otherProcess: !own });
  }
  return found;
}

/** The profiles the config `text` makes process profiles of. */
export function processProfiles(text: string): Set<string> {
  return new Set([...configCredentials(text)].filter(([, found]) => found.ownProcess).map(([profile]) => profile));
}
