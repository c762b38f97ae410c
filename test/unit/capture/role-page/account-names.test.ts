import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAccountNames, type RolePageParts } from '../../../../extension/capture/role-page/account-names';
import { readRealWorld } from '../../../real-world';
import { has, realWorldFixtures } from '../../../requirements';

/** What the content script reads off the page, taken here from the HTML text. */
function partsOf(html: string): RolePageParts {
  const labels = [...html.matchAll(/class="saml-account-name">([^<]*)</g)].map((match) => match[1]!);
  const meta = /<meta name="data"\s+content="([^"]*)"/.exec(html)?.[1];
  return { accountLabels: labels, ...(meta ? { metaData: meta } : {}) };
}

const own = (name: string) => readFileSync(path.resolve(import.meta.dirname, '../../../fixtures/role-pages', name), 'utf8');

describe('readAccountNames on hand-written role pages', () => {
  it('reads the old HTML page', () => {
    expect(readAccountNames(partsOf(own('legacy.html')))).toEqual(new Map([['111122223333', 'Production']]));
  });

  it('reads the current NextJS page, names with spaces included', () => {
    expect(readAccountNames(partsOf(own('nextjs.html')))).toEqual(
      new Map([
        ['111122223333', 'Production'],
        ['777788889999', 'sandbox eu'],
      ]),
    );
  });

  it.each([
    ['meta content that is not base64', { accountLabels: [], metaData: '%%%' }],
    ['meta content that is not JSON', { accountLabels: [], metaData: btoa('<html>') }],
    ['JSON without roles_accounts', { accountLabels: [], metaData: btoa('{"region":"IAD"}') }],
    ['labels of another shape', { accountLabels: ['Account: (12345)', 'Role: Admin', ''] }],
  ])('finds no names in %s, without failing', (_label, parts) => {
    expect(readAccountNames(parts)).toEqual(new Map());
  });
});

describe.skipIf(!has(realWorldFixtures))('readAccountNames on the real AWS role pages (../shared/fixtures/real-world)', () => {
  it.each([
    ['saml2aws-aws-role-page-legacy.html', [['000000000001', 'account-alias']]],
    ['gimme-aws-creds-role-page-legacy.html', [['012345678901', 'testaccount1']]],
    ['gimme-aws-creds-role-page-nextjs.html', [['012345678901', 'testaccount1']]],
  ])('%s', (file, expected) => {
    expect(readAccountNames(partsOf(readRealWorld(file)))).toEqual(new Map(expected as [string, string][]));
  });
});
