// What the organisation's policy means on the options page: each locked field read-only, with a
// note that says so (its value is already in the form, since the settings read include it), and
// the values the policy set that were ignored, each with why.

import { lockedSettings, type Policy } from '../../storage/policy';
import { $, element } from '../dom';
import { FIELD_CONTROLS } from './field-errors';

/** The controls a locked setting covers: its own (and a table's inputs), or the radio group. */
function controlsOf(field: string): HTMLElement[] {
  if (field === 'refresh') return [...document.querySelectorAll<HTMLInputElement>('input[name=refresh]')];
  if (field === 'keepFresh') return [...document.querySelectorAll<HTMLInputElement>('#idps input[type=checkbox], #oidc-providers input[data-field=keepFresh]')];
  // Every field of every provider, their Remove buttons, and Add.
  if (field === 'oidcProviders') return [...document.querySelectorAll<HTMLElement>('#oidc-providers input, #oidc-providers textarea, #oidc-providers button, #add-oidc')];
  const id = (FIELD_CONTROLS as Readonly<Record<string, string>>)[field];
  const control = id ? document.getElementById(id) : null;
  if (!control) return [];
  return control instanceof HTMLTableElement ? [...control.querySelectorAll<HTMLElement>('input')] : [control];
}

export function showPolicy(policy: Policy): void {
  const locked = lockedSettings(policy.locked).filter((field) => policy.settings[field] !== undefined);
  for (const field of locked) {
    const controls = controlsOf(field);
    for (const control of controls) control.setAttribute('disabled', '');
    const last = controls.at(-1);
    if (last && !document.getElementById(`${field}-locked`)) {
      const note = element('p', 'locked-note', 'Set by your organisation.');
      note.id = `${field}-locked`;
      (last.closest('table, label') ?? last).after(note);
    }
  }
  const section = $('policy');
  section.hidden = locked.length === 0 && policy.ignored.length === 0 && Object.keys(policy.settings).length === 0 && Object.keys(policy.accountNames).length === 0;
  $('policy-summary').textContent =
    locked.length > 0 ? `Your organisation sets some of these options; ${locked.length === 1 ? 'one is' : `${locked.length} are`} locked.` : 'Your organisation sets the defaults of some of these options; you may change them.';
  $('policy-ignored').replaceChildren(...policy.ignored.map(({ field, reason }) => element('li', undefined, `${field} was ignored: ${reason}.`)));
}
