// The table of identity providers: one row per IdP a login came from or the settings name, with
// the page its last sign-in started from, the address "Sign in again" (and a silent sign-in)
// should use instead, and whether its profiles are kept fresh.

import { ownValue, type IdentityProviders } from '../../storage/identity-providers';
import type { Settings } from '../../storage/settings';
import { element } from '../dom';
import type { IdpEntry } from './form-settings';

export interface IdpRow {
  readonly issuer: string;
  /** Where its last sign-in started, as remembered. */
  readonly remembered?: string;
  readonly url: string;
  readonly keepFresh: boolean;
}

export function idpRows(settings: Pick<Settings, 'loginUrls' | 'keepFresh' | 'oidcProviders'>, seen: IdentityProviders): IdpRow[] {
  // OpenID Connect providers have their own editor (and their own Keep fresh box there).
  const oidc = new Set(settings.oidcProviders.map((provider) => provider.issuer));
  const issuers = [...new Set([...Object.keys(seen), ...Object.keys(settings.loginUrls), ...settings.keepFresh])].filter((issuer) => !oidc.has(issuer));
  return issuers.map((issuer) => {
    const remembered = ownValue(seen, issuer)?.startPage;
    return { issuer, ...(remembered ? { remembered } : {}), url: ownValue(settings.loginUrls, issuer) ?? '', keepFresh: settings.keepFresh.includes(issuer) };
  });
}

function rowElement(row: IdpRow): HTMLTableRowElement {
  const tr = element('tr');
  tr.dataset.issuer = row.issuer;
  const label = element('th');
  label.scope = 'row';
  label.append(element('code', undefined, row.issuer));
  if (row.remembered) label.append(element('br'), element('small', undefined, `last sign-in started at ${row.remembered}`));
  const input = Object.assign(element('input'), { type: 'url', spellcheck: false, value: row.url, placeholder: row.remembered ?? 'the address above' });
  input.setAttribute('aria-label', `Where "Sign in again" goes for ${row.issuer}`);
  const cell = element('td');
  cell.append(input);
  const fresh = Object.assign(element('input'), { type: 'checkbox', checked: row.keepFresh });
  fresh.setAttribute('aria-label', `Keep the profiles of ${row.issuer} fresh`);
  const freshCell = element('td');
  freshCell.append(fresh);
  tr.append(label, cell, freshCell);
  return tr;
}

export function renderIdps(table: HTMLTableElement, rows: readonly IdpRow[]): void {
  table.tBodies[0]!.replaceChildren(...rows.map(rowElement));
  table.hidden = rows.length === 0;
}

export function readIdps(table: HTMLTableElement): IdpEntry[] {
  return [...table.tBodies[0]!.rows].map((row) => ({
    issuer: row.dataset.issuer!,
    url: row.querySelector<HTMLInputElement>('input[type=url]')!.value,
    keepFresh: row.querySelector<HTMLInputElement>('input[type=checkbox]')!.checked,
  }));
}
