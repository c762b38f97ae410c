import { parse } from 'ini';
import { describe, expect, it } from 'vitest';
import { MANAGED_MARKER, upsertProfiles } from '../../../native-host/ini/edit';
import type { ProfileCredentials } from '../../../native-host/protocol';

const fresh: ProfileCredentials = {
  name: '123456789012-Admin',
  accessKeyId: 'ASIANEWNEWNEWNEWNEW1',
  secretAccessKey: 'new/secret+key=NEWSECRETNEWSECRET000001',
  sessionToken: 'IQoJb3JpZ2luX2VjNEWTOKEN==',
  expiration: '2030-01-01T01:00:00Z',
};

const block = (eol = '\n') =>
  [
    `[${fresh.name}]`,
    MANAGED_MARKER,
    `aws_access_key_id = ${fresh.accessKeyId}`,
    `aws_secret_access_key = ${fresh.secretAccessKey}`,
    `aws_session_token = ${fresh.sessionToken}`,
    `x_security_token_expires = ${fresh.expiration}`,
  ].join(eol) + eol;

describe('upsertProfiles', () => {
  it('creates the file content from nothing', () => {
    expect(upsertProfiles('', [fresh])).toBe(block());
  });

  it('appends a new profile after everything else, byte for byte', () => {
    const original = '# work account\n[default]\naws_access_key_id = AKIAEXAMPLE\n; keep me\nregion=eu-west-1\n';
    expect(upsertProfiles(original, [fresh])).toBe(`${original}\n${block()}`);
  });

  it('keeps CRLF line endings and a BOM', () => {
    const original = '\xEF\xBB\xBF[default]\r\naws_access_key_id = AKIAEXAMPLE\r\n';
    expect(upsertProfiles(original, [fresh])).toBe(`${original}\r\n${block('\r\n')}`);
  });

  it('adds a newline before appending to a file without a trailing one', () => {
    const original = '[default]\nregion = us-east-1';
    expect(upsertProfiles(original, [fresh])).toBe(`${original}\n\n${block()}`);
  });

  it('replaces only its own keys in a managed section and keeps a person\'s', () => {
    const original = [
      '[other]',
      'aws_access_key_id = AKIAOTHER',
      '',
      `[${fresh.name}]`,
      '# added by hand',
      'region = eu-central-1',
      'aws_access_key_id=ASIAOLD',
      'aws_secret_access_key   :   oldsecret',
      'aws_session_token = oldtoken',
      'x_security_token_expires = 2020-01-01T00:00:00Z',
      'output = json',
      '',
      '[after]',
      'region = us-west-2',
      '',
    ].join('\n');
    const updated = upsertProfiles(original, [fresh]);
    expect(updated).toBe(
      [
        '[other]',
        'aws_access_key_id = AKIAOTHER',
        '',
        `[${fresh.name}]`,
        MANAGED_MARKER,
        '# added by hand',
        'region = eu-central-1',
        `aws_access_key_id = ${fresh.accessKeyId}`,
        `aws_secret_access_key = ${fresh.secretAccessKey}`,
        `aws_session_token = ${fresh.sessionToken}`,
        `x_security_token_expires = ${fresh.expiration}`,
        'output = json',
        '',
        '[after]',
        'region = us-west-2',
        '',
      ].join('\n'),
    );
  });

  it('adds missing keys after the last option of the section, before trailing blank lines', () => {
    const original = `[${fresh.name}]\nregion = eu-west-1\n\n# about the next one\n[next]\nregion = us-east-1\n`;
    const updated = upsertProfiles(original, [fresh]);
    expect(updated).toBe(
      `[${fresh.name}]\n${MANAGED_MARKER}\nregion = eu-west-1\n${block().split('\n').slice(2).join('\n')}\n# about the next one\n[next]\nregion = us-east-1\n`,
    );
  });

  it('drops a multi-line value of its own key but keeps comments among it', () => {
    const original = `[${fresh.name}]\naws_session_token = part1\n  part2\n# note\n  part3\nregion = x\n`;
    const updated = upsertProfiles(original, [fresh]);
    expect(updated).toContain(`aws_session_token = ${fresh.sessionToken}\n# note\nregion = x\n`);
    expect(updated).not.toContain('part');
  });

  it('marks a section it takes over once, and keeps the mark on every refresh', () => {
    const once = upsertProfiles(`[${fresh.name}]\naws_access_key_id = OLD`, [fresh]);
    expect(once).toBe(`[${fresh.name}]\n${MANAGED_MARKER}\n${block().split('\n').slice(2).join('\n').trimEnd()}`);
    const twice = upsertProfiles(once, [{ ...fresh, accessKeyId: 'ASIASECONDSECONDSEC2' }]);
    expect(twice.split(MANAGED_MARKER)).toHaveLength(2);
    expect(twice).toContain('aws_access_key_id = ASIASECONDSECONDSEC2');
  });

  it('treats an indented line after an option as its continuation, as configparser does', () => {
    const original = `[${fresh.name}]\nregion = eu-west-1\n  aws_access_key_id = looks-like-a-key\n`;
    const updated = upsertProfiles(original, [fresh]);
    expect(updated).toContain('region = eu-west-1\n  aws_access_key_id = looks-like-a-key\naws_access_key_id = ASIA');
  });

  it('drops a repeated line of its own key, which would contradict the first', () => {
    const original = `[${fresh.name}]\naws_access_key_id = A\naws_access_key_id = B\n`;
    const updated = upsertProfiles(original, [fresh]);
    expect(updated.match(/aws_access_key_id/g)).toHaveLength(1);
  });

  it('refreshes the legacy aws_security_token when present, without adding it elsewhere', () => {
    const original = `[${fresh.name}]\naws_security_token = old\n`;
    const updated = upsertProfiles(original, [fresh]);
    expect(updated).toContain(`aws_security_token = ${fresh.sessionToken}`);
    expect(upsertProfiles('', [fresh])).not.toContain('aws_security_token');
  });

  it('edits only the first of two sections with the same name', () => {
    const original = `[${fresh.name}]\naws_access_key_id = A\n[${fresh.name}]\naws_access_key_id = B\n`;
    const updated = upsertProfiles(original, [fresh]);
    expect(updated.endsWith(`[${fresh.name}]\naws_access_key_id = B\n`)).toBe(true);
    expect(updated.match(/\[123456789012-Admin\]/g)).toHaveLength(2);
  });

  it('finds a header the way the AWS CLI does (indented, with a trailing comment)', () => {
    const original = `  [${fresh.name}]   ; managed by stsbridge\naws_access_key_id = OLD\n`;
    const updated = upsertProfiles(original, [fresh]);
    expect(updated.startsWith(`  [${fresh.name}]   ; managed by stsbridge\n${MANAGED_MARKER}\naws_access_key_id = ${fresh.accessKeyId}\n`)).toBe(true);
  });

  it('writes several profiles in one pass', () => {
    const second = { ...fresh, name: 'second' };
    const parsed = parse(upsertProfiles('[default]\nregion = x\n', [fresh, second]));
    expect(Object.keys(parsed)).toEqual(['default', fresh.name, 'second']);
  });

  it('gives a result the ini package reads back exactly', () => {
    const original = '[default]\nregion = us-east-1\n\n[prod]\naws_access_key_id = AKIAPROD\n';
    const parsed = parse(upsertProfiles(original, [fresh]));
    expect(parsed).toEqual({
      default: { region: 'us-east-1' },
      prod: { aws_access_key_id: 'AKIAPROD' },
      [fresh.name]: {
        aws_access_key_id: fresh.accessKeyId,
        aws_secret_access_key: fresh.secretAccessKey,
        aws_session_token: fresh.sessionToken,
        x_security_token_expires: fresh.expiration,
      },
    });
  });
});
