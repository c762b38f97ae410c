// Entry point of the bundled host (build/native-host/stsbridge-host.mjs).
//
// Chrome starts it as `stsbridge-host chrome-extension://<id>/` and speaks frames on stdin and
// stdout. A person can run it too, to see or tidy what stsbridge manages:
//   stsbridge-host status          list the managed profiles and when they expire
//   stsbridge-host prune-expired   remove the managed profiles whose credentials expired

import { runCommand } from './cli';
import { preloadLock } from './disk/lock';
import { configPath, credentialsPath } from './disk/paths';
import { pruneExpiredProfiles, readManagedProfiles, removeManagedProfiles, writeProfilesToFile } from './profiles';
import { serve } from './serve';

declare const __STSBRIDGE_VERSION__: string;

const context = {
  version: __STSBRIDGE_VERSION__,
  credentialsFile: credentialsPath(process.env),
  configFile: configPath(process.env),
  writeProfiles: writeProfilesToFile,
  readManagedProfiles,
  pruneExpiredProfiles,
  removeManagedProfiles,
  now: () => new Date(),
};

const [, , first] = process.argv;
if (first === undefined || first.includes('://')) {
  preloadLock();
  await serve(
    {
      stdin: process.stdin,
      stdout: process.stdout,
      log: (line) => process.stderr.write(`stsbridge-host: ${line}\n`),
      callerOrigin: first,
    },
    context,
  );
} else {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    // `stsbridge-host status | head -1`: the reader has gone, which is no failure of this command.
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    // `> /dev/full` and the like: the command ran, its words could not be written.
    process.stderr.write(`stsbridge-host: could not write the output (${error.code ?? error.message}).\n`);
    process.exit(1);
  });
  process.exitCode = await runCommand(process.argv.slice(2), context, {
    print: (line) => process.stdout.write(`${line}\n`),
    printError: (line) => process.stderr.write(`${line}\n`),
  });
}
