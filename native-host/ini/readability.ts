// What the AWS CLI will make of a credentials or config file once stsbridge has written it. The
// bytes outside stsbridge's lines are the person's and stay as they are; when botocore (the AWS
// CLI's and boto3's reader) would refuse the whole file anyway, the person is told why, and where,
// instead of an "ok" for profiles no AWS CLI can see. Pure: it reads the text it is given.
//
// Each rule below was checked against botocore itself (test/unit/native-host/file-notes.test.ts).

import { readLayout, UTF8_BOM, type IniLayout } from './layout';

/** Whether the bytes (one character each) are UTF-16, as PowerShell 5's `>` writes a file. */
export function isUtf16(text: string): boolean {
  if (text.startsWith('\xFF\xFE') || text.startsWith('\xFE\xFF')) return true;
  // Without a mark: ASCII text in UTF-16 has a NUL in every other byte.
  const head = text.slice(0, 64);
  if (head.length < 4) return false;
  const nulAt = (parity: number) => [...head].every((char, i) => i % 2 !== parity || char === '\0');
  return nulAt(0) || nulAt(1);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The 1-based number of the first line holding bytes that are not UTF-8, or undefined. */
export function firstNonUtf8Line(text: string): number | undefined {
  const bytes = Buffer.from(text, 'latin1');
  try {
    utf8.decode(bytes);
    return undefined;
  } catch {
    // Rare, so found the slow way: line by line.
  }
  const lines = text.split(/\r\n|\n|\r/);
  const index = lines.findIndex((line) => {
    try {
      utf8.decode(Buffer.from(line, 'latin1'));
      return false;
    } catch {
      return true;
    }
  });
  return index === -1 ? lines.length : index + 1;
}

/** Why configparser (strict, as botocore uses it) refuses the file, with the line, or undefined. */
export function parseProblem(layout: IniLayout): string | undefined {
  const firstHeader = layout.sections[0]?.header ?? layout.lines.length;
  const contentBefore = layout.lines.slice(0, firstHeader).findIndex((line) => !isCommentOrBlank(line.text));
  if (contentBefore !== -1) return `text before the first [section], on line ${contentBefore + 1}`;
  const seen = new Map<string, number>();
  for (const section of layout.sections) {
    const earlier = seen.get(section.name);
    if (earlier !== undefined) return `[${section.name}] twice, on lines ${earlier + 1} and ${section.header + 1}`;
    seen.set(section.name, section.header);
    const keys = new Set<string>();
    for (const option of section.options) {
      if (!option.wellFormed) return `a line that is not "key = value" in [${section.name}], on line ${option.index + 1}`;
      if (keys.has(option.key)) return `the key ${option.key} twice in [${section.name}], the second on line ${option.index + 1}`;
      keys.add(option.key);
    }
  }
  return undefined;
}

function isCommentOrBlank(text: string): boolean {
  const stripped = text.trim();
  return stripped === '' || stripped.startsWith('#') || stripped.startsWith(';');
}

/** Notes on `text`, the file as it will be written: each names what the AWS CLI would refuse. */
export function readabilityNotes(file: string, text: string): string[] {
  const notes: string[] = [];
  if (text.startsWith(UTF8_BOM)) {
    // The AWS CLI reads the file as plain UTF-8 and sees the mark as text before the first header.
    notes.push(`${file} starts with a byte-order mark, which makes the AWS CLI refuse the whole file; save it as UTF-8 without BOM.`);
  }
  const badLine = firstNonUtf8Line(text);
  if (badLine !== undefined) {
    notes.push(`${file} has bytes that are not UTF-8 on line ${badLine}, so the AWS CLI cannot read the file; stsbridge kept them as they were. Save the file as UTF-8.`);
  }
  const problem = parseProblem(readLayout(text));
  if (problem !== undefined) {
    notes.push(`The AWS CLI cannot read ${file}: it has ${problem}. stsbridge wrote its profiles and left the rest as it was; fix that line so the AWS CLI sees them.`);
  }
  return notes;
}
