// Entry point of the bundled host (build/native-host/stsbridge-host.mjs).

import { serve } from './main';
import { credentialsPath, writeProfilesToFile } from './profile-store';

declare const __STSBRIDGE_VERSION__: string;

await serve(
  {
    stdin: process.stdin,
    stdout: process.stdout,
    log: (line) => process.stderr.write(`stsbridge-host: ${line}\n`),
    callerOrigin: process.argv[2],
  },
  {
    version: __STSBRIDGE_VERSION__,
    credentialsFile: credentialsPath(process.env),
    writeProfiles: writeProfilesToFile,
  },
);
