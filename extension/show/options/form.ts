// The form's fields in the DOM, read into and written from FormFields (form-settings.ts).

import { $ } from '../dom';
import type { FormFields } from './form-settings';

const form = () => $<HTMLFormElement>('options');
const input = (id: string) => $<HTMLInputElement>(id);
const text = (id: string) => $<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(id);

function radio(name: string): string | undefined {
  return form().querySelector<HTMLInputElement>(`input[name="${name}"]:checked`)?.value;
}

function setRadio(name: string, value: string | undefined): void {
  const choice = value === undefined ? null : form().querySelector<HTMLInputElement>(`input[name="${name}"][value="${value}"]`);
  if (choice) choice.checked = true;
}

export function readFields(): FormFields {
  const refresh = radio('refresh');
  const duration = radio('duration');
  return {
    profileTemplate: input('profile-template').value,
    ...(refresh === undefined ? {} : { refresh }),
    ...(duration === undefined ? {} : { duration }),
    durationHours: input('duration-hours').value,
    region: input('region').value,
    output: text('output').value,
    writeDefault: input('write-default').checked,
    notifications: input('notifications').checked,
    keepHostRunning: input('keep-host-running').checked,
    silentSignInSeconds: input('silent-sign-in-seconds').value,
    keepFreshMinutes: input('keep-fresh-minutes').value,
    keepFreshHours: input('keep-fresh-hours').value,
    samlProviders: text('saml-providers').value,
    loginUrl: input('login-url').value,
    chains: text('chains').value,
  };
}

export function writeFields(fields: FormFields): void {
  input('profile-template').value = fields.profileTemplate;
  setRadio('refresh', fields.refresh);
  setRadio('duration', fields.duration);
  input('duration-hours').value = fields.durationHours;
  input('region').value = fields.region;
  text('output').value = fields.output;
  input('write-default').checked = fields.writeDefault;
  input('notifications').checked = fields.notifications;
  input('keep-host-running').checked = fields.keepHostRunning;
  input('silent-sign-in-seconds').value = fields.silentSignInSeconds;
  input('keep-fresh-minutes').value = fields.keepFreshMinutes;
  input('keep-fresh-hours').value = fields.keepFreshHours;
  text('saml-providers').value = fields.samlProviders;
  input('login-url').value = fields.loginUrl;
  text('chains').value = fields.chains;
}
