// What a person at the desktop sees of a silent refresh: Chromium headed on a real X desktop
// (Xvfb with the openbox window manager), started with no debugger attached (one changes how
// windows behave), the person typing into a terminal while `stsbridge refresh` runs. The X server
// says which windows were drawn (mapped) and for how long, whether the active window changed,
// and every keystroke must reach the terminal. Headless tests cannot see any of this.
//
// Two ways a SAML refresh can go: with the IdP's site readable (the person allowed it), the worker
// fetches the page and no window exists at all; without, a small popup window in the screen's
// corner, minimized at once, is the only way. An OpenID Connect refresh uses none. What each
// shows is written to test-artifacts/headed-refresh.json (the README quotes it).

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roleValue, samlResponse, type TestRole } from '../fixtures/saml';
import { HOST_BUNDLE } from '../host-process';
import { CHROMIUM, desktopTools, DIST, has } from '../requirements';
import { runCommand as run } from '../run-command';
import { chromiumWith, e2eReady, launchBrowser } from '../e2e/browser';
import { OIDC_HOST, OIDC_ISSUER } from '../e2e/fake-aws/oidc';
import { GLOBAL_STS, startFakeAws, type FakeAws, type IdpSession } from '../e2e/fake-aws/server';
import { EXTENSION_ID } from '../../native-host/protocol';
import type { BrowserContext, Page } from 'playwright-core';
import { allowSite } from '../e2e/site-access';
import { HEIGHT, openTerminal, startDesktop, until, WIDTH, type Desktop, type Geometry, type Seen } from './desktop';

const ISSUER = 'https://idp.example.test/saml';
const CLIENT_ID = 'stsbridge-headed';
const OIDC_ROLE = 'arn:aws:iam::765432109876:role/HeadedWeb';
const OIDC_PROFILE = '765432109876-HeadedWeb';
const ORIGIN = 'https://idp.example.test';
const role: TestRole = { accountId: '654321098765', roleName: 'Headed' };
const PROFILE = `${role.accountId}-${role.roleName}`;
/** What the person types while the refresh runs: every character must reach the terminal. */
const TYPED = 'the quick brown fox jumps over the lazy dog 0123456789';
/** The corner of the screen a silent sign-in's window may take, in pixels a side. */
const CORNER = 100;
const ARTIFACT = path.resolve(import.meta.dirname, '../../test-artifacts/headed-refresh.json');

/** A browser profile prepared headless (settings, the host, maybe a site allowed), then run headed. */
interface Profile {
  readonly home: string;
  readonly userDataDir: string;
  readonly credentialsFile: string;
  readonly runtimeDir: string;
}

/** What the desktop saw while one refresh ran. */
interface Watched {
  readonly code: number | null;
  readonly stderr: string;
  readonly ms: number;
  /** Windows drawn during the refresh (top-level X windows: openbox's frames): where, and how long each stayed mapped. */
  readonly drawn: readonly { readonly window: string; readonly geometry?: Geometry; readonly visibleMs: number }[];
  readonly focusChanges: number;
  readonly typed: string;
}

describe.skipIf(!(e2eReady() && has(desktopTools)))('a silent refresh, as a person at the desktop sees it', () => {
  let fake: FakeAws;
  let desktop: Desktop;
  let session: IdpSession;
  const figures: Record<string, unknown> = {};

  beforeAll(async () => {
    fake = await startFakeAws();
    desktop = await startDesktop();
    session = fake.startSession({ samlResponse: () => samlResponse({ roleValues: [roleValue(role)] }), stsHost: GLOBAL_STS });
  });
  afterAll(async () => {
    await desktop?.close();
    await fake?.close();
    mkdirSync(path.dirname(ARTIFACT), { recursive: true });
    writeFileSync(ARTIFACT, `${JSON.stringify(figures, null, 2)}\n`);
  });

  /**
   * Headless first, through Playwright: the host registered, the IdP's address set, the site
   * allowed if asked; with `oidc`, an OpenID Connect provider added and signed in to (its session
   * outlives the browser, as a provider's "stay signed in" does).
   */
  async function prepare(options: { allowed?: boolean; oidc?: boolean }): Promise<Profile> {
    const browser = await launchBrowser(fake);
    const oidcProviders = options.oidc ? [{ issuer: OIDC_ISSUER, clientId: CLIENT_ID, scopes: 'openid email', params: {}, roles: [OIDC_ROLE], region: '' }] : [];
    await browser.extensionPage.evaluate(
      ([issuer, start, providers]) => chrome.storage.sync.set({ settings: { schema: 1, loginUrls: { [issuer]: start }, silentSignInSeconds: 10, oidcProviders: providers } }),
      [ISSUER, session.startUrl, oidcProviders] as const,
    );
    if (options.allowed) await allowSite(browser, ORIGIN, ISSUER);
    if (options.oidc) {
      const since = new Date().toISOString();
      await browser.extensionPage.reload();
      await browser.extensionPage.getByRole('button', { name: `Sign in with ${OIDC_HOST}` }).click();
      const provider = await waitForPage(browser.context, `${OIDC_ISSUER}/authorize`);
      await provider.fill('input[name=password]', 'correct horse battery staple');
      await provider.click('#sign-in');
      expect((await browser.waitForLogin(since)).state).toBe('done');
    }
    // Closed without browser.close(), which would delete the profile.
    await browser.context.close();
    return { home: browser.home, userDataDir: path.join(browser.home, 'chromium-profile'), credentialsFile: browser.credentialsFile, runtimeDir: browser.runtimeDir };
  }

  /**
   * Then headed, with no debugger: the browser on the right half of the screen, the terminal on
   * the left; with `consoleSignIn`, the person signs in to the AWS console through the SAML IdP.
   */
  async function headed(profile: Profile, consoleSignIn = true): Promise<ChildProcess> {
    const env = desktop.env({ HOME: profile.home, AWS_SHARED_CREDENTIALS_FILE: profile.credentialsFile, XDG_RUNTIME_DIR: profile.runtimeDir });
    // Placed by the window manager, not by --window-position/--window-size: those switches set the
    // bounds of every window Chrome opens, the silent sign-in's too.
    const chromium = spawn(CHROMIUM, [...chromiumWith(DIST, fake).args, `--user-data-dir=${profile.userDataDir}`, 'about:blank'], { env, stdio: 'ignore' });
    try {
      await startedAndSignedIn(profile, env, consoleSignIn);
      return chromium;
    } catch (error) {
      await stop(chromium);
      throw error;
    }
  }

  async function startedAndSignedIn(profile: Profile, env: NodeJS.ProcessEnv, consoleSignIn: boolean): Promise<void> {
    // The resident host starts with the extension's worker: its socket says the browser is there.
    const socketFolder = path.join(profile.runtimeDir, 'stsbridge');
    await until(() => existsSync(socketFolder) && readdirSync(socketFolder).some((name) => name.endsWith('.sock')), 20_000, 'the resident host');
    // The person signs in to the console: the IdP's address, typed into the browser's address bar.
    const window = await desktop.findWindow(' - Chromium$');
    desktop.xdotool('windowsize', '--sync', window, String(WIDTH / 2), String(HEIGHT));
    desktop.xdotool('windowmove', '--sync', window, String(WIDTH / 2), '0');
    desktop.xdotool('windowactivate', '--sync', window);
    if (!consoleSignIn) return;
    desktop.xdotool('key', '--clearmodifiers', 'ctrl+l');
    await desktop.type(session.signInUrl, 5);
    desktop.xdotool('key', 'Return');
    await until(() => existsSync(profile.credentialsFile) && readFileSync(profile.credentialsFile, 'utf8').includes(`[${PROFILE}]`), 30_000, 'the console sign-in');
  }

  /** `stsbridge refresh` of `name` while the person types in the terminal. */
  async function watchRefresh(profile: Profile, name = PROFILE): Promise<Watched> {
    const terminal = await openTerminal(desktop);
    try {
      // The terminal's own windows and focus settle first: what comes after is the refresh's.
      await quiet(desktop, 500);
      const since = performance.now();
      const [maps, focus] = [desktop.maps.length, desktop.focus.length];
      const env = { PATH: process.env.PATH, HOME: profile.home, XDG_RUNTIME_DIR: profile.runtimeDir, AWS_SHARED_CREDENTIALS_FILE: profile.credentialsFile };
      const [refresh] = await Promise.all([
        run(process.execPath, [HOST_BUNDLE, 'refresh', name], env),
        // A person types at a steady pace from the moment they press Enter on the command.
        desktop.type(TYPED, 15),
      ]);
      // Windows unmap a moment after the refresh answers: give them that moment.
      await sleep(1000);
      desktop.xdotool('key', 'Return');
      await until(() => terminal.typed().includes('\n'), 5000, 'the typed line');
      const drawn = desktop.maps.slice(maps).filter((map) => map.at >= since).map((map) => ({ window: map.line, ...(map.geometry ? { geometry: map.geometry } : {}), visibleMs: visibleFor(map, desktop.unmaps) }));
      return { code: refresh.code, stderr: refresh.stderr, ms: Math.round(refresh.ms), drawn, focusChanges: desktop.focus.length - focus, typed: terminal.typed().trim() };
    } finally {
      terminal.close();
    }
  }

  it('draws no window, takes no focus and loses no keystroke where the person let stsbridge read the IdP’s site', async () => {
    const profile = await prepare({ allowed: true });
    const chromium = await headed(profile);
    try {
      const seen = await watchRefresh(profile);
      figures.allowed = seen;
      expect(seen).toEqual({ code: 0, stderr: '', ms: expect.any(Number), drawn: [], focusChanges: 0, typed: TYPED });
    } finally {
      await discard(chromium, profile);
    }
  });

  it('without it, draws only a small window in the screen’s corner, briefly, and takes no focus and loses no keystroke', async () => {
    const profile = await prepare({});
    const chromium = await headed(profile);
    try {
      const seen = await watchRefresh(profile);
      figures.window = seen;
      expect({ code: seen.code, stderr: seen.stderr, focusChanges: seen.focusChanges, typed: seen.typed }).toEqual({ code: 0, stderr: '', focusChanges: 0, typed: TYPED });
      // The silent sign-in's window: drawn in the screen's bottom-right corner, small, never over
      // the terminal or the browser's page, and gone again.
      expect(seen.drawn.length).toBeGreaterThan(0);
      for (const window of seen.drawn) {
        expect(window.visibleMs, `window ${window.window} still mapped`).toBeGreaterThanOrEqual(0);
        const { x, y, width, height } = window.geometry ?? { x: 0, y: 0, width: WIDTH, height: HEIGHT };
        // Inside the corner: the frame may overhang the screen's edge by its border, no more.
        const inCorner = { left: x >= WIDTH - CORNER, top: y >= HEIGHT - CORNER, right: x + width <= WIDTH + 2, bottom: y + height <= HEIGHT + 2 };
        expect(inCorner, JSON.stringify(window.geometry)).toEqual({ left: true, top: true, right: true, bottom: true });
      }
    } finally {
      await discard(chromium, profile);
    }
  });

  it('draws no window, takes no focus and loses no keystroke for an OpenID Connect refresh', async () => {
    fake.addOidcClient({ clientId: CLIENT_ID, redirectUris: [`https://${EXTENSION_ID}.chromiumapp.org/`], origins: [`chrome-extension://${EXTENSION_ID}`] });
    fake.trustWebIdentity(OIDC_ROLE, CLIENT_ID);
    const profile = await prepare({ oidc: true });
    const chromium = await headed(profile, false);
    try {
      const authorizations = fake.oidc.authorizeRequests.length;
      const seen = await watchRefresh(profile, OIDC_PROFILE);
      figures.oidc = seen;
      expect(seen).toEqual({ code: 0, stderr: '', ms: expect.any(Number), drawn: [], focusChanges: 0, typed: TYPED });
      // It went to the provider, which answered from its session without a form.
      expect(fake.oidc.authorizeRequests.slice(authorizations)).toEqual([expect.objectContaining({ session: true, formShown: false })]);
    } finally {
      await discard(chromium, profile);
    }
  });
});

/** The first page of `context` whose address starts with `prefix`. */
async function waitForPage(context: BrowserContext, prefix: string): Promise<Page> {
  let found: Page | undefined;
  await until(() => (found = context.pages().find((page) => page.url().startsWith(prefix))) !== undefined, 15_000, `a page at ${prefix}`);
  return found!;
}

/** Ends Chromium, then deletes its profile and home. */
async function discard(chromium: ChildProcess, profile: Profile): Promise<void> {
  await stop(chromium);
  // Chromium's helper processes may still be writing the profile as the browser exits.
  rmSync(profile.home, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
}

/** Ends Chromium and waits for it: it writes its profile until it is gone. */
async function stop(chromium: ChildProcess): Promise<void> {
  if (chromium.exitCode !== null || chromium.signalCode !== null) return;
  const gone = new Promise((resolve) => chromium.once('exit', resolve));
  chromium.kill('SIGTERM');
  const late = setTimeout(() => chromium.kill('SIGKILL'), 10_000);
  await gone;
  clearTimeout(late);
}

/** How long a mapped window stayed mapped: until its next unmap (-1: still mapped). */
function visibleFor(map: Seen, unmaps: readonly Seen[]): number {
  const unmapped = unmaps.find((unmap) => unmap.line === map.line && unmap.at >= map.at);
  return unmapped ? Math.round(unmapped.at - map.at) : -1;
}

/** Returns once the desktop has mapped, unmapped and focused nothing for `ms`. */
async function quiet(desktop: Desktop, ms: number): Promise<void> {
  const count = () => desktop.maps.length + desktop.unmaps.length + desktop.focus.length;
  let seen = count();
  let still = performance.now();
  await until(() => {
    if (count() !== seen) [seen, still] = [count(), performance.now()];
    return performance.now() - still >= ms;
  }, 10_000, 'a quiet desktop');
}

