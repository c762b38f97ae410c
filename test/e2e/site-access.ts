// Letting stsbridge read an identity provider's site, as a person does: stsbridge's own button in
// the options ("Refresh without a window"), which asks the browser. The browser's prompt cannot be
// answered in a headless browser, so the site is first granted where a person can grant it too,
// chrome://extensions (Site access: on specific sites); the browser then says yes at once. Used
// by tests and benchmarks alike.

import { EXTENSION_ID } from '../../native-host/protocol';
import { OPTIONS_URL, type BrowserSession } from './browser';

export async function allowSite(browser: BrowserSession, origin: string, issuer: string): Promise<void> {
  const extensions = await browser.context.newPage();
  try {
    await extensions.goto(`chrome://extensions/?id=${EXTENSION_ID}`);
    await extensions.evaluate(
      ([id, pattern]) => (chrome as unknown as { developerPrivate: { addHostPermission(id: string, host: string): Promise<void> } }).developerPrivate.addHostPermission(id, pattern),
      [EXTENSION_ID, `${origin}/*`] as const,
    );
  } finally {
    await extensions.close();
  }
  const options = await browser.context.newPage();
  const host = new URL(origin).host;
  try {
    await options.goto(OPTIONS_URL);
    // Waited for by Playwright, not vitest: the benchmarks grant sites too.
    const button = (text: string) => options.locator(`#idps tr[data-issuer="${issuer}"] button.site-access`, { hasText: text });
    await button(`Refresh without a window: let stsbridge read ${host}`).click();
    await button(`Stop reading ${host}`).waitFor({ timeout: 15_000 });
  } finally {
    await options.close();
  }
}
