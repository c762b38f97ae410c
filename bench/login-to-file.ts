// bench login-to-file-*: real Chromium, the STS stand-in answering after a fixed 100 ms; from the
// IdP page's form submit to the credentials file holding the new keys. Three ways for stsbridge:
// with the resident host (the default), with a host started per login (the option off), and with
// the worker stopped before each login (the first login after a browser start).

import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser, type BrowserSession } from '../test/e2e/browser';
import { GLOBAL_STS, startFakeAws, type FakeAws } from '../test/e2e/fake-aws/server';
import { roleValue, samlResponse } from '../test/fixtures/saml';
import { median, report, spread } from './stats';

export const STS_LATENCY_MS = 100;

/** The file's text, or '' while it does not exist yet. */
export function readOrEmpty(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** Resolves when `file` holds the key and token of STS call number `callIndex` (polled every ~1 ms). */
export async function keysLanded(fake: FakeAws, callIndex: number, file: string, deadline: number): Promise<number> {
  while (performance.now() < deadline) {
    const issued = fake.stsCalls[callIndex]?.credentials;
    const text = issued ? readOrEmpty(file) : '';
    if (issued && text.includes(issued.accessKeyId) && text.includes(issued.sessionToken)) return performance.now();
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

export interface LoginTimings {
  readonly total: number[];
  readonly toSigninPost: number[];
  readonly postToSts: number[];
  readonly stsReplyToFile: number[];
}

/**
 * Times `runs` logins (after `warmups`) of one role into `file`. `before` runs ahead of each
 * login's submit (to stop the worker, say); `after` once the file holds the keys.
 */
export async function timeLogins(
  fake: FakeAws,
  context: BrowserContext,
  file: string,
  { runs, warmups = 2, stsHost = GLOBAL_STS, deadlineMs = 20_000, before, after }: { runs: number; warmups?: number; stsHost?: string; deadlineMs?: number; before?: () => Promise<void>; after?: (page: Page) => Promise<void> },
): Promise<LoginTimings> {
  const timings: LoginTimings = { total: [], toSigninPost: [], postToSts: [], stsReplyToFile: [] };
  const role = { accountId: '123456789012', roleName: 'Bench' };
  for (let run = 0; run < warmups + runs; run += 1) {
    const url = fake.addLogin({ samlResponse: samlResponse({ roleValues: [roleValue(role)], roleSessionName: `bench-${run}` }), stsHost }, { manual: true });
    const callIndex = fake.stsCalls.length;
    await before?.();
    const { page, start } = await submitIdpForm(context, url);
    const landed = await keysLanded(fake, callIndex, file, start + deadlineMs).finally(() => (after ? undefined : page.close()));
    if (run >= warmups) {
      const post = fake.signinPosts.at(-1)!.receivedAt;
      const sts = fake.stsCalls[callIndex]!.receivedAt;
      timings.total.push(landed - start);
      timings.toSigninPost.push(post - start);
      timings.postToSts.push(sts - post);
      timings.stsReplyToFile.push(landed - sts - STS_LATENCY_MS);
    }
    if (after) {
      await after(page);
      await page.close();
    }
  }
  return timings;
}

export function reportLogins(name: string, timings: LoginTimings): void {
  report(name, median(timings.total), 'ms', `${spread(timings.total)} (STS stand-in fixed at ${STS_LATENCY_MS} ms)`);
  console.log(
    `      medians: submit→sign-in POST ${median(timings.toSigninPost).toFixed(1)} ms, POST→STS request ${median(timings.postToSts).toFixed(1)} ms, ` +
      `STS ${STS_LATENCY_MS} ms, STS reply→file ${median(timings.stsReplyToFile).toFixed(1)} ms`,
  );
}

/** One stsbridge browser for a block of measurements; `use` gets it with a fresh fake AWS. */
export async function withStsbridge<T>(use: (fake: FakeAws, browser: BrowserSession) => Promise<T>): Promise<T> {
  const fake = await startFakeAws();
  fake.stsLatencyMs = STS_LATENCY_MS;
  const browser = await launchBrowser(fake);
  try {
    return await use(fake, browser);
  } finally {
    await browser.close();
    await fake.close();
  }
}

/** Waits until the worker has recorded the login, so the next one starts from a quiet worker. */
const recorded = (browser: BrowserSession) => async () => void (await browser.waitForLogin(new Date(0).toISOString()));

/** With the resident host, the default: the figure to hold against the peer's. */
export function measureLoginToFile(browser: BrowserSession, fake: FakeAws, runs: number): Promise<LoginTimings> {
  return timeLogins(fake, browser.context, browser.credentialsFile, { runs, after: recorded(browser) });
}

/** With "Keep the helper running" off: a host process started for each login, as before. */
export async function measurePerLoginHost(browser: BrowserSession, fake: FakeAws, runs: number): Promise<LoginTimings> {
  await browser.extensionPage.evaluate(() => chrome.storage.sync.set({ settings: { schema: 1, keepHostRunning: false } }));
  try {
    // Let the resident host go, so that every login below starts its own.
    const deadline = Date.now() + 10_000;
    while (browser.hostPids().length > 0 && Date.now() < deadline) await sleep(20);
    return await timeLogins(fake, browser.context, browser.credentialsFile, { runs, after: recorded(browser) });
  } finally {
    await browser.extensionPage.evaluate(() => chrome.storage.sync.set({ settings: { schema: 1, keepHostRunning: true } }));
  }
}

/**
 * The worker stopped through CDP before each login (ServiceWorker.stopAllWorkers), as after a
 * browser start: the worker has to start, and with it the resident host.
 */
export async function measureColdWorker(browser: BrowserSession, fake: FakeAws, runs: number): Promise<LoginTimings> {
  const cdp = await browser.context.newCDPSession(browser.extensionPage);
  await cdp.send('ServiceWorker.enable');
  const stopWorker = async () => {
    await cdp.send('ServiceWorker.stopAllWorkers');
    // Stopping closes the worker's port, and with it the host: wait until both are gone.
    const deadline = Date.now() + 10_000;
    while (browser.hostPids().length > 0 && Date.now() < deadline) await sleep(10);
  };
  return timeLogins(fake, browser.context, browser.credentialsFile, { runs, before: stopWorker, after: recorded(browser) });
}
