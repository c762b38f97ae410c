// bench cli-credentials-refresh: `stsbridge credentials PROFILE` when the keys are inside the
// refresh window, as an AWS SDK runs it through credential_process: the command asks the
// resident host, the extension signs in again silently through the IdP stand-in's session (a
// minimized window, the auto-posting start page, the SAML POST captured), STS answers after
// 100 ms, the host writes, and the command prints the fresh keys. Also printed: the IdP's own
// part, from its start page's request to the SAML POST it makes the browser send.

import { ageKeys } from '../test/aged-keys';
import { allowSite } from '../test/e2e/site-access';
import { HOST_BUNDLE } from '../test/host-process';
import { runCommand } from '../test/run-command';
import type { BrowserSession } from '../test/e2e/browser';
import { GLOBAL_STS, type FakeAws, type IdpSession } from '../test/e2e/fake-aws/server';
import { roleValue, samlResponse } from '../test/fixtures/saml';
import { median, report, spread } from './stats';

const ISSUER = 'https://idp.example.test/saml';
const PROFILE = '123456789012-Refresh';

export interface RefreshTimings {
  readonly total: number[];
  /** From the start page's request to the SAML POST (or the STS request, when no POST reached the stand-in): the IdP's own redirect. */
  readonly idp: number[];
  /** The command's start to the IdP's start page being asked for: the command, the host, the extension, the window. */
  readonly toStart: number[];
  /** The SAML POST to the STS request, and the STS reply to the command's exit. */
  readonly postToSts: number[];
  readonly stsToExit: number[];
}

/**
 * Runs `measure` with an IdP session signed in to, whose start address the options give, and
 * keys that expire within a minute: made an hour old before each call (aged-keys.ts), they are
 * inside the window, so every call refreshes. `env` is the terminal's, for the command.
 */
async function withRefreshSession<T>(browser: BrowserSession, fake: FakeAws, measure: (session: IdpSession, env: NodeJS.ProcessEnv) => Promise<T>): Promise<T> {
  const session = fake.startSession({ samlResponse: () => samlResponse({ roleValues: [roleValue({ accountId: '123456789012', roleName: 'Refresh' })] }), stsHost: GLOBAL_STS });
  await browser.extensionPage.evaluate(([issuer, start]) => chrome.storage.sync.set({ settings: { schema: 1, loginUrls: { [issuer]: start } } }), [ISSUER, session.startUrl] as const);
  const env = { PATH: process.env.PATH, HOME: browser.home, XDG_RUNTIME_DIR: browser.runtimeDir, AWS_SHARED_CREDENTIALS_FILE: browser.credentialsFile };
  fake.setCredentialLifetime(60);
  try {
    const signedIn = await browser.login(session.signInUrl);
    if (signedIn.state !== 'done') throw new Error(`the sign-in that starts the IdP session ended ${signedIn.state}`);
    return await measure(session, env);
  } finally {
    fake.setCredentialLifetime(undefined);
  }
}

export function measureCliRefresh(browser: BrowserSession, fake: FakeAws, runs: number, warmups = 2): Promise<RefreshTimings> {
  return withRefreshSession(browser, fake, async (session, env) => {
    const timings: RefreshTimings = { total: [], idp: [], toStart: [], postToSts: [], stsToExit: [] };
    for (let run = 0; run < warmups + runs; run += 1) {
      const posts = fake.signinPosts.length;
      ageKeys(browser.credentialsFile);
      const result = await runCommand(process.execPath, [HOST_BUNDLE, 'credentials', PROFILE], env);
      const issued = fake.stsCalls.at(-1)?.credentials;
      if (result.code !== 0 || !issued || !result.stdout.includes(issued.accessKeyId)) throw new Error(`the refresh did not print the new keys: ${result.stderr.trim()}`);
      if (run < warmups) continue;
      const sts = fake.stsCalls.at(-1)!.receivedAt;
      // The window closes once the login's STS requests are out, and the POST it captured may not
      // reach AWS's sign-in (the stand-in) by then: the IdP's part then ends at the STS request.
      const post = fake.signinPosts[posts]?.receivedAt ?? sts;
      timings.total.push(result.ms);
      timings.toStart.push(session.lastSilentStart! - result.started);
      timings.idp.push(post - session.lastSilentStart!);
      timings.postToSts.push(sts - post);
      timings.stsToExit.push(result.started + result.ms - sts - 100);
    }
    return timings;
  });
}

/**
 * bench cli-credentials-refresh-windowless: the same call, with the IdP's site allowed (the
 * options' *Refresh without a window*): the worker fetches the start page with the session's
 * cookie and reads the assertion from it. Each run must open no window and send nothing to AWS's
 * sign-in page, or the figure fails.
 */
export function measureWindowlessRefresh(browser: BrowserSession, fake: FakeAws, runs: number, warmups = 2): Promise<number[]> {
  return withRefreshSession(browser, fake, async (session, env) => {
    await allowSite(browser, new URL(session.startUrl).origin, ISSUER);
    await browser.extensionPage.evaluate(() => {
      (globalThis as { windowsMade?: number }).windowsMade = 0;
      chrome.windows.onCreated.addListener(() => ((globalThis as { windowsMade?: number }).windowsMade! += 1));
    });
    const totals: number[] = [];
    for (let run = 0; run < warmups + runs; run += 1) {
      const [posts, visits] = [fake.signinPosts.length, session.silentPosts];
      ageKeys(browser.credentialsFile);
      const result = await runCommand(process.execPath, [HOST_BUNDLE, 'credentials', PROFILE], env);
      const issued = fake.stsCalls.at(-1)?.credentials;
      if (result.code !== 0 || !issued || !result.stdout.includes(issued.accessKeyId)) throw new Error(`the refresh did not print the new keys: ${result.stderr.trim()}`);
      const windows = await browser.extensionPage.evaluate(() => (globalThis as { windowsMade?: number }).windowsMade);
      if (fake.signinPosts.length !== posts || session.silentPosts !== visits + 1 || windows !== 0) throw new Error(`not windowless: ${windows} windows, ${fake.signinPosts.length - posts} POSTs to AWS's sign-in`);
      if (run >= warmups) totals.push(result.ms);
    }
    return totals;
  });
}

export function reportWindowlessRefresh(total: number[], withWindow: number | undefined): void {
  report('cli-credentials-refresh-windowless', median(total), 'ms', `${spread(total)} (keys near expiry; the IdP's page fetched, no window; STS stand-in fixed at 100 ms)`);
  if (withWindow === undefined) return;
  report('cli-refresh-windowless-vs-window', median(total) / withWindow, 'ratio', 'cli-credentials-refresh-windowless over cli-credentials-refresh in this run');
}

export interface StormTimings {
  readonly total: number[];
  /** Twenty `node -e 0` started together, right after each storm: what the processes alone cost. */
  readonly nodeAlone: number[];
}

/**
 * bench cli-refresh-storm-20: twenty `stsbridge credentials` started together on keys inside the
 * refresh window, as Terraform's parallel providers start them; from the first start to the last
 * caller's exit. Each run must make exactly one sign-in and one STS call, and every caller print
 * the same new keys, or the figure fails.
 */
export function measureRefreshStorm(browser: BrowserSession, fake: FakeAws, runs: number, callers = 20): Promise<StormTimings> {
  return withRefreshSession(browser, fake, async (session, env) => {
    const totals: number[] = [];
    const nodeAlone: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      ageKeys(browser.credentialsFile);
      const [visits, calls] = [session.silentPosts, fake.stsCalls.length];
      const started = performance.now();
      const results = await Promise.all(Array.from({ length: callers }, () => runCommand(process.execPath, [HOST_BUNDLE, 'credentials', PROFILE], env)));
      totals.push(Math.max(...results.map((result) => result.started + result.ms)) - started);
      const issued = fake.stsCalls.at(-1)?.credentials;
      if (session.silentPosts - visits !== 1 || fake.stsCalls.length - calls !== 1) throw new Error(`${callers} callers made ${session.silentPosts - visits} sign-ins and ${fake.stsCalls.length - calls} STS calls, not 1 and 1`);
      if (!issued || results.some((result) => result.code !== 0 || !result.stdout.includes(issued.accessKeyId))) throw new Error('not every caller printed the new keys');
      const bare = performance.now();
      await Promise.all(Array.from({ length: callers }, () => runCommand(process.execPath, ['-e', '0'], env)));
      nodeAlone.push(performance.now() - bare);
    }
    return { total: totals, nodeAlone };
  });
}

export function reportRefreshStorm({ total, nodeAlone }: StormTimings, single: number | undefined): void {
  report('cli-refresh-storm-20', median(total), 'ms', `${spread(total)} (20 callers at once, keys near expiry; each run 1 sign-in and 1 STS call, checked)`);
  report('node-start-20', median(nodeAlone), 'ms', `${spread(nodeAlone)} (20 \`node -e 0\` started together, after each storm: the processes' own floor on this machine)`);
  report('cli-refresh-storm-vs-node-20', median(total) / median(nodeAlone), 'ratio', 'cli-refresh-storm-20 over node-start-20 in this run: what the refresh adds to starting twenty programs');
  if (single === undefined) return;
  report('cli-refresh-storm-vs-one', median(total) / single, 'ratio', 'cli-refresh-storm-20 over cli-credentials-refresh in this run; goal: at most 1.5 (node-start-20 alone is a floor under it)');
}

export function reportCliRefresh(timings: RefreshTimings, login: number | undefined): void {
  report('cli-credentials-refresh', median(timings.total), 'ms', `${spread(timings.total)} (keys near expiry; silent sign-in; STS stand-in fixed at 100 ms)`);
  console.log(
    `      medians: command start→IdP start page ${median(timings.toStart).toFixed(1)} ms, IdP ${median(timings.idp).toFixed(1)} ms, ` +
      `POST→STS request ${median(timings.postToSts).toFixed(1)} ms, STS 100 ms, STS reply→command exit ${median(timings.stsToExit).toFixed(1)} ms`,
  );
  report('idp-start-to-post', median(timings.idp), 'ms', `${spread(timings.idp)} (the IdP stand-in's start page to the SAML POST it sends)`);
  if (login === undefined) return;
  const ratio = (median(timings.total) - median(timings.idp)) / login;
  report('cli-refresh-vs-login', ratio, 'ratio', 'cli-credentials-refresh less the IdP part, over login-to-file-1-role in this run; goal: at most 1.5');
}
