// Which extensions this host serves. The installer writes them beside the host program
// (`./install-host.sh --extension-id ID`, repeatable): an extension from a store has another ID
// than the unpacked one, and the host must serve exactly the IDs its installation was made for,
// read at start, not baked in at build time. Without the file (a host run from a clone's build
// folder), it serves the unpacked extension's ID, which the manifest's `key` fixes.

import path from 'node:path';
import { BYTES, readRegular } from './disk/read';
import { FileProblem } from './disk/problem';
import { EXTENSION_ORIGIN } from './protocol';

export const ORIGINS_FILE = 'allowed-origins.json';

/** An extension origin as Chrome passes it: 32 letters a-p. */
const ORIGIN = /^chrome-extension:\/\/[a-p]{32}\/$/;

/** More extension IDs than any company publishes stsbridge under. */
const MAX_ORIGINS = 50;

export type AllowedOrigins = { readonly origins: readonly string[] } | { readonly problem: string };

/** The origins in `allowed-origins.json` beside `hostFile`, the built-in one without it, or why it cannot be read. */
export function readAllowedOrigins(hostFile: string): AllowedOrigins {
  const file = path.join(path.dirname(hostFile), ORIGINS_FILE);
  let text: string;
  try {
    // Never a plain read: a FIFO put there would hold the host before its first frame.
    const read = readRegular(file, file);
    if (!read) return { origins: [EXTENSION_ORIGIN] };
    text = Buffer.from(read.text, BYTES).toString('utf8');
  } catch (error) {
    if (error instanceof FileProblem) return { problem: `${file} is not a file` };
    return { problem: `${file} could not be read (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})` };
  }
  return parseAllowedOrigins(text, file);
}

export function parseAllowedOrigins(text: string, file: string): AllowedOrigins {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { problem: `${file} is not JSON` };
  }
  const origins = (parsed as { origins?: unknown } | null)?.origins;
  if (!Array.isArray(origins) || origins.length === 0 || origins.length > MAX_ORIGINS || !origins.every((origin) => typeof origin === 'string' && ORIGIN.test(origin))) {
    return { problem: `${file} does not hold a list of 1 to ${MAX_ORIGINS} extension origins (chrome-extension://<32 letters a-p>/)` };
  }
  return { origins: origins as string[] };
}

/** Whether `caller` may use this host. */
export function allows(allowed: AllowedOrigins, caller: string | undefined): boolean {
  return 'origins' in allowed && caller !== undefined && allowed.origins.includes(caller);
}

/** What a refused caller is told (and the log says): whom the host serves, or why it serves no one. */
export function refusal(allowed: AllowedOrigins): string {
  if ('problem' in allowed) return `This host cannot tell which extensions it serves: ${allowed.problem}. Run the installer again.`;
  return `This host only serves the stsbridge extension (${allowed.origins.join(', ')}).`;
}
