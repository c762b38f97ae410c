import { describe, expect, it } from 'vitest';
import { fieldsFromSettings, oidcEntries, settingsFromForm, type FormValues } from '../../../../extension/show/options/form-settings';
import { DEFAULT_SETTINGS, type Settings } from '../../../../extension/storage/settings';

const ADMIN = 'arn:aws:iam::111122223333:role/Admin';
const DEV = 'arn:aws:iam::444455556666:role/Dev';
const DEPLOY = 'arn:aws:iam::999988887777:role/Deploy';

const every: Settings = {
  profileTemplate: '{account_name}-{role_name}',
  roleTemplates: { [ADMIN]: 'admin' },
  refresh: 'list',
  refreshList: [ADMIN, DEV],
  sessionDuration: 5400,
  region: 'eu-west-1',
  output: 'json',
  writeDefault: true,
  notifications: false,
  keepHostRunning: false,
  silentSignInSeconds: 45,
  samlProviders: ['arn:aws:iam::111122223333:saml-provider/Okta'],
  loginUrl: 'https://example.okta.com/home/aws',
  loginUrls: { 'http://www.okta.com/exk1': 'https://example.okta.com/app/aws' },
  keepFresh: ['http://www.okta.com/exk1', 'https://login.example.com/tenant'],
  keepFreshMinutes: 7,
  keepFreshHours: 24,
  chains: [{ from: ADMIN, roleArn: DEPLOY, externalId: 'ext-1' }],
  oidcProviders: [
    { issuer: 'https://login.example.com/tenant', clientId: 'stsbridge', scopes: 'openid email', params: { audience: 'https://aws.example.com' }, roles: [DEV, DEPLOY], region: 'eu-west-1' },
    { issuer: 'https://accounts.example.org', clientId: 'abc123', scopes: 'openid', params: {}, roles: [ADMIN], region: '' },
  ],
};

/** The form as the page would show `settings`: fields, plus the tables' rows. */
function formOf(settings: Settings, extra: Partial<FormValues> = {}): FormValues {
  return {
    ...fieldsFromSettings(settings),
    refreshExtra: '',
    roles: [ADMIN, DEV].map((arn) => ({ arn, template: settings.roleTemplates[arn] ?? '', listed: settings.refreshList.includes(arn) })),
    idps: Object.entries(settings.loginUrls).map(([issuer, url]) => ({ issuer, url, keepFresh: settings.keepFresh.includes(issuer) })),
    oidc: oidcEntries(settings),
    ...extra,
  };
}

describe('the options form and the settings it stands for', () => {
  it('gives back every field of the settings it was filled from', () => {
    expect(settingsFromForm(formOf(every))).toEqual({ settings: every });
    expect(settingsFromForm(formOf(DEFAULT_SETTINGS))).toEqual({ settings: DEFAULT_SETTINGS });
  });

  it('trims what people type, and drops empty per-role names and IdP addresses', () => {
    const form = formOf(DEFAULT_SETTINGS, {
      profileTemplate: '  {role_name}  ',
      region: ' eu-west-1 ',
      roles: [{ arn: ADMIN, template: '   ', listed: false }, { arn: DEV, template: ' dev ', listed: false }],
      idps: [{ issuer: 'a', url: '  ', keepFresh: true }, { issuer: 'b', url: ' https://b.example/ ', keepFresh: false }],
    });
    const read = settingsFromForm(form);
    // An IdP kept fresh needs no address of its own: the remembered start page serves.
    expect(read).toMatchObject({ settings: { profileTemplate: '{role_name}', region: 'eu-west-1', roleTemplates: { [DEV]: 'dev' }, loginUrls: { b: 'https://b.example/' }, keepFresh: ['a'] } });
  });

  it('reads OpenID Connect providers as typed: trimmed, openid when no scope is given, empty entries dropped, and a parameter line without = refused', () => {
    const entry = { issuer: ' https://login.example.com ', clientId: ' app ', scopes: '  ', params: ' audience = https://aws \n\n', roles: `${DEV}\n${DEV}\n`, region: '', keepFresh: true };
    const empty = { issuer: '', clientId: '', scopes: 'openid', params: '', roles: '', region: '', keepFresh: false };
    expect(settingsFromForm(formOf(DEFAULT_SETTINGS, { oidc: [entry, empty] }))).toMatchObject({
      settings: { oidcProviders: [{ issuer: 'https://login.example.com', clientId: 'app', scopes: 'openid', params: { audience: 'https://aws' }, roles: [DEV], region: '' }], keepFresh: ['https://login.example.com'] },
    });
    expect(settingsFromForm(formOf(DEFAULT_SETTINGS, { oidc: [{ ...entry, params: 'audience' }] }))).toEqual({ unreadable: { oidcProviders: 'https://login.example.com: "audience" should be name=value' } });
  });

  it('lists ticked roles first, then the typed ones, each once', () => {
    const form = formOf(DEFAULT_SETTINGS, {
      roles: [{ arn: ADMIN, template: '', listed: true }, { arn: DEV, template: '', listed: false }],
      refreshExtra: `\n ${DEPLOY} \n${ADMIN}\n`,
    });
    expect(settingsFromForm(form)).toMatchObject({ settings: { refreshList: [ADMIN, DEPLOY] } });
  });

  it.each([
    ['1.5', 5400],
    ['0.25', 900],
    ['', Number.NaN],
    ['abc', Number.NaN],
  ])('turns %j hours into seconds (%d) for checkSettings to judge', (hours, seconds) => {
    const read = settingsFromForm(formOf(DEFAULT_SETTINGS, { duration: 'fixed', durationHours: hours }));
    expect('settings' in read && read.settings.sessionDuration).toEqual(seconds);
  });

  it('asks no duration when the assertion decides, whatever the hours field holds', () => {
    const read = settingsFromForm(formOf(DEFAULT_SETTINGS, { duration: 'assertion', durationHours: '3' }));
    expect(read).toEqual({ settings: DEFAULT_SETTINGS });
  });

  it('reports chained roles it cannot read by line, under chains', () => {
    const read = settingsFromForm(formOf(DEFAULT_SETTINGS, { chains: `${ADMIN} → ${DEPLOY}\n${ADMIN}` }));
    expect(read).toEqual({ unreadable: { chains: expect.stringMatching(/^line 2 /) } });
  });

  it('fills the hours field only for a fixed session length', () => {
    expect(fieldsFromSettings(every)).toMatchObject({ duration: 'fixed', durationHours: '1.5' });
    expect(fieldsFromSettings(DEFAULT_SETTINGS)).toMatchObject({ duration: 'assertion', durationHours: '' });
  });
});
