// What goes to the host: one profile per role obtained, with the options' region and output for
// the config file, and `[default]` when the options ask for it. The `[default]` rule lives here
// and nowhere else: it is one more outcome, so it is written, kept and reported like any other.

import type { ProfileCredentials } from '../../native-host/protocol';
import type { RolePair } from '../aws/arns';
import { isObtained, type Obtained, type Outcome } from '../assume/assume-roles';
import type { Settings } from '../storage/settings';

/** The profile name the "also write [default]" option writes. */
export const DEFAULT_PROFILE = 'default';

/**
 * `outcomes`, plus the chosen role's credentials under `[default]` when the options ask for it,
 * the chosen role was obtained, and no role obtained is already named `default`.
 */
export function withDefaultProfile(outcomes: readonly Outcome[], chosen: RolePair | undefined, settings: Pick<Settings, 'writeDefault'>): Outcome[] {
  if (!settings.writeDefault || !chosen || outcomes.some((outcome) => isObtained(outcome) && outcome.name === DEFAULT_PROFILE)) return [...outcomes];
  const source = outcomes.find((outcome): outcome is Obtained => isObtained(outcome) && !outcome.via && outcome.role.roleArn === chosen.roleArn);
  return source ? [...outcomes, { ...source, name: DEFAULT_PROFILE }] : [...outcomes];
}

export function profilesToWrite(obtained: readonly Obtained[], settings: Pick<Settings, 'region' | 'output'>): ProfileCredentials[] {
  const extras = {
    ...(settings.region ? { region: settings.region } : {}),
    ...(settings.output ? { output: settings.output as ProfileCredentials['output'] } : {}),
  };
  return obtained.map(({ name, result }) => ({ name, ...result.credentials, ...extras }));
}
