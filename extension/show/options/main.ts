// The options page's wiring: load what storage holds, fill the form and tables, preview names as
// the person types, and save through checkSettings with each problem shown at its field.

import browser from 'webextension-polyfill';
import { PARTITIONS } from '../../aws/partitions';
import { saveSettings } from '../../storage/save-settings';
import type { Settings } from '../../storage/settings';
import { learnedAccountNames, ownSettings, policy, store } from '../../storage/store';
import { NO_POLICY } from '../../storage/policy';
import type { IdentityProviders } from '../../storage/identity-providers';
import { showPolicy } from './policy-view';
import { $, element } from '../dom';
import { showProblems } from './field-errors';
import { readFields, writeFields } from './form';
import { fieldsFromSettings, oidcEntries, settingsFromForm } from './form-settings';
import { checkNewProviders } from './oidc-check';
import { readOidc, renderOidc, wireOidcEditor } from './oidc-editor';
import { focusIdp, idpRows, readIdps, renderIdps } from './idp-table';
import { onSiteAccessClick, wireSiteAccess } from './site-access';
import { loadManaged } from './managed-list';
import { readRoles, renderRoles, roleRows, templateFeedback, updatePreviews } from './role-table';

const form = $<HTMLFormElement>('options');
const rolesTable = $<HTMLTableElement>('roles');
const rolesBody = rolesTable.tBodies[0]!;
const idpsTable = $<HTMLTableElement>('idps');
const oidcList = $('oidc-providers');

/** What this browser has seen, read once when the page opens. */
const seen = { names: {} as Readonly<Record<string, string>>, roles: [] as readonly string[] };

function onInput(): void {
  const fields = readFields();
  const feedback = templateFeedback(fields.profileTemplate, fields.refresh);
  $('profileTemplate-error').textContent = feedback.error;
  $('profile-template').setAttribute('aria-invalid', String(feedback.error !== ''));
  $('profile-template-warning').textContent = feedback.warning;
  updatePreviews(rolesBody, fields.profileTemplate, seen.names);
}

function fillRoles(settings: Settings): void {
  const rows = roleRows(settings, seen.roles, seen.names);
  renderRoles(rolesBody, rows);
  rolesTable.hidden = rows.length === 0;
  onInput();
}

form.addEventListener('input', onInput);
form.addEventListener('submit', (event) => {
  event.preventDefault();
  const status = $('save-status');
  const read = settingsFromForm({ ...readFields(), refreshExtra: $<HTMLTextAreaElement>('refresh-extra').value, roles: readRoles(rolesBody), idps: readIdps(idpsTable), oidc: readOidc(oidcList) });
  if ('unreadable' in read) {
    showProblems(read.unreadable);
    status.textContent = 'Not saved: see the reasons above.';
    return;
  }
  status.textContent = 'Saving…';
  // A provider added or changed is asked for its configuration first: one AWS would refuse is not saved.
  void checkNewProviders(read.settings.oidcProviders, store.settings.get(), (issuer) => (status.textContent = `Checking ${issuer}…`))
    .then((problem) => (problem ? { oidcProviders: problem } : saveSettings(read.settings)))
    .then(
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

$('load-managed').addEventListener('click', () => loadManaged());
onSiteAccessClick(idpsTable);

wireOidcEditor(oidcList, $<HTMLButtonElement>('add-oidc'));
// What to register with the provider: this browser's redirect address and origin for the extension.
$('oidc-redirect').textContent = `https://${browser.runtime.id}.chromiumapp.org/`;
$('oidc-origin').textContent = new URL(browser.runtime.getURL('')).origin;

$('regions').replaceChildren(...Object.values(PARTITIONS).flatMap((partition) => partition.regions.map((region) => Object.assign(element('option'), { value: region }))));

/** Typed into since the page opened: the policy, arriving late, then only locks fields. */
let touched = false;
form.addEventListener('input', () => (touched = true));

function fill(settings: Settings, providers: IdentityProviders): void {
  writeFields(fieldsFromSettings(settings));
  fillRoles(settings);
  renderIdps(idpsTable, idpRows(settings, providers));
  void wireSiteAccess(idpsTable).catch(() => undefined);
  renderOidc(oidcList, oidcEntries(settings));
}

// The person's own settings at once; the organisation's policy when the browser has read it
// (right after the browser starts, that takes seconds).
const shown = Promise.all([ownSettings.get(), store.knownRoles.get(), learnedAccountNames.get(), store.identityProviders.get()]).then(([settings, roles, names, providers]) => {
  seen.names = names;
  seen.roles = roles;
  fill(settings, providers);
  showAskedIdp(settings, providers);
  return providers;
});

/** Opened at `#idp=<issuer>` (the "Set the address" notification): that row, ready to type in. */
function showAskedIdp(settings: Settings, providers: IdentityProviders): void {
  const asked = /^#idp=(.+)$/.exec(location.hash);
  if (!asked) return;
  const issuer = decodeURIComponent(asked[1]!);
  const row = idpRows(settings, providers).find((each) => each.issuer === issuer);
  focusIdp(idpsTable, issuer, row && 'candidate' in row.worksOut ? row.worksOut.candidate : undefined);
}
void Promise.all([policy.get(), shown]).then(async ([organisation, providers]) => {
  if (organisation === NO_POLICY) return;
  seen.names = await store.accountNames.get();
  if (!touched) fill(await store.settings.get(), providers);
  // After the tables: a locked identity-provider list makes their inputs read-only too.
  showPolicy(organisation);
});
