// One login, start to end: decode the assertion, select the roles the options ask for, assume
// them (and the roles chained from them) while the host starts, write every profile in one
// request, and record what happened for the popup. Dependencies are passed in so the whole flow
// runs in unit tests without a browser.

import type { ProfileCredentials, WriteProfilesReply } from '../../native-host/protocol';
import { decodeAssertion, MAX_SESSION_DURATION, MIN_SESSION_DURATION, type Assertion } from '../saml/decode';
import { resolveStsEndpoint } from '../saml/endpoints';
import { parseRoleArn, type RoleRef, type RolePair } from '../saml/role-pairs';
import { checkValidity } from '../saml/validity';
import type { HostStatus } from '../shared/host-status';
import type { ProviderMemory } from '../shared/known-providers';
import { LoginError, toErrorData } from '../shared/login-error';
import type { LoginRecord, ProfileResult } from '../shared/login-record';
import { DEFAULT_SETTINGS, type Settings } from '../shared/settings';
import { CHAINED_MAX_SECONDS, FALLBACK_DURATION_SECONDS, type AssumeInput, type AssumeResult, type ChainInput } from './assume';
import type { SamlPost } from './capture';
import { assertWritable, expectReply, pingHost } from './host-check';
import type { HostConnection } from './host-port';
import { limitConcurrency } from './pool';
import { chainsFrom, nameProfiles, selectRoles, type Chain, type Named, type Selection } from './select-roles';

export interface LoginDeps {
  connectHost(): HostConnection;
  assume(input: AssumeInput): Promise<AssumeResult>;
  /** AssumeRole for a chained role, signed with a SAML role's session credentials. */
  assumeChained(input: ChainInput): Promise<AssumeResult>;
  record(record: LoginRecord): Promise<void>;
  /** Keeps what the last ping of the host said, for the popup. */
  reportHost(status: HostStatus): Promise<void>;
  /** Keeps credentials in memory (storage.session) for the popup's export lines. */
  keepCredentials(profiles: readonly ProfileCredentials[]): Promise<void>;
  settings(): Promise<Settings>;
  /** Account names remembered from AWS's role page, by account ID. */
  accountNames(): Promise<Readonly<Record<string, string>>>;
  /** Remembers the role ARNs an assertion offered, for the options page. */
  rememberRoles(roleArns: readonly string[]): Promise<void>;
  providers: ProviderMemory;
  now(): Date;
  newId(): string;
}

/** STS calls in flight at once for one login. */
export const STS_CONCURRENCY = 8;

/** The profile name the `[default]` option writes. */
const DEFAULT_PROFILE = 'default';

interface Obtained {
  readonly role: RoleRef;
  readonly name: string;
  readonly result: AssumeResult;
  /** For a chained role: the SAML role whose credentials assumed it. */
  readonly via?: RoleRef;
  readonly notes: readonly string[];
}

interface Failed {
  readonly role: RoleRef;
  readonly name: string;
  readonly error: unknown;
  readonly via?: RoleRef;
}

type Outcome = Obtained | Failed;

/** Runs one login. Never rejects: every failure ends as a `failed` record or result. */
export async function runLogin(post: SamlPost, deps: LoginDeps): Promise<LoginRecord> {
  const base = { id: deps.newId(), at: deps.now().toISOString(), signinUrl: post.url, results: [] };
  let record: LoginRecord = { ...base, state: 'working' };
  // Records are saved in order but never awaited on the way: storage is not on the critical path.
  let saved = Promise.resolve();
  const save = (next: LoginRecord) => {
    saved = saved.then(() => deps.record(next)).catch(() => undefined);
  };
  // Both are read while the assertion is decoded; an unreadable store means the defaults.
  const settingsRead = deps.settings().catch(() => DEFAULT_SETTINGS);
  const namesRead = deps.accountNames().catch(() => ({}));
  let host: HostConnection | undefined;
  let pinged: Promise<HostStatus> | undefined;
  // The ping travels while STS answers: whether the host is there, and new enough, is known by
  // the time the credentials are, at no cost to the login.
  const startHost = () => {
    host = deps.connectHost();
    pinged = pingHost(host, () => deps.now());
  };
  try {
    const assertion = decodeAssertion(post.samlResponse);
    if (assertion.issuer) record = { ...record, issuer: assertion.issuer };
    checkValidity(assertion, deps.now());
    // The host process (Node) can take longer to start than STS takes to answer: start it as
    // soon as this POST is sure to be assumed, while the settings are still being read.
    if (post.roleIndex !== undefined || assertion.roles.length === 1) startHost();
    if (assertion.roles.length > 0) void deps.rememberRoles(assertion.roles.map((role) => role.roleArn)).catch(() => undefined);
    const settings = await settingsRead;
    const selection = assertion.encrypted
      ? await selectEncrypted(post.roleIndex, settings, deps.providers)
      : selectRoles(assertion, post.roleIndex, settings);
    if (!selection) {
      // AWS shows its role-selection page, which posts the assertion again with `roleIndex`.
      record = { ...record, state: 'choose-role', roleCount: assertion.roles.length };
      save(record);
      await saved;
      return record;
    }
    // Account names are only waited for when a template uses them: the STS calls wait on this.
    const names = usesAccountName(settings) ? await namesRead : {};
    const chains = chainsFrom(selection.roles, settings.chains);
    // Named together, so a chained role cannot take a SAML role's profile or the other way round.
    const named = nameProfiles<RoleRef>([...selection.roles, ...chains.map((chain) => chain.target)], settings, names);
    const assumed = assumeAll(selection.roles, chains, named, { post, assertion, settings, deps });
    // A login of several roles at once is known only now: its host starts after the STS requests.
    if (!host) startHost();
    record = { ...record, roleCount: assertion.roles.length };
    save(record);
    const outcomes = await assumed;
    const obtained = outcomes.filter((outcome): outcome is Obtained => 'result' in outcome);
    const profiles = profilesToWrite(obtained, selection, settings);
    const assertionRemarks = assertionNotes(assertion);
    const resultFor = (outcome: Outcome, written: WriteProfilesReply | undefined): ProfileResult => {
      const { role, via } = outcome;
      const common = { roleArn: role.roleArn, accountId: role.accountId, roleName: role.roleName, partition: role.partition, ...(via ? { via: via.roleArn } : {}) };
      if ('error' in outcome) return { ...common, profile: outcome.name, state: 'failed', error: toErrorData(outcome.error), notes: [] };
      const { notes } = outcome;
      const expiration = outcome.result.credentials.expiration;
      if (!written) return { ...common, profile: outcome.name, state: 'unwritten', expiration, notes };
      if (written.refused.includes(outcome.name)) {
        return { ...common, profile: outcome.name, state: 'refused', expiration, error: longLivedError(outcome.name, written.file), notes };
      }
      return { ...common, profile: outcome.name, state: 'written', expiration, notes };
    };
    const withDefault = (results: ProfileResult[], written: WriteProfilesReply | undefined) => {
      const chosen = profiles.find((profile) => profile.name === DEFAULT_PROFILE);
      const source = chosen && obtained.find((outcome) => !outcome.via && outcome.role.roleArn === selection.chosen?.roleArn);
      return source ? [...results, resultFor({ ...source, name: DEFAULT_PROFILE }, written)] : results;
    };
    if (profiles.length === 0) {
      // Every role failed: the first failure is the login's error, each one is in the results.
      const failed = outcomes.filter((outcome): outcome is Failed => 'error' in outcome);
      record = { ...record, state: 'failed', results: outcomes.map((outcome) => resultFor(outcome, undefined)), error: toErrorData(failed[0]?.error), notes: assertionRemarks };
    } else {
      void deps.keepCredentials(profiles).catch(() => undefined);
      let written: WriteProfilesReply;
      try {
        const status = await pinged!;
        // The write goes out before the status is stored: storage is not on the critical path.
        const writing = status.state === 'ok' ? host!.request({ type: 'write-profiles', profiles }) : undefined;
        void deps.reportHost(status).catch(() => undefined);
        assertWritable(status);
        const reply = expectReply(await writing!, 'write-profiles');
        // A protocol-1 host has no `refused`; the ping refuses such hosts, this keeps the type honest.
        written = { ...reply, refused: Array.isArray(reply.refused) ? reply.refused : [] };
      } catch (error) {
        // The credentials are good even if no file could take them: the popup hands them over.
        const results = withDefault(outcomes.map((outcome) => resultFor(outcome, undefined)), undefined);
        record = { ...record, state: 'failed', results, error: toErrorData(error), notes: assertionRemarks };
        throw error;
      }
      if (!assertion.encrypted) {
        const worked = selection.roles.filter((role) => obtained.some((outcome) => !outcome.via && outcome.role.roleArn === role.roleArn));
        // The storage item runs these one at a time (serial-update.ts).
        for (const role of worked) void deps.providers.remember(role.partition, role.accountId, role.principalArn).catch(() => undefined);
      }
      const results = withDefault(outcomes.map((outcome) => resultFor(outcome, written)), written);
      const anyWritten = results.some((result) => result.state === 'written');
      record = {
        ...record,
        state: anyWritten ? 'done' : 'failed',
        results,
        file: written.file,
        notes: [...assertionRemarks, ...written.notes],
        ...(anyWritten ? {} : { error: results.find((result) => result.error)!.error! }),
      };
    }
  } catch (error) {
    if (record.state === 'working') record = { ...record, state: 'failed', error: toErrorData(error) };
  } finally {
    host?.close();
  }
  save(record);
  await saved;
  return record;
}

function usesAccountName(settings: Settings): boolean {
  return [settings.profileTemplate, ...Object.values(settings.roleTemplates)].some((template) => template.includes('{account_name}'));
}

interface AssumeContext {
  readonly post: SamlPost;
  readonly assertion: Assertion;
  readonly settings: Settings;
  readonly deps: LoginDeps;
}

/**
 * Assumes each selected role, and each role chained from it as soon as its credentials are in,
 * all through one pool; never rejects. `named` holds the SAML roles' names, then the chains'.
 */
async function assumeAll(roles: readonly RolePair[], chains: readonly Chain[], named: readonly Named<RoleRef>[], context: AssumeContext): Promise<Outcome[]> {
  const { post, assertion, settings, deps } = context;
  const durationSeconds = settings.sessionDuration ?? assertion.sessionDuration;
  const sessionName = chainSessionName(assertion);
  const pool = limitConcurrency(STS_CONCURRENCY);
  const nameOf = (entry: Named<RoleRef>) => ('name' in entry ? entry.name : entry.role.roleArn);

  const assumeSaml = async (role: RolePair, entry: Named<RoleRef>): Promise<Outcome> => {
    const name = nameOf(entry);
    if ('error' in entry) return { role, name, error: entry.error };
    try {
      const result = await pool(() =>
        deps.assume({
          role,
          samlAssertion: post.samlResponse,
          endpoint: resolveStsEndpoint(post.signin, role.partition),
          ...(durationSeconds === undefined ? {} : { durationSeconds }),
        }),
      );
      return { role, name, result, notes: result.shortenedFrom === undefined ? [] : [shortenedNote(result.shortenedFrom)] };
    } catch (error) {
      return { role, name, error };
    }
  };

  const assumeChain = async (chain: Chain, entry: Named<RoleRef>, source: Outcome): Promise<Outcome> => {
    const { target: role, source: via } = chain;
    const name = nameOf(entry);
    if ('error' in entry) return { role, name, via, error: entry.error };
    if ('error' in source) {
      const error = new LoginError('chain-source-failed', `Not assumed: it is chained from ${via.roleName} in ${via.accountId}, which failed (see that profile).`);
      return { role, name, via, error };
    }
    // The chain's limit is AWS's; ask for what it allows rather than be refused for more.
    const asked = durationSeconds ?? FALLBACK_DURATION_SECONDS;
    try {
      const result = await pool(() =>
        deps.assumeChained({
          role,
          credentials: source.result.credentials,
          endpoint: resolveStsEndpoint(post.signin, role.partition),
          durationSeconds: Math.min(asked, CHAINED_MAX_SECONDS),
          sessionName,
          ...(chain.externalId === undefined ? {} : { externalId: chain.externalId }),
        }),
      );
      return { role, name, via, result, notes: asked > CHAINED_MAX_SECONDS ? [chainedNote(asked, via)] : [] };
    } catch (error) {
      return { role, name, via, error };
    }
  };

  const perRole = roles.map(async (role, index) => {
    const own = await assumeSaml(role, named[index]!);
    const chained = chains.flatMap((chain, offset) => (chain.source === role ? [assumeChain(chain, named[roles.length + offset]!, own)] : []));
    return [own, ...(await Promise.all(chained))];
  });
  return (await Promise.all(perRole)).flat();
}

/**
 * AssumeRole needs a session name; the assertion's RoleSessionName (the person, usually an email
 * address) keeps CloudTrail showing who it was. One STS would refuse falls back to `stsbridge`.
 */
function chainSessionName(assertion: Assertion): string {
  const name = assertion.roleSessionName;
  return name !== undefined && /^[\w+=,.@-]{2,64}$/.test(name) ? name : 'stsbridge';
}

/** What goes to the host: each role's credentials, the config values, and `[default]` if asked. */
function profilesToWrite(obtained: readonly Obtained[], selection: Selection, settings: Settings): ProfileCredentials[] {
  const extras = {
    ...(settings.region ? { region: settings.region } : {}),
    ...(settings.output ? { output: settings.output as ProfileCredentials['output'] } : {}),
  };
  const profiles: ProfileCredentials[] = obtained.map(({ name, result }) => ({ name, ...result.credentials, ...extras }));
  const chosen = selection.chosen && obtained.find((outcome) => !outcome.via && outcome.role.roleArn === selection.chosen!.roleArn);
  if (settings.writeDefault && chosen && !profiles.some((profile) => profile.name === DEFAULT_PROFILE)) {
    profiles.push({ name: DEFAULT_PROFILE, ...chosen.result.credentials, ...extras });
  }
  return profiles;
}

/**
 * An encrypted assertion's role is the one chosen on AWS's role page; its provider is the one in
 * the options for that account, or the one remembered from an earlier, readable login to it.
 */
async function selectEncrypted(roleIndex: string | undefined, settings: Settings, providers: ProviderMemory): Promise<Selection> {
  const role = roleIndex === undefined ? undefined : parseRoleArn(roleIndex);
  if (!role) {
    throw new LoginError(
      'encrypted-assertion',
      'This SAML assertion is encrypted (IAM SAML encryption is on), so stsbridge cannot read its roles. If AWS shows its role page, choose a role there and stsbridge will get its credentials.',
    );
  }
  const configured = settings.samlProviders.find((arn) => arn.startsWith(`arn:${role.partition}:iam::${role.accountId}:saml-provider/`));
  const principalArn = configured ?? (await providers.lookup(role.partition, role.accountId));
  if (!principalArn) {
    throw new LoginError(
      'encrypted-assertion',
      `This SAML assertion is encrypted, and stsbridge does not know the SAML provider of account ${role.accountId}. Add its provider ARN in stsbridge's options, or log in once with an unencrypted assertion.`,
    );
  }
  const chosen = { ...role, principalArn };
  return { roles: [chosen], chosen };
}

/** Things the assertion said that a person may want to fix at the identity provider. */
function assertionNotes(assertion: Assertion): string[] {
  const notes: string[] = [];
  if (assertion.invalidSessionDuration !== undefined) {
    notes.push(
      `The assertion asks for a session of "${assertion.invalidSessionDuration}" seconds, outside AWS's ${MIN_SESSION_DURATION}–${MAX_SESSION_DURATION}; STS's default of 1 hour was used.`,
    );
  }
  const skipped = assertion.invalidRoleValues;
  if (skipped.length > 0) {
    notes.push(`The assertion also holds ${skipped.length} Role value${skipped.length === 1 ? '' : 's'} that ${skipped.length === 1 ? 'is' : 'are'} not a role/provider ARN pair (first: "${skipped[0]!.slice(0, 120)}"); skipped.`);
  }
  return notes;
}

function shortenedNote(askedSeconds: number): string {
  return `Your identity provider asked for ${hours(askedSeconds)}, more than this role allows; the credentials last 1 hour. Raise the role's maximum session duration in IAM to get longer sessions.`;
}

function chainedNote(askedSeconds: number, via: RoleRef): string {
  return `Chained from ${via.roleName} in ${via.accountId}: AWS limits a chained role's session to 1 hour, so these credentials last 1 hour, not the ${hours(askedSeconds)} asked. Log in again to refresh them.`;
}

function longLivedError(profile: string, file: string): LoginError {
  return new LoginError(
    'long-lived-keys',
    `[${profile}] in ${file} holds long-lived access keys, which stsbridge never replaces. Choose another profile name in stsbridge's options, or move those keys.`,
  );
}

function hours(seconds: number): string {
  const value = seconds / 3600;
  return `${Number.isInteger(value) ? value : value.toFixed(1)} hours`;
}
