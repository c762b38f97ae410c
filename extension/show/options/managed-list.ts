// The profiles stsbridge manages, as the host lists them (through the worker), each with a button
// that moves it between the credentials file and credential_process (as `stsbridge setup` does),
// and, in the credentials file, a Remove button. The words are managed-words.ts's.

import type { ManagedProfileView } from '../../messages/catalogue';
import { sendMessage } from '../../messages/send-message';
import { $, element } from '../dom';
import { expiryText, managedSummary, modeButton, modeText, movedText, removedText } from './managed-words';

function modeSwitch(profile: ManagedProfileView): HTMLButtonElement {
  const { label, mode } = modeButton(profile);
  const button = element('button', undefined, label);
  button.type = 'button';
  button.setAttribute('aria-label', `${label}: ${profile.name}`);
  button.addEventListener('click', () => {
    button.disabled = true;
    void sendMessage('ui-bg-set-mode', { name: profile.name, mode }).then(
      (moved) => {
        $('managed-status').textContent = [movedText(profile.name, moved), ...moved.notes].join(' ');
        loadManaged(false);
      },
      (error: unknown) => {
        button.disabled = false;
        $('managed-status').textContent = error instanceof Error ? error.message : 'The native host did not answer.';
      },
    );
  });
  return button;
}

function managedItem(profile: ManagedProfileView): HTMLLIElement {
  const item = element('li');
  item.dataset.profile = profile.name;
  item.append(element('code', undefined, profile.name), element('span', 'muted', `${expiryText(profile)}${modeText(profile)}`), ' ');
  // A host before protocol 6 says nothing of modes, and cannot switch them.
  if (profile.mode !== undefined) item.append(modeSwitch(profile), ' ');
  // Removing takes stsbridge's lines out of the credentials file, which holds no process profile.
  if (profile.mode !== 'process') item.append(removeButton(profile, item));
  return item;
}

function removeButton(profile: ManagedProfileView, item: HTMLLIElement): HTMLButtonElement {
  const remove = element('button', undefined, 'Remove');
  remove.type = 'button';
  remove.setAttribute('aria-label', `Remove ${profile.name} from the credentials file`);
  remove.addEventListener('click', () => {
    remove.disabled = true;
    void sendMessage('ui-bg-remove-profiles', { names: [profile.name] }).then(
      ({ removed }) => {
        $('managed-status').textContent = removedText(profile.name, removed);
        item.remove();
      },
      (error: unknown) => {
        remove.disabled = false;
        $('managed-status').textContent = error instanceof Error ? error.message : 'Removing failed.';
      },
    );
  });
  return remove;
}

/** Asks the worker (which asks the host) and shows the list; `announce`: say so in the status line. */
export function loadManaged(announce = true): void {
  if (announce) $('managed-status').textContent = 'Asking the native host…';
  void sendMessage('ui-bg-managed-profiles', {}).then(
    (managed) => {
      if (announce) $('managed-status').textContent = managedSummary(managed);
      $('managed').replaceChildren(...managed.profiles.map(managedItem));
    },
    (error: unknown) => ($('managed-status').textContent = error instanceof Error ? error.message : 'The native host did not answer.'),
  );
}
