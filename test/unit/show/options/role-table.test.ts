import { describe, expect, it } from 'vitest';
import { previewName, roleRows, templateFeedback } from '../../../../extension/show/options/role-table';
import { DEFAULT_SETTINGS } from '../../../../extension/storage/settings';

const ADMIN = 'arn:aws:iam::111122223333:role/Admin';
const DEV = 'arn:aws:iam::444455556666:role/team/Dev';
const DEPLOY = 'arn:aws:iam::999988887777:role/Deploy';
const names = { '111122223333': 'Data Platform (prod)' };

describe('the role table', () => {
  it('lists roles seen, then those only the settings name, each once, labelled by account', () => {
    const settings = { ...DEFAULT_SETTINGS, roleTemplates: { [DEV]: 'dev' }, refreshList: [ADMIN], chains: [{ from: ADMIN, roleArn: DEPLOY }] };
    const rows = roleRows(settings, [ADMIN], names);
    expect(rows).toEqual([
      { arn: ADMIN, label: 'Admin · Data Platform (prod) (111122223333)', template: '', listed: true, listable: true },
      { arn: DEV, label: 'Dev · 444455556666', template: 'dev', listed: false, listable: true },
      { arn: DEPLOY, label: 'Deploy · 999988887777', chainedFrom: 'Admin', template: '', listed: false, listable: false },
    ]);
  });

  it('lets a chained role be listed only when an assertion offers it too', () => {
    const settings = { ...DEFAULT_SETTINGS, chains: [{ from: ADMIN, roleArn: DEPLOY }] };
    expect(roleRows(settings, [ADMIN, DEPLOY], {}).find((row) => row.arn === DEPLOY)?.listable).toBe(true);
  });

  it('previews the name the login would write, with the role own template first', () => {
    expect(previewName(ADMIN, '', '{account_name}-{role_name}', names)).toEqual({ name: 'Data-Platform-prod-Admin' });
    expect(previewName(ADMIN, ' mine ', '{account_name}-{role_name}', names)).toEqual({ name: 'mine' });
    expect(previewName(ADMIN, 'has space', '{role_name}', names)).toEqual({ problem: expect.stringContaining('"has space"') });
    expect(previewName('not an arn', '', '{role_name}', names)).toBeUndefined();
  });

  it('says why a template cannot be used, and warns when several roles would share one name', () => {
    expect(templateFeedback('{nope}', 'chosen').error).toMatch(/^Not usable: \{nope\} is not a placeholder/);
    expect(templateFeedback('{role_name}', 'chosen')).toEqual({ error: '', warning: '' });
    expect(templateFeedback('{role_name}', 'all').warning).toMatch(/only the first would be written/);
    expect(templateFeedback('{account_id}-{role_name}', 'list')).toEqual({ error: '', warning: '' });
  });
});
