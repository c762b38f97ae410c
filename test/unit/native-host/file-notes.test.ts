// The host says when the AWS CLI cannot read a file it wrote. Its rules are checked here against
// botocore itself (the AWS CLI's copy and boto3's): for every file below, a note if and only if
// botocore refuses the file.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { firstNonUtf8Line, isUtf16, readabilityNotes } from '../../../native-host/ini/readability';
import { BOTOCORES, readWithBotocore } from '../../readers/botocore';
import { botocore, has } from '../../requirements';

/** Files as bytes (one character per byte), with the note expected, or undefined for none. */
const FILES: [string, string, RegExp | undefined][] = [
  ['a plain file', '# mine\n[a]\nregion = x\n\n[b]\nkey: value\n', undefined],
  ['an indented first option', '[a]\n  region = x\n', undefined],
  ['a continuation line', '[a]\nnote = x\n  more\n', undefined],
  ['comments and blanks before the first section', '\n# c\n; d\n\n[a]\nx = 1\n', undefined],
  ['CRLF line ends', '[a]\r\nx = 1\r\n', undefined],
  ['text before the first section', 'x = 1\n[a]\ny = 2\n', /text before the first \[section\], on line 1/],
  ['a section twice', '# c\n[a]\ny = 2\n[a]\nz = 1\n', /\[a\] twice, on lines 2 and 4/],
  ['a key twice', '[a]\ny = 2\ny = 3\n', /the key y twice in \[a\], the second on line 3/],
  ['a key twice in other cases', '[a]\nY = 1\ny = 2\n', /the key y twice in \[a\]/],
  ['a line without a delimiter', '[a]\njustaword\n', /a line that is not "key = value" in \[a\], on line 2/],
  ['an empty key', '[a]\n= 2\n', /a line that is not "key = value"/],
  ['a byte-order mark', '\xEF\xBB\xBF[a]\ny = 2\n', /byte-order mark/],
  ['a Latin-1 comment', '[a]\n# Zugang f\xFCr Prod\ny = 2\n', /not UTF-8 on line 2/],
  ['a lone surrogate, encoded', '[a]\ny = \xED\xA0\x80\n', /not UTF-8 on line 2/],
];

const dir = mkdtempSync(path.join(os.tmpdir(), 'stsbridge-notes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readability notes', () => {
  it.each(FILES)('%s', (_label, text, note) => {
    const notes = readabilityNotes('credentials', text);
    if (note === undefined) expect(notes).toEqual([]);
    else expect(notes).toEqual([expect.stringMatching(note)]);
  });

  it('tells UTF-16 from UTF-8, with or without a mark', () => {
    const utf16 = (text: string, bom: string) => bom + Buffer.from(text, 'utf16le').toString('latin1');
    expect(isUtf16(utf16('[default]\r\nregion = x\r\n', '\xFF\xFE'))).toBe(true);
    expect(isUtf16(utf16('[default]\r\nregion = x\r\n', ''))).toBe(true);
    expect(isUtf16('[default]\nregion = x\n')).toBe(false);
    expect(isUtf16('# nul \x00 here\n[a]\n')).toBe(false);
    expect(firstNonUtf8Line('ok\ncaf\xC3\xA9\nf\xFCr\n')).toBe(3);
  });
});

describe.skipIf(!has(botocore))('readability notes agree with botocore', () => {
  it.each(FILES)('%s', (_label, text) => {
    const file = path.join(dir, 'credentials');
    writeFileSync(file, Buffer.from(text, 'latin1'));
    const noted = readabilityNotes(file, text).length > 0;
    for (const module of BOTOCORES) {
      const reading = readWithBotocore(module, file, path.join(dir, 'no-config'));
      expect('error' in reading, `${module}: ${JSON.stringify(reading)}`).toBe(noted);
    }
  });
});
