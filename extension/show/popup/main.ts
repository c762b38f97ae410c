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
import { withRemembered } from './remembered';
import { clockTime } from './time-left';

const { accountNames, hostStatus, lastLogin, recentProfiles, sessionCredentials, shellChoice } = store;

const STATE_TEXT: Record<LoginRecord['state'], string> = {
  working: 'Getting credentials…',
  'choose-role': 'Choose a role on the AWS page to get its credentials.',
  done: 'Credentials written',
  failed: 'The last login did not write credentials',
};

let shown: readonly RecentProfile[] = [];

/** `hidden`: an error already said elsewhere (the host problem at the top), not said twice. */
function renderLogin(record: LoginRecord | undefined, hidden: string | undefined): void {
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
  if (record.error && record.error.message !== hidden) {
    const error = element('p', 'error', record.error.message);
    error.dataset.code = record.error.code;
    card.append(error);
  }
  for (const note of record.notes ?? []) card.append(element('p', 'note', note));
  const seen = element('p', 'muted', `Seen ${new Date(record.at).toLocaleString()}${record.file ? ` · ${record.file}` : ''}`);
  card.append(seen);
  section.replaceChildren(card);
}

/** `hidden`: an error the page already shows above the list, which each card need not repeat. */
async function renderProfiles(hidden: string | undefined): Promise<void> {
  const [recent, origins, credentials, names] = await Promise.all([recentProfiles.get(), store.profileOrigins.get(), sessionCredentials.get(), accountNames.get()]);
  const profiles = withRemembered(recent, origins, Date.now());
  shown = profiles;
  const focused = document.activeElement instanceof HTMLElement ? document.activeElement : undefined;
  // A copy or refresh button that had the focus gets it back in the new list.
  const focusKey = focused?.matches('button[data-profile]') ? `${focused.dataset.copy ?? 'refresh'}:${focused.dataset.profile}` : undefined;
  const now = Date.now();
  const list = $('profiles');
  list.replaceChildren(...profiles.map((profile) => profileCard(profile, { now, accountNames: names, hasCredentials: profile.profile in credentials, shownAbove: hidden })));
  $('no-profiles').hidden = profiles.length > 0;
  $('forget').hidden = Object.keys(credentials).length === 0;
  if (focusKey) {
    const [kind, name] = focusKey.split(/:(.*)/s);
    [...list.querySelectorAll<HTMLElement>('button[data-profile]')].find((button) => (button.dataset.copy ?? 'refresh') === kind && button.dataset.profile === name)?.focus();
  }
}

const HOST_LABEL: Record<Exclude<HostStatus['state'], 'ok'>, string> = {
  missing: "stsbridge's program is not installed on this computer",
  forbidden: "stsbridge's program on this computer is installed for another extension",
  'too-old': "stsbridge's program on this computer is too old for this extension",
  failed: "stsbridge's program on this computer is not working",
};

/**
 * The program's state: a problem goes first on the page (nothing is written without the
 * program), with what to run; the footer says the state in a few words.
 */
function renderHost(status: HostStatus | undefined): void {
  const text = $('host-status');
  const footer = text.parentElement!;
  const problem = status !== undefined && status.state !== 'ok';
  footer.classList.toggle('problem', problem);
  text.dataset.state = status?.state ?? 'unknown';
  text.dataset.resident = String(status?.resident === true);
  const top = $('host-problem');
  top.hidden = !problem;
  // The message says what is wrong and what to run, for this extension's ID.
  if (problem) top.replaceChildren(element('p', 'fix', status.message));
  if (status === undefined) text.textContent = 'stsbridge on this computer: not checked yet.';
  else if (status.state === 'ok') {
    text.textContent = status.resident
      ? `stsbridge ${status.version ?? ''} on this computer: connected.`
      : `stsbridge ${status.version ?? ''} on this computer: starts for each sign-in, which adds its start-up time to every login (see the options).`;
  } else text.textContent = `${HOST_LABEL[status.state]}.`;
}

async function renderAll(): Promise<void> {
  const [record, status] = await Promise.all([lastLogin.get(), hostStatus.get()]);
  const hostProblem = status && status.state !== 'ok' ? status.message : undefined;
  renderHost(status);
  // Said once: the host's problem at the top; the login's failure in its banner, not in every card.
  renderLogin(record, hostProblem);
  await renderProfiles(record?.state === 'failed' || hostProblem ? (hostProblem ?? record?.error?.message) : undefined);
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
  $('host-status').textContent = 'Checking stsbridge on this computer…';
  void sendMessage('ui-bg-check-host', {}).catch((error: unknown) => {
    $('host-status').textContent = error instanceof Error ? error.message : 'The check failed.';
  });
});

wireOidcButtons();
void store.settings.get().then((settings) => renderOidcButtons(settings.oidcProviders));
store.settings.watch((settings) => renderOidcButtons(settings.oidcProviders));

void renderAll();
for (const item of [lastLogin, recentProfiles, store.profileOrigins, sessionCredentials, hostStatus, accountNames] as const) item.watch(() => void renderAll());
// The countdowns move every second while the popup is open, without rebuilding the list.
setInterval(() => {
  const now = Date.now();
  for (const card of document.querySelectorAll<HTMLElement>('#profiles > li')) {
    const profile = shown.find((entry) => entry.profile === card.dataset.profile);
    if (profile) updateCountdown(card, profile, now);
  }
}, 1000);
