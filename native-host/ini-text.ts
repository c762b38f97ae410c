// Reads the layout of an AWS INI file (credentials or config) the way the AWS CLI does
// (Python's configparser, as botocore uses it), without changing a byte: where each section
// starts and ends and where each option line is. The writer splices text using this map; it never
// re-serialises a parsed object, which is how `ini` and configparser lose comments (npm/ini#32,
// aws-mfa #39).

export interface Line {
  /** The line without its terminator. */
  readonly text: string;
  /** '\n', '\r\n', '\r' or '' for a last line without one. */
  readonly eol: string;
}

export interface OptionLine {
  /** Index of the option's first line in `lines`. */
  readonly index: number;
  /** Lines taken by the option: 1 plus its continuation lines. */
  readonly span: number;
  /** Option name as configparser sees it: trimmed and lower-cased. */
  readonly key: string;
}

export interface Section {
  readonly name: string;
  /** Index of the `[name]` line. */
  readonly header: number;
  /** Index one past the section's last line. */
  readonly end: number;
  readonly options: readonly OptionLine[];
}

export interface IniLayout {
  /** A leading byte-order mark, kept as it was. */
  readonly bom: string;
  readonly lines: readonly Line[];
  readonly sections: readonly Section[];
  /** The terminator the file mostly uses, for lines we add. */
  readonly eol: string;
}

const LINE = /([^\r\n]*)(\r\n|\n|\r|$)/g;

export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  if (text === '') return lines;
  for (const match of text.matchAll(LINE)) {
    if (match[0] === '') break;
    lines.push({ text: match[1]!, eol: match[2]! });
  }
  return lines;
}

function isCommentOrBlank(stripped: string): boolean {
  return stripped === '' || stripped.startsWith('#') || stripped.startsWith(';');
}

function indentOf(text: string): number {
  return text.length - text.trimStart().length;
}

/** configparser's header rule: `[` then anything, up to the last `]` on the line. */
export function sectionName(stripped: string): string | undefined {
  if (!stripped.startsWith('[')) return undefined;
  const close = stripped.lastIndexOf(']');
  return close > 1 ? stripped.slice(1, close) : undefined;
}

export function readLayout(text: string): IniLayout {
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const lines = splitLines(bom ? text.slice(1) : text);
  const sections: Section[] = [];
  let current: { name: string; header: number; options: OptionLine[] } | undefined;
  let option: { index: number; indent: number; key: string } | undefined;
  const closeOption = (end: number) => {
    if (current && option) current.options.push({ index: option.index, span: end - option.index, key: option.key });
    option = undefined;
  };
  lines.forEach((line, index) => {
    const stripped = line.text.trim();
    if (isCommentOrBlank(stripped)) return;
    const indent = indentOf(line.text);
    // A line indented deeper than the option it follows continues that option's value.
    if (option && indent > option.indent) return;
    closeOption(lastContentLine(lines, index) + 1);
    const name = sectionName(stripped);
    if (name !== undefined) {
      if (current) sections.push({ ...current, end: index });
      current = { name, header: index, options: [] };
      return;
    }
    const delimiter = stripped.search(/[=:]/);
    const key = (delimiter === -1 ? stripped : stripped.slice(0, delimiter)).trim().toLowerCase();
    option = { index, indent, key };
  });
  closeOption(lastContentLine(lines, lines.length) + 1);
  if (current) sections.push({ ...current, end: lines.length });
  const crlf = lines.filter((line) => line.eol === '\r\n').length;
  const lf = lines.filter((line) => line.eol === '\n').length;
  return { bom, lines, sections, eol: crlf > lf ? '\r\n' : '\n' };
}

/** The last non-blank, non-comment line before `before` (an option's continuation ends there). */
function lastContentLine(lines: readonly Line[], before: number): number {
  let index = before - 1;
  while (index >= 0 && isCommentOrBlank(lines[index]!.text.trim())) index -= 1;
  return index;
}
