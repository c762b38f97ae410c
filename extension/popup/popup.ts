// Renders the last login from storage.session and follows its changes. Every value that came
// from an assertion or the host is set as text, never as HTML.

import { accountNames } from '../shared/account-names-store';
import { exportLines } from '../shared/export-lines';
import { hostStatus, type HostStatus } from '../shared/host-status';
import { lastLogin, type LoginRecord, type ProfileResult } from '../shared/login-record';
import { unwrittenCredentials, type UnwrittenCredentials } from '../shared/unwritten-credentials';

const STATE_TEXT: Record<LoginRecord['state'], string> = {
  working: 'Getting credentials…',
  'choose-role': 'Choose a role on the AWS page to get its credentials.',
  done: 'Credentials written',
  failed: 'The login did not produce credentials',
};

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function expiryText(expiration: string, now: Date): string {
  const ms = Date.parse(expiration) - now.getTime();
  const clock = new Date(expiration).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  if (Number.isNaN(ms)) return expiration;
  if (ms <= 0) return `expired at ${clock}`;
  const minutes = Math.floor(ms / 60_000);
  const span = minutes >= 60 ? `${Math.floor(minutes / 60)} h ${minutes % 60} min` : `${minutes} min`;
  return `in ${span} (${clock})`;
}

function profileDetails(result: ProfileResult, file: string | undefined, names: Readonly<Record<string, string>>): HTMLElement {
  const list = element('dl');
  const row = (label: string, value: Node | string) => {
    list.append(element('dt', undefined, label));
    const dd = element('dd');
    dd.append(value);
    list.append(dd);
  };
  row('Profile', element('code', undefined, result.profile));
  const name = names[result.accountId];
  row('Role', `${result.roleName} in ${name ? `${name} (${result.accountId})` : result.accountId}`);
  row('Expires', element('span', 'expiry', expiryText(result.expiration, new Date())));
  if (file) row('File', element('code', undefined, file));
  return list;
}

function render(record: LoginRecord | undefined, unwritten: UnwrittenCredentials | undefined, names: Readonly<Record<string, string>>): void {
  const main = document.getElementById('last-login')!;
  const kept = record !== undefined && unwritten !== undefined && unwritten.loginId === record.id ? unwritten : undefined;
  renderUnwritten(kept);
  if (!record) return;
  const card = element('section', 'card');
  card.dataset.state = record.state;
  card.append(element('p', `state ${record.state}`, kept ? 'Credentials obtained, but not written to a file' : STATE_TEXT[record.state]));
  for (const result of record.results) {
    card.append(profileDetails(result, record.file, names));
    for (const note of result.notes) card.append(element('p', 'note', note));
  }
  if (record.error) {
    const error = element('p', 'error');
    error.dataset.code = record.error.code;
    error.textContent = record.error.message;
    card.append(error);
  }
  card.append(element('p', 'muted', `Seen ${new Date(record.at).toLocaleString()}`));
  main.replaceChildren(card);
}

/** Credentials the last login got but could not write: offered as export lines instead. */
function renderUnwritten(unwritten: UnwrittenCredentials | undefined): void {
  document.getElementById('unwritten')!.hidden = unwritten === undefined;
  document.getElementById('export-lines')!.textContent = unwritten ? exportLines(unwritten.profile, 'env') : '';
}

const HOST_LABEL: Record<Exclude<HostStatus['state'], 'ok'>, string> = {
  missing: 'Native host: not installed.',
  forbidden: 'Native host: installed for another extension.',
  'too-old': 'Native host: too old for this extension.',
  failed: 'Native host: not working.',
};

function renderHost(status: HostStatus | undefined, record: LoginRecord | undefined): void {
  const footer = document.getElementById('host-status')!;
  footer.classList.toggle('problem', status !== undefined && status.state !== 'ok');
  footer.dataset.state = status?.state ?? 'unknown';
  if (status === undefined) footer.textContent = '';
  else if (status.state === 'ok') footer.textContent = `Native host ${status.version ?? ''} connected.`;
  // The full message (with its fix) once: in the login's card when that already says it.
  else footer.textContent = record?.error?.message === status.message ? HOST_LABEL[status.state] : status.message;
}

async function renderAll(): Promise<void> {
  const [record, unwritten, status, names] = await Promise.all([lastLogin.get(), unwrittenCredentials.get(), hostStatus.get(), accountNames.get()]);
  render(record, unwritten, names);
  renderHost(status, record);
}

document.getElementById('copy-export')!.addEventListener('click', () => {
  const text = document.getElementById('export-lines')!.textContent ?? '';
  void navigator.clipboard.writeText(text).then(
    () => (document.getElementById('copied')!.textContent = 'Copied.'),
    () => (document.getElementById('copied')!.textContent = 'Copying failed: select the lines and copy them.'),
  );
});

void renderAll();
for (const item of [lastLogin, unwrittenCredentials, hostStatus, accountNames] as const) item.watch(() => void renderAll());
// The countdown moves on while the popup stays open.
setInterval(() => void renderAll(), 30_000);
