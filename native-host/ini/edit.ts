// Surgical edits of the AWS credentials and config files: stsbridge replaces or adds only its own
// keys in its own profiles' sections. Every other byte (comments, blank lines, CRLF, a BOM, other
// profiles, keys a person added to a managed section such as `region`) stays as it was.

import type { ProfileCredentials, WriteSource } from '../protocol';
import { readLayout, type IniLayout, type Line, type Section } from './layout';
import { CREDENTIALS_RULES, isMarked, MANAGED_MARKER, sectionsByProfile, type FileRules } from './sections';

export { MANAGED_MARKER };

/** The keys stsbridge owns inside a managed credentials section, in the order it writes them. */
export const MANAGED_KEYS = [
  'aws_access_key_id',
  'aws_secret_access_key',
  'aws_session_token',
  'x_security_token_expires',
] as const;

/**
 * Where a profile's credentials came from (protocol 6), for `stsbridge list`: its identity
 * provider, and how and when the login happened. AWS tools ignore keys they do not know.
 */
export const SOURCE_KEYS = ['x_stsbridge_idp', 'x_stsbridge_refreshed'] as const;

export interface SourceStamp {
  readonly idp?: string;
  readonly how: WriteSource;
  /** ISO 8601, to the second. */
  readonly at: string;
}

/**
 * boto2-era tools (and saml2aws) also write the token as `aws_security_token`. It is refreshed
 * when present, so an old client never pairs new keys with a stale token, but never added.
 */
const LEGACY_TOKEN_KEY = 'aws_security_token';

/** What to write into one section. */
export interface SectionEdit {
  /** The profile the section belongs to, as readers name it. */
  readonly profile: string;
  /** The header a new section gets: the profile name, or `profile NAME` in the config file. */
  readonly name: string;
  /** Keys written in this order: replaced where present, added where missing. */
  readonly keys: readonly (readonly [key: string, value: string])[];
  /** Keys replaced where present but never added (a legacy alias of one of `keys`). */
  readonly refreshOnly?: readonly (readonly [key: string, value: string])[];
}

/** The credentials file's sections for these profiles. */
export function credentialSections(profiles: readonly ProfileCredentials[], stamp?: SourceStamp): SectionEdit[] {
  const source: (readonly [string, string])[] = stamp ? [...(stamp.idp ? [['x_stsbridge_idp', stamp.idp] as const] : []), ['x_stsbridge_refreshed', `${stamp.how} ${stamp.at}`]] : [];
  return profiles.map((profile) => ({
    profile: profile.name,
    name: profile.name,
    keys: [
      ['aws_access_key_id', profile.accessKeyId],
      ['aws_secret_access_key', profile.secretAccessKey],
      ['aws_session_token', profile.sessionToken],
      ['x_security_token_expires', profile.expiration],
      ...source,
    ],
    refreshOnly: [[LEGACY_TOKEN_KEY, profile.sessionToken]],
  }));
}

/**
 * The config file's sections for the profiles that name a region or an output format. There a
 * profile's header is `[profile NAME]`, except `[default]`.
 */
export function configSections(profiles: readonly ProfileCredentials[]): SectionEdit[] {
  return profiles.flatMap((profile) => {
    const keys = [
      ...(profile.region === undefined ? [] : [['region', profile.region] as const]),
      ...(profile.output === undefined ? [] : [['output', profile.output] as const]),
    ];
    return keys.length === 0 ? [] : [{ profile: profile.name, name: configSectionName(profile.name), keys }];
  });
}

/** A new config-file section's header for `profile`: `profile NAME`, except `default`. */
export function configSectionName(profile: string): string {
  return profile === 'default' ? 'default' : `profile ${profile}`;
}

/** Returns the credentials file `text` with each profile's section updated or appended. */
export function upsertProfiles(text: string, profiles: readonly ProfileCredentials[], layout?: IniLayout, stamp?: SourceStamp): string {
  return upsertSections(text, credentialSections(profiles, stamp), CREDENTIALS_RULES, layout);
}

/** A line of output: new text, or a line of the original kept as it was. */
type OutLine = Pick<Line, 'text' | 'eol'>;

/**
 * Returns `text` with each edit's section updated or appended: the section the file's readers
 * take for the edit's profile (`rules`), else a new one at the end. `layout`, when the caller
 * already read it for a decision of its own, saves a second pass over the file.
 */
export function upsertSections(text: string, edits: readonly SectionEdit[], rules: FileRules, layout: IniLayout = readLayout(text)): string {
  const body = text.slice(layout.bom.length);
  // The one section per profile that readers use: the first of a name in the credentials file
  // (configparser refuses a second, which is the person's to sort out, not ours to delete), the
  // last in the config file (botocore lets a later `[profile "x"]` replace an earlier `[profile x]`).
  const byProfile = sectionsByProfile(layout, rules);
  const target = new Map<Section, SectionEdit>();
  for (const edit of edits) {
    const section = byProfile.get(edit.profile);
    if (section) target.set(section, edit);
  }
  // Unchanged stretches are copied as single slices of the original: the cost of a write is one
  // pass over the file, whatever its size, and no line is ever re-typed.
  const parts: string[] = [];
  const copy = (from: number, to: number) => {
    if (to > from) parts.push(body.slice(layout.lines[from]!.start, lineEnd(layout.lines[to - 1]!)));
  };
  let next = 0;
  for (const section of layout.sections) {
    const edit = target.get(section);
    if (!edit) continue;
    copy(next, section.header);
    parts.push(serialize(editSection(layout, section, edit)));
    next = section.end;
  }
  copy(next, layout.lines.length);
  const missing = edits.filter((edit) => !byProfile.has(edit.profile));
  return layout.bom + appendSections(parts.join(''), layout.eol, missing);
}

function lineEnd(line: Line): number {
  return line.start + line.text.length + line.eol.length;
}

function serialize(lines: readonly OutLine[]): string {
  return lines.map((line) => line.text + line.eol).join('');
}

function editSection(layout: IniLayout, section: Section, edit: SectionEdit): OutLine[] {
  const { header, end, options } = section;
  const values = new Map([...edit.keys, ...(edit.refreshOnly ?? [])]);
  const replaced = new Map<number, { key: string; span: number } | 'drop'>();
  const seen = new Set<string>();
  for (const option of options) {
    if (!values.has(option.key)) continue;
    // A second line for a key we own would shadow or contradict the first: drop it.
    replaced.set(option.index, seen.has(option.key) ? 'drop' : { key: option.key, span: option.span });
    seen.add(option.key);
  }
  const headerLine = layout.lines[header]!;
  const body: OutLine[] = [headerLine];
  const marked = isMarked(layout, section);
  if (!marked) {
    // A section taken over (written before by hand or by another tool) becomes marked as ours.
    body[0] = { ...headerLine, eol: headerLine.eol || layout.eol };
    body.push({ text: MANAGED_MARKER, eol: headerLine.eol });
  }
  // New keys go after the last option's last line: between an option and its continuation
  // they would take that continuation over.
  const optionEnds = new Set(options.map((option) => option.index + option.span - 1));
  let lastOption = 0; // position in `body` just after the section's last option
  for (let index = header + 1; index < end; index += 1) {
    const line = layout.lines[index]!;
    const edit = replaced.get(index);
    if (edit !== undefined) {
      if (edit !== 'drop') body.push({ text: `${edit.key} = ${values.get(edit.key)!}`, eol: line.eol });
      index = skipContinuation(layout.lines, index, edit === 'drop' ? spanAt(options, index) : edit.span, body);
      lastOption = body.length;
      continue;
    }
    body.push(line);
    if (optionEnds.has(index)) lastOption = body.length;
  }
  if (lastOption === 0) lastOption = marked ? 1 : 2;
  const missing = edit.keys.filter(([key]) => !seen.has(key)).map(([key, value]) => ({ text: `${key} = ${value}`, eol: layout.eol }));
  // The line before the insertion point may be the file's last line, without a terminator.
  if (missing.length > 0 && body[lastOption - 1]!.eol === '') {
    body[lastOption - 1] = { ...body[lastOption - 1]!, eol: layout.eol };
    if (lastOption === body.length) missing[missing.length - 1] = { ...missing[missing.length - 1]!, eol: '' };
  }
  body.splice(lastOption, 0, ...missing);
  return body;
}

function spanAt(options: IniLayout['sections'][number]['options'], index: number): number {
  return options.find((option) => option.index === index)?.span ?? 1;
}

/**
 * Skips a replaced option's continuation lines, keeping comments and blank lines among them
 * (configparser ignores those, so they are the person's, not the value's). Returns the index of
 * the option's last line.
 */
function skipContinuation(lines: readonly Line[], index: number, span: number, body: OutLine[]): number {
  for (let k = index + 1; k < index + span; k += 1) {
    const stripped = lines[k]!.text.trim();
    if (stripped === '' || stripped.startsWith('#') || stripped.startsWith(';')) body.push(lines[k]!);
  }
  return index + span - 1;
}

/** New sections go at the end, after a line break and a blank line if the file lacks them. */
function appendSections(text: string, eol: string, edits: readonly SectionEdit[]): string {
  if (edits.length === 0) return text;
  let out = text;
  if (out !== '') {
    if (!/[\r\n]$/.test(out)) out += eol;
    const withoutLastEol = out.replace(/(?:\r\n|\n|\r)$/, '');
    const lastLine = withoutLastEol.slice(Math.max(withoutLastEol.lastIndexOf('\n'), withoutLastEol.lastIndexOf('\r')) + 1);
    if (lastLine.trim() !== '') out += eol;
  }
  const blocks = edits.map((edit) =>
    [`[${edit.name}]`, MANAGED_MARKER, ...edit.keys.map(([key, value]) => `${key} = ${value}`)].map((line) => line + eol).join(''),
  );
  return out + blocks.join(eol);
}
