// The command a credential_process line runs: the installed launcher (install-host.sh puts
// `stsbridge-host` beside the program, and links `stsbridge` to it), else this very program run by
// this very node, as from a clone's build folder. Absolute either way: an AWS tool's PATH is not
// the shell's (an IDE, cron, a CI runner).

import { accessSync, constants } from 'node:fs';
import path from 'node:path';

export function commandWords(hostFile: string): string[] {
  const program = path.resolve(hostFile);
  const launcher = program.replace(/\.[cm]js$/, '');
  if (launcher !== program) {
    try {
      accessSync(launcher, constants.X_OK);
      return [launcher];
    } catch {
      // No launcher beside it: run the program itself.
    }
  }
  return [process.execPath, program];
}
