// One login, start to end: decode the assertion, pick the role, assume it while the host starts,
// write the profile, and record what happened for the popup. Dependencies are passed in so the
// whole flow runs in unit tests without a browser.

import type { ProfileCredentials, HostReply } from '../../native-host/protocol';
import { defaultProfileName } from '../../native-host/profile-name';
import { decodeAssertion, type Assertion } from '../saml/decode';
import { resolveStsEndpoint } from '../saml/endpoints';
import type { RolePair } from '../saml/role-pairs';
import { LoginError, toErrorData } from '../shared/login-error';
import type { LoginRecord, ProfileResult } from '../shared/login-record';
import type { AssumeInput, AssumeResult } from './assume';
import type { SamlPost } from './capture';
import type { HostConnection } from './host-port';

export interface LoginDeps {
  connectHost(): HostConnection;
  assume(input: AssumeInput): Promise<AssumeResult>;
  record(record: LoginRecord): Promise<void>;
  now(): Date;
  newId(): string;
}

/** AWS's limits for SessionDuration; a value outside them is ignored (STS would refuse it). */
const MIN_DURATION = 900;
const MAX_DURATION = 43_200;

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
    const role = chooseRole(assertion, post.roleIndex);
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
      ...durationOf(assertion),
    });
    void assumed.catch(() => undefined); // handled below; this only keeps it from counting as unhandled meanwhile
    host = deps.connectHost();
    save(record);
    const { credentials, shortenedFrom } = await assumed;
    const profile: ProfileCredentials = { name: defaultProfileName(role.accountId, role.roleName), ...credentials };
    const reply = await host.request({ type: 'write-profiles', profiles: [profile] });
    const written = expectWritten(reply);
    const notes = [...written.notes];
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

function durationOf(assertion: Assertion): { durationSeconds?: number } {
  const duration = assertion.sessionDuration;
  return duration !== undefined && duration >= MIN_DURATION && duration <= MAX_DURATION ? { durationSeconds: duration } : {};
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
