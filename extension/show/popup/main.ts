// The popup: the last login's outcome, every profile recent logins refreshed with a live
// countdown and copy buttons, and the native host's state. It re-renders when storage changes
// and keeps keyboard focus where it was.

import browser from 'webextension-polyfill';
import { sendMessage } from '../../messages/send-message';
import type { HostStatus } from '../../storage/host-status';
import type { LoginRecord } from '../../storage/login-record';
import type { RecentProfile } from '../../storage/recent-profiles';
import { store } from '../../storage/store';
import { $, element } from '../dom';
import { exportLines, profileLine, type ShellFormat } from '../../../native-host/export-lines';
import { renderOidcButtons, wireOidcButtons } from './oidc-buttons';
import { profileCard, updateCountdown } from './profile-card';
import { clockTime } from './time-left';

const { accountNames, hostStatus, lastLogin, recentProfiles, sessionCredentials, shellChoice } = store;

const STATE_TEXT: Record<LoginRecord['state'], string> = {
  working: 'Getting credentials…',
  'choose-role': 'Choose a role on the AWS page to get its credentials.',
  done: 'Credentials written',
  failed: 'The last login did not write credentials',
};

let shown: readonly RecentProfile[] = [];

function renderLogin(record: LoginRecord | undefined): void {
  const section = $('last-login');
  if (!record) {
    section.replaceChildren();
    return;
  }
  const card = element('div', 'card');
  card.dataset.state = record.state;
  const written = record.results.filter((result) => result.state === 'written').length;
  const summary = record.state === 'done' && record.results.length > 1 ? `${STATE_TEXT.done}: ${written} of ${record.results.length} profiles` : STATE_TEXT[record.state];
  card.append(element('p', `state ${record.state}`, summary));
  if (record.error) {
    const error = element('p', 'error', record.error.message);
    error.dataset.code = record.error.code;
    card.append(error);
  }
  for (const note of record.notes ?? []) card.append(element('p', 'note', note));
  const seen = element('p', 'muted', `Seen ${new Date(record.at).toLocaleString()}${record.file ? ` · ${record.file}` : ''}`);
  card.append(seen);
  section.replaceChildren(card);
}

async function renderProfiles(): Promise<void> {
  const [profiles, credentials, names] = await Promise.all([recentProfiles.get(), sessionCredentials.get(), accountNames.get()]);
  shown = profiles;
  const focused = document.activeElement instanceof HTMLElement ? document.activeElement : undefined;
  // A copy or refresh button that had the focus gets it back in the new list.
  const focusKey = focused?.matches('button[data-profile]') ? `${focused.dataset.copy ?? 'refresh'}:${focused.dataset.profile}` : undefined;
  const now = Date.now();
  const list = $('profiles');
  list.replaceChildren(...profiles.map((profile) => profileCard(profile, { now, accountNames: names, hasCredentials: profile.profile in credentials })));
  $('no-profiles').hidden = profiles.length > 0;
  $('forget').hidden = Object.keys(credentials).length === 0;
  if (focusKey) {
    const [kind, name] = focusKey.split(/:(.*)/s);
    [...list.querySelectorAll<HTMLElement>('button[data-profile]')].find((button) => (button.dataset.copy ?? 'refresh') === kind && button.dataset.profile === name)?.focus();
  }
}

const HOST_LABEL: Record<Exclude<HostStatus['state'], 'ok'>, string> = {
  missing: 'Helper: not installed.',
  forbidden: 'Helper: installed for another extension.',
  'too-old': 'Helper: too old for this extension.',
  failed: 'Helper: not working.',
};

function renderHost(status: HostStatus | undefined, record: LoginRecord | undefined): void {
  const text = $('host-status');
  const footer = text.parentElement!;
  footer.classList.toggle('problem', status !== undefined && status.state !== 'ok');
  text.dataset.state = status?.state ?? 'unknown';
  text.dataset.resident = String(status?.resident === true);
  if (status === undefined) text.textContent = 'Helper: not checked yet.';
  else if (status.state === 'ok') {
    text.textContent = status.resident
      ? `Helper ${status.version ?? ''} running.`
      : `Helper ${status.version ?? ''} installed. It starts for each sign-in, which adds its start-up time to every login (see the options).`;
  }
  // The full message (with its fix) once: in the login's card when that already says it.
  else text.textContent = record?.error?.message === status.message ? HOST_LABEL[status.state] : status.message;
}

async function renderAll(): Promise<void> {
  const [record, status] = await Promise.all([lastLogin.get(), hostStatus.get()]);
  renderLogin(record);
  renderHost(status, record);
  await renderProfiles();
}

async function copy(kind: string, profileName: string): Promise<void> {
  const status = $('copy-status');
  const shell = await shellChoice.get();
  const credentials = kind === 'exports' ? (await sessionCredentials.get())[profileName] : undefined;
  const text = kind === 'profile' ? profileLine(profileName, shell) : credentials && exportLines(credentials, shell);
  if (!text) {
    status.textContent = 'Those credentials are no longer in memory; log in again.';
    return;
  }
  try {
    await navigator.clipboard.writeText(text);
    status.textContent = kind === 'profile' ? `Copied the AWS_PROFILE line for ${profileName}.` : `Copied the export lines for ${profileName}.`;
  } catch {
    status.textContent = 'Copying failed: the browser did not allow it.';
  }
}

/** *Refresh now*: a silent sign-in through the profile's identity provider; the list re-renders from storage when it lands. */
async function refreshNow(button: HTMLButtonElement, profile: string): Promise<void> {
  const status = $('copy-status');
  button.disabled = true;
  status.textContent = `Refreshing ${profile} through your identity provider…`;
  try {
    const result = await sendMessage('ui-bg-refresh-profile', { profile });
    status.textContent =
      result.state === 'refreshed'
        ? `Refreshed ${profile}${result.expiration ? `; valid until ${clockTime(result.expiration)}` : ''}.`
        : `${profile} was not refreshed: ${result.message ?? 'the browser did not say why'}`;
  } catch (error) {
    status.textContent = `${profile} was not refreshed: ${error instanceof Error ? error.message : 'the request failed'}`;
  } finally {
    button.disabled = false;
  }
}

$('profiles').addEventListener('click', (event) => {
  const target = event.target as HTMLElement;
  const copyButton = target.closest<HTMLButtonElement>('button[data-copy]');
  if (copyButton?.dataset.profile) void copy(copyButton.dataset.copy!, copyButton.dataset.profile);
  const refresh = target.closest<HTMLButtonElement>('button[data-refresh]');
  if (refresh?.dataset.refresh) void refreshNow(refresh, refresh.dataset.refresh);
});

const shellSelect = $<HTMLSelectElement>('shell');
void shellChoice.get().then((shell) => (shellSelect.value = shell));
shellSelect.addEventListener('change', () => void shellChoice.set(shellSelect.value as ShellFormat));

$('open-options').addEventListener('click', () => void browser.runtime.openOptionsPage());
$('forget').addEventListener('click', () => {
  void sendMessage('ui-bg-forget-credentials', {}).then(() => ($('copy-status').textContent = 'Forgotten. The credentials file is unchanged.'));
});
$('check-host').addEventListener('click', () => {
  $('host-status').textContent = 'Checking the native host…';
  void sendMessage('ui-bg-check-host', {}).catch((error: unknown) => {
    $('host-status').textContent = error instanceof Error ? error.message : 'The check failed.';
  });
});

wireOidcButtons();
void store.settings.get().then((settings) => renderOidcButtons(settings.oidcProviders));
store.settings.watch((settings) => renderOidcButtons(settings.oidcProviders));

void renderAll();
for (const item of [lastLogin, recentProfiles, sessionCredentials, hostStatus, accountNames] as const) item.watch(() => void renderAll());
// The countdowns move every second while the popup is open, without rebuilding the list.
setInterval(() => {
  const now = Date.now();
  for (const card of document.querySelectorAll<HTMLElement>('#profiles > li')) {
    const profile = shown.find((entry) => entry.profile === card.dataset.profile);
    if (profile) updateCountdown(card, profile, now);
  }
}, 1000);
