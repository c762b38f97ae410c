// How the popup looks, in real Chromium, at the widths it is shown at (360 and 400 px), light and
// dark, with 1 and 6 profiles, and with no program installed; screenshots go to test-artifacts/
// for people to look at, and what can be measured is checked: Chrome's 600 px limit, the
// buttons of a card on one row, nothing wider than the popup, a problem said once and first.

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roleValue, samlResponse, type TestRole } from '../fixtures/saml';
import { e2eReady, launchBrowser, POPUP_URL, type BrowserSession } from './browser';
import { GLOBAL_STS, startFakeAws, type FakeAws } from './fake-aws/server';
import { screenshot } from './screenshot';

const roles: TestRole[] = [
  { accountId: '111122223333', roleName: 'Admin' },
  { accountId: '222233334444', roleName: 'PlatformEngineering-ReadOnly' },
  { accountId: '333344445555', roleName: 'Billing' },
  { accountId: '444455556666', roleName: 'Developer' },
  { accountId: '555566667777', roleName: 'DataScience-Notebooks' },
  { accountId: '666677778888', roleName: 'SecurityAudit' },
];

/** What a look at the popup measures. */
async function measure(popup: Page) {
  return popup.evaluate(() => {
    const cards = [...document.querySelectorAll<HTMLElement>('#profiles > li')];
    return {
      height: document.documentElement.scrollHeight,
      wider: document.documentElement.scrollWidth > window.innerWidth,
      // Each card's buttons share one row: their tops are equal.
      rowsOfButtons: cards.map((card) => new Set([...card.querySelectorAll<HTMLElement>('.actions button')].map((button) => button.offsetTop)).size),
    };
  });
}

describe.skipIf(!e2eReady())('how the popup looks', () => {
  let fake: FakeAws;
  let browser: BrowserSession;

  beforeAll(async () => {
    fake = await startFakeAws();
    browser = await launchBrowser(fake);
  });
  afterAll(async () => {
    await browser?.close();
    await fake?.close();
  });

  /** The popup at `width`, in `scheme`, measured and photographed as `name`. */
  async function look(width: number, scheme: 'light' | 'dark', name: string) {
    const popup = await browser.context.newPage();
    try {
      await popup.setViewportSize({ width, height: 600 });
      await popup.emulateMedia({ colorScheme: scheme });
      await popup.goto(POPUP_URL);
      await popup.locator('#profiles > li').first().waitFor();
      await screenshot(popup, name);
      return await measure(popup);
    } finally {
      await popup.close();
    }
  }

  it('fits one profile, light and dark, at 360 and 400 px', async () => {
    expect((await browser.login(fake.addLogin({ samlResponse: samlResponse({ roleValues: [roleValue(roles[0]!)] }), stsHost: GLOBAL_STS }))).state).toBe('done');
    for (const width of [360, 400]) {
      for (const scheme of ['light', 'dark'] as const) {
        const seen = await look(width, scheme, `popup-1-profile-${width}-${scheme}`);
        expect(seen, `${width} ${scheme}`).toEqual({ height: expect.any(Number), wider: false, rowsOfButtons: [1] });
        expect(seen.height).toBeLessThanOrEqual(600);
      }
    }
  });

  it('stays within 600 px with six profiles, the list scrolling between the header and the footer', async () => {
    for (const role of roles.slice(1)) {
      expect((await browser.login(fake.addLogin({ samlResponse: samlResponse({ roleValues: [roleValue(role)] }), stsHost: GLOBAL_STS }))).state).toBe('done');
    }
    for (const width of [360, 400]) {
      for (const scheme of ['light', 'dark'] as const) {
        const seen = await look(width, scheme, `popup-6-profiles-${width}-${scheme}`);
        expect(seen, `${width} ${scheme}`).toEqual({ height: expect.any(Number), wider: false, rowsOfButtons: [1, 1, 1, 1, 1, 1] });
        expect(seen.height).toBeLessThanOrEqual(600);
      }
    }
  });

  it('lists, after the browser restarts, the profiles still valid in the file', async () => {
    // A restart empties storage.session, where this session's list lives.
    await browser.extensionPage.evaluate(() => chrome.storage.session.clear());
    const popup = await browser.context.newPage();
    try {
      await popup.goto(POPUP_URL);
      await expect.poll(() => popup.locator('#profiles > li').count()).toBe(6);
      expect(await popup.locator('#no-profiles').isVisible()).toBe(false);
    } finally {
      await popup.close();
    }
  });
});

describe.skipIf(!e2eReady())('how the popup looks with no program installed', () => {
  it('says so first, with the command to run, once', async () => {
    const fake = await startFakeAws();
    const browser = await launchBrowser(fake, { installHost: false });
    try {
      expect((await browser.login(fake.addLogin({ samlResponse: samlResponse({ roleValues: [roleValue(roles[0]!)] }), stsHost: GLOBAL_STS }))).state).toBe('failed');
      for (const width of [360, 400]) {
        for (const scheme of ['light', 'dark'] as const) {
          const popup = await browser.context.newPage();
          await popup.setViewportSize({ width, height: 600 });
          await popup.emulateMedia({ colorScheme: scheme });
          await popup.goto(POPUP_URL);
          await popup.locator('#host-problem:not([hidden])').waitFor();
          await screenshot(popup, `popup-no-host-${width}-${scheme}`);
          expect(await popup.evaluate(() => document.querySelector('main > :not([hidden])')?.id)).toBe('host-problem');
          expect((await popup.locator('body').innerText()).split('./install-host.sh').length - 1).toBe(1);
          // The profile whose keys no file holds is no "fresh" one.
          expect(await popup.locator('#profiles > li').first().getAttribute('data-freshness')).toBe('unwritten');
          expect((await measure(popup)).wider).toBe(false);
          await popup.close();
        }
      }
    } finally {
      await browser.close();
      await fake.close();
    }
  });
});
