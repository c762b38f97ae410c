import { describe, expect, it } from 'vitest';
import { nameSafe, renderProfileName, templateProblem, templateTellsRolesApart } from '../../../extension/assume/profile-template';

const parts = { accountId: '111122223333', accountName: 'Data Platform (prod)', roleName: 'Admin', partition: 'aws-us-gov' };

describe('profile-name templates', () => {
  it.each([
    ['{account_id}-{role_name}', '111122223333-Admin'],
    ['{account_name}/{role_name}', 'Data-Platform-prod/Admin'],
    ['{partition}:{account_id}', undefined],
    ['sso-{partition}-{role_name}', 'sso-aws-us-gov-Admin'],
    ['fixed', 'fixed'],
  ])('%s', (template, expected) => {
    const result = renderProfileName(template, parts);
    if (expected === undefined) expect(result).toMatchObject({ problem: expect.stringContaining('only letters, digits') });
    else expect(result).toEqual({ name: expected });
  });

  it('uses the account ID until the role page has named the account', () => {
    expect(renderProfileName('{account_name}-{role_name}', { ...parts, accountName: undefined })).toEqual({ name: '111122223333-Admin' });
    expect(renderProfileName('{account_name}', { ...parts, accountName: '  ()  ' })).toEqual({ name: '111122223333' });
  });

  it('cannot inject a section header or a key through an account name', () => {
    expect(nameSafe('x]\n[default]\naws_access_key_id = AKIA')).toBe('x-default-aws_access_key_id-=-AKIA');
    expect(renderProfileName('{account_name}', { ...parts, accountName: 'a]\nb' })).toEqual({ name: 'a-b' });
  });

  it('refuses a name an AWS reader takes for something else, whichever part made it', () => {
    expect(renderProfileName('{role_name}', { ...parts, roleName: 'DEFAULT' })).toEqual({ problem: expect.stringMatching(/^"DEFAULT": .*every other profile/) });
    expect(renderProfileName('{account_name}', { ...parts, accountName: 'DEFAULT' })).toEqual({ problem: expect.stringMatching(/^"DEFAULT": /) });
    expect(renderProfileName('{account_name}', { ...parts, accountName: '(__proto__)' })).toEqual({ problem: expect.stringMatching(/^"__proto__": .*refuse the whole file/) });
    expect(renderProfileName('{role_name}', { ...parts, roleName: 'Default' })).toEqual({ name: 'Default' });
  });

  it.each([
    ['', 'the template is empty'],
    ['{acount_id}-{role_name}', '{acount_id} is not a placeholder; use {account_id}, {account_name}, {role_name}, {partition}'],
    ['{account_id', 'the template has an unmatched "{"'],
    ['a}b', 'the template has an unmatched "}"'],
    ['my profile', '"my profile": a profile name may hold only letters, digits and _ + = , . @ / -'],
    ['{account_id}-{role_name}-'.padEnd(80, 'x'), expect.stringContaining('at most 64 characters')],
  ])('refuses %j with the reason', (template, reason) => {
    expect(templateProblem(template)).toEqual(reason);
  });

  it('knows which templates can tell roles apart', () => {
    expect(templateTellsRolesApart('{account_id}-{role_name}')).toBe(true);
    expect(templateTellsRolesApart('{account_name}.{role_name}')).toBe(true);
    expect(templateTellsRolesApart('{role_name}')).toBe(false);
    expect(templateTellsRolesApart('prod')).toBe(false);
  });
});
