// One login, in the order it happens. capture/ gave the POST; here it is decoded, its roles are
// selected and named, assumed (while the host starts), written in one request, and recorded for
// the popup. Each step is a function of its own folder; this file only puts them in order.
// Dependencies are passed in, so the whole flow runs in unit tests without a browser.

import { IDP_PATTERN, type ProfileCredentials } from '../../native-host/protocol';
import { assumeRoles, isObtained, type Obtained, type StsCalls } from '../assume/assume-roles';
import { chainsFrom, chainSessionName } from '../assume/chains';
import { nameProfiles, usesAccountName } from '../assume/name-profiles';
import { selectEncrypted, selectRoles, selectWanted, type Selection } from '../assume/select-roles';
import type { RoleRef } from '../aws/arns';
import type { SamlPost } from '../capture/saml-post';
import { assertionNotes } from '../decode/assertion-notes';
import { decodeAssertion } from '../decode/decode-assertion';
import { checkValidity } from '../decode/validity';
import { toErrorData } from '../errors';
import type { HostStatus } from '../storage/host-status';
import type { LoginRecord, LoginSource } from '../storage/login-record';
import type { ProviderMemory } from '../storage/remember';
import { DEFAULT_SETTINGS, type Settings } from '../storage/settings';
import type { HostLease } from '../write/host-lease';
import { hostSession, type HostSession } from '../write/host-session';
import { withDefaultProfile } from '../write/profiles-to-write';
import { nextTask } from '../next-task';
import { loginJournal, type LoginJournal, type RecordChange } from './login-journal';
import { writeOutcomes } from './write-outcomes';

/** What a login reads from, and leaves behind in, the extension's storage. */
export interface LoginStore {
  /** The settings, with the organisation's policy as the browser says it is now. */
  settings(): Promise<Settings>;
  /**
   * The settings without waiting for the browser's policy service (seconds after it starts):
   * over the policy last seen until the live one is known. The STS requests go out with these;
   * `settings()` has the last word before anything is written.
   */
  settingsSoon(): Promise<Settings>;
  /** Account names remembered from AWS's role page, by account ID, and the policy's. */
  accountNames(): Promise<Readonly<Record<string, string>>>;
  /** The same without waiting for the policy, as `settingsSoon`. */
  accountNamesSoon(): Promise<Readonly<Record<string, string>>>;
  /** Remembers the role ARNs an assertion offered, for the options page. */
  rememberRoles(roleArns: readonly string[]): Promise<void>;
  readonly providers: ProviderMemory;
  /** Keeps credentials in memory (storage.session) for the popup's export lines. */
  keepCredentials(profiles: readonly ProfileCredentials[]): Promise<void>;
  readonly record: (record: LoginRecord) => Promise<void>;
  /** Keeps what the last ping of the host said, for the popup. */
  readonly reportHost: (status: HostStatus) => Promise<void>;
}

export interface LoginDeps {
  readonly store: LoginStore;
  readonly sts: StsCalls;
  /** The host for this login: the resident one's lease, or a fresh host's. */
  readonly host: () => HostLease;
  readonly now: () => Date;
  readonly newId: () => string;
}

/** What a refresh asks of the login it started; nothing, for a login a person made. */
export interface LoginRequest {
  /** The role ARNs to assume, whatever the options' refresh mode says. */
  readonly wanted?: readonly string[];
  /** Who asked for it; a console login when absent. */
  readonly how?: LoginSource;
}

/** Runs one login. Never rejects: every failure ends as a `failed` record or result. */
export async function runLogin(post: SamlPost, deps: LoginDeps, request: LoginRequest = {}): Promise<LoginRecord> {
  const first: LoginRecord = { id: deps.newId(), at: deps.now().toISOString(), signinUrl: post.url, how: request.how ?? 'console', state: 'working', results: [] };
  const journal = loginJournal(first, deps.store.record);
  const host = hostSession({ acquire: deps.host, report: deps.store.reportHost });
  try {
    journal.put(await login(post, deps, journal, host, request));
  } catch (error) {
    // A step refused the whole login: an unreadable assertion, a role it does not offer...
    journal.put({ state: 'failed', error: toErrorData(error) });
  } finally {
    host.close();
  }
  return journal.saved();
}

async function login(post: SamlPost, deps: LoginDeps, journal: LoginJournal, host: HostSession, request: LoginRequest): Promise<RecordChange> {
  const { store } = deps;
  // Read while the assertion is decoded; an unreadable store means the defaults. The settings
  // come twice: as they are now (over the policy this browser last saw, when the browser's
  // policy service is not up yet), which the STS requests go out with at once, and as the
  // organisation's live policy makes them, which decide before anything is written.
  const settingsRead = store.settings().catch(() => DEFAULT_SETTINGS);
  const soonRead = store.settingsSoon().catch(() => settingsRead);

  // Decode.
  const assertion = decodeAssertion(post.samlResponse);
  if (assertion.issuer) journal.note({ issuer: assertion.issuer });
  checkValidity(assertion, deps.now());

  // Select, name and assume, with the settings now.
  const early = await soonRead;
  let planned = await plan(post, assertion, early, request, deps, () => store.accountNamesSoon());
  // Remembered for the options page, off the critical path: after the STS calls are made, or now
  // when this POST stops at AWS's role page.
  const rememberRoles = () => void store.rememberRoles(assertion.roles.map((role) => role.roleArn)).catch(() => undefined);
  if (planned) {
    // The STS requests go out first (next-task.ts); then the host is pinged, or started (node
    // starts within STS's round trip), and the record and the roles are saved.
    await nextTask();
    host.start();
    journal.put({ roleCount: assertion.roles.length });
    if (assertion.roles.length > 0) rememberRoles();
  }
  // The organisation's word before anything is kept: when its live policy differs from the one
  // the requests went out with (it changed since this browser last read it, or this is the first
  // read ever), selection, names and STS requests are made again with it.
  const settings = await settingsRead;
  if (!planned || !sameSettings(early, settings) || (await namesChanged(planned, settings, store))) {
    // The first requests' answers are not used (assumeRoles never rejects: each failure is an outcome).
    const first = planned;
    planned = await plan(post, assertion, settings, request, deps, () => store.accountNames());
    if (planned && !first) {
      host.start();
      journal.put({ roleCount: assertion.roles.length });
      if (assertion.roles.length > 0) rememberRoles();
    }
  }
  // AWS shows its role-selection page, which posts the assertion again with `roleIndex`.
  if (!planned) {
    rememberRoles();
    return { state: 'choose-role', roleCount: assertion.roles.length };
  }
  const { selection, assuming } = planned;
  const outcomes = withDefaultProfile(await assuming, selection.chosen, settings);

  // Write.
  const source = { how: request.how ?? 'console', ...(assertion.issuer && IDP_PATTERN.test(assertion.issuer) ? { idp: assertion.issuer } : {}) } as const;
  const { change, written } = await writeOutcomes(outcomes, { host, settings, source, keepCredentials: (profiles) => store.keepCredentials(profiles), notes: assertionNotes(assertion) });
  if (written && !assertion.encrypted) rememberProviders(selection, outcomes.filter(isObtained), store.providers);
  return change;
}

interface Planned {
  readonly selection: Selection;
  /** The account names the profile names were made with, when the template uses them. */
  readonly names: Readonly<Record<string, string>> | undefined;
  readonly assuming: Promise<readonly Outcome[]>;
}

type Outcome = Awaited<ReturnType<typeof assumeRoles>>[number];

/** Selects, names and starts assuming the roles with `settings`; undefined when AWS's role page must choose. */
async function plan(
  post: SamlPost,
  assertion: ReturnType<typeof decodeAssertion>,
  settings: Settings,
  request: LoginRequest,
  { store, sts }: LoginDeps,
  accountNames: () => Promise<Readonly<Record<string, string>>>,
): Promise<Planned | undefined> {
  // An encrypted assertion hides its roles: the one a refresh wants, or the one chosen on AWS's page.
  const selection = assertion.encrypted
    ? await selectEncrypted(request.wanted?.[0] ?? post.roleIndex, settings, store.providers)
    : request.wanted
      ? selectWanted(assertion, request.wanted)
      : selectRoles(assertion, post.roleIndex, settings);
  if (!selection) return undefined;
  // Account names are waited for only when a template uses them: the STS calls wait on this.
  const names = usesAccountName(settings) ? await accountNames().catch(() => ({})) : undefined;
  const chains = chainsFrom(selection.roles, settings.chains);
  // Named together, so a chained role cannot take a SAML role's profile or the other way round.
  const named = nameProfiles<RoleRef>([...selection.roles, ...chains.map((chain) => chain.target)], settings, names ?? {});
  const durationSeconds = settings.sessionDuration ?? assertion.sessionDuration;
  const stsRequest = { samlResponse: post.samlResponse, signin: post.signin, sessionName: chainSessionName(assertion), ...(durationSeconds === undefined ? {} : { durationSeconds }) };
  return { selection, names, assuming: assumeRoles(selection.roles, chains, named, stsRequest, sts) };
}

function sameSettings(a: Settings, b: Settings): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Whether the names the profiles were made with are not the ones the live policy gives. */
async function namesChanged(planned: Planned, settings: Settings, store: LoginStore): Promise<boolean> {
  if (!usesAccountName(settings)) return false;
  const live = await store.accountNames().catch(() => ({}));
  return JSON.stringify(planned.names ?? {}) !== JSON.stringify(live);
}

/** The SAML provider of each role that worked, for later encrypted assertions to the same account. */
function rememberProviders(selection: Selection, obtained: readonly Obtained[], providers: ProviderMemory): void {
  const worked = selection.roles.filter((role) => obtained.some((outcome) => !outcome.via && outcome.role.roleArn === role.roleArn));
  // The storage item runs these one at a time (serial-update.ts).
  for (const role of worked) void providers.remember(role.partition, role.accountId, role.principalArn).catch(() => undefined);
}
