// Which profile a section header names, file by file, as botocore (the AWS CLI, boto3) reads it:
// stsbridge must edit the section those tools use, never add a second one beside it.
//
// - Credentials file: the header is the profile name, exactly (`[ foo ]` is the profile " foo ").
// - Config file: `[default]`, or any header starting with `profile` that shlex splits into two
//   words, the second being the name: `[profile foo]`, `[profile "foo"]`, `[profile  foo]`,
//   `[profile\tfoo]` all name `foo` (the AWS CLI's own writer updates `[profile "foo"]` in
//   place). When several name one profile, botocore keeps the last.
//
// Everything that looks a profile up goes through sectionsByProfile, and everything that asks
// whether a section is stsbridge's through isMarked: one rule each, in one place.

import type { IniLayout, Section } from './layout';

/**
 * Marks a section as stsbridge's, right under its header: the file itself says which profiles
 * `status` lists and `prune-expired` may remove. Every AWS reader skips comment lines.
 */
export const MANAGED_MARKER = '# managed by stsbridge: refreshed by your sign-ins in the browser';

/**
 * What earlier versions wrote, when console logins were the only way in: still stsbridge's. A
 * section keeps the marker it has; new sections get MANAGED_MARKER.
 */
const EARLIER_MARKERS: readonly string[] = ['# managed by stsbridge: refreshed on each console login'];

export function isMarkerLine(text: string): boolean {
  const line = text.trim();
  return line === MANAGED_MARKER || EARLIER_MARKERS.includes(line);
}

/** Whether `section` carries stsbridge's marker. */
export function isMarked(layout: IniLayout, section: Section): boolean {
  for (let index = section.header + 1; index < section.end; index += 1) {
    if (isMarkerLine(layout.lines[index]!.text)) return true;
  }
  return false;
}

export interface FileRules {
  /** The profile a section (by its header's name) belongs to, or undefined when it is none. */
  readonly profileOf: (sectionName: string) => string | undefined;
  /** Which of several sections of one profile the readers use. */
  readonly duplicates: 'first' | 'last';
}

export const CREDENTIALS_RULES: FileRules = { profileOf: (name) => name, duplicates: 'first' };

/** The one section readers use for each profile in the file, in file order. */
export function sectionsByProfile(layout: IniLayout, rules: FileRules = CREDENTIALS_RULES): Map<string, Section> {
  const sections = new Map<string, Section>();
  for (const section of layout.sections) {
    const profile = rules.profileOf(section.name);
    if (profile !== undefined && (rules.duplicates === 'last' || !sections.has(profile))) sections.set(profile, section);
  }
  return sections;
}

/**
 * Every section of `profile`, in file order. More than one is a file problem: botocore refuses
 * the whole file, the JavaScript SDK merges them (the later wins key by key), and the Go SDK
 * takes one, so what one tool gives for the profile is not what another does.
 */
export function allSectionsOf(layout: IniLayout, profile: string, rules: FileRules = CREDENTIALS_RULES): Section[] {
  return layout.sections.filter((section) => rules.profileOf(section.name) === profile);
}

export const CONFIG_RULES: FileRules = {
  profileOf(name) {
    if (name === 'default') return 'default';
    if (!name.startsWith('profile')) return undefined;
    const words = shlexSplit(name);
    return words?.length === 2 ? words[1] : undefined;
  },
  duplicates: 'last',
};

/**
 * Python's shlex.split in POSIX mode, for a section header: words split at whitespace, single
 * quotes literal, double quotes with `\"` and `\\` escapes, a backslash outside quotes escaping
 * the next character. Undefined where shlex raises (an unclosed quote, a trailing backslash):
 * botocore then skips the section.
 */
export function shlexSplit(text: string): string[] | undefined {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    if (quote === "'") {
      if (char === "'") quote = undefined;
      else word += char;
    } else if (quote === '"') {
      if (char === '"') quote = undefined;
      else if (char === '\\' && (text[i + 1] === '"' || text[i + 1] === '\\')) word += text[++i];
      else word += char;
    } else if (char === "'" || char === '"') {
      quote = char;
      inWord = true;
    } else if (char === '\\') {
      if (i + 1 >= text.length) return undefined;
      word += text[++i];
      inWord = true;
    } else if (' \t\r\n'.includes(char)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += char;
      inWord = true;
    }
  }
  if (quote) return undefined;
  if (inWord) words.push(word);
  return words;
}
