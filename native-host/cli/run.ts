// The `stsbridge` command: the host's program, run by a person or by an AWS tool rather than by
// Chrome. Each command reads the credentials file directly; none needs the browser. Exit status:
// 0 done, 1 failed (the reason on stderr, one line), 2 not understood (usage on stderr).

import type { HostContext } from '../handle';
import { exportLines, SHELL_FORMATS, type ShellFormat } from '../export-lines';
import { readProfileCredentials } from './profile-credentials';
import { statusOrPrune } from './status';
import type { Terminal } from './terminal';

export type { Terminal } from './terminal';

interface Command {
  readonly usage: string;
  readonly help: string;
  run(args: readonly string[], context: HostContext, terminal: Terminal): Promise<number>;
}

const COMMANDS: Readonly<Record<string, Command>> = {
  credentials: {
    usage: 'stsbridge credentials PROFILE',
    help: [
      "Prints PROFILE's credentials as the JSON an AWS SDK or the AWS CLI reads from credential_process,",
      'and nothing else. In ~/.aws/config, under a profile of another name:',
      '  credential_process = stsbridge credentials PROFILE',
      'Expired credentials print nothing, and exit 1 with the reason on stderr.',
    ].join('\n'),
    async run(args, context, { print, printError }) {
      const [profile] = args;
      const read = await readProfileCredentials(context.credentialsFile, profile!, context.now());
      if ('problem' in read) {
        printError(`stsbridge: ${read.problem}`);
        return 1;
      }
      const { accessKeyId, secretAccessKey, sessionToken, expiration } = read.credentials;
      print(JSON.stringify({ Version: 1, AccessKeyId: accessKeyId, SecretAccessKey: secretAccessKey, SessionToken: sessionToken, Expiration: isoUtc(expiration) }));
      return 0;
    },
  },
  env: {
    usage: `stsbridge env PROFILE [--format ${SHELL_FORMATS.join('|')}]`,
    help: [
      "Prints lines that put PROFILE's credentials in a shell's environment, exactly as",
      '`aws configure export-credentials` prints them (fish: `set -gx`). The default format is env:',
      '  eval "$(stsbridge env PROFILE)"',
    ].join('\n'),
    async run(args, context, { print, printError }) {
      const [profile, format = 'env'] = args;
      const read = await readProfileCredentials(context.credentialsFile, profile!, context.now());
      if ('problem' in read) {
        printError(`stsbridge: ${read.problem}`);
        return 1;
      }
      print(exportLines({ name: profile!, ...read.credentials }, format as ShellFormat));
      return 0;
    },
  },
  list: {
    usage: 'stsbridge list',
    help: 'Lists the profiles stsbridge manages in the credentials file, with when each expires.',
    run: (_args, context, terminal) => statusOrPrune('status', context, terminal),
  },
  'prune-expired': {
    usage: 'stsbridge prune-expired',
    help: "Removes stsbridge's lines from the managed profiles whose credentials have expired; nothing else.",
    run: (_args, context, terminal) => statusOrPrune('prune-expired', context, terminal),
  },
};

/** `status` is what the command was called before `list`. */
const ALIASES: Readonly<Record<string, string>> = { status: 'list' };

const USAGE = ['usage:', ...Object.values(COMMANDS).map((command) => `  ${command.usage}`), 'Each command takes --help.'].join('\n');

/** The arguments a command takes after its name, or why they are not right. */
function checkArguments(name: string, args: readonly string[]): string[] | string {
  const wantsProfile = name === 'credentials' || name === 'env';
  if (!wantsProfile) return args.length === 0 ? [] : `${name} takes no arguments`;
  const [profile, ...rest] = args;
  if (!profile || profile.startsWith('-')) return `${name} needs a PROFILE`;
  if (name === 'credentials') return rest.length === 0 ? [profile] : 'credentials takes one PROFILE';
  if (rest.length === 0) return [profile];
  const format = rest[0] === '--format' ? rest[1] : rest[0]?.startsWith('--format=') ? rest[0].slice('--format='.length) : undefined;
  const used = rest[0] === '--format' ? 2 : 1;
  if (format === undefined || rest.length !== used) return `env takes PROFILE and --format ${SHELL_FORMATS.join('|')}`;
  return (SHELL_FORMATS as readonly string[]).includes(format) ? [profile, format] : `"${format}" is not a format; use ${SHELL_FORMATS.join(', ')}`;
}

export async function runCommand(args: readonly string[], context: HostContext, terminal: Terminal): Promise<number> {
  const [given, ...rest] = args;
  if (given === undefined || given === '--help' || given === '-h') {
    (given === undefined ? terminal.printError : terminal.print)(USAGE);
    return given === undefined ? 2 : 0;
  }
  const name = ALIASES[given] ?? given;
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    terminal.printError(`stsbridge: "${given.slice(0, 40)}" is not a command.\n${USAGE}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    terminal.print(`usage: ${command.usage}\n\n${command.help}`);
    return 0;
  }
  const checked = checkArguments(name, rest);
  if (typeof checked === 'string') {
    terminal.printError(`stsbridge: ${checked}.\nusage: ${command.usage}`);
    return 2;
  }
  return command.run(checked, context, terminal);
}

/** ISO 8601 in UTC, to the second, as STS states expiry. */
function isoUtc(expiration: string): string {
  return new Date(Date.parse(expiration)).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
