// Which profile a section header names, file by file, as botocore (the AWS CLI, boto3) reads it:
// stsbridge must edit the section those tools use, never add a second one beside it.
//
// - Credentials file: the header is the profile name, exactly (`[ foo ]` is the profile " foo ").
// - Config file: `[default]`, or any header starting with `profile` that shlex splits into two
//   words, the second being the name: `[profile foo]`, `[profile "foo"]`, `[profile  foo]`,
//   `[profile\tfoo]` all name `foo` (the AWS CLI's own writer updates `[profile "foo"]` in
//   place). When several name one profile, botocore keeps the last.

export interface FileRules {
  /** The profile a section (by its header's name) belongs to, or undefined when it is none. */
  readonly profileOf: (sectionName: string) => string | undefined;
  /** Which of several sections of one profile the readers use. */
  readonly duplicates: 'first' | 'last';
}

export const CREDENTIALS_RULES: FileRules = { profileOf: (name) => name, duplicates: 'first' };

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
