// bench cli-credentials-refresh: `stsbridge credentials PROFILE` when the keys are inside the
// refresh window, as an AWS SDK runs it through credential_process: the command asks the
// resident host, the extension signs in again silently through the IdP stand-in's session (a
// minimized window, the auto-posting start page, the SAML POST captured), STS answers after
// 100 ms, the host writes, and the command prints the fresh keys. Also printed: the IdP's own
// part, from its start page's request to the SAML POST it makes the browser send.

import { HOST_BUNDLE } from '../test/host-process';
import { runCommand } from '../test/run-command';
import type { BrowserSession } from '../test/e2e/browser';
import { GLOBAL_STS, type FakeAws } from '../test/e2e/fake-aws/server';
import { roleValue, samlResponse } from '../test/fixtures/saml';
import { median, report, spread } from './stats';

const ISSUER = 'https://idp.example.test/saml';
const PROFILE = '123456789012-Refresh';

export interface RefreshTimings {
  readonly total: number[];
  /** From the start page's request to the SAML POST: the IdP's own redirect. */
  readonly idp: number[];
  /** The command's start to the IdP's start page being asked for: the command, the host, the extension, the window. */
  readonly toStart: number[];
  /** The SAML POST to the STS request, and the STS reply to the command's exit. */
  readonly postToSts: number[];
  readonly stsToExit: number[];
}

export async function measureCliRefresh(browser: BrowserSession, fake: FakeAws, runs: number, warmups = 2): Promise<RefreshTimings> {
  const session = fake.startSession({ samlResponse: () => samlResponse({ roleValues: [roleValue({ accountId: '123456789012', roleName: 'Refresh' })] }), stsHost: GLOBAL_STS });
  await browser.extensionPage.evaluate(([issuer, start]) => chrome.storage.sync.set({ settings: { schema: 1, loginUrls: { [issuer]: start } } }), [ISSUER, session.startUrl] as const);
  const env = { PATH: process.env.PATH, HOME: browser.home, XDG_RUNTIME_DIR: browser.runtimeDir, AWS_SHARED_CREDENTIALS_FILE: browser.credentialsFile };
  // Keys that expire within a minute: inside the 15-minute window, so every call refreshes.
  fake.setCredentialLifetime(60);
  try {
    const signedIn = await browser.login(session.signInUrl);
    if (signedIn.state !== 'done') throw new Error(`the sign-in that starts the IdP session ended ${signedIn.state}`);
    const timings: RefreshTimings = { total: [], idp: [], toStart: [], postToSts: [], stsToExit: [] };
    for (let run = 0; run < warmups + runs; run += 1) {
      const posts = fake.signinPosts.length;
      const result = await runCommand(process.execPath, [HOST_BUNDLE, 'credentials', PROFILE], env);
      const issued = fake.stsCalls.at(-1)?.credentials;
      if (result.code !== 0 || !issued || !result.stdout.includes(issued.accessKeyId)) throw new Error(`the refresh did not print the new keys: ${result.stderr.trim()}`);
      if (run < warmups) continue;
      const post = fake.signinPosts[posts]!.receivedAt;
      const sts = fake.stsCalls.at(-1)!.receivedAt;
      timings.total.push(result.ms);
      timings.toStart.push(session.lastSilentStart! - result.started);
      timings.idp.push(post - session.lastSilentStart!);
      timings.postToSts.push(sts - post);
      timings.stsToExit.push(result.started + result.ms - sts - 100);
    }
    return timings;
  } finally {
    fake.setCredentialLifetime(undefined);
  }
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
