// The extension's notifications, as a test sees them: headless Chromium shows none, so what is
// passed to chrome.notifications.create is recorded in the worker (wrapped before the extension
// first uses it), and a button is pressed by dispatching chrome.notifications.onButtonClicked,
// which runs the extension's real listener. What the click opens is the tab that appears.

import type { Worker } from 'playwright-core';
import type { BrowserSession } from './browser';

export interface Shown {
  readonly id: string;
  readonly title: string;
  readonly message: string;
  readonly buttons: readonly string[];
}

/** Records every notification the extension creates from now on (see the top of this file). */
export async function recordNotifications(worker: Worker): Promise<void> {
  await worker.evaluate(() => {
    const shown: Shown[] = [];
    (globalThis as { shown?: Shown[] }).shown = shown;
    const create = chrome.notifications.create.bind(chrome.notifications) as (...args: unknown[]) => unknown;
    chrome.notifications.create = ((id: string, options: chrome.notifications.NotificationCreateOptions, ...rest: unknown[]) => {
      shown.push({ id, title: options.title ?? '', message: options.message ?? '', buttons: (options.buttons ?? []).map((button) => button.title) });
      return create(id, options, ...rest);
    }) as typeof chrome.notifications.create;
  });
}

export async function shownNotification(worker: Worker, id: string): Promise<Shown | undefined> {
  return worker.evaluate((wanted) => ((globalThis as { shown?: Shown[] }).shown ?? []).find((shown) => shown.id === wanted), id);
}

/** Presses button `index` of notification `id` as Chrome would, and returns the address of the tab it opened. */
export async function press(browser: BrowserSession, worker: Worker, id: string, index: number): Promise<string> {
  const opened = browser.context.waitForEvent('page', { timeout: 15_000 });
  // Chrome's extension events carry a dispatch() that runs the listeners of this context.
  await worker.evaluate(([wanted, button]) => (chrome.notifications.onButtonClicked as unknown as { dispatch(id: string, index: number): void }).dispatch(wanted, button), [id, index] as const);
  const page = await opened;
  const url = page.url() === 'about:blank' ? (await page.waitForURL(/^https:/), page.url()) : page.url();
  await page.close();
  return url;
}
