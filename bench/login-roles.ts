// bench login-to-file-N-roles: real Chromium with "all roles" selected, the STS stand-in answering
// each call after a fixed 100 ms; from the IdP page's form submit to the credentials file holding
// every role's keys (one write), for assertions of 1, 10, 50 and 200 roles.

import { setTimeout as sleep } from 'node:timers/promises';
import { launchBrowser } from '../test/e2e/browser';
import { GLOBAL_STS, startFakeAws, type FakeAws } from '../test/e2e/fake-aws/server';
import { roleValue, samlResponse, type TestRole } from '../test/fixtures/saml';
import { readOrEmpty, submitIdpForm } from './login-to-file';
import { figure, median, report, spread } from './stats';

const STS_LATENCY_MS = 100;

/** Resolves when `count` calls after `from` have succeeded and the file holds all their keys. */
async function allLanded(fake: FakeAws, from: number, count: number, file: string, deadline: number): Promise<number> {
  while (performance.now() < deadline) {
    const issued = fake.stsCalls.slice(from).filter((call) => call.credentials);
    if (issued.length >= count) {
      const text = readOrEmpty(file);
      if (issued.every((call) => text.includes(call.credentials!.accessKeyId))) return performance.now();
    }
    await sleep(1);
  }
  throw new Error(`the ${count} profiles never all landed in the file`);
}

export async function measureLoginRoles(counts: readonly number[], runs: (roles: number) => number): Promise<void> {
  const fake = await startFakeAws();
  fake.stsLatencyMs = STS_LATENCY_MS;
  const browser = await launchBrowser(fake);
  try {
    await browser.extensionPage.evaluate(() => chrome.storage.sync.set({ settings: { schema: 1, refresh: 'all' } }));
    for (const count of counts) {
      await figure(`login-to-file-${count}-roles`, () => measureSize(count));
    }
  } finally {
    await browser.close();
    await fake.close();
  }

  async function measureSize(count: number): Promise<void> {
    // Two roles per account, as people with many accounts tend to have.
    const roles: TestRole[] = Array.from({ length: count }, (_, i) => ({ accountId: String(300000000000 + Math.floor(i / 2)), roleName: i % 2 ? 'ReadOnly' : 'Admin' }));
    const timings: number[] = [];
    for (let run = 0; run < 1 + runs(count); run += 1) {
      const url = fake.addLogin(
        {
          samlResponse: samlResponse({ roleValues: roles.map(roleValue), roleSessionName: `bench-${count}-${run}` }),
          stsHost: GLOBAL_STS,
        },
        { manual: true },
      );
      const from = fake.stsCalls.length;
      const since = new Date().toISOString();
      const { page, start } = await submitIdpForm(browser.context, url);
      const landed = await allLanded(fake, from, count, browser.credentialsFile, start + 120_000);
      if (run > 0) timings.push(landed - start); // the first run of each size warms up
      await browser.waitForLogin(since);
      await page.close();
    }
    const serial = count * STS_LATENCY_MS;
    report(`login-to-file-${count}-roles`, median(timings), 'ms', `${spread(timings)} (STS ${STS_LATENCY_MS} ms a call; one after another would take ${serial} ms)`);
  }
}
