// Entry point of the bundled host (build/native-host/stsbridge-host.cjs).
//
// Chrome starts it as `stsbridge-host chrome-extension://<id>/` and speaks frames on stdin and
// stdout; while that lasts (the browser's lifetime, when the extension keeps its port open) it
// also listens on its local socket (socket.ts). Run with a command instead, it is the
// `stsbridge` command (cli/run.ts): credentials, env, refresh, list, prune-expired.

import { runCommand } from './cli/run';
import { ownFile } from './disk/own-file';
import { preloadLock } from './disk/lock';
import { ownFileWatch } from './disk/own-file';
import { configPath, credentialsPath } from './disk/paths';
import { pruneExpiredProfiles, removeManagedProfiles, writeProfilesToFile } from './profiles';
import { commandWords } from './cli/command-path';
import { readInventory } from './modes/read-inventory';
import { setMode } from './modes/set-mode';
import { allows, readAllowedOrigins } from './allowed-origins';
import type { ProfileMode } from './protocol';
import type { AwsFiles } from './disk/paths';
import { serve } from './serve';
import { openLocalDoor, socketFolder, type LocalDoor } from './socket';
import { browserLink } from './browser-link';
import { encodeFrame } from './framing';

declare const __STSBRIDGE_VERSION__: string;

/**
 * This program's own file, through any link: npm's `bin` runs it through one, and what lies
 * beside the real file (the installer, allowed-origins.json, the socket folder) is what counts.
 */
const hostFile = ownFile(process.argv[1]);

const context = {
  version: __STSBRIDGE_VERSION__,
  credentialsFile: credentialsPath(process.env),
  configFile: configPath(process.env),
  writeProfiles: writeProfilesToFile,
  listProfiles: (files: AwsFiles, now: Date) => readInventory(files, now).rows,
  // A profile set up from the options runs this very program, as the command line's setup does.
  setMode: (files: AwsFiles, name: string, mode: ProfileMode) => setMode(files, name, mode, commandWords(hostFile)),
  pruneExpiredProfiles,
  removeManagedProfiles,
  now: () => new Date(),
};

/** Chrome started it: frames on stdin and stdout, and the local socket, until the port closes. */
async function serveBrowser(first: string): Promise<void> {
  preloadLock();
  const log = (line: string) => process.stderr.write(`stsbridge-host: ${line}\n`);
  let door: LocalDoor | undefined;
  // A refresh asked on the socket goes to the extension as a frame of its own on stdout.
  const browser = browserLink((message) => process.stdout.write(encodeFrame(message)));
  const native = { ...context, browser, process: { pid: process.pid, superseded: ownFileWatch(hostFile), socketPath: () => door?.path } };
  const allowedOrigins = readAllowedOrigins(hostFile);
  const served = serve({ stdin: process.stdin, stdout: process.stdout, log, callerOrigin: first, allowedOrigins }, native);
  // Only for the extension itself: a forbidden caller gets no door to anything.
  const opening =
    allows(allowedOrigins, first)
      ? openLocalDoor(socketFolder(process.env, hostFile), native, log).then(
          (opened) => (door = opened),
          (error: Error) => log(`no local socket: ${error.message}`),
        )
      : undefined;
  await served;
  // The browser closed the port: tidy the socket and go, whatever a command-line client holds open.
  await opening;
  door?.close();
  process.exit(0);
}

/** A person, or an AWS tool through credential_process, ran a command. */
async function runFromTerminal(): Promise<void> {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    // `stsbridge list | head -1`: the reader has gone, which is no failure of this command.
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    // `> /dev/full` and the like: the command ran, its words could not be written.
    process.stderr.write(`stsbridge: could not write the output (${error.code ?? error.message}).\n`);
    process.exit(1);
  });
  process.exitCode = await runCommand(
    process.argv.slice(2),
    context,
    { print: (line) => process.stdout.write(`${line}\n`), printError: (line) => process.stderr.write(`${line}\n`) },
    { env: process.env, hostFile },
  );
}

const [, , first] = process.argv;
// Chrome's first argument is always an origin; a person's is a command (or nothing: the usage).
void (first?.includes('://') ? serveBrowser(first) : runFromTerminal());
