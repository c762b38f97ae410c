// Each identity provider row's "Refresh without a window" button: the person lets stsbridge read
// that one site (an optional host permission, asked for by the browser), so that a silent
// sign-in fetches the AWS app's page with no window at all, and can tell an ended session from a
// wrong address by what the page asks for. The browser holds the grant; this only asks and shows.

import browser from 'webextension-polyfill';

const pattern = (origin: string) => `${origin}/*`;

function show(button: HTMLButtonElement, allowed: boolean): void {
  const host = new URL(button.dataset.origin!).host;
  button.textContent = allowed ? `Stop reading ${host}` : `Refresh without a window: let stsbridge read ${host}`;
  button.title = allowed
    ? `stsbridge reads ${host}'s sign-in page when it refreshes, instead of opening a window`
    : `Refreshing then needs no window, and stsbridge can tell whether your session at ${host} has ended or the address is wrong`;
  button.dataset.allowed = String(allowed);
  button.hidden = false;
}

/** Shows each row's button as the browser's grants stand, and asks or gives back on a click. */
export async function wireSiteAccess(table: HTMLTableElement): Promise<void> {
  const buttons = [...table.querySelectorAll<HTMLButtonElement>('button.site-access')];
  await Promise.all(buttons.map(async (button) => show(button, await browser.permissions.contains({ origins: [pattern(button.dataset.origin!)] }))));
}

/** Call once: one listener for every row the table ever shows. */
export function onSiteAccessClick(table: HTMLTableElement): void {
  table.addEventListener('click', (event) => {
    const button = (event.target as Element).closest<HTMLButtonElement>('button.site-access');
    if (!button) return;
    const origins = [pattern(button.dataset.origin!)];
    // Asked at once, inside the click: the browser shows its prompt only for a person's gesture.
    const change = button.dataset.allowed === 'true' ? browser.permissions.remove({ origins }).then((removed) => !removed) : browser.permissions.request({ origins });
    void change.then(
      (allowed) => show(button, allowed),
      () => show(button, false),
    );
  });
}
