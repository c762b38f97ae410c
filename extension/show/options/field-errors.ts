// Where each field's problem is shown: the element `${field}-error`, and the control to mark
// invalid and focus. Keyed by every field checkSettings can fault, so a new one without a place
// on the page does not compile.

import { $ } from '../dom';
import type { CheckedField, SettingsProblems } from '../../storage/settings';

export const FIELD_CONTROLS: Readonly<Record<CheckedField, string>> = {
  profileTemplate: 'profile-template',
  roleTemplates: 'roles',
  refreshList: 'refresh-extra',
  sessionDuration: 'duration-hours',
  region: 'region',
  output: 'output',
  samlProviders: 'saml-providers',
  loginUrl: 'login-url',
  loginUrls: 'idps',
  chains: 'chains',
  silentSignInSeconds: 'silent-sign-in-seconds',
  keepFreshMinutes: 'keep-fresh-minutes',
  keepFreshHours: 'keep-fresh-hours',
  oidcProviders: 'oidc-providers',
};

export const errorId = (field: CheckedField) => `${field}-error`;

export interface FieldMessage {
  readonly errorId: string;
  readonly controlId: string;
  /** '' clears the field's message. */
  readonly text: string;
}

/** Every field's message for `problems`, in the page's order; the first with text gets focus. */
export function fieldMessages(problems: SettingsProblems): FieldMessage[] {
  return (Object.keys(FIELD_CONTROLS) as CheckedField[]).map((field) => {
    const problem = problems[field];
    return { errorId: errorId(field), controlId: FIELD_CONTROLS[field], text: problem === undefined ? '' : `Not saved: ${problem}.` };
  });
}

export function showProblems(problems: SettingsProblems): void {
  const messages = fieldMessages(problems);
  for (const { errorId: id, controlId, text } of messages) {
    $(id).textContent = text;
    if (text) $(controlId).setAttribute('aria-invalid', 'true');
    else $(controlId).removeAttribute('aria-invalid');
  }
  const first = messages.find((message) => message.text);
  if (first) {
    // A table of per-role or per-IdP fields is not focusable itself: its first field is.
    const control = $(first.controlId);
    (control.matches('input, select, textarea') ? control : (control.querySelector<HTMLElement>('input, select, textarea') ?? control)).focus();
  }
}
