// Reads the layout of an AWS INI file (credentials or config) the way the AWS CLI does
// (Python's configparser, as botocore uses it), without changing a byte: where each section
// starts and ends and where each option line is. The writer splices text using this map; it never
// re-serialises a parsed object, which is how `ini` and configparser lose comments (npm/ini#32,
// aws-mfa #39).
//
// Texts here are the file's bytes, one character per byte (Node's 'latin1' decoding): a byte
// that is not UTF-8, a comment in Latin-1 or a stray NUL passes through unchanged, which decoding
// as UTF-8 would not (each invalid byte would come back as U+FFFD). Everything INI syntax relies
// on is ASCII, and so is everything stsbridge writes.

/** UTF-8's byte-order mark, as the three bytes it is. */
export const UTF8_BOM = '\xEF\xBB\xBF';

export interface Line {
  /** The line without its terminator. */
  readonly text: string;
  /** '\n', '\r\n', '\r' or '' for a last line without one. */
  readonly eol: string;
  /** Offset of the line's first byte in the text (after any BOM). */
  readonly start: number;
}

export interface OptionLine {
  /** Index of the option's first line in `lines`. */
  readonly index: number;
  /** Lines taken by the option: 1 plus its continuation lines. */
  readonly span: number;
  /** Option name as configparser sees it: trimmed and lower-cased. */
  readonly key: string;
  /** False for a line configparser refuses: no `=` or `:`, or nothing before it. */
  readonly wellFormed: boolean;
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

// One line: its text, then its terminator or the end of the input. Sticky, so each match starts
// exactly where the last one ended. (A hand loop over indexOf was measured too: after a few calls
// V8's optimised version of it took 5 s instead of 6 ms on a 10,000-profile file; this stays at
// 10-25 ms.)
const LINE = /([^\r\n]*)(\r\n|\n|\r|$)/y;

/** Splits at '\n', '\r\n' and a lone '\r' (configparser reads all three as line ends). */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start < text.length) {
    LINE.lastIndex = start;
    // Always matches, and always moves on: a character that is not a terminator extends the
    // text group, and a terminator is the eol group.
    const match = LINE.exec(text)!;
    lines.push({ text: match[1]!, eol: match[2]!, start });
    start = LINE.lastIndex;
  }
  return lines;
}

function isCommentOrBlank(stripped: string): boolean {
  return stripped === '' || stripped.startsWith('#') || stripped.startsWith(';');
}

function indentOf(text: string): number {
  let indent = 0;
  while (indent < text.length && /\s/.test(text[indent]!)) indent += 1;
  return indent;
}

/** configparser's header rule: `[` then anything, up to the last `]` on the line. */
export function sectionName(stripped: string): string | undefined {
  if (!stripped.startsWith('[')) return undefined;
  const close = stripped.lastIndexOf(']');
  return close > 1 ? stripped.slice(1, close) : undefined;
}

export function readLayout(text: string): IniLayout {
  const bom = text.startsWith(UTF8_BOM) ? UTF8_BOM : '';
  const lines = splitLines(text.slice(bom.length));
  const sections: Section[] = [];
  let current: { name: string; header: number; options: OptionLine[] } | undefined;
  let option: { index: number; indent: number; key: string; wellFormed: boolean } | undefined;
  // The last non-blank, non-comment line so far: an option's continuation ends there.
  let lastContent = -1;
  let crlf = 0;
  let lf = 0;
  const closeOption = () => {
    if (current && option) current.options.push({ index: option.index, span: lastContent + 1 - option.index, key: option.key, wellFormed: option.wellFormed });
    option = undefined;
  };
  lines.forEach((line, index) => {
    if (line.eol === '\r\n') crlf += 1;
    else if (line.eol === '\n') lf += 1;
    const stripped = line.text.trim();
    if (isCommentOrBlank(stripped)) return;
    const indent = indentOf(line.text);
    // A line indented deeper than the option it follows continues that option's value.
    if (option && indent > option.indent) {
      lastContent = index;
      return;
    }
    closeOption();
    lastContent = index;
    const name = sectionName(stripped);
    if (name !== undefined) {
      if (current) sections.push({ ...current, end: index });
      current = { name, header: index, options: [] };
      return;
    }
    const delimiter = stripped.search(/[=:]/);
    const key = (delimiter === -1 ? stripped : stripped.slice(0, delimiter)).trim().toLowerCase();
    option = { index, indent, key, wellFormed: delimiter > 0 };
  });
  closeOption();
  if (current) sections.push({ ...current, end: lines.length });
  return { bom, lines, sections, eol: crlf > lf ? '\r\n' : '\n' };
}

/** An option's value as botocore reads it: after the first `=` or `:`, trimmed. */
export function optionValue(layout: IniLayout, section: Section, key: string): string | undefined {
  const option = section.options.find((candidate) => candidate.key === key);
  const raw = option && layout.lines[option.index]!.text;
  return raw?.slice(raw.search(/[=:]/) + 1).trim() || undefined;
}
