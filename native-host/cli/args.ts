// A command's arguments: its positional words, and `--name value` / `--name=value` options and
// `--flag`s, checked against what the command takes. A problem comes back as a sentence. After
// `--`, every word is positional, as in every POSIX command.

export interface ArgSpec {
  /** How many positional words: none, exactly one, or one or more. */
  readonly positional: 'none' | 'one' | 'some';
  /** The word a missing positional is called in messages, e.g. PROFILE. */
  readonly positionalName?: string;
  readonly options: Readonly<Record<string, 'value' | 'flag'>>;
}

export interface Parsed {
  readonly positional: readonly string[];
  readonly options: Readonly<Record<string, string | true>>;
}

export function parseArgs(command: string, args: readonly string[], spec: ArgSpec): Parsed | string {
  const positional: string[] = [];
  const options: Record<string, string | true> = {};
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index]!;
    if (arg === '--') {
      positional.push(...args.slice(index + 1));
      break;
    }
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s) as [string, string | undefined];
    const kind = Object.hasOwn(spec.options, name) ? spec.options[name] : undefined;
    if (!kind) return `${command} takes no option --${name.slice(0, 40)}`;
    if (kind === 'flag') {
      if (inline !== undefined) return `--${name} takes no value`;
      options[name] = true;
    } else {
      const value = inline ?? args[(index += 1)];
      if (value === undefined) return `--${name} needs a value`;
      options[name] = value;
    }
  }
  const what = spec.positionalName ?? 'argument';
  if (spec.positional === 'none' && positional.length > 0) return `${command} takes no arguments`;
  if (spec.positional === 'one' && positional.length !== 1) return positional.length === 0 ? `${command} needs a ${what}` : `${command} takes one ${what}`;
  if (spec.positional === 'some' && positional.length === 0 && options.all !== true) return `${command} needs a ${what}`;
  return { positional, options };
}

/** A number of seconds or minutes given on the command line, within bounds; undefined when it is not one. */
export function numberOption(value: string | true | undefined, fallback: number, min: number, max: number): number | undefined {
  if (value === undefined) return fallback;
  if (value === true || !/^\d+(\.\d+)?$/.test(value)) return undefined;
  const number = Number(value);
  return number >= min && number <= max ? number : undefined;
}

/** Whether the words ask for help: `--help` or `-h` before any `--`. */
export function asksForHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).some((arg) => arg === '--help' || arg === '-h');
}
