// The service worker's wiring, and nothing else. Listeners are registered synchronously at the
// top level: MV3 starts a stopped worker for an event only if the listener exists when the script
// first runs. Nothing lives only in memory: what the popup shows is in storage.session.

import browser from 'webextension-polyfill';
import { SIGNIN_URL_PATTERNS, readSamlPost, type RequestDetails } from '../capture/saml-post';
import { decideStartPages, sawIssuer, watchStartPages } from '../capture/start-page';
import { routeMessage, type MessageDeps } from '../messages/route-message';
import { isExpiryAlarm } from '../show/notifications/expiry-alarms';
import { askForStartAddress, notifyLogin, signInAgain, syncExpiryAlarms, warnBeforeExpiry } from '../show/notifications/notify';
import { claimPost } from '../refresh/pending';
import { signedIn } from '../storage/remember';
import { policy, store } from '../storage/store';
import { answerHostRequests, checkHost, keepHostRunning, messageDeps } from './host-access';
import { answerRefresh, isKeepFreshAlarm, keepFresh, refreshNamed } from './refresh-deps';
import { loginDeps } from './login-deps';
import { answerOidcSignIn, personSignsIn } from './person-sign-in';
import { runLogin } from './run-login';

const SIGNIN_FILTER = { urls: SIGNIN_URL_PATTERNS, types: ['main_frame', 'sub_frame'] as browser.WebRequest.ResourceType[] };

// The organisation's policy, read once now: right after the browser starts, the first read waits
// for the browser's policy service, and a login should not be what waits.
void policy.get();

// Refreshes the command line asks for, through the host.
answerHostRequests(answerRefresh);

// The resident host: its port opens on every start of the worker (browser start, install, any
// wake-up) and keeps the worker alive while it is open, unless the options say otherwise.
void store.settings.get().then(
  (settings) => keepHostRunning(settings.keepHostRunning),
  () => keepHostRunning(true),
);
store.settings.watch((settings) => {
  keepHostRunning(settings.keepHostRunning);
  // An IdP ticked or unticked, or other times: the keep-fresh alarm moves.
  void keepFresh().catch(() => undefined);
});

// On install or update, and when the browser starts: the popup knows the host's state at once.
browser.runtime.onInstalled.addListener(() => {
  void checkHost().catch(() => undefined);
  // An update may have dropped the alarm: set it again from storage.
  void keepFresh().catch(() => undefined);
});
browser.runtime.onStartup.addListener(() => {
  void checkHost().catch(() => undefined);
  // storage.session starts empty with the browser: warnings for the last session's profiles go.
  void syncExpiryAlarms().catch(() => undefined);
  // Profiles that fell due while the browser was closed are refreshed now, within the bounds.
  void keepFresh().catch(() => undefined);
});

browser.webRequest.onBeforeRequest.addListener(
  (details) => {
    const post = readSamlPost(details as RequestDetails);
    // A silent sign-in's POST goes to the refresh that opened its tab (refresh/pending.ts).
    if (!post || claimPost(details.tabId, post)) return undefined;
    // runLogin never rejects: failures are recorded for the popup.
    void runLogin(post, loginDeps)
      .then((record) => {
        // Once the IdP is remembered with where the sign-in came from: if no start address can be
        // worked out for it, the person is asked now, not at the first failed refresh.
        sawIssuer(details.requestId, record.issuer, (issuer, watched) => void askForStartAddress(issuer, watched).catch(() => undefined));
        // The person signed in: silent sign-ins through this IdP may try again, and its profiles
        // are kept fresh for another span of hours.
        if (record.state === 'done') void signedIn(record.issuer, record.at).then(keepFresh).catch(() => undefined);
        return notifyLogin(record);
      })
      .catch(() => undefined);
    return undefined;
  },
  SIGNIN_FILTER,
  ['requestBody'],
);
// Where sign-ins start: watched from the first moment (a worker woken by a sign-in POST must not
// miss its headers), then only while storage says a start page is worth learning.
watchStartPages(true);
void decideStartPages().catch(() => undefined);

browser.alarms.onAlarm.addListener((alarm) => {
  if (isExpiryAlarm(alarm.name)) void warnBeforeExpiry(alarm.name).catch(() => undefined);
  else if (isKeepFreshAlarm(alarm.name)) void keepFresh().catch(() => undefined);
});
/** A notification's button or body: sign in again where it says (an IdP's page, or an OIDC provider's flow). */
function notificationClicked(id: string, buttonIndex?: number): void {
  void signInAgain(id, buttonIndex)
    .then((choice) => (choice ? personSignsIn(choice.oidc) : undefined))
    .catch(() => undefined);
}
browser.notifications.onButtonClicked.addListener(notificationClicked);
browser.notifications.onClicked.addListener((id) => notificationClicked(id));

// The pages' requests: the host's through host-access.ts, *Refresh now* through a silent sign-in,
// *Sign in with …* through person-sign-in.ts.
const pageDeps: MessageDeps = {
  ...messageDeps,
  refreshProfile: (profile) => refreshNamed({ profiles: [profile] }, 'silent').then(([result]) => result!),
  oidcSignIn: answerOidcSignIn,
};
browser.runtime.onMessage.addListener((message: unknown, sender: browser.Runtime.MessageSender) => routeMessage(message, sender, pageDeps));

