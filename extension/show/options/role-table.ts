// The table of roles: one row per role a login offered or the settings name, with the profile
// name it gets (computed by the login's own naming code), its own template, and whether the
// refresh list holds it. The rows are planned by pure functions; render/read are the DOM side.

import { renderProfileName, templateProblem, templateTellsRolesApart, type NameResult } from '../../assume/profile-template';
import { parseRoleArn } from '../../aws/arns';
import type { Settings } from '../../storage/settings';
import { accountLabel } from '../account-label';
import { element } from '../dom';
import type { RoleEntry } from './form-settings';

export interface RoleRow {
  readonly arn: string;
  /** "Admin · Data Platform (123456789012)", or the ARN when it cannot be read. */
  readonly label: string;
  /** For a chained role: the name of the role it is chained from. */
  readonly chainedFrom?: string;
  readonly template: string;
  readonly listed: boolean;
  /** Only roles an assertion offers can be refreshed by the list; a chained one follows its source. */
  readonly listable: boolean;
}

type Names = Readonly<Record<string, string>>;

/** Roles seen in logins, plus any the settings name that no login has offered in this browser. */
export function roleRows(settings: Settings, seenRoles: readonly string[], names: Names): RoleRow[] {
  const all = [...new Set([...seenRoles, ...Object.keys(settings.roleTemplates), ...settings.refreshList, ...settings.chains.map((chain) => chain.roleArn)])];
  return all.map((arn) => {
    const role = parseRoleArn(arn);
    const chain = settings.chains.find((entry) => entry.roleArn === arn);
    return {
      arn,
      label: role ? `${role.roleName} · ${accountLabel(role.accountId, names)}` : arn,
      ...(chain ? { chainedFrom: parseRoleArn(chain.from)?.roleName ?? chain.from } : {}),
      template: Object.hasOwn(settings.roleTemplates, arn) ? settings.roleTemplates[arn]! : '',
      listed: settings.refreshList.includes(arn),
      listable: !chain || seenRoles.includes(arn),
    };
  });
}

/** The name a role gets with its own template, else the general one; undefined for a row that is no role ARN. */
export function previewName(arn: string, ownTemplate: string, general: string, names: Names): NameResult | undefined {
  const role = parseRoleArn(arn);
  if (!role) return undefined;
  const accountName = Object.hasOwn(names, role.accountId) ? names[role.accountId] : undefined;
  return renderProfileName(ownTemplate.trim() || general, { ...role, ...(accountName ? { accountName } : {}) });
}

/** What to say under the general template as it is typed. */
export function templateFeedback(general: string, refresh: string | undefined): { readonly error: string; readonly warning: string } {
  const problem = templateProblem(general);
  // With several roles a login, a name without the account and the role lets only one of them in.
  const several = refresh !== undefined && refresh !== 'chosen';
  return {
    error: problem ? `Not usable: ${problem}.` : '',
    warning:
      several && !problem && !templateTellsRolesApart(general)
        ? 'With several roles refreshed per login, roles would share this name and only the first would be written: add {role_name} and {account_id} or {account_name}.'
        : '',
  };
}

function rowElement(row: RoleRow): HTMLTableRowElement {
  const tr = element('tr');
  tr.dataset.role = row.arn;
  const label = element('th', undefined, row.label);
  label.scope = 'row';
  label.title = row.arn;
  if (row.chainedFrom) label.append(element('br'), element('small', undefined, `chained from ${row.chainedFrom}`));
  const input = Object.assign(element('input', 'role-template'), { type: 'text', spellcheck: false, value: row.template, placeholder: 'as the template' });
  input.setAttribute('aria-label', `Per-role name for ${label.textContent}`);
  const refresh = element('td');
  if (row.listable) {
    const box = Object.assign(element('input', 'role-refresh'), { type: 'checkbox', checked: row.listed });
    box.setAttribute('aria-label', `Refresh ${label.textContent} on every login`);
    refresh.append(box);
  }
  const own = element('td');
  own.append(input);
  tr.append(label, element('td', 'preview'), own, refresh);
  return tr;
}

export function renderRoles(body: HTMLTableSectionElement, rows: readonly RoleRow[]): void {
  body.replaceChildren(...rows.map(rowElement));
}

export function readRoles(body: HTMLTableSectionElement): RoleEntry[] {
  return [...body.rows].map((row) => ({
    arn: row.dataset.role!,
    template: row.querySelector<HTMLInputElement>('.role-template')!.value,
    listed: row.querySelector<HTMLInputElement>('.role-refresh')?.checked === true,
  }));
}

/** Recomputes every preview cell from what the form holds now. */
export function updatePreviews(body: HTMLTableSectionElement, general: string, names: Names): void {
  for (const entry of readRoles(body)) {
    const cell = body.querySelector<HTMLElement>(`tr[data-role="${CSS.escape(entry.arn)}"] .preview`)!;
    const result = previewName(entry.arn, entry.template, general, names);
    if (!result) continue;
    cell.classList.toggle('invalid', 'problem' in result);
    // A broken general template is said once, under its field; a row says only its own problem.
    const problem = 'problem' in result ? (entry.template.trim() === '' ? '—' : result.problem) : '';
    cell.replaceChildren('name' in result ? element('code', undefined, result.name) : problem);
  }
}
