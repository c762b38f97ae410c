// The options form as plain values, and the settings they stand for, both ways. Pure: form.ts
// reads and writes the DOM, and this is what the unit tests hold to the settings model.

import { DEFAULT_OIDC_SCOPES, type OidcProvider } from '../../storage/oidc-providers';
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

/** One OpenID Connect provider as typed (oidc-editor.ts). */
export interface OidcEntry {
  readonly issuer: string;
  readonly clientId: string;
  readonly scopes: string;
  /** `name=value`, one per line. */
  readonly params: string;
  /** One role ARN per line. */
  readonly roles: string;
  readonly region: string;
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
  readonly oidc: readonly OidcEntry[];
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
  const oidc = oidcFromEntries(form.oidc);
  if ('problem' in oidc) return { unreadable: { oidcProviders: oidc.problem } };
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
    // SAML identity providers and OIDC providers are kept fresh by the same list of issuers.
    keepFresh: [...new Set([...form.idps.filter((idp) => idp.keepFresh).map((idp) => idp.issuer), ...form.oidc.filter((entry) => entry.keepFresh).map((entry) => entry.issuer.trim())])],
    keepFreshMinutes: numberOf(form.keepFreshMinutes),
    keepFreshHours: numberOf(form.keepFreshHours),
    samlProviders: lines(form.samlProviders),
    loginUrl: form.loginUrl.trim(),
    loginUrls: Object.fromEntries(form.idps.flatMap((idp) => (idp.url.trim() ? [[idp.issuer, idp.url.trim()]] : []))),
    chains: chains.chains,
    oidcProviders: oidc.providers,
  };
  return { settings };
}

/** The providers the editor holds (entries left wholly empty are dropped), or the first line that cannot be read. */
export function oidcFromEntries(entries: readonly OidcEntry[]): { readonly providers: OidcProvider[] } | { readonly problem: string } {
  const providers: OidcProvider[] = [];
  for (const entry of entries) {
    if ([entry.issuer, entry.clientId, entry.params, entry.roles, entry.region].every((text) => text.trim() === '')) continue;
    const params: Record<string, string> = {};
    for (const line of lines(entry.params)) {
      const at = line.indexOf('=');
      if (at <= 0) return { problem: `${entry.issuer.trim() || 'a provider'}: "${line}" should be name=value` };
      params[line.slice(0, at).trim()] = line.slice(at + 1).trim();
    }
    providers.push({
      issuer: entry.issuer.trim(),
      clientId: entry.clientId.trim(),
      scopes: entry.scopes.trim().split(/\s+/).filter(Boolean).join(' ') || DEFAULT_OIDC_SCOPES,
      params,
      roles: [...new Set(lines(entry.roles))],
      region: entry.region.trim(),
    });
  }
  return { providers };
}

/** The editor's entries for `settings`. */
export function oidcEntries(settings: Pick<Settings, 'oidcProviders' | 'keepFresh'>): OidcEntry[] {
  return settings.oidcProviders.map((provider) => ({
    issuer: provider.issuer,
    clientId: provider.clientId,
    scopes: provider.scopes,
    params: Object.entries(provider.params).map(([name, value]) => `${name}=${value}`).join('\n'),
    roles: provider.roles.join('\n'),
    region: provider.region,
    keepFresh: settings.keepFresh.includes(provider.issuer),
  }));
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
