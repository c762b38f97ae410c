// bench oidc-login-to-file: an OpenID Connect sign-in from the popup's click to the credentials
// file holding the new keys, with the provider's session live (its authorize endpoint answers at
// once) and STS answering after 100 ms. The click is queued in the popup so the timing starts at
// it, not at Playwright's round trip. One role, as login-to-file-1-role.

import { randomUUID } from 'node:crypto';
import { EXTENSION_ID } from '../native-host/protocol';
import { POPUP_URL, type BrowserSession } from '../test/e2e/browser';
import { OIDC_HOST, OIDC_ISSUER } from '../test/e2e/fake-aws/oidc';
import type { FakeAws } from '../test/e2e/fake-aws/server';
import { keysLanded, STS_LATENCY_MS } from './login-to-file';
import { median, report, spread } from './stats';

const ROLE = 'arn:aws:iam::123456789012:role/BenchWeb';

export interface OidcTimings {
  readonly total: number[];
  /** The click to the STS request: the flow (authorize, redirect, token exchange) and the token's checks. */
  readonly toSts: number[];
  readonly stsReplyToFile: number[];
}

export async function measureOidcLogin(browser: BrowserSession, fake: FakeAws, runs: number, warmups = 2): Promise<OidcTimings> {
  fake.addOidcClient({ clientId: 'bench', redirectUris: [`https://${EXTENSION_ID}.chromiumapp.org/`], origins: [`chrome-extension://${EXTENSION_ID}`] });
  fake.trustWebIdentity(ROLE, 'bench');
  // The person is signed in at the provider: its cookie is in the browser.
  const session = randomUUID();
  fake.oidc.sessions.set(session, { live: true });
  await browser.context.addCookies([{ name: 'oidc_session', value: session, domain: OIDC_HOST, path: '/', secure: true, httpOnly: true, sameSite: 'Lax' }]);
  const provider = { issuer: OIDC_ISSUER, clientId: 'bench', scopes: 'openid email', params: {}, roles: [ROLE], region: '' };
  await browser.extensionPage.evaluate((oidcProviders) => chrome.storage.sync.set({ settings: { schema: 1, oidcProviders } }), [provider]);
  const popup = await browser.context.newPage();
  try {
    await popup.goto(POPUP_URL);
    await popup.waitForSelector('#oidc-buttons button');
    const timings: OidcTimings = { total: [], toSts: [], stsReplyToFile: [] };
    for (let run = 0; run < warmups + runs; run += 1) {
      const callIndex = fake.stsCalls.length;
      const start = performance.now();
      await popup.evaluate(() => void setTimeout(() => document.querySelector<HTMLButtonElement>('#oidc-buttons button')!.click(), 0));
      const landed = await keysLanded(fake, callIndex, browser.credentialsFile, start + 20_000);
      // The popup's button is enabled again once the worker has answered: the next run starts from quiet.
      await popup.waitForSelector('#oidc-buttons button:not([disabled])');
      if (run < warmups) continue;
      const sts = fake.stsCalls[callIndex]!.receivedAt;
      timings.total.push(landed - start);
      timings.toSts.push(sts - start);
      timings.stsReplyToFile.push(landed - sts - STS_LATENCY_MS);
    }
    return timings;
  } finally {
    await popup.close();
  }
}

export function reportOidcLogin(timings: OidcTimings, samlLogin: number | undefined): void {
  report('oidc-login-to-file', median(timings.total), 'ms', `${spread(timings.total)} (provider session live; STS stand-in fixed at ${STS_LATENCY_MS} ms)`);
  console.log(`      medians: click→STS request ${median(timings.toSts).toFixed(1)} ms (authorize, redirect, token exchange, checks), STS ${STS_LATENCY_MS} ms, STS reply→file ${median(timings.stsReplyToFile).toFixed(1)} ms`);
  if (samlLogin !== undefined) {
    report('oidc-vs-saml-login', median(timings.total) / samlLogin, 'ratio', 'over login-to-file-1-role in this run: what the authorization round trips and token exchange add to a SAML POST');
  }
}
