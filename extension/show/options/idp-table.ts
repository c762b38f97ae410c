// The table of identity providers: one row per IdP a login came from or the settings name, with
// the page its last sign-in started from, the address a silent sign-in (and "Sign in again")
// should use instead of the one stsbridge works out, and whether its profiles are kept fresh.

import { originOf } from '../../refresh/idp-vendors';
import { startAddress } from '../../refresh/start-address';
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
  /** Where stsbridge signs in through it without an address here, and how it knows; or why it cannot. */
  readonly worksOut: { readonly address: string; readonly note: string } | { readonly problem: string; readonly candidate?: string };
}

export function idpRows(settings: Pick<Settings, 'loginUrl' | 'loginUrls' | 'keepFresh' | 'oidcProviders'>, seen: IdentityProviders): IdpRow[] {
  // OpenID Connect providers have their own editor (and their own Keep fresh box there).
  const oidc = new Set(settings.oidcProviders.map((provider) => provider.issuer));
  const issuers = [...new Set([...Object.keys(seen), ...Object.keys(settings.loginUrls), ...settings.keepFresh])].filter((issuer) => !oidc.has(issuer));
  return issuers.map((issuer) => {
    const remembered = ownValue(seen, issuer)?.startPage;
    return {
      issuer,
      ...(remembered ? { remembered } : {}),
      url: ownValue(settings.loginUrls, issuer) ?? '',
      keepFresh: settings.keepFresh.includes(issuer),
      worksOut: worksOut(issuer, settings, seen),
    };
  });
}

/** What stsbridge would use with this row's address left empty. */
function worksOut(issuer: string, settings: Pick<Settings, 'loginUrl'>, seen: IdentityProviders): IdpRow['worksOut'] {
  const start = startAddress(issuer, { loginUrl: settings.loginUrl, loginUrls: {} }, seen);
  if (start.address === undefined) {
    // On this page the fix is the field beside it: the note says what to put there.
    const who = start.who ? ` for ${start.who}` : '';
    const shape = start.candidate && start.candidate.includes('<') ? ` It looks like ${start.candidate}.` : '';
    return { problem: `stsbridge cannot work this address out${who}: copy your AWS app's link from your identity provider's portal here.${shape}`, ...(start.candidate ? { candidate: start.candidate } : {}) };
  }
  const how = { derived: `worked out from this ${start.vendor ?? 'provider'} sign-in`, learned: 'where the last sign-in started', options: 'the general address above' }[start.from];
  return { address: start.address, note: `${how}${start.verified ? ', and it has signed you in' : ''}` };
}

function rowElement(row: IdpRow, index: number): HTMLTableRowElement {
  const tr = element('tr');
  tr.dataset.issuer = row.issuer;
  const label = element('th');
  label.scope = 'row';
  label.append(element('code', undefined, row.issuer));
  if (row.remembered) label.append(element('br'), element('small', undefined, `last sign-in started at ${row.remembered}`));
  // Text, not url: the candidate's <…> part is selected for the person to type over, which
  // browsers allow in text inputs only. The settings check the address when it is saved.
  const input = Object.assign(element('input'), { type: 'text', inputMode: 'url', spellcheck: false, autocomplete: 'off', value: row.url });
  input.classList.add('idp-address');
  input.setAttribute('aria-label', `Where a sign-in through ${row.issuer} starts`);
  const note = element('small');
  note.id = `idp-note-${index}`;
  if ('address' in row.worksOut) {
    input.placeholder = row.worksOut.address;
    note.textContent = `Empty: ${row.worksOut.note}.`;
  } else {
    input.placeholder = row.worksOut.candidate ?? 'https://…';
    note.textContent = row.worksOut.problem;
    note.classList.add('needs-address');
    tr.classList.add('needs-address');
  }
  input.setAttribute('aria-describedby', note.id);
  const cell = element('td');
  cell.append(input, note);
  const site = originOf(row.url || ('address' in row.worksOut ? row.worksOut.address : ''));
  if (site) {
    // Its state (allowed or not) is the browser's: site-access.ts reads it and sets the words.
    const access = element('button', 'site-access');
    access.type = 'button';
    access.dataset.origin = site;
    access.hidden = true;
    cell.append(access);
  }
  const fresh = Object.assign(element('input'), { type: 'checkbox', checked: row.keepFresh });
  fresh.setAttribute('aria-label', `Keep the profiles of ${row.issuer} fresh`);
  const freshCell = element('td');
  freshCell.append(fresh);
  tr.append(label, cell, freshCell);
  return tr;
}

export function renderIdps(table: HTMLTableElement, rows: readonly IdpRow[]): void {
  table.tBodies[0]!.replaceChildren(...rows.map((row, index) => rowElement(row, index)));
  table.hidden = rows.length === 0;
}

/**
 * Brings `issuer`'s row into view with its address field focused; an empty field gets the
 * candidate, its first `<…>` placeholder selected, so that typing fills the part only the IdP knows.
 */
export function focusIdp(table: HTMLTableElement, issuer: string, candidate: string | undefined): void {
  const row = [...table.tBodies[0]!.rows].find((each) => each.dataset.issuer === issuer);
  const input = row?.querySelector<HTMLInputElement>('input.idp-address');
  if (!row || !input) return;
  if (input.value === '' && candidate) input.value = candidate;
  row.scrollIntoView({ block: 'center' });
  input.focus();
  const hole = /<[^>]*>/.exec(input.value);
  if (hole) input.setSelectionRange(hole.index, hole.index + hole[0].length);
}

export function readIdps(table: HTMLTableElement): IdpEntry[] {
  return [...table.tBodies[0]!.rows].map((row) => ({
    issuer: row.dataset.issuer!,
    url: row.querySelector<HTMLInputElement>('input.idp-address')!.value,
    keepFresh: row.querySelector<HTMLInputElement>('input[type=checkbox]')!.checked,
  }));
}
