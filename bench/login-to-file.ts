// bench login-to-file-1-role: real Chromium, the STS stand-in answering after a fixed 100 ms;
// from the IdP page's form submit to the credentials file holding the new keys.

import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BrowserContext } from 'playwright-core';
import { launchBrowser } from '../test/e2e/browser';
import { GLOBAL_STS, startFakeAws, type FakeAws } from '../test/e2e/fake-aws/server';
import { roleValue, samlResponse } from '../test/fixtures/saml';
import { median, report, spread } from './stats';

const STS_LATENCY_MS = 100;

/** The file's text, or '' while it does not exist yet. */
export function readOrEmpty(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** Resolves when the file holds the keys of STS call number `callIndex` (polled every ~1 ms). */
async function keysLanded(fake: FakeAws, callIndex: number, file: string, deadline: number): Promise<number> {
  while (performance.now() < deadline) {
    const key = fake.stsCalls[callIndex]?.credentials?.accessKeyId;
    if (key && readOrEmpty(file).includes(key)) return performance.now();
    await sleep(1);
  }
  throw new Error('the credentials never landed in the file');
}

/**
 * Opens `url` (an IdP page whose form waits), submits its form, and returns the page and the
 * moment of the submit. The submit is queued in the page rather than awaited: the navigation it
 * starts would otherwise race the evaluation's own reply. Each run gets a page of its own and
 * closes it afterwards, so no later `goto` can race a navigation still under way.
 */
export async function submitIdpForm(context: BrowserContext, url: string) {
  const page = await context.newPage();
  await page.goto(url);
  const start = performance.now();
  await page.evaluate(() => void setTimeout(() => (document.getElementById('saml') as HTMLFormElement).submit(), 0));
  return { page, start };
}

export async function measureLoginToFile(runs: number, warmups = 2): Promise<void> {
  const fake = await startFakeAws();
  fake.stsLatencyMs = STS_LATENCY_MS;
  const browser = await launchBrowser(fake);
  const timings: number[] = [];
  const phases = { toSigninPost: [] as number[], postToSts: [] as number[], stsReplyToFile: [] as number[] };
  try {
    const role = { accountId: '123456789012', roleName: 'Bench' };
    for (let run = 0; run < warmups + runs; run += 1) {
      const url = fake.addLogin(
        { samlResponse: samlResponse({ roleValues: [roleValue(role)], roleSessionName: `bench-${run}` }), stsHost: GLOBAL_STS },
        { manual: true },
      );
      const callIndex = fake.stsCalls.length;
      const { page, start } = await submitIdpForm(browser.context, url);
      const landed = await keysLanded(fake, callIndex, browser.credentialsFile, start + 20_000);
      if (run >= warmups) {
        timings.push(landed - start);
        const post = fake.signinPosts.at(-1)!.receivedAt;
        const sts = fake.stsCalls[callIndex]!.receivedAt;
        phases.toSigninPost.push(post - start);
        phases.postToSts.push(sts - post);
        phases.stsReplyToFile.push(landed - sts - STS_LATENCY_MS);
      }
      // Let the worker finish recording and the host exit before the next login.
      await browser.waitForLogin(new Date(0).toISOString());
      await page.close();
    }
  } finally {
    await browser.close();
    await fake.close();
  }
  report('login-to-file-1-role', median(timings), 'ms', `${spread(timings)} (STS stand-in fixed at ${STS_LATENCY_MS} ms)`);
  console.log(
    `      medians: submit→sign-in POST ${median(phases.toSigninPost).toFixed(1)} ms, POST→STS request ${median(phases.postToSts).toFixed(1)} ms, ` +
      `STS ${STS_LATENCY_MS} ms, STS reply→file ${median(phases.stsReplyToFile).toFixed(1)} ms`,
  );
}
