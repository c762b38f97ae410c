// The OpenID Connect providers on the options page: one group of fields per provider (issuer,
// client ID, scopes, extra parameters, roles, STS region, Keep fresh), added and removed in place.
// Read into OidcEntry (form-settings.ts) like the rest of the form; checked on save.

import { element } from '../dom';
import type { OidcEntry } from './form-settings';

interface FieldSpec {
  readonly key: keyof Omit<OidcEntry, 'keepFresh'>;
  readonly label: string;
  readonly multiline?: boolean;
  readonly placeholder: string;
  readonly type?: string;
}

const FIELDS: readonly FieldSpec[] = [
  { key: 'issuer', label: 'Issuer', placeholder: 'https://login.example.com', type: 'url' },
  { key: 'clientId', label: 'Client ID', placeholder: 'the public client registered for stsbridge' },
  { key: 'scopes', label: 'Scopes', placeholder: 'openid' },
  { key: 'params', label: 'Extra authorize parameters', multiline: true, placeholder: 'audience=https://aws.example.com (name=value, one per line)' },
  { key: 'roles', label: 'Roles', multiline: true, placeholder: 'arn:aws:iam::123456789012:role/Developer (one per line)' },
  { key: 'region', label: 'STS region', placeholder: 'the partition default (us-east-1)' },
];

let made = 0;

function providerGroup(entry: OidcEntry): HTMLFieldSetElement {
  const group = element('fieldset', 'oidc-provider');
  group.append(element('legend', undefined, entry.issuer || 'New provider'));
  made += 1;
  for (const field of FIELDS) {
    const id = `oidc-${made}-${field.key}`;
    const label = Object.assign(element('label', undefined, field.label), { htmlFor: id });
    const control = field.multiline ? Object.assign(element('textarea'), { rows: 2 }) : Object.assign(element('input'), { type: field.type ?? 'text' });
    Object.assign(control, { id, value: entry[field.key], placeholder: field.placeholder, spellcheck: false });
    control.dataset.field = field.key;
    control.setAttribute('autocomplete', 'off');
    group.append(label, control);
  }
  const fresh = Object.assign(element('input'), { type: 'checkbox', checked: entry.keepFresh });
  fresh.dataset.field = 'keepFresh';
  const freshLabel = element('label', 'check');
  freshLabel.append(fresh, ' Keep fresh: sign in again without a window shortly before its profiles expire');
  const remove = Object.assign(element('button', 'link', 'Remove this provider'), { type: 'button' });
  remove.dataset.remove = '';
  group.append(freshLabel, remove);
  return group;
}

const EMPTY: OidcEntry = { issuer: '', clientId: '', scopes: 'openid', params: '', roles: '', region: '', keepFresh: false };

export function renderOidc(container: HTMLElement, entries: readonly OidcEntry[]): void {
  container.replaceChildren(...entries.map(providerGroup));
}

export function readOidc(container: HTMLElement): OidcEntry[] {
  return [...container.querySelectorAll<HTMLFieldSetElement>('fieldset.oidc-provider')].map((group) => {
    const value = (key: string) => group.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[data-field="${key}"]`)!.value;
    return {
      issuer: value('issuer'),
      clientId: value('clientId'),
      scopes: value('scopes'),
      params: value('params'),
      roles: value('roles'),
      region: value('region'),
      keepFresh: group.querySelector<HTMLInputElement>('[data-field="keepFresh"]')!.checked,
    };
  });
}

/** The Add and Remove buttons, and each group's legend following its issuer as it is typed. */
export function wireOidcEditor(container: HTMLElement, add: HTMLButtonElement): void {
  container.addEventListener('input', (event) => {
    const field = event.target as HTMLInputElement;
    if (field.dataset.field !== 'issuer') return;
    field.closest('fieldset')!.querySelector('legend')!.textContent = field.value.trim() || 'New provider';
  });
  add.addEventListener('click', () => {
    const group = providerGroup(EMPTY);
    container.append(group);
    group.querySelector<HTMLInputElement>('input')!.focus();
  });
  container.addEventListener('click', (event) => {
    const remove = (event.target as HTMLElement).closest<HTMLButtonElement>('button[data-remove]');
    if (!remove) return;
    remove.closest('fieldset')!.remove();
    add.focus();
  });
}
