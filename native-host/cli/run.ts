// The `stsbridge` command: the host's program, run by a person or by an AWS tool rather than by
// Chrome. `credentials`, `env`, `list` and `prune-expired` read the AWS files (and stsbridge's
// cache of process profiles); `setup` moves a profile between file and process mode; `refresh`
// (and `credentials`, when the keys are about to expire) asks the browser through its helper's
// local socket. Exit status: 0 done, 1 failed (the reason on stderr, one line, never a secret),
// 2 not understood (the usage on stderr).

import type { HostContext } from '../handle';
import { exportLines, SHELL_FORMATS, type ShellFormat } from '../export-lines';
import { MAX_REFRESH_WAIT_MS, REFRESH_WAIT_MS } from '../refresh-protocol';
import { asksForHelp, numberOption, parseArgs, type ArgSpec, type Parsed } from './args';
import { localTime, readProfileCredentials } from './profile-credentials';
import { refreshDue } from './refresh-due';
import { describeResult, refreshThroughBrowser, type Where } from './refresh';
import { pruneExpired } from './prune';
import { listProfiles } from './list';
import { commandWords } from './command-path';
import { setMode, type ModeOutcome } from '../modes/set-mode';
import { cachePath, removeEmptyCache } from '../modes/cache';
import { readInventory } from '../modes/read-inventory';
import type { ProfileMode } from '../protocol';
import { describeFileError } from '../file-errors';
import { INSTALL_USAGE, runInstaller } from './install';
import type { Terminal } from './terminal';
import { profileNameProblem } from '../profile-name';
import { didYouMean } from './did-you-mean';

export type { Terminal } from './terminal';
export type { Where } from './refresh';

/** botocore's advisory refresh window: an SDK asks again this long before expiry. */
const REFRESH_WITHIN_MINUTES = 15;
const WAIT = { seconds: REFRESH_WAIT_MS / 1000, max: MAX_REFRESH_WAIT_MS / 1000 };

interface Command {
  readonly usage: string;
  /** What it does, in one line, for the list of commands. */
  readonly summary: string;
  readonly help: string;
  readonly args: ArgSpec;
  run(parsed: Parsed, context: HostContext, terminal: Terminal, where: Where): Promise<number> | number;
}

const fail = (printError: Terminal['printError'], problem: string) => {
  printError(`stsbridge: ${problem}`);
  return 1;
};

const COMMANDS: Readonly<Record<string, Command>> = {
  credentials: {
    usage: 'stsbridge credentials PROFILE [--refresh-within MINUTES] [--wait SECONDS]',
    summary: "print PROFILE's keys for credential_process, refreshed first when they are about to expire",
    help: [
      "Prints PROFILE's credentials as the JSON an AWS SDK or the AWS CLI reads from credential_process,",
      'and nothing else. In ~/.aws/config, under a profile of another name:',
      '  credential_process = stsbridge credentials PROFILE',
      `With less than --refresh-within minutes left (default ${REFRESH_WITHIN_MINUTES}), it first asks the browser to refresh them,`,
      `waiting up to --wait seconds (default ${WAIT.seconds}). With nothing valid to print, it exits 1 and says why on stderr.`,
      'Keys refreshed in the last minute are handed out as they are, and short sessions are refreshed in their',
      'last third at the earliest: many callers at once, or botocore calling on every request, make one sign-in.',
    ].join('\n'),
    args: { positional: 'one', positionalName: 'PROFILE', options: { 'refresh-within': 'value', wait: 'value' } },
    async run({ positional: [profile], options }, context, { print, printError }, where) {
      const within = numberOption(options['refresh-within'], REFRESH_WITHIN_MINUTES, 0, 720);
      const wait = numberOption(options.wait, WAIT.seconds, 1, WAIT.max);
      if (within === undefined) return usageError(printError, 'credentials', '--refresh-within takes minutes, from 0 to 720');
      if (wait === undefined) return usageError(printError, 'credentials', `--wait takes seconds, from 1 to ${WAIT.max}`);
      const readAt = context.now();
      const before = readProfileCredentials(context.credentialsFile, profile!);
      const now = () => context.now().getTime();
      if ('credentials' in before && !refreshDue(before, now(), within * 60_000)) return printProcessJson(print, before.credentials);
      if ('problem' in before && !before.refreshable) return fail(printError, before.problem);
      const refreshed = await refreshThroughBrowser({ profiles: [profile!] }, wait * 1000, where, readAt);
      const result = 'results' in refreshed ? refreshed.results.find((entry) => entry.profile === profile) : undefined;
      const reason = result && result.state !== 'refreshed' ? (result.message ?? 'the browser did not say why') : 'problem' in refreshed ? refreshed.problem : undefined;
      const after = readProfileCredentials(context.credentialsFile, profile!);
      if ('credentials' in after && after.expiresAt > now()) {
        if (reason) printError(`stsbridge: warning: ${profile} was not refreshed (${reason}); these credentials are valid until ${localTime(after.expiresAt)}`);
        return printProcessJson(print, after.credentials);
      }
      // A name neither the files nor the browser know is a typo: signing in cannot help.
      if ('problem' in after && after.missing && result?.state === 'unknown') return fail(printError, unknownProfile(profile!, context));
      const what = 'credentials' in after ? `${profile} expired at ${localTime(after.expiresAt)}` : after.problem;
      return fail(printError, `${what}, and the browser could not refresh it: ${reason ?? 'it wrote nothing'}. Sign in to your identity provider in the browser, then run \`stsbridge refresh ${profile}\``);
    },
  },
  env: {
    usage: `stsbridge env PROFILE [--format ${SHELL_FORMATS.join('|')}]`,
    summary: "print lines that put PROFILE's keys in a shell's environment",
    help: [
      "Prints lines that put PROFILE's credentials in a shell's environment, exactly as",
      '`aws configure export-credentials` prints them (fish: `set -gx`). The default format is env:',
      '  eval "$(stsbridge env PROFILE)"',
    ].join('\n'),
    args: { positional: 'one', positionalName: 'PROFILE', options: { format: 'value' } },
    run({ positional: [profile], options }, context, { print, printError }) {
      const format = options.format ?? 'env';
      if (format === true || !(SHELL_FORMATS as readonly string[]).includes(format)) return usageError(printError, 'env', `"${String(format)}" is not a format; use ${SHELL_FORMATS.join(', ')}`);
      const read = readProfileCredentials(context.credentialsFile, profile!);
      if ('problem' in read) return fail(printError, read.missing ? unknownProfile(profile!, context, false) : read.problem);
      if (read.expiresAt <= context.now().getTime()) return fail(printError, `${profile} expired at ${localTime(read.expiresAt)}; run \`stsbridge refresh ${profile}\`, or sign in to the AWS console again`);
      print(exportLines({ name: profile!, ...read.credentials }, format as ShellFormat));
      return 0;
    },
  },
  refresh: {
    usage: 'stsbridge refresh PROFILE... | --all [--wait SECONDS]',
    summary: 'have the browser sign in again, unseen, and refresh the profiles now',
    help: [
      'Asks the browser to refresh the profiles now (--all: every profile it has written), and waits.',
      "It signs in again through your identity provider's session, in a window you will not notice;",
      'when that session has ended, it says so, and the browser shows a notification to sign in.',
    ].join('\n'),
    args: { positional: 'some', positionalName: 'PROFILE', options: { all: 'flag', wait: 'value' } },
    async run({ positional, options }, _context, { print, printError }, where) {
      const wait = numberOption(options.wait, WAIT.seconds, 1, WAIT.max);
      if (wait === undefined) return usageError(printError, 'refresh', `--wait takes seconds, from 1 to ${WAIT.max}`);
      if (options.all === true && positional.length > 0) return usageError(printError, 'refresh', 'refresh takes PROFILE names or --all, not both');
      const refreshed = await refreshThroughBrowser(options.all === true ? { all: true } : { profiles: positional }, wait * 1000, where);
      if ('problem' in refreshed) return fail(printError, refreshed.problem);
      for (const result of refreshed.results) (result.state === 'refreshed' ? print : printError)(describeResult(result));
      return refreshed.results.length > 0 && refreshed.results.every((result) => result.state === 'refreshed') ? 0 : 1;
    },
  },
  list: {
    usage: 'stsbridge list [--warnings]',
    summary: 'list the profiles stsbridge manages: mode, state, expiry',
    help: [
      'Lists the profiles stsbridge manages, with their mode (file or process), state and expiry, and warns',
      'about every profile whose credential_process AWS tools would never run, because static keys of the',
      'same name in the credentials file come first. --warnings: only those warnings; exit 1 when there are any.',
    ].join('\n'),
    args: { positional: 'none', options: { warnings: 'flag' } },
    run: ({ options }, context, terminal) => listProfiles(context, terminal, options.warnings === true),
  },
  setup: {
    usage: 'stsbridge setup PROFILE [--mode process|file] | setup --all --mode file',
    summary: 'make PROFILE refresh itself for every AWS tool (credential_process), or put it back in the credentials file',
    help: [
      'Makes PROFILE a process profile (the default): AWS tools get its keys by running',
      '  credential_process = stsbridge credentials PROFILE',
      "which stsbridge writes in the config file, and which refreshes them through the browser before they",
      "expire. Its keys move from the credentials file to stsbridge's own cache (0600): static keys there",
      'would win over credential_process. --mode file moves them back. Only stsbridge\'s lines move.',
      '--all --mode file moves every process profile back (the uninstaller does, before the command goes).',
    ].join('\n'),
    args: { positional: 'some', positionalName: 'PROFILE', options: { mode: 'value', all: 'flag' } },
    async run({ positional, options }, context, terminal, where) {
      const mode = options.mode ?? 'process';
      if (mode !== 'process' && mode !== 'file') return usageError(terminal.printError, 'setup', `"${String(mode)}" is not a mode; use process or file`);
      if (options.all === true) {
        if (positional.length > 0 || mode !== 'file') return usageError(terminal.printError, 'setup', '--all goes with --mode file and no PROFILE');
        return allToFileMode(context, terminal, where);
      }
      if (positional.length !== 1) return usageError(terminal.printError, 'setup', 'setup takes one PROFILE');
      return setupOne(positional[0]!, mode, context, terminal, where);
    },
  },
  'prune-expired': {
    usage: 'stsbridge prune-expired',
    summary: "remove stsbridge's lines from the profiles that have expired",
    help: "Removes stsbridge's lines from the managed profiles whose credentials have expired; nothing else.",
    args: { positional: 'none', options: {} },
    run: (_parsed, context, terminal) => pruneExpired(context, terminal),
  },
};

async function setupOne(profile: string, mode: ProfileMode, context: HostContext, { print, printError }: Terminal, where: Where): Promise<number> {
  let outcome: ModeOutcome;
  try {
    outcome = await setMode(context, profile, mode, commandWords(where.hostFile));
  } catch (error) {
    return fail(printError, describeFileError(error, context.credentialsFile)[1]);
  }
  if ('problem' in outcome) return fail(printError, outcome.problem);
  for (const note of outcome.notes) printError(`stsbridge: ${note}`);
  if (!outcome.changed) print(`${profile} is already a ${mode} profile.`);
  else if (mode === 'process') print(`${profile} is now a process profile: AWS tools run \`stsbridge credentials ${profile}\` (${context.configFile}), and its keys are kept in ${cachePath(context.credentialsFile)}.`);
  else print(`${profile} is now a file profile: its keys are in ${context.credentialsFile}.`);
  return 0;
}

/**
 * Every process profile back to file mode, then the cache, now empty, removed: what uninstalling
 * needs, since a credential_process line naming a removed command fails every AWS tool that
 * reads it.
 */
async function allToFileMode(context: HostContext, terminal: Terminal, where: Where): Promise<number> {
  let names: string[];
  try {
    names = readInventory(context, context.now()).rows.filter((row) => row.mode === 'process').map((row) => row.name);
  } catch (error) {
    return fail(terminal.printError, describeFileError(error, context.credentialsFile)[1]);
  }
  let failed = 0;
  for (const name of names) failed += await setupOne(name, 'file', context, terminal, where);
  if (failed > 0) return 1;
  if (removeEmptyCache(cachePath(context.credentialsFile))) terminal.print(`removed stsbridge's cache ${cachePath(context.credentialsFile)}, which held no profile any more.`);
  if (names.length === 0) terminal.print('No process profiles: nothing to move.');
  return 0;
}

/** " Did you mean NAME?" for a profile name close to one stsbridge manages, else ''. */
function meant(profile: string, context: HostContext): string {
  let names: string[];
  try {
    names = readInventory(context, context.now()).rows.map((row) => row.name);
  } catch {
    return '';
  }
  const name = didYouMean(profile, names);
  return name ? ` Did you mean ${name}?` : '';
}

/** A profile in neither the files nor (`askedBrowser`) the browser. */
function unknownProfile(profile: string, context: HostContext, askedBrowser = true): string {
  const where = askedBrowser ? `it is not in ${context.credentialsFile}, and this browser has not written it` : `it is not in ${context.credentialsFile}`;
  return `no profile named ${profile}: ${where}.${meant(profile, context)} \`stsbridge list\` lists the profiles stsbridge manages`;
}

/** `status` is what the command was called before `list`. */
const ALIASES: Readonly<Record<string, string>> = { status: 'list' };

const INSTALL_SUMMARY = "register stsbridge with the browser (its native-messaging host) and put this command on PATH";

/** Every command, with what it does: `stsbridge --help`. */
const USAGE = [
  'usage: stsbridge COMMAND [ARGUMENTS]',
  '',
  ...Object.values(COMMANDS).flatMap((command) => [`  ${command.usage}`, `      ${command.summary}`]),
  `  ${INSTALL_USAGE}`,
  `      ${INSTALL_SUMMARY}`,
  '',
  'stsbridge help COMMAND (or COMMAND --help) says more about one; stsbridge --version prints the version.',
].join('\n');

/** What a word that is not a command gets: the command it most likely meant, and where the list is. */
function notACommand(given: string): string {
  const meant = didYouMean(given, [...Object.keys(COMMANDS), ...Object.keys(ALIASES), 'install', 'help', 'version']);
  return `stsbridge: "${given.slice(0, 40)}" is not a command${meant ? `; did you mean \`stsbridge ${meant}\`?` : '.'}\nRun \`stsbridge --help\` for the list of commands.`;
}

function usageError(printError: Terminal['printError'], name: string, problem: string): number {
  printError(`stsbridge: ${problem}.\nusage: ${COMMANDS[name]!.usage}`);
  return 2;
}

function printProcessJson(print: Terminal['print'], credentials: { accessKeyId: string; secretAccessKey: string; sessionToken: string; expiration: string }): number {
  const { accessKeyId, secretAccessKey, sessionToken, expiration } = credentials;
  // ISO 8601 in UTC, to the second, as STS states expiry.
  const utc = new Date(Date.parse(expiration)).toISOString().replace(/\.\d{3}Z$/, 'Z');
  print(JSON.stringify({ Version: 1, AccessKeyId: accessKeyId, SecretAccessKey: secretAccessKey, SessionToken: sessionToken, Expiration: utc }));
  return 0;
}

export async function runCommand(args: readonly string[], context: HostContext, terminal: Terminal, where: Where): Promise<number> {
  const [given, ...rest] = args;
  if (given === undefined || given === '--help' || given === '-h' || (given === 'help' && rest.length === 0)) {
    (given === undefined ? terminal.printError : terminal.print)(USAGE);
    return given === undefined ? 2 : 0;
  }
  if (given === '--version' || given === '-V' || given === 'version') {
    terminal.print(`stsbridge ${context.version}`);
    return 0;
  }
  // `help COMMAND` is `COMMAND --help`.
  if (given === 'help') return runCommand([rest[0]!, '--help'], context, terminal, where);
  // `install` hands every word to the installer, which has options of its own.
  if (given === 'install') return runInstaller(rest, where, terminal.printError);
  const name = ALIASES[given] ?? given;
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    terminal.printError(notACommand(given));
    return 2;
  }
  if (asksForHelp(rest)) {
    terminal.print(`usage: ${command.usage}\n\n${command.help}`);
    return 0;
  }
  const parsed = parseArgs(name, rest, command.args);
  if (typeof parsed === 'string') return usageError(terminal.printError, name, parsed);
  // A name stsbridge could never have written (`-x`, `a b`) is a typo, not a missing profile.
  const badName = command.args.positionalName === 'PROFILE' ? parsed.positional.map((word) => profileNameProblem(word)).find(Boolean) : undefined;
  if (badName) return usageError(terminal.printError, name, badName);
  return command.run(parsed, context, terminal, where);
}
