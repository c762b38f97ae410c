// The options form as plain values, and the settings they stand for, both ways. Pure: form.ts
// reads and writes the DOM, and this is what the unit tests hold to the settings model.

import type { RefreshMode, Settings, SettingsProblems } from '../../storage/settings';
import { chainsFromText, chainsToText } from './chain-text';

/** One row of the role table as typed: its own template, and whether the list refreshes it. */
export interface RoleEntry {
  readonly arn: string;
  readonly template: string;
  readonly listed: boolean;
}

/** One row of the identity-provider table: where "Sign in again" goes for it, and whether its profiles are kept fresh. */
export interface IdpEntry {
  readonly issuer: string;
  readonly url: string;
  readonly keepFresh: boolean;
}

/** Every field of the form as text, choice or tick, before it means anything. */
export interface FormFields {
  readonly profileTemplate: string;
  /** The checked radio buttons' values, if any is checked. */
  readonly refresh?: string;
  readonly duration?: string;
  readonly durationHours: string;
  readonly region: string;
  readonly output: string;
  readonly writeDefault: boolean;
  readonly notifications: boolean;
  readonly keepHostRunning: boolean;
  readonly silentSignInSeconds: string;
  readonly keepFreshMinutes: string;
  readonly keepFreshHours: string;
  /** One ARN per line. */
  readonly samlProviders: string;
  readonly loginUrl: string;
  /** chain-text.ts's format. */
  readonly chains: string;
}

export interface FormValues extends FormFields {
  /** Role ARNs to refresh beyond the table's ticks, one per line. */
  readonly refreshExtra: string;
  readonly roles: readonly RoleEntry[];
  readonly idps: readonly IdpEntry[];
}

function lines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** A number field's value; NaN (kept, so checkSettings says what the field takes) when empty. */
function numberOf(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text);
}

/** The settings the form holds, or the problems of fields whose text cannot be read at all. */
export function settingsFromForm(form: FormValues): { readonly settings: Settings } | { readonly unreadable: SettingsProblems } {
  const chains = chainsFromText(form.chains);
  if ('problem' in chains) return { unreadable: { chains: chains.problem } };
  const hours = form.durationHours.trim() === '' ? Number.NaN : Number(form.durationHours);
  const settings: Settings = {
    profileTemplate: form.profileTemplate.trim(),
    roleTemplates: Object.fromEntries(form.roles.flatMap((role) => (role.template.trim() ? [[role.arn, role.template.trim()]] : []))),
    refresh: (form.refresh ?? 'chosen') as RefreshMode,
    refreshList: [...new Set([...form.roles.filter((role) => role.listed).map((role) => role.arn), ...lines(form.refreshExtra)])],
    // NaN is kept, not dropped: checkSettings then says the hours are not a session length.
    ...(form.duration === 'fixed' ? { sessionDuration: Number.isNaN(hours) ? Number.NaN : Math.round(hours * 3600) } : {}),
    region: form.region.trim(),
    output: form.output,
    writeDefault: form.writeDefault,
    notifications: form.notifications,
    keepHostRunning: form.keepHostRunning,
    // NaN is kept, not dropped: checkSettings then says what the field takes.
    silentSignInSeconds: numberOf(form.silentSignInSeconds),
    keepFresh: form.idps.filter((idp) => idp.keepFresh).map((idp) => idp.issuer),
    keepFreshMinutes: numberOf(form.keepFreshMinutes),
    keepFreshHours: numberOf(form.keepFreshHours),
    samlProviders: lines(form.samlProviders),
    loginUrl: form.loginUrl.trim(),
    loginUrls: Object.fromEntries(form.idps.flatMap((idp) => (idp.url.trim() ? [[idp.issuer, idp.url.trim()]] : []))),
    chains: chains.chains,
  };
  return { settings };
}

/** The fields that show `settings` (the role and IdP tables are built by their own modules). */
export function fieldsFromSettings(settings: Settings): FormFields {
  return {
    profileTemplate: settings.profileTemplate,
    refresh: settings.refresh,
    duration: settings.sessionDuration === undefined ? 'assertion' : 'fixed',
    durationHours: settings.sessionDuration === undefined ? '' : String(settings.sessionDuration / 3600),
    region: settings.region,
    output: settings.output,
    writeDefault: settings.writeDefault,
    notifications: settings.notifications,
    keepHostRunning: settings.keepHostRunning,
    silentSignInSeconds: String(settings.silentSignInSeconds),
    keepFreshMinutes: String(settings.keepFreshMinutes),
    keepFreshHours: String(settings.keepFreshHours),
    samlProviders: settings.samlProviders.join('\n'),
    loginUrl: settings.loginUrl,
    chains: chainsToText(settings.chains),
  };
}
