// `stsbridge install`: the installer that came with this program, run with the words given. From
// the npm package (`npm install -g ./stsbridge-host-<version>.tgz && stsbridge install`) and from
// a clone, install-host.sh sits two folders up from the program, where it finds the program to
// copy; an installed copy of the host has no installer beside it, and says where to find one.

import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Where } from './refresh';
import type { Terminal } from './terminal';

export const INSTALL_USAGE = 'stsbridge install [--extension-id ID]... [--check | --uninstall] [--system] [--dir DIR] [--bin-dir DIR]';

export function installerOf(hostFile: string): string {
  return path.resolve(path.dirname(hostFile), '../../install-host.sh');
}

export async function runInstaller(args: readonly string[], where: Where, printError: Terminal['printError']): Promise<number> {
  const installer = installerOf(where.hostFile);
  if (!existsSync(installer)) {
    printError(`stsbridge: this copy of stsbridge (${where.hostFile}) has no installer beside it. Run \`stsbridge install\` from the npm package, or ./install-host.sh in a clone.`);
    return 1;
  }
  // Loaded here, not at the top: child_process (with net) cost every command's start about 2 ms
  // (`stsbridge credentials` 42 against 39.5 ms, `node -e 0` 27 ms in the same loop), and
  // `credentials`, which AWS tools run on every call, never spawns anything.
  const { spawn } = await import('node:child_process');
  return new Promise((resolve) => {
    // The installer speaks as the command that ran it, and knows which program that was: from
    // npm's package, the `stsbridge` on PATH already is this program, and needs no second copy.
    const env = { ...where.env, STSBRIDGE_INSTALL_AS: 'stsbridge install', STSBRIDGE_PROGRAM: where.hostFile };
    const child = spawn('bash', [installer, ...args], { stdio: 'inherit', env });
    child.on('error', (error) => {
      printError(`stsbridge: the installer could not be started (${error.message}).`);
      resolve(1);
    });
    child.on('close', (code) => resolve(code ?? 1));
  });
}
