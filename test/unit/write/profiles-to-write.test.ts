import { describe, expect, it } from 'vitest';
import type { Outcome } from '../../../extension/assume/assume-roles';
import { DEFAULT_PROFILE, profilesToWrite, withDefaultProfile } from '../../../extension/write/profiles-to-write';
import type { Obtained } from '../../../extension/assume/assume-roles';

const role = (accountId: string, roleName: string) => ({
  roleArn: `arn:aws:iam::${accountId}:role/${roleName}`,
  principalArn: `arn:aws:iam::${accountId}:saml-provider/Okta`,
  partition: 'aws' as const,
  accountId,
  roleName,
});
const admin = role('111122223333', 'Admin');
const dev = role('444455556666', 'Dev');
const credentials = (key: string) => ({ accessKeyId: key, secretAccessKey: 'secret', sessionToken: 'token', expiration: '2030-01-01T01:00:00Z' });
const obtained = (r: typeof admin, name: string, key: string, via?: typeof admin): Obtained => ({ role: r, name, result: { credentials: credentials(key) }, notes: [], ...(via ? { via } : {}) });

describe('[default]', () => {
  const outcomes: Outcome[] = [obtained(admin, 'a', 'KEY-A'), obtained(dev, 'd', 'KEY-D')];

  it('is the chosen role’s credentials once more, last, when the options ask for it', () => {
    const all = withDefaultProfile(outcomes, admin, { writeDefault: true });
    expect(all.map((outcome) => outcome.name)).toEqual(['a', 'd', DEFAULT_PROFILE]);
    expect(all[2]).toEqual({ ...outcomes[0], name: DEFAULT_PROFILE });
  });

  it('is not written when not asked, with no chosen role, or when the chosen role failed', () => {
    expect(withDefaultProfile(outcomes, admin, { writeDefault: false })).toEqual(outcomes);
    expect(withDefaultProfile(outcomes, undefined, { writeDefault: true })).toEqual(outcomes);
    const failed: Outcome[] = [{ role: admin, name: 'a', error: new Error('refused') }, outcomes[1]!];
    expect(withDefaultProfile(failed, admin, { writeDefault: true })).toEqual(failed);
  });

  it('never takes a chained role’s credentials, even for the same role ARN', () => {
    const chained: Outcome[] = [obtained(admin, 'chained-admin', 'KEY-C', dev)];
    expect(withDefaultProfile(chained, admin, { writeDefault: true })).toEqual(chained);
  });

  it('leaves alone a role whose own name is already default', () => {
    const named: Outcome[] = [obtained(dev, DEFAULT_PROFILE, 'KEY-D'), obtained(admin, 'a', 'KEY-A')];
    expect(withDefaultProfile(named, admin, { writeDefault: true })).toEqual(named);
  });
});

describe('profilesToWrite', () => {
  it('writes each obtained role’s credentials with the options’ region and output, and only those set', () => {
    const written = profilesToWrite([obtained(admin, 'a', 'KEY-A')], { region: 'eu-west-1', output: '' });
    expect(written).toEqual([{ name: 'a', ...credentials('KEY-A'), region: 'eu-west-1' }]);
    expect(profilesToWrite([obtained(admin, 'a', 'KEY-A')], { region: '', output: 'json' })).toEqual([{ name: 'a', ...credentials('KEY-A'), output: 'json' }]);
  });
});
