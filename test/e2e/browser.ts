// Real Chromium with the built extension (dist/) and the real native host, installed the way a
// user installs it (install-host.sh --dir). Everything lives in a temp folder per session.

import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { EXTENSION_ID } from '../../native-host/protocol';
import type { LoginRecord } from '../../extension/storage/login-record';
import { GLOBAL_STS, IDP_HOST, type FakeAws } from './fake-aws/server';
import { awsCli, builtExtension, chromiumBinary, CHROMIUM, CHROMIUM_POLICY_DIR, DIST, has, IN_CI, rootForMounts, rootForPolicy } from '../requirements';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const POPUP_URL = `chrome-extension://${EXTENSION_ID}/extension/show/popup/index.html`;
export const OPTIONS_URL = `chrome-extension://${EXTENSION_ID}/extension/show/options/index.html`;
/** Screenshots for people to look at; CI keeps the folder as an artifact. */
export const ARTIFACTS = path.join(ROOT, 'test-artifacts');

export interface BrowserSession {
  readonly context: BrowserContext;
  /** The credentials file the host writes (AWS_SHARED_CREDENTIALS_FILE). */
  readonly credentialsFile: string;
  readonly home: string;
  /** The installed host program (install-host.sh put it there). */
  readonly hostFile: string;
  /** The browser's $XDG_RUNTIME_DIR, where the host's socket folder is. */
  readonly runtimeDir: string;
  /** When (performance.now()) the extension's service worker was first seen. */
  readonly workerSeenAt: number;
  /** Process IDs of the hosts running this session's installed host, from /proc. */
  hostPids(): number[];
  /** An extension page, used to read storage.session as the popup does. */
  readonly extensionPage: Page;
  readLastLogin(): Promise<LoginRecord | undefined>;
  /**
   * The browser's clipboard text. An extension origin cannot be granted clipboard-read, so it is
   * read from a page of the fake IdP's origin, which can: the clipboard is the browser's own.
   */
  readClipboard(): Promise<string>;
  /** Opens the IdP URL and waits until the worker has finished that login. */
  login(idpUrl: string, options?: { until?: LoginRecord['state'][] }): Promise<LoginRecord>;
  /** Waits for the next finished login after `since` (ISO), e.g. after a role-page choice. */
  waitForLogin(since: string, states?: LoginRecord['state'][]): Promise<LoginRecord>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /**
   * Register the native host (default true: this clone's ./install-host.sh), or register it some
   * other way, given the folder Chromium reads host manifests from and the temp home.
   */
  readonly installHost?: boolean | ((hostsFolder: string, home: string) => void);
  /** Another unpacked extension than dist/, with the ID Chromium gives it (default: dist/). */
  readonly extension?: { readonly dir: string; readonly id: string };
  /** Text to put in the credentials file before the browser starts. */
  readonly credentialsText?: string;
  /**
   * An enterprise policy for this extension (storage.managed), seen by this browser alone: see
   * privatePolicy. Needs root (CI is).
   */
  readonly policy?: Readonly<Record<string, unknown>>;
  /**
   * `capture` (the default): returns once a POST is seen to reach the worker, with storage.session
   * cleared. `worker`: as soon as the worker is there, for tests of what happens right after start.
   */
  readonly ready?: 'capture' | 'worker';
}

/**
 * What every e2e suite needs: Chromium, the built extension, and the AWS CLI that reads the
 * credentials back. Call once per file, for `describe.skipIf(!ready)` (see requirements.ts).
 */
export function e2eReady(): boolean {
  return has(chromiumBinary, builtExtension, awsCli);
}

const FINISHED: LoginRecord['state'][] = ['done', 'failed'];

export async function launchBrowser(fake: FakeAws, options: LaunchOptions = {}): Promise<BrowserSession> {
  const home = mkdtempSync(path.join(os.tmpdir(), 'stsbridge-e2e-'));
  const userDataDir = path.join(home, 'chromium-profile');
  const credentialsFile = path.join(home, '.aws', 'credentials');
  const hostFile = path.join(home, 'data', 'stsbridge', 'stsbridge-host.cjs');
  const runtimeDir = path.join(home, 'runtime');
  mkdirSync(runtimeDir, { mode: 0o700 });
  if (options.credentialsText !== undefined) {
    execFileSync('mkdir', ['-p', path.dirname(credentialsFile)]);
    writeFileSync(credentialsFile, options.credentialsText, { mode: 0o600 });
  }
  // With a custom --user-data-dir, Chromium on Linux reads host manifests from
  // <user-data-dir>/NativeMessagingHosts.
  const hostsFolder = path.join(userDataDir, 'NativeMessagingHosts');
  if (typeof options.installHost === 'function') {
    options.installHost(hostsFolder, home);
  } else if (options.installHost ?? true) {
    execFileSync(path.join(ROOT, 'install-host.sh'), ['--dir', hostsFolder], {
      env: { ...process.env, HOME: home, XDG_DATA_HOME: path.join(home, 'data') },
      stdio: 'pipe',
    });
  }
  const policy = options.policy ? privatePolicy(home, options.policy) : undefined;
  const context = await chromium.launchPersistentContext(userDataDir, {
    ...chromiumWith(options.extension?.dir ?? DIST, fake),
    ...(policy ? { executablePath: policy.executable } : {}),
    // The host inherits the browser's environment: this is how it finds the temp file.
    env: { ...process.env, HOME: home, AWS_SHARED_CREDENTIALS_FILE: credentialsFile, XDG_RUNTIME_DIR: runtimeDir },
  });
  try {
    if (context.serviceWorkers().length === 0) await context.waitForEvent('serviceworker', { timeout: 20_000 });
    const workerSeenAt = performance.now();
    const extensionPage = await context.newPage();
    await extensionPage.goto(options.extension ? `chrome-extension://${options.extension.id}/extension/show/popup/index.html` : POPUP_URL);
    const readLastLogin = () =>
      extensionPage.evaluate(async () => (await chrome.storage.session.get('lastLogin')).lastLogin as LoginRecord | undefined);

    const waitForLogin = async (since: string, states = FINISHED) => {
      // Bounded wait for the worker's own record; generous, since tests must not fail on a slow machine.
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        const record = await readLastLogin();
        if (record && record.at >= since && states.includes(record.state)) return record;
        await sleep(20);
      }
      throw new Error(`no login finished in ${states.join('/')} within 30 s; last record: ${JSON.stringify(await readLastLogin())}`);
    };

    if ((options.ready ?? 'capture') === 'capture') {
      await waitUntilCaptureIsLive(context, fake, readLastLogin);
      await extensionPage.evaluate(() => chrome.storage.session.clear());
    }

    return {
      context,
      credentialsFile,
      home,
      hostFile,
      runtimeDir,
      workerSeenAt,
      hostPids: () => processesRunning(hostFile),
      extensionPage,
      readLastLogin,
      waitForLogin,
      async readClipboard() {
        await context.grantPermissions(['clipboard-read'], { origin: `https://${IDP_HOST}` });
        const reader = await context.newPage();
        try {
          await reader.goto(`https://${IDP_HOST}/`);
          return await reader.evaluate(() => navigator.clipboard.readText());
        } finally {
          await reader.close();
        }
      },
      async login(idpUrl, loginOptions = {}) {
        const since = new Date().toISOString();
        const page = await context.newPage();
        await page.goto(idpUrl);
        try {
          return await waitForLogin(since, loginOptions.until ?? FINISHED);
        } finally {
          await page.close();
        }
      },
      async close() {
        await context.close();
        policy?.remove();
        rmSync(home, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await context.close();
    policy?.remove();
    rmSync(home, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Chromium on Linux reads enterprise policy from /etc/chromium/policies/managed, a folder every
 * Chromium on the machine reads: a policy written there changes any other run with this
 * extension's ID while it exists. So the test's Chromium gets a folder of its
 * own: it starts inside a private mount namespace (`unshare -m`) where a copy of /etc/chromium,
 * with this policy and no other, is bind-mounted over the real one. Only where unshare is
 * refused does the file go to the real folder, removed again with the browser.
 */
function privatePolicy(home: string, policy: Readonly<Record<string, unknown>>): { executable: string; remove(): void } {
  const file = { '3rdparty': { extensions: { [EXTENSION_ID]: policy } } };
  if (rootForMounts.present()) {
    const etc = path.join(home, 'etc-chromium');
    cpSync('/etc/chromium', etc, { recursive: true, filter: (source) => source !== '/etc/chromium/policies' });
    mkdirSync(path.join(etc, 'policies/managed'), { recursive: true });
    writeFileSync(path.join(etc, 'policies/managed/stsbridge-e2e.json'), JSON.stringify(file));
    const executable = path.join(home, 'chromium-with-policy');
    // Playwright talks to Chromium over inherited pipes (fds 3 and 4): unshare and exec keep them.
    writeFileSync(executable, `#!/bin/sh
exec unshare -m --propagation private sh -c 'mount --bind "$0" /etc/chromium && exec "$@"' ${JSON.stringify(etc)} ${JSON.stringify(CHROMIUM)} "$@"
`, { mode: 0o755 });
    return { executable, remove: () => undefined };
  }
  if (IN_CI || !rootForPolicy.present()) throw new Error(`a private policy folder needs ${rootForMounts.name}: ${rootForMounts.remedy}`);
  const shared = path.join(CHROMIUM_POLICY_DIR, `stsbridge-e2e-${process.pid}.json`);
  mkdirSync(CHROMIUM_POLICY_DIR, { recursive: true });
  writeFileSync(shared, JSON.stringify(file));
  return { executable: CHROMIUM, remove: () => rmSync(shared, { force: true }) };
}

/** How every test and benchmark starts Chromium: headless, with one unpacked extension, every AWS host sent to `fake`. */
export function chromiumWith(extension: string, fake: Pick<FakeAws, 'hostResolverRules'>) {
  return {
    executablePath: CHROMIUM,
    headless: true,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      `--disable-extensions-except=${extension}`,
      `--load-extension=${extension}`,
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-gpu',
      // The worker's fetches to STS are not covered by Playwright's ignoreHTTPSErrors.
      '--ignore-certificate-errors',
      `--host-resolver-rules=${fake.hostResolverRules}`,
    ],
    ignoreHTTPSErrors: true,
  };
}

/** Processes whose command line names `file`, found in /proc (node runs the host as `node FILE origin`). */
export function processesRunning(file: string): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(file);
      } catch {
        // Gone between the listing and the read.
        return false;
      }
    })
    .map(Number);
}

/**
 * A freshly loaded worker's top-level listener may not be live when the worker first appears, and
 * a POST sent then is missed. Post a harmless not-a-SAML-response until the worker records it.
 */
async function waitUntilCaptureIsLive(
  context: BrowserContext,
  fake: FakeAws,
  readLastLogin: () => Promise<LoginRecord | undefined>,
): Promise<void> {
  const probe = fake.addLogin({ samlResponse: Buffer.from('stsbridge readiness probe').toString('base64'), stsHost: GLOBAL_STS });
  const page = await context.newPage();
  try {
    for (let attempt = 0; attempt < 50; attempt += 1) {
      await page.goto(probe);
      for (let poll = 0; poll < 10; poll += 1) {
        const record = await readLastLogin();
        if (record?.error?.code === 'not-xml') return;
        await sleep(20);
      }
    }
    throw new Error('the extension never reacted to a SAML POST: is dist/ built and the worker running?');
  } finally {
    await page.close();
  }
}
