// bench login-to-file-1-role-peer: the same login, timed the same way, in the peer extension
// "SAML to AWS STS Keys Conversion" v3.3 (../shared/anchors/prolane-v3.3, loaded from there and
// never copied). It calls the global STS endpoint and saves the keys through chrome.downloads as
// Downloads/credentials; the login is done when that file holds the new key and token. How to
// time it headless is in ../shared/anchors/README.md.

import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumWith, ROOT } from '../test/e2e/browser';
import { startFakeAws } from '../test/e2e/fake-aws/server';
import { STS_LATENCY_MS, timeLogins, type LoginTimings } from './login-to-file';

export const PEER_DIR = path.resolve(ROOT, '../shared/anchors/prolane-v3.3');
const PEER_STS = 'sts.amazonaws.com';

export function peerPresent(): boolean {
  return existsSync(path.join(PEER_DIR, 'manifest.json'));
}

/** Times `runs` logins in a fresh browser with the peer extension, after its first login lands. */
export async function measurePeerLogin(runs: number): Promise<LoginTimings> {
  const fake = await startFakeAws();
  fake.stsLatencyMs = STS_LATENCY_MS;
  const home = mkdtempSync(path.join(os.tmpdir(), 'stsbridge-bench-peer-'));
  const userDataDir = path.join(home, 'profile');
  const downloads = path.join(home, 'Downloads');
  mkdirSync(path.join(userDataDir, 'Default'), { recursive: true });
  mkdirSync(downloads);
  // Downloads land in `downloads` without a prompt, as the peer's users set Chrome up.
  writeFileSync(
    path.join(userDataDir, 'Default', 'Preferences'),
    JSON.stringify({ download: { default_directory: downloads, prompt_for_download: false }, savefile: { default_directory: downloads } }),
  );
  const context = await chromium.launchPersistentContext(userDataDir, {
    ...chromiumWith(PEER_DIR, fake),
    env: { ...process.env, HOME: home },
  });
  try {
    if (context.serviceWorkers().length === 0) await context.waitForEvent('serviceworker', { timeout: 20_000 });
    // Playwright takes over downloads; give them back to Chrome's own behaviour.
    const page = context.pages()[0] ?? (await context.newPage());
    const cdp = await context.newCDPSession(page);
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'default' });
    const file = path.join(downloads, 'credentials');
    // The peer adds its webRequest listener only once it has read its settings: a POST before
    // that is not seen. Log in until one lands, untimed, as a person would not notice.
    for (let attempt = 1; ; attempt += 1) {
      try {
        await timeLogins(fake, context, file, { runs: 1, warmups: 0, stsHost: PEER_STS, deadlineMs: 3_000 });
        break;
      } catch (error) {
        if (attempt === 10) throw error;
      }
    }
    return await timeLogins(fake, context, file, { runs, stsHost: PEER_STS });
  } finally {
    await context.close();
    await fake.close();
    rmSync(home, { recursive: true, force: true });
  }
}
