// Renders the last login from storage.session and follows its changes. Every value that came
// from an assertion or the host is set as text, never as HTML.

import { lastLogin, type LoginRecord, type ProfileResult } from '../shared/login-record';

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

function profileDetails(result: ProfileResult, file: string | undefined): HTMLElement {
  const list = element('dl');
  const row = (label: string, value: Node | string) => {
    list.append(element('dt', undefined, label));
    const dd = element('dd');
    dd.append(value);
    list.append(dd);
  };
  row('Profile', element('code', undefined, result.profile));
  row('Role', `${result.roleName} in ${result.accountId}`);
  row('Expires', element('span', 'expiry', expiryText(result.expiration, new Date())));
  if (file) row('File', element('code', undefined, file));
  return list;
}

function render(record: LoginRecord | undefined): void {
  const main = document.getElementById('last-login')!;
  if (!record) return;
  const card = element('section', 'card');
  card.dataset.state = record.state;
  card.append(element('p', `state ${record.state}`, STATE_TEXT[record.state]));
  for (const result of record.results) {
    card.append(profileDetails(result, record.file));
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

void lastLogin.get().then(render);
lastLogin.watch(render);
// The countdown moves on while the popup stays open.
setInterval(() => void lastLogin.get().then(render), 30_000);
