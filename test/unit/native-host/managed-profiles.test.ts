import { describe, expect, it } from 'vitest';
import { MANAGED_MARKER, upsertProfiles } from '../../../native-host/ini/edit';
import { readLayout } from '../../../native-host/ini/layout';
import { isExpired, listManagedProfiles, longLivedProfiles, removeProfiles } from '../../../native-host/ini/managed';

const creds = (name: string, expiration: string) => ({
  name,
  accessKeyId: 'ASIAEXAMPLEEXAMPLE01',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLETOKEN==',
  expiration,
});
const ORIGINAL = '# mine\n[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n';

describe('listManagedProfiles', () => {
  it('lists the marked sections with their expiry, and nothing else', () => {
    const text = upsertProfiles(ORIGINAL, [creds('old', '2020-01-01T00:00:00Z'), creds('new', '2099-01-01T00:00:00Z')]);
    expect(listManagedProfiles(`${text}\n[unmarked]\nx_security_token_expires = 2020-01-01T00:00:00Z\n`)).toEqual([
      { name: 'old', expiration: '2020-01-01T00:00:00Z' },
      { name: 'new', expiration: '2099-01-01T00:00:00Z' },
    ]);
  });

  it("takes a section an earlier version marked for stsbridge's, and keeps its marker when it writes it again", () => {
    const earlier = '[kept]\n# managed by stsbridge: refreshed on each console login\nx_security_token_expires = 2020-01-01T00:00:00Z\n';
    expect(listManagedProfiles(earlier)).toEqual([{ name: 'kept', expiration: '2020-01-01T00:00:00Z' }]);
    const rewritten = upsertProfiles(earlier, [creds('kept', '2099-01-01T00:00:00Z')]);
    expect(rewritten.split('# managed by stsbridge').length - 1).toBe(1);
    expect(rewritten).toContain('# managed by stsbridge: refreshed on each console login\n');
    expect(listManagedProfiles(rewritten)).toEqual([{ name: 'kept', expiration: '2099-01-01T00:00:00Z' }]);
    // New sections get today's words.
    expect(upsertProfiles('', [creds('fresh', '2099-01-01T00:00:00Z')])).toContain(`[fresh]\n${MANAGED_MARKER}\n`);
    expect(MANAGED_MARKER).toBe('# managed by stsbridge: refreshed by your sign-ins in the browser');
  });

  it('tells expired from valid', () => {
    const now = new Date('2030-01-01T00:00:00Z');
    expect(isExpired({ name: 'a', expiration: '2029-12-31T23:59:59Z' }, now)).toBe(true);
    expect(isExpired({ name: 'a', expiration: '2030-01-01T00:00:01Z' }, now)).toBe(false);
    expect(isExpired({ name: 'a' }, now)).toBe(false);
    expect(isExpired({ name: 'a', expiration: 'soon' }, now)).toBe(false);
  });
});

describe('removeProfiles', () => {
  it('restores the file it appended to, byte for byte', () => {
    const text = upsertProfiles(ORIGINAL, [creds('a', '2020-01-01T00:00:00Z'), creds('b', '2020-01-01T00:00:00Z')]);
    expect(removeProfiles(text, new Set(['a', 'b']))).toBe(ORIGINAL);
  });

  it('removes one section in the middle and keeps the blank line between its neighbours', () => {
    const text = upsertProfiles(ORIGINAL, [creds('a', '2020-01-01T00:00:00Z'), creds('b', '2099-01-01T00:00:00Z')]);
    const pruned = removeProfiles(text, new Set(['a']));
    expect(pruned).toBe(upsertProfiles(ORIGINAL, [creds('b', '2099-01-01T00:00:00Z')]));
  });

  it('keeps what a person added to a managed section, and its header', () => {
    const text = upsertProfiles(`${ORIGINAL}\n[a]\n# mine too\nregion = eu-west-1\n`, [creds('a', '2020-01-01T00:00:00Z')]);
    expect(removeProfiles(text, new Set(['a']))).toBe(`${ORIGINAL}\n[a]\n# mine too\nregion = eu-west-1\n`);
  });

  it('never touches a section without the marker, even when named', () => {
    const text = `${ORIGINAL}\n[a]\naws_access_key_id = AKIAOWNEDBYSOMEONE00\n`;
    expect(removeProfiles(text, new Set(['a', 'default']))).toBe(text);
  });

  it('keeps CRLF and a BOM', () => {
    const original = '\xEF\xBB\xBF[default]\r\nregion = x\r\n';
    const text = upsertProfiles(original, [creds('a', '2020-01-01T00:00:00Z')]);
    expect(text).toContain(`${MANAGED_MARKER}\r\n`);
    expect(removeProfiles(text, new Set(['a']))).toBe(original);
  });
});

describe('longLivedProfiles', () => {
  const text = [
    '[iam-user]',
    'aws_access_key_id = AKIAIOSFODNN7EXAMPLE',
    'aws_secret_access_key = s',
    '[temporary]',
    'aws_access_key_id = ASIAIOSFODNN7EXAMPLE',
    'aws_secret_access_key = s',
    'aws_security_token = t',
    '[ours]',
    MANAGED_MARKER,
    'aws_access_key_id = ASIAIOSFODNN7EXAMPLE',
    '[region-only]',
    'region = eu-west-1',
    '',
  ].join('\n');

  it('names only the asked-for sections holding keys without a session token or our marker', () => {
    const all = new Set(['iam-user', 'temporary', 'ours', 'region-only', 'absent']);
    expect(longLivedProfiles(readLayout(text), all)).toEqual(new Set(['iam-user']));
    expect(longLivedProfiles(readLayout(text), new Set(['temporary']))).toEqual(new Set());
  });
});
