// Surgical edits of the shared credentials file: stsbridge replaces or adds only its own keys in
// its own profiles' sections. Every other byte (comments, blank lines, CRLF, a BOM, other
// profiles, keys a person added to a managed section such as `region`) stays as it was.

import type { ProfileCredentials } from './protocol';
import { readLayout, type IniLayout, type Line } from './ini-text';

/** The keys stsbridge owns inside a managed profile's section, in the order it writes them. */
export const MANAGED_KEYS = [
  'aws_access_key_id',
  'aws_secret_access_key',
  'aws_session_token',
  'x_security_token_expires',
] as const;

/**
 * boto2-era tools (and saml2aws) also write the token as `aws_security_token`. It is refreshed
 * when present, so an old client never pairs new keys with a stale token, but never added.
 */
const LEGACY_TOKEN_KEY = 'aws_security_token';

function managedValues(profile: ProfileCredentials): Map<string, string> {
  return new Map([
    ['aws_access_key_id', profile.accessKeyId],
    ['aws_secret_access_key', profile.secretAccessKey],
    ['aws_session_token', profile.sessionToken],
    ['x_security_token_expires', profile.expiration],
    [LEGACY_TOKEN_KEY, profile.sessionToken],
  ]);
}

/** Returns `text` with each profile's section updated or appended. */
export function upsertProfiles(text: string, profiles: readonly ProfileCredentials[]): string {
  const layout = readLayout(text);
  const byName = new Map(profiles.map((profile) => [profile.name, profile]));
  const out: Line[] = [];
  const written = new Set<string>();
  let next = 0;
  for (const section of layout.sections) {
    const profile = byName.get(section.name);
    // Only the first section of a name is edited: configparser refuses duplicates, so a file with
    // two is already unreadable to the AWS CLI, and the second one is not ours to delete.
    if (!profile || written.has(profile.name)) continue;
    written.add(profile.name);
    out.push(...layout.lines.slice(next, section.header));
    out.push(...editSection(layout, section.header, section.end, section.options, profile));
    next = section.end;
  }
  out.push(...layout.lines.slice(next));
  for (const profile of profiles) {
    if (!written.has(profile.name)) appendSection(out, layout.eol, profile);
  }
  return layout.bom + out.map((line) => line.text + line.eol).join('');
}

function editSection(
  layout: IniLayout,
  header: number,
  end: number,
  options: IniLayout['sections'][number]['options'],
  profile: ProfileCredentials,
): Line[] {
  const values = managedValues(profile);
  const replaced = new Map<number, { key: string; span: number } | 'drop'>();
  const seen = new Set<string>();
  for (const option of options) {
    if (!values.has(option.key)) continue;
    // A second line for a key we own would shadow or contradict the first: drop it.
    replaced.set(option.index, seen.has(option.key) ? 'drop' : { key: option.key, span: option.span });
    seen.add(option.key);
  }
  const body: Line[] = [layout.lines[header]!];
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
  if (lastOption === 0) lastOption = 1;
  const missing = MANAGED_KEYS.filter((key) => !seen.has(key)).map((key) => ({
    text: `${key} = ${values.get(key)!}`,
    eol: layout.eol,
  }));
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
function skipContinuation(lines: readonly Line[], index: number, span: number, body: Line[]): number {
  for (let k = index + 1; k < index + span; k += 1) {
    const stripped = lines[k]!.text.trim();
    if (stripped === '' || stripped.startsWith('#') || stripped.startsWith(';')) body.push(lines[k]!);
  }
  return index + span - 1;
}

function appendSection(out: Line[], eol: string, profile: ProfileCredentials): void {
  const last = out.at(-1);
  if (last) {
    if (last.eol === '') out[out.length - 1] = { ...last, eol };
    if (last.text.trim() !== '') out.push({ text: '', eol });
  }
  const values = managedValues(profile);
  out.push({ text: `[${profile.name}]`, eol });
  for (const key of MANAGED_KEYS) out.push({ text: `${key} = ${values.get(key)!}`, eol });
}
