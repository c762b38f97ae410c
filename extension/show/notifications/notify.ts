// The notifications themselves: "profiles refreshed" after a login, and a warning ten minutes
// before credentials expire, with a button back to where the sign-in started. Everything is read
// again from storage when an alarm or a click comes: the worker may have slept in between.

import browser from 'webextension-polyfill';
import { keptFreshUntil } from '../../refresh/keep-fresh';
import type { LoginRecord } from '../../storage/login-record';
import type { RecentProfile } from '../../storage/recent-profiles';
import { stalledAddresses, startAddress } from '../../refresh/start-address';
import { askedForAddress, ownValue } from '../../storage/identity-providers';
import { providerLabel } from '../../storage/oidc-providers';
import { store } from '../../storage/store';
import { dueProfiles, expiryMessage, isExpiryAlarm, plannedAlarms } from './expiry-alarms';
import { refreshedMessage } from './refreshed';
import { signInButtons, type SignInButton } from './sign-in-targets';

const ICON = 'extension/icons/icon-128.png';

export async function notifyLogin(record: LoginRecord): Promise<void> {
  await syncExpiryAlarms();
  const text = refreshedMessage(record);
  if (!text || !(await store.settings.get()).notifications) return;
  await browser.notifications.create(`login-${record.id}`, { type: 'basic', iconUrl: browser.runtime.getURL(ICON), ...text });
}

/**
 * One alarm per expiry time of the written profiles, 10 minutes ahead; alarms outlive the
 * worker, and the profiles they warn about are read from storage when they fire.
 */
export async function syncExpiryAlarms(): Promise<void> {
  const planned = plannedAlarms(await store.recentProfiles.get(), Date.now());
  const existing = (await browser.alarms.getAll()).filter((alarm) => isExpiryAlarm(alarm.name));
  for (const alarm of existing) {
    if (!planned.some((plan) => plan.name === alarm.name)) await browser.alarms.clear(alarm.name);
  }
  for (const plan of planned) {
    if (!existing.some((alarm) => alarm.name === plan.name)) await browser.alarms.create(plan.name, { when: plan.when });
  }
}

/** What "Sign in again" can do for the profiles an alarm warns about (see signInButtons). */
async function signInChoices(alarmName: string): Promise<{ due: RecentProfile[]; buttons: SignInButton[] }> {
  const due = dueProfiles(await store.recentProfiles.get(), alarmName);
  const buttons = signInButtons(due.map((profile) => profile.issuer), await store.settings.get(), await store.identityProviders.get());
  return { due, buttons };
}

function buttonTitle(button: SignInButton, alone: boolean): string {
  if ('oidc' in button) return `Sign in with ${providerLabel(button.oidc)}`;
  return alone ? 'Sign in again' : `Sign in again at ${new URL(button.url).host}`;
}

export async function warnBeforeExpiry(alarmName: string): Promise<void> {
  if (!isExpiryAlarm(alarmName)) return;
  const { due, buttons: choices } = await signInChoices(alarmName);
  const settings = await store.settings.get();
  if (due.length === 0 || !settings.notifications) return;
  // Profiles being kept fresh are signed in again about now: a warning would only alarm. Should
  // that fail because the IdP wants the person, its own notification says so.
  const known = await store.identityProviders.get();
  const state = { settings, signIns: await store.signIns.get(), ended: { ...stalledAddresses(settings, known), ...(await store.endedSessions.get()) } };
  const now = Date.now();
  if (due.every((profile) => (keptFreshUntil(profile.issuer ?? '', state) ?? 0) > now)) return;
  // One button per identity provider (Chrome shows two at most); with two, each names its host.
  const buttons = choices.map((choice) => ({ title: buttonTitle(choice, choices.length === 1) }));
  await browser.notifications.create(alarmName, {
    type: 'basic',
    iconUrl: browser.runtime.getURL(ICON),
    ...expiryMessage(due),
    ...(buttons.length > 0 ? { buttons } : {}),
  });
}

const SESSION_ENDED = 'idp-session:';
const OIDC_SESSION_ENDED = 'oidc-session:';

/** A silent sign-in found a session ended (`where`): say so once, with a Sign in button. */
async function notifyWantsPerson(id: string, where: string, then: string): Promise<void> {
  if (!(await store.settings.get()).notifications) return;
  await browser.notifications.create(id, {
    type: 'basic',
    iconUrl: browser.runtime.getURL(ICON),
    title: 'Your identity provider wants you to sign in',
    message: `stsbridge could not refresh AWS credentials without you: your session at ${where} has ended. ${then}, and refreshing works again.`,
    // Chrome's notifications take buttons; the polyfill's types (Firefox's) do not list them.
    ...{ buttons: [{ title: 'Sign in' }] },
  });
}

/** A SAML IdP's: the button opens its start address in a tab. */
export function notifySessionEnded(address: string): Promise<void> {
  return notifyWantsPerson(`${SESSION_ENDED}${address}`, new URL(address).host, 'Sign in there');
}

/** An OpenID Connect provider's: the button runs its sign-in with the person (main.ts wires it). */
export function notifyOidcSessionEnded(issuer: string): Promise<void> {
  return notifyWantsPerson(`${OIDC_SESSION_ENDED}${issuer}`, providerLabel(issuer), 'Sign in with it');
}

export async function clearOidcSessionNotice(issuer: string): Promise<void> {
  await browser.notifications.clear(`${OIDC_SESSION_ENDED}${issuer}`);
}

const START_ADDRESS = 'start-address:';

/**
 * A silent sign-in through `issuer` cannot work until the person sets its AWS app's address:
 * `problem` says why; the button opens the options at that identity provider.
 */
export async function notifyNoStartAddress(issuer: string, problem: string): Promise<void> {
  if (!(await store.settings.get()).notifications) return;
  await browser.notifications.create(`${START_ADDRESS}${issuer}`, {
    type: 'basic',
    iconUrl: browser.runtime.getURL(ICON),
    title: 'Where does your AWS sign-in start?',
    // A sentence: capitalized, except for stsbridge's own lower-case name.
    message: `${problem.startsWith('stsbridge') ? problem.charAt(0) : problem.charAt(0).toUpperCase()}${problem.slice(1)}.`,
    ...{ buttons: [{ title: 'Set the address' }] },
  });
}

/**
 * After a person's sign-in through `issuer`: when no start address can be worked out for it, asks
 * once (never again for that IdP), so that the first refresh works instead of failing. `watched`:
 * whether that sign-in's headers were seen, and with them any origin it came from.
 */
export async function askForStartAddress(issuer: string, watched: boolean): Promise<void> {
  const [settings, known] = await Promise.all([store.settings.get(), store.identityProviders.get()]);
  const start = startAddress(issuer, settings, known);
  if (start.address !== undefined || ownValue(known, issuer)?.askedAt) return;
  // A sign-in whose origin was not watched for: the next one shows it, which may complete the
  // address (Okta's org) or at least give the person a candidate. Asked then.
  if (!watched && !ownValue(known, issuer)?.startPage) return;
  await store.identityProviders.update((providers) => askedForAddress(providers, issuer, new Date().toISOString()));
  const who = start.who ?? 'your identity provider';
  await notifyNoStartAddress(issuer, `stsbridge cannot tell which address at ${who} signs you in to AWS. Set it once in the options, and refreshing your AWS keys works without you`);
}

/** The options page, at one identity provider's row. */
export function optionsAt(issuer: string): string {
  return `${browser.runtime.getURL('extension/show/options/index.html')}#idp=${encodeURIComponent(issuer)}`;
}

/** The issuer an OIDC session-ended notification is about, or undefined for any other notification. */
export function oidcNoticeIssuer(notificationId: string): string | undefined {
  return notificationId.startsWith(OIDC_SESSION_ENDED) ? notificationId.slice(OIDC_SESSION_ENDED.length) : undefined;
}

/**
 * A notification's button (or body, `buttonIndex` 0): opens the address it stands for, or returns
 * the OpenID Connect provider to sign in with, which the worker runs.
 */
export async function signInAgain(notificationId: string, buttonIndex = 0): Promise<{ readonly oidc: string } | undefined> {
  const oidc = oidcNoticeIssuer(notificationId);
  if (oidc !== undefined) return { oidc };
  if (notificationId.startsWith(START_ADDRESS)) {
    await browser.tabs.create({ url: optionsAt(notificationId.slice(START_ADDRESS.length)) });
    await browser.notifications.clear(notificationId);
    return undefined;
  }
  if (notificationId.startsWith(SESSION_ENDED)) {
    // A normal, focused tab: this sign-in is the person's own.
    await browser.tabs.create({ url: notificationId.slice(SESSION_ENDED.length) });
    await browser.notifications.clear(notificationId);
    return undefined;
  }
  if (!isExpiryAlarm(notificationId)) return undefined;
  const { buttons } = await signInChoices(notificationId);
  const choice = buttons[buttonIndex] ?? buttons[0];
  await browser.notifications.clear(notificationId);
  if (choice && 'url' in choice) await browser.tabs.create({ url: choice.url });
  return choice && 'oidc' in choice ? choice : undefined;
}
