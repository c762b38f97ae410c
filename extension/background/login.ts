// One login, start to end: decode the assertion, pick the role, assume it while the host starts,
// write the profile, and record what happened for the popup. Dependencies are passed in so the
// whole flow runs in unit tests without a browser.

import type { ProfileCredentials, HostReply } from '../../native-host/protocol';
import { defaultProfileName } from '../../native-host/profile-name';
import { decodeAssertion, MAX_SESSION_DURATION, MIN_SESSION_DURATION, type Assertion } from '../saml/decode';
import { resolveStsEndpoint } from '../saml/endpoints';
import { parseRoleArn, type RolePair } from '../saml/role-pairs';
import { checkValidity } from '../saml/validity';
import type { HostStatus } from '../shared/host-status';
import type { ProviderMemory } from '../shared/known-providers';
import type { UnwrittenCredentials } from '../shared/unwritten-credentials';
import { LoginError, toErrorData } from '../shared/login-error';
import type { LoginRecord, ProfileResult } from '../shared/login-record';
import type { AssumeInput, AssumeResult } from './assume';
import type { SamlPost } from './capture';
import { assertWritable, pingHost } from './host-check';
import type { HostConnection } from './host-port';

export interface LoginDeps {
  connectHost(): HostConnection;
  assume(input: AssumeInput): Promise<AssumeResult>;
  record(record: LoginRecord): Promise<void>;
  /** Keeps what the last ping of the host said, for the popup. */
  reportHost(status: HostStatus): Promise<void>;
  /** Keeps credentials that could not be written (memory only), or forgets them. */
  keepUnwritten(value: UnwrittenCredentials | undefined): Promise<void>;
  providers: ProviderMemory;
  now(): Date;
  newId(): string;
}

/** Runs one login. Never rejects: every failure ends as a `failed` record. */
export async function runLogin(post: SamlPost, deps: LoginDeps): Promise<LoginRecord> {
  const base = { id: deps.newId(), at: deps.now().toISOString(), signinUrl: post.url, results: [] };
  let record: LoginRecord = { ...base, state: 'working' };
  // Records are saved in order but never awaited on the way: storage is not on the critical path.
  let saved = Promise.resolve();
  const save = (next: LoginRecord) => {
    saved = saved.then(() => deps.record(next)).catch(() => undefined);
  };
  let host: HostConnection | undefined;
  try {
    const assertion = decodeAssertion(post.samlResponse);
    checkValidity(assertion, deps.now());
    const role = assertion.encrypted
      ? await roleOfEncrypted(post.roleIndex, deps.providers)
      : chooseRole(assertion, post.roleIndex);
    if (!role) {
      // AWS shows its role-selection page, which posts the assertion again with `roleIndex`.
      record = { ...record, state: 'choose-role', roleCount: assertion.roles.length };
      save(record);
      await saved;
      return record;
    }
    // The critical path, in order: the STS request goes out first; the host process starts while
    // STS answers (Node needs 30-80 ms, STS a round trip); the popup learns of it last.
    const assumed = deps.assume({
      role,
      samlAssertion: post.samlResponse,
      endpoint: resolveStsEndpoint(post.signin, role.partition),
      ...(assertion.sessionDuration === undefined ? {} : { durationSeconds: assertion.sessionDuration }),
    });
    void assumed.catch(() => undefined); // handled below; this only keeps it from counting as unhandled meanwhile
    host = deps.connectHost();
    // The ping travels while STS answers: whether the host is there, and new enough, is known
    // by the time the credentials are, at no cost to the login.
    const pinged = pingHost(host, () => deps.now());
    save(record);
    const { credentials, shortenedFrom } = await assumed;
    const profile: ProfileCredentials = { name: defaultProfileName(role.accountId, role.roleName), ...credentials };
    let written: { file: string; notes: readonly string[] };
    try {
      const status = await pinged;
      // The write goes out before the status is stored: storage is not on the critical path.
      const writing = status.state === 'ok' ? host.request({ type: 'write-profiles', profiles: [profile] }) : undefined;
      void deps.reportHost(status).catch(() => undefined);
      assertWritable(status);
      written = expectWritten(await writing!);
    } catch (error) {
      // The credentials are good even if no file could take them: the popup hands them over.
      await deps.keepUnwritten({ loginId: record.id, profile }).catch(() => undefined);
      throw error;
    }
    void deps.keepUnwritten(undefined).catch(() => undefined);
    if (!assertion.encrypted) void deps.providers.remember(role.partition, role.accountId, role.principalArn).catch(() => undefined);
    const notes = [...assertionNotes(assertion), ...written.notes];
    if (shortenedFrom !== undefined) {
      notes.unshift(
        `Your identity provider asked for ${hours(shortenedFrom)}, more than this role allows; the credentials last 1 hour. Raise the role's maximum session duration in IAM to get longer sessions.`,
      );
    }
    const result: ProfileResult = {
      profile: profile.name,
      roleArn: role.roleArn,
      accountId: role.accountId,
      roleName: role.roleName,
      expiration: credentials.expiration,
      notes,
    };
    record = { ...record, state: 'done', roleCount: assertion.roles.length, results: [result], file: written.file };
  } catch (error) {
    record = { ...record, state: 'failed', error: toErrorData(error) };
  } finally {
    host?.close();
  }
  save(record);
  await saved;
  return record;
}

/** The role to assume: the one chosen on AWS's role page, or the only one. */
export function chooseRole(assertion: Assertion, roleIndex: string | undefined): RolePair | undefined {
  if (roleIndex !== undefined) {
    const chosen = assertion.roles.find((role) => role.roleArn === roleIndex);
    if (!chosen) {
      throw new LoginError('role-not-in-assertion', `The role chosen on the AWS page (${roleIndex}) is not one the assertion offers.`);
    }
    return chosen;
  }
  return assertion.roles.length === 1 ? assertion.roles[0] : undefined;
}

/**
 * An encrypted assertion's role is the one chosen on AWS's role page; its provider is the one
 * remembered from an earlier, readable login to the same account.
 */
async function roleOfEncrypted(roleIndex: string | undefined, providers: ProviderMemory): Promise<RolePair> {
  const role = roleIndex === undefined ? undefined : parseRoleArn(roleIndex);
  if (!role) {
    throw new LoginError(
      'encrypted-assertion',
      'This SAML assertion is encrypted (IAM SAML encryption is on), so stsbridge cannot read its roles. If AWS shows its role page, choose a role there and stsbridge will get its credentials.',
    );
  }
  const principalArn = await providers.lookup(role.partition, role.accountId);
  if (!principalArn) {
    throw new LoginError(
      'encrypted-assertion',
      `This SAML assertion is encrypted, and stsbridge does not know the SAML provider of account ${role.accountId} yet. It learns it from one login to that account with an unencrypted assertion.`,
    );
  }
  return { ...role, principalArn };
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

function expectWritten(reply: HostReply): { file: string; notes: readonly string[] } {
  if (!reply.ok) throw new LoginError('write-failed', reply.message);
  if (reply.type !== 'write-profiles') throw new LoginError('host-failed', 'The native host answered a different request.');
  return reply;
}

function hours(seconds: number): string {
  const value = seconds / 3600;
  return `${Number.isInteger(value) ? value : value.toFixed(1)} hours`;
}
