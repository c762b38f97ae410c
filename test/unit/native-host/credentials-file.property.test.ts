// 10,000 generated credentials files, each put through a random sequence of managed writes.
// The files come from a model, so the test knows on its own which lines are stsbridge's: every
// other line must survive byte for byte and in order, nothing unexplained may appear, and two
// independent readers (npm `ini`, and the AWS SDK's own INI loader that `fromIni` uses) must read
// everything else exactly as before and the managed keys as written.
//
// Files are bytes, as the host edits them (one character per byte, see ini-text.ts): comments
// and values of other keys hold arbitrary bytes, UTF-8 or not: Latin-1, the UTF-8 encodings of
// lone surrogates, NUL, a stray continuation byte.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadSharedConfigFiles } from '@smithy/core/config';
import fc from 'fast-check';
import { parse as parseIni } from 'ini';
import { afterAll, describe, expect, it } from 'vitest';
import { MANAGED_KEYS, MANAGED_MARKER, upsertProfiles } from '../../../native-host/ini/edit';
import { UTF8_BOM } from '../../../native-host/ini/layout';
import { removeProfiles } from '../../../native-host/ini/managed';
import type { ProfileCredentials } from '../../../native-host/protocol';

const NAMES = ['default', 'prod', 'dev-eu', '111122223333-Admin', '444455556666-ReadOnly', 'ci@build', 'team/ops'];
const OTHER_KEYS = ['region', 'output', 'ca_bundle', 'role_arn', 'source_profile'];
const OWN_KEYS: readonly string[] = [...MANAGED_KEYS, 'aws_security_token'];

interface ModelLine {
  readonly text: string;
  /** Lines stsbridge may replace or drop: its own keys (and their continuations) in a section it writes. */
  readonly ownedIn?: string;
}

interface Model {
  readonly bom: boolean;
  readonly eol: '\n' | '\r\n';
  readonly trailingEol: boolean;
  readonly sections: readonly { name: string; lines: readonly { key: string; delimiter: string; value: string; continuation?: string; comment?: string }[]; headerStyle: string; leading: string[] }[];
  readonly preamble: readonly string[];
}

const safeValue = fc.stringMatching(/^[A-Za-z0-9/+=._:-]{1,24}$/);
/** Bytes any line may hold after its first character: everything but the line terminators. */
const lineBytes = (maxLength: number) =>
  fc
    .array(fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0x00, 0xfc, 0xe9, 0xed, 0xa0, 0x80, 0xc3, 0xff)), { maxLength })
    .map((bytes) => Buffer.from(bytes.filter((byte) => byte !== 0x0a && byte !== 0x0d)).toString('latin1'));
/** A value of a key the person owns: starts with a plain character, then any bytes. */
const anyValue = fc.tuple(safeValue, lineBytes(16)).map(([head, tail]) => head + tail);
const comment = fc.oneof(
  fc.constantFrom('# a comment', '; another', '#', '   # indented comment', '; keep me: region = x'),
  // Latin-1 ("f\xFCr"), the UTF-8 of a lone surrogate (\xED\xA0\x80), NUL: any bytes at all.
  fc.tuple(fc.constantFrom('#', ';', '  #'), lineBytes(24)).map(([mark, tail]) => mark + tail),
  fc.constantFrom('# Zugang f\xFCr Prod', '; \xED\xA0\x80 lone surrogate', '# nul \x00 here', '# caf\xC3\xA9 in UTF-8'),
);
const model: fc.Arbitrary<Model> = fc.record({
  bom: fc.boolean(),
  eol: fc.constantFrom<'\n' | '\r\n'>('\n', '\r\n'),
  trailingEol: fc.boolean(),
  preamble: fc.array(fc.oneof(comment, fc.constant('')), { maxLength: 3 }),
  sections: fc.uniqueArray(
    fc.record({
      name: fc.constantFrom(...NAMES),
      // Only forms every reader agrees on: `ini` and the SDK take neither `[name] ; note` nor
      // `key : value` nor continuation lines of keys they then drop, which configparser (the AWS
      // CLI, whose rules the editor follows) does; those have unit tests of their own.
      headerStyle: fc.constantFrom('[%]', '[%]', '[%]   '),
      leading: fc.array(fc.oneof(comment, fc.constant('')), { maxLength: 2 }),
      lines: fc.uniqueArray(
        fc.record(
          {
            key: fc.constantFrom(...OTHER_KEYS, ...OWN_KEYS),
            delimiter: fc.constantFrom(' = ', '=', ' =', '   =   '),
            value: anyValue,
            continuation: safeValue,
            comment,
          },
          { requiredKeys: ['key', 'delimiter', 'value'] },
        ),
        { selector: (line) => line.key, maxLength: 6 },
      ),
    }),
    { selector: (section) => section.name, maxLength: 5 },
  ),
});

function render(m: Model, owned: ReadonlySet<string>): { text: string; lines: ModelLine[] } {
  const lines: ModelLine[] = m.preamble.map((text) => ({ text }));
  for (const section of m.sections) {
    lines.push(...section.leading.map((text) => ({ text })));
    lines.push({ text: section.headerStyle.replace('%', section.name) });
    for (const line of section.lines) {
      const ownedIn = owned.has(section.name) && OWN_KEYS.includes(line.key) ? section.name : undefined;
      lines.push({ text: `${line.key}${line.delimiter}${line.value}`, ...(ownedIn ? { ownedIn } : {}) });
      if (line.continuation && !OWN_KEYS.includes(line.key)) lines.push({ text: `    ${line.continuation}` });
      if (line.comment) lines.push({ text: line.comment });
    }
  }
  const text = lines.map((line) => line.text).join(m.eol) + (m.trailingEol && lines.length > 0 ? m.eol : '');
  return { text: (m.bom ? UTF8_BOM : '') + text, lines };
}

const credentials = fc.record({
  accessKeyId: fc.stringMatching(/^ASIA[A-Z0-9]{16}$/),
  secretAccessKey: fc.stringMatching(/^[A-Za-z0-9+/]{40}$/),
  sessionToken: fc.stringMatching(/^[A-Za-z0-9+/]{40,120}={0,2}$/),
  expiration: fc.constantFrom('2030-01-01T00:00:00Z', '2031-06-30T12:34:56Z'),
});
const writes = fc.array(fc.uniqueArray(fc.record({ name: fc.constantFrom(...NAMES), credentials }), { selector: (w) => w.name, minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 });

const dir = mkdtempSync(path.join(os.tmpdir(), 'stsbridge-prop-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = path.join(dir, 'credentials');

/** How a reader sees the bytes: decoded as UTF-8, as every AWS reader decodes the file. */
const decoded = (bytes: string) => Buffer.from(bytes, 'latin1').toString('utf8');

async function sdkRead(bytes: string): Promise<Record<string, Record<string, string | undefined>>> {
  writeFileSync(file, Buffer.from(bytes, 'latin1'));
  const { credentialsFile } = await loadSharedConfigFiles({ filepath: file, configFilepath: path.join(dir, 'none'), ignoreCache: true });
  return credentialsFile;
}

function withoutOwned(parsed: Record<string, unknown>, owned: ReadonlySet<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [section, values] of Object.entries(parsed)) {
    if (!owned.has(section)) {
      out[section] = values;
      continue;
    }
    const rest = Object.fromEntries(Object.entries(values as Record<string, unknown>).filter(([key]) => !OWN_KEYS.includes(key)));
    if (Object.keys(rest).length > 0) out[section] = rest;
  }
  return out;
}

describe('upsertProfiles on generated files', () => {
  it('keeps every byte it does not own, and both readers agree', async () => {
    await fc.assert(
      fc.asyncProperty(model, writes, async (m, sequence) => {
        const owned = new Set(sequence.flatMap((batch) => batch.map((w) => w.name)));
        const { text: original, lines } = render(m, owned);
        let text = original;
        const latest = new Map<string, ProfileCredentials>();
        for (const batch of sequence) {
          const profiles = batch.map((w) => ({ name: w.name, ...w.credentials }));
          text = upsertProfiles(text, profiles);
          for (const profile of profiles) latest.set(profile.name, profile);
        }

        // 1. Every line that is not stsbridge's survives, in order, byte for byte.
        const body = text.startsWith(UTF8_BOM) ? text.slice(UTF8_BOM.length) : text;
        expect(text.startsWith(UTF8_BOM)).toBe(m.bom);
        const out = body.split(/\r?\n/);
        let at = 0;
        for (const line of lines.filter((l) => !l.ownedIn)) {
          while (at < out.length && out[at] !== line.text) {
            // 2. Anything in between must be stsbridge's own: a managed key, its marker, a header it added, a blank.
            if (out[at] !== MANAGED_MARKER) {
              expect(out[at]).toMatch(/^(?:(?:aws_access_key_id|aws_secret_access_key|aws_session_token|x_security_token_expires|aws_security_token) = \S+|\[[^\]]+\]|)$/);
            }
            at += 1;
          }
          expect(at, `line "${line.text}" was lost`).toBeLessThan(out.length);
          at += 1;
        }
        // Line endings follow the file's (LF when it has none): no bare LF in a CRLF file, no CR in an LF file.
        const crlf = original.includes('\r\n');
        if (crlf) expect(body).not.toMatch(/(?<!\r)\n/);
        else expect(body).not.toContain('\r');

        const unmarked = (t: string) => (t.startsWith(UTF8_BOM) ? t.slice(UTF8_BOM.length) : t);
        // Pruning what was only ever appended gives the original back, byte for byte (when the
        // original ended its last line, and that line was not blank: a blank last line and the
        // separator stsbridge adds look alike, and prune takes one blank line).
        const existed = new Set(m.sections.map((section) => section.name));
        const plain = unmarked(original);
        const endsCleanly = plain === '' || (/[^\r\n][\r\n]+$/.test(plain) && !/(?:^|\r\n|\n|\r)[ \t]*(?:\r\n|\n|\r)$/.test(plain));
        if (![...owned].some((name) => existed.has(name)) && endsCleanly) {
          expect(removeProfiles(text, owned)).toBe(original);
        }

        // 3. Both readers see the same unmanaged content, and the managed keys as written. They
        // read the text without its BOM, as utf-8-sig readers do: neither these two nor the AWS
        // CLI skip one themselves (the host says so in a note; the bytes stay the user's).
        for (const read of [(t: string) => Promise.resolve(parseIni(decoded(t)) as Record<string, Record<string, string>>), sdkRead]) {
          const [before, after] = [await read(unmarked(original)), await read(unmarked(text))];
          expect(withoutOwned(after, owned)).toEqual(withoutOwned(before, owned));
          for (const [name, profile] of latest) {
            expect(after[name]).toMatchObject({
              aws_access_key_id: profile.accessKeyId,
              aws_secret_access_key: profile.secretAccessKey,
              aws_session_token: profile.sessionToken,
              x_security_token_expires: profile.expiration,
            });
          }
        }
      }),
      { numRuns: 10_000 },
    );
  }, 240_000);
});
