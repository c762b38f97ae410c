// The end every login shares, SAML or OpenID Connect: what was obtained goes to the host in one
// request, the popup's copy of the keys is kept once the host has answered, and the outcome
// becomes the record's last change. When every role failed, nothing is written and the first
// failure is the login's error; when the host cannot write, the keys are still kept, so the popup
// can hand them over.

import type { ProfileCredentials, WriteProfilesReply, WriteProfilesRequest } from '../../native-host/protocol';
import { isObtained, type Failed, type Outcome } from '../assume/assume-roles';
import { toErrorData } from '../errors';
import type { Settings } from '../storage/settings';
import type { HostSession } from '../write/host-session';
import { profilesToWrite } from '../write/profiles-to-write';
import { resultOf } from '../write/results';
import type { RecordChange } from './login-journal';

export interface WriteStep {
  readonly host: HostSession;
  readonly settings: Pick<Settings, 'region' | 'output'>;
  readonly source: NonNullable<WriteProfilesRequest['source']>;
  readonly keepCredentials: (profiles: readonly ProfileCredentials[]) => Promise<void>;
  /** Remarks about the login as a whole (the assertion's, say). */
  readonly notes: readonly string[];
}

/** The record's last change, and whether the host wrote the profiles. */
export async function writeOutcomes(outcomes: readonly Outcome[], step: WriteStep): Promise<{ readonly change: RecordChange; readonly written: boolean }> {
  const { notes } = step;
  const obtained = outcomes.filter(isObtained);
  if (obtained.length === 0) {
    const firstFailure = outcomes.find((outcome): outcome is Failed => !isObtained(outcome));
    return { change: { state: 'failed', results: outcomes.map((outcome) => resultOf(outcome)), error: toErrorData(firstFailure?.error), notes }, written: false };
  }
  const profiles = profilesToWrite(obtained, step.settings);
  const outcome = await step.host.write(profiles, step.source);
  // The popup's copy of the credentials, kept whether the host wrote them or not. Only now: a
  // storage write while the host writes the file has the browser busy with it too.
  await step.keepCredentials(profiles).catch(() => undefined);
  if ('error' in outcome) {
    return { change: { state: 'failed', results: outcomes.map((each) => resultOf(each)), error: toErrorData(outcome.error), notes }, written: false };
  }
  return { change: recordWritten(outcomes, outcome.reply, notes), written: true };
}

function recordWritten(outcomes: readonly Outcome[], reply: WriteProfilesReply, notes: readonly string[]): RecordChange {
  const results = outcomes.map((outcome) => resultOf(outcome, reply));
  const problem = results.find((result) => result.state !== 'written' && result.error)?.error;
  const anyWritten = results.some((result) => result.state === 'written');
  return { state: anyWritten ? 'done' : 'failed', results, file: reply.file, notes: [...notes, ...reply.notes], ...(anyWritten || !problem ? {} : { error: problem }) };
}
