// The warning before credentials expire, in real Chromium: an alarm per expiry time, set 10
// minutes ahead, that raises a notification naming the profiles, with a way back to the IdP.

import { describe, expect, it } from 'vitest';
import { chromiumAvailable, type BrowserSession } from './browser';
import type { FakeAws } from './fake-aws/server';
import { sharedBrowser } from './suite';
import { providerArn, roleArn, roleValue, samlResponse, type TestRole } from '../fixtures/saml';

const admin: TestRole = { accountId: '111122223333', roleName: 'Admin' };

describe.skipIf(!chromiumAvailable())('before credentials expire', () => {
  let fake: FakeAws;
  let browser: BrowserSession;

  sharedBrowser((started, session) => {
    fake = started;
    browser = session;
  });

  it('sets an alarm 10 minutes ahead of each expiry, and warns with a notification when it fires', async () => {
    const url = fake.addLogin({ samlResponse: samlResponse({ roleValues: [roleValue(admin)] }), pairs: [{ roleArn: roleArn(admin), principalArn: providerArn(admin) }] });
    const record = await browser.login(url);
    const expiration = record.results[0]!.expiration!;
    const alarms = () => browser.extensionPage.evaluate(() => chrome.alarms.getAll());
    await expect.poll(alarms).toEqual([expect.objectContaining({ name: `expiry-warning:${expiration}`, scheduledTime: Date.parse(expiration) - 600_000 })]);

    // Credentials that expire in 10 minutes and 2 seconds: as if this login were 50 minutes old.
    fake.setCredentialLifetime(602);
    const soon = await browser.login(fake.addLogin({ samlResponse: samlResponse({ roleValues: [roleValue(admin)] }), pairs: [{ roleArn: roleArn(admin), principalArn: providerArn(admin) }] }));
    const soonExpiry = soon.results[0]!.expiration!;
    // The first expiry was refreshed away: only the new one is planned.
    await expect.poll(async () => (await alarms()).map((alarm) => alarm.name)).toEqual([`expiry-warning:${soonExpiry}`]);
    const notifications = () => browser.extensionPage.evaluate(() => chrome.notifications.getAll());
    await expect.poll(notifications, { timeout: 20_000 }).toHaveProperty([`expiry-warning:${soonExpiry}`]);
  });
});
