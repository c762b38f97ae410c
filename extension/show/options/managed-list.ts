// The profiles stsbridge manages in the credentials file, as the host lists them (through the
// worker), each with a Remove button. The words are managed-words.ts's.

import type { ManagedProfileView } from '../../messages/catalogue';
import { sendMessage } from '../../messages/send-message';
import { $, element } from '../dom';
import { expiryText, managedSummary, removedText } from './managed-words';

function managedItem(profile: ManagedProfileView): HTMLLIElement {
  const item = element('li');
  item.dataset.profile = profile.name;
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
  item.append(element('code', undefined, profile.name), element('span', 'muted', expiryText(profile)), ' ', remove);
  return item;
}

/** Asks the worker (which asks the host) and shows the list. */
export function loadManaged(): void {
  $('managed-status').textContent = 'Asking the native host…';
  void sendMessage('ui-bg-managed-profiles', {}).then(
    (managed) => {
      $('managed-status').textContent = managedSummary(managed);
      $('managed').replaceChildren(...managed.profiles.map(managedItem));
    },
    (error: unknown) => ($('managed-status').textContent = error instanceof Error ? error.message : 'The native host did not answer.'),
  );
}
