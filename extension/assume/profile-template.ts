// Profile names from a template such as `{account_name}-{role_name}`. The worker names profiles
// with it and the options page previews and checks it with the very same code, so a name the
// page accepts is the name the login writes.

import { profileNameProblem } from '../../native-host/profile-name';

export const PLACEHOLDERS = ['account_id', 'account_name', 'role_name', 'partition'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

export const DEFAULT_TEMPLATE = '{account_id}-{role_name}';

export interface NameParts {
  readonly accountId: string;
  /** As AWS's role page shows it, when known. */
  readonly accountName?: string;
  readonly roleName: string;
  readonly partition: string;
}

type Piece = { readonly literal: string } | { readonly placeholder: Placeholder };

/** Splits a template into literal text and placeholders; a string is the reason it cannot be used. */
function parse(template: string): Piece[] | string {
  const pieces: Piece[] = [];
  const pattern = /\{([^{}]*)\}|[{}]|[^{}]+/g;
  for (const [text, inner] of template.matchAll(pattern)) {
    if (inner !== undefined) {
      if (!(PLACEHOLDERS as readonly string[]).includes(inner)) {
        return `{${inner}} is not a placeholder; use ${PLACEHOLDERS.map((name) => `{${name}}`).join(', ')}`;
      }
      pieces.push({ placeholder: inner as Placeholder });
    } else if (text === '{' || text === '}') {
      return `the template has an unmatched "${text}"`;
    } else {
      pieces.push({ literal: text });
    }
  }
  return pieces;
}

/**
 * Account names are free text ("Data Platform (prod)"); in a profile name each run of characters
 * a name cannot hold becomes one `-`.
 */
export function nameSafe(text: string): string {
  return text
    .replace(/[^A-Za-z0-9_+=,.@/-]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function valueOf(placeholder: Placeholder, parts: NameParts): string {
  switch (placeholder) {
    case 'account_id':
      return parts.accountId;
    case 'account_name':
      // Before the role page has named the account, its ID stands in: a login never fails for
      // want of a name.
      return (parts.accountName && nameSafe(parts.accountName)) || parts.accountId;
    case 'role_name':
      return parts.roleName;
    case 'partition':
      return parts.partition;
  }
}

export type NameResult = { readonly name: string } | { readonly problem: string };

/** The profile name `template` gives for this role, or why it gives none. */
export function renderProfileName(template: string, parts: NameParts): NameResult {
  const pieces = parse(template);
  if (typeof pieces === 'string') return { problem: pieces };
  const name = pieces.map((piece) => ('literal' in piece ? piece.literal : valueOf(piece.placeholder, parts))).join('');
  const problem = profileNameProblem(name);
  return problem === undefined ? { name } : { problem: `"${name}": ${problem}` };
}

/** A role ARN's parts as a template sees them, for previews. */
const SAMPLE: NameParts = { accountId: '123456789012', accountName: 'example', roleName: 'Admin', partition: 'aws' };

/**
 * Why `template` cannot be saved, or undefined. Checked on a sample role: literal text a name
 * cannot hold shows up whatever the role.
 */
export function templateProblem(template: string): string | undefined {
  if (template.trim() === '') return 'the template is empty';
  const result = renderProfileName(template, SAMPLE);
  return 'problem' in result ? result.problem : undefined;
}

/** True when different roles can get different names from `template`. */
export function templateTellsRolesApart(template: string): boolean {
  const pieces = parse(template);
  if (typeof pieces === 'string') return false;
  const used = new Set(pieces.flatMap((piece) => ('placeholder' in piece ? [piece.placeholder] : [])));
  return used.has('role_name') && (used.has('account_id') || used.has('account_name'));
}
