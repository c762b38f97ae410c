// Things an assertion said that a person may want to fix at the identity provider, though the
// login went on without them. Shown with the login in the popup.

import { MAX_SESSION_DURATION, MIN_SESSION_DURATION } from '../aws/session-duration';
import type { Assertion } from './decode-assertion';

export function assertionNotes(assertion: Pick<Assertion, 'invalidSessionDuration' | 'invalidRoleValues'>): string[] {
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
