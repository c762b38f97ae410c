// The options page: a form over the typed settings, with a live preview of profile names that
// uses the worker's own naming code, field-by-field reasons on save, and the list of managed
// profiles (through the worker, which owns the native host).

import { accountNames } from '../shared/account-names-store';
import { chainsFromText, chainsToText } from '../shared/chain-text';
import { ownValue, type IdentityProviders } from '../shared/identity-providers';
import { identityProviders } from '../shared/identity-providers-store';
import { knownRoles } from '../shared/known-roles';
import type { ManagedProfileView } from '../shared/messages';
import { renderProfileName, templateProblem, templateTellsRolesApart } from '../shared/profile-template';
import { sendMessage } from '../shared/send-message';
import type { RefreshMode, Settings, SettingsProblems } from '../shared/settings';
import { saveSettings, settings as storedSettings } from '../shared/settings-store';
import { PARTITIONS } from '../saml/endpoints';
import { parseRoleArn } from '../saml/role-pairs';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const form = $<HTMLFormElement>('options');
const template = $<HTMLInputElement>('profile-template');
const rolesBody = document.querySelector<HTMLTableSectionElement>('#roles tbody')!;

/** Where each field's problem is shown, and the control to focus. */
const FIELDS: Record<keyof Settings, { error: string; control: string }> = {
  profileTemplate: { error: 'profile-template-error', control: 'profile-template' },
  roleTemplates: { error: 'roleTemplates-error', control: 'roles' },
  refresh: { error: 'refreshList-error', control: 'refresh-extra' },
  refreshList: { error: 'refreshList-error', control: 'refresh-extra' },
  sessionDuration: { error: 'sessionDuration-error', control: 'duration-hours' },
  region: { error: 'region-error', control: 'region' },
  output: { error: 'output-error', control: 'output' },
  writeDefault: { error: 'save-status', control: 'write-default' },
  notifications: { error: 'save-status', control: 'notifications' },
  samlProviders: { error: 'samlProviders-error', control: 'saml-providers' },
  loginUrl: { error: 'loginUrl-error', control: 'login-url' },
  loginUrls: { error: 'loginUrls-error', control: 'idps' },
  chains: { error: 'chains-error', control: 'chains' },
};

let names: Readonly<Record<string, string>> = {};
/** Role ARNs logins have offered in this browser. */
let seenRoles: readonly string[] = [];
/** Identity providers logins came from in this browser. */
let seenProviders: IdentityProviders = {};
const idpsBody = document.querySelector<HTMLTableSectionElement>('#idps tbody')!;

function lines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

function radio(name: string): string | undefined {
  return form.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`)?.value;
}

function setRadio(name: string, value: string): void {
  const input = form.querySelector<HTMLInputElement>(`input[name="${name}"][value="${value}"]`);
  if (input) input.checked = true;
}

/** One row per role: its preview, its own template, and whether the list refreshes it. */
function roleRow(roleArn: string, settings: Settings): HTMLTableRowElement {
  const chain = settings.chains.find((entry) => entry.roleArn === roleArn);
  const role = parseRoleArn(roleArn);
  const row = document.createElement('tr');
  row.dataset.role = roleArn;
  const label = document.createElement('th');
  label.scope = 'row';
  const accountName = role ? names[role.accountId] : undefined;
  label.textContent = role ? `${role.roleName} · ${accountName ? `${accountName} (${role.accountId})` : role.accountId}` : roleArn;
  label.title = roleArn;
  if (chain) label.append(document.createElement('br'), Object.assign(document.createElement('small'), { textContent: `chained from ${parseRoleArn(chain.from)?.roleName ?? chain.from}` }));
  const preview = document.createElement('td');
  preview.className = 'preview';
  const own = document.createElement('td');
  const input = document.createElement('input');
  input.type = 'text';
  input.className = 'role-template';
  input.spellcheck = false;
  input.value = settings.roleTemplates[roleArn] ?? '';
  input.placeholder = 'as the template';
  input.setAttribute('aria-label', `Per-role name for ${label.textContent}`);
  own.append(input);
  const refresh = document.createElement('td');
  const box = document.createElement('input');
  box.type = 'checkbox';
  box.className = 'role-refresh';
  box.checked = settings.refreshList.includes(roleArn);
  box.setAttribute('aria-label', `Refresh ${label.textContent} on every login`);
  // A chained role is refreshed with its SAML role; only roles an assertion offers are listed.
  if (!chain || seenRoles.includes(roleArn)) refresh.append(box);
  row.append(label, preview, own, refresh);
  return row;
}

/** Recomputes every preview cell from what the form holds now. */
function updatePreview(): void {
  const general = template.value;
  const generalProblem = templateProblem(general);
  $('profile-template-error').textContent = generalProblem ? `Not usable: ${generalProblem}.` : '';
  template.setAttribute('aria-invalid', String(generalProblem !== undefined));
  // With several roles a login, a name without the account and the role lets only one of them in.
  const several = radio('refresh') !== 'chosen';
  $('profile-template-warning').textContent =
    several && !generalProblem && !templateTellsRolesApart(general)
      ? 'With several roles refreshed per login, roles would share this name and only the first would be written: add {role_name} and {account_id} or {account_name}.'
      : '';
  for (const row of rolesBody.rows) {
    const role = parseRoleArn(row.dataset.role ?? '');
    const own = row.querySelector<HTMLInputElement>('.role-template')!.value.trim();
    const cell = row.querySelector<HTMLElement>('.preview')!;
    if (!role) continue;
    const accountName = names[role.accountId];
    const result = renderProfileName(own || general, { ...role, ...(accountName ? { accountName } : {}) });
    cell.replaceChildren();
    if ('name' in result) {
      const code = document.createElement('code');
      code.textContent = result.name;
      cell.append(code);
      cell.classList.remove('invalid');
    } else {
      cell.textContent = result.problem;
      cell.classList.add('invalid');
    }
  }
}

/** The form as settings, or the problems of fields whose text cannot be read at all. */
function readForm(): { settings: Settings } | { unreadable: SettingsProblems } {
  const chains = chainsFromText($<HTMLTextAreaElement>('chains').value);
  if ('problem' in chains) return { unreadable: { chains: chains.problem } };
  return { settings: formSettings(chains.chains) };
}

function formSettings(chains: Settings['chains']): Settings {
  const roleTemplates: Record<string, string> = {};
  const listed: string[] = [];
  for (const row of rolesBody.rows) {
    const arn = row.dataset.role!;
    const own = row.querySelector<HTMLInputElement>('.role-template')!.value.trim();
    if (own) roleTemplates[arn] = own;
    if (row.querySelector<HTMLInputElement>('.role-refresh')?.checked) listed.push(arn);
  }
  const hours = $<HTMLInputElement>('duration-hours').valueAsNumber;
  return {
    profileTemplate: template.value.trim(),
    roleTemplates,
    refresh: (radio('refresh') ?? 'chosen') as RefreshMode,
    refreshList: [...new Set([...listed, ...lines($<HTMLTextAreaElement>('refresh-extra').value)])],
    ...(radio('duration') === 'fixed' ? { sessionDuration: Number.isNaN(hours) ? Number.NaN : Math.round(hours * 3600) } : {}),
    region: $<HTMLInputElement>('region').value.trim(),
    output: $<HTMLSelectElement>('output').value,
    writeDefault: $<HTMLInputElement>('write-default').checked,
    notifications: $<HTMLInputElement>('notifications').checked,
    samlProviders: lines($<HTMLTextAreaElement>('saml-providers').value),
    loginUrl: $<HTMLInputElement>('login-url').value.trim(),
    loginUrls: Object.fromEntries(
      [...idpsBody.rows].flatMap((row) => {
        const url = row.querySelector('input')!.value.trim();
        return url ? [[row.dataset.issuer!, url]] : [];
      }),
    ),
    chains,
  };
}

function fillForm(settings: Settings): void {
  template.value = settings.profileTemplate;
  setRadio('refresh', settings.refresh);
  setRadio('duration', settings.sessionDuration === undefined ? 'assertion' : 'fixed');
  $<HTMLInputElement>('duration-hours').value = settings.sessionDuration === undefined ? '' : String(settings.sessionDuration / 3600);
  $<HTMLInputElement>('region').value = settings.region;
  $<HTMLSelectElement>('output').value = settings.output;
  $<HTMLInputElement>('write-default').checked = settings.writeDefault;
  $<HTMLInputElement>('notifications').checked = settings.notifications;
  $<HTMLTextAreaElement>('saml-providers').value = settings.samlProviders.join('\n');
  $<HTMLInputElement>('login-url').value = settings.loginUrl;
  $<HTMLTextAreaElement>('chains').value = chainsToText(settings.chains);
  fillRoles(settings);
  fillProviders(settings);
}

/** One row per identity provider seen or configured: its remembered start page and its own address. */
function fillProviders(settings: Settings): void {
  const issuers = [...new Set([...Object.keys(seenProviders), ...Object.keys(settings.loginUrls)])];
  idpsBody.replaceChildren(
    ...issuers.map((issuer) => {
      const row = document.createElement('tr');
      row.dataset.issuer = issuer;
      const label = document.createElement('th');
      label.scope = 'row';
      label.append(Object.assign(document.createElement('code'), { textContent: issuer }));
      const remembered = ownValue(seenProviders, issuer)?.startPage;
      if (remembered) label.append(document.createElement('br'), Object.assign(document.createElement('small'), { textContent: `last sign-in started at ${remembered}` }));
      const cell = document.createElement('td');
      const input = Object.assign(document.createElement('input'), { type: 'url', spellcheck: false, value: ownValue(settings.loginUrls, issuer) ?? '' });
      input.placeholder = remembered ?? 'the address above';
      input.setAttribute('aria-label', `Where "Sign in again" goes for ${issuer}`);
      cell.append(input);
      row.append(label, cell);
      return row;
    }),
  );
  $('idps').hidden = issuers.length === 0;
}

function fillRoles(settings: Settings): void {
  // Roles seen in logins, plus any the settings name that no login has offered in this browser.
  const all = [...new Set([...seenRoles, ...Object.keys(settings.roleTemplates), ...settings.refreshList, ...settings.chains.map((chain) => chain.roleArn)])];
  rolesBody.replaceChildren(...all.map((arn) => roleRow(arn, settings)));
  $('roles').hidden = all.length === 0;
  updatePreview();
}

function showProblems(problems: SettingsProblems): void {
  for (const { error, control } of Object.values(FIELDS)) {
    if (error !== 'save-status') $(error).textContent = '';
    $(control).removeAttribute('aria-invalid');
  }
  const fields = Object.keys(problems) as (keyof Settings)[];
  for (const field of fields) {
    const { error, control } = FIELDS[field];
    $(error).textContent = `Not saved: ${problems[field]}.`;
    $(control).setAttribute('aria-invalid', 'true');
  }
  if (fields.length > 0) {
    // A table of per-role or per-IdP fields is not focusable itself: its first field is.
    const control = $(FIELDS[fields[0]!].control);
    (control.matches('input, select, textarea') ? control : (control.querySelector<HTMLElement>('input, select, textarea') ?? control)).focus();
  }
}

form.addEventListener('input', updatePreview);
form.addEventListener('submit', (event) => {
  event.preventDefault();
  const status = $('save-status');
  const read = readForm();
  if ('unreadable' in read) {
    showProblems(read.unreadable);
    status.textContent = 'Not saved: see the reasons above.';
    return;
  }
  status.textContent = 'Saving…';
  void saveSettings(read.settings).then(
    (problems) => {
      showProblems(problems);
      const saved = Object.keys(problems).length === 0;
      status.textContent = saved ? 'Saved. The next login uses these settings.' : 'Not saved: see the reasons above.';
      // A newly chained role gets its row, for a per-role name.
      if (saved) fillRoles(read.settings);
    },
    () => (status.textContent = 'Not saved: the browser refused to store the settings.'),
  );
});

function managedItem(profile: ManagedProfileView): HTMLLIElement {
  const item = document.createElement('li');
  item.dataset.profile = profile.name;
  const name = document.createElement('code');
  name.textContent = profile.name;
  const when = document.createElement('span');
  when.className = 'muted';
  when.textContent = profile.expiration ? (profile.expired ? ` expired ${new Date(profile.expiration).toLocaleString()}` : ` valid until ${new Date(profile.expiration).toLocaleString()}`) : '';
  const remove = document.createElement('button');
  remove.type = 'button';
  remove.textContent = 'Remove';
  remove.setAttribute('aria-label', `Remove ${profile.name} from the credentials file`);
  remove.addEventListener('click', () => {
    remove.disabled = true;
    void sendMessage('ui-bg-remove-profiles', { names: [profile.name] }).then(
      ({ removed }) => {
        $('managed-status').textContent = removed.includes(profile.name) ? `Removed ${profile.name}.` : `${profile.name} is no longer managed by stsbridge; left alone.`;
        item.remove();
      },
      (error: unknown) => {
        remove.disabled = false;
        $('managed-status').textContent = error instanceof Error ? error.message : 'Removing failed.';
      },
    );
  });
  item.append(name, when, ' ', remove);
  return item;
}

$('load-managed').addEventListener('click', () => {
  $('managed-status').textContent = 'Asking the native host…';
  void sendMessage('ui-bg-managed-profiles', {}).then(
    ({ file, profiles, omitted }) => {
      const count = omitted > 0 ? `The first ${profiles.length} of ${profiles.length + omitted}` : String(profiles.length);
      $('managed-status').textContent = profiles.length === 0 ? `None in ${file}.` : `${count} in ${file}:`;
      $('managed').replaceChildren(...profiles.map(managedItem));
    },
    (error: unknown) => ($('managed-status').textContent = error instanceof Error ? error.message : 'The native host did not answer.'),
  );
});

$('regions').replaceChildren(
  ...Object.values(PARTITIONS).flatMap((partition) =>
    partition.regions.map((region) => Object.assign(document.createElement('option'), { value: region })),
  ),
);

void Promise.all([storedSettings.get(), knownRoles.get(), accountNames.get(), identityProviders.get()]).then(([settings, roles, known, providers]) => {
  names = known;
  seenRoles = roles;
  seenProviders = providers;
  fillForm(settings);
});
