import { describe, expect, it } from 'vitest';
import { chainsFromText, chainsToText } from '../../../../extension/show/options/chain-text';

const ADMIN = 'arn:aws:iam::111122223333:role/Admin';
const DEPLOY = 'arn:aws:iam::999988887777:role/Deploy';

describe('chained roles as text', () => {
  it('reads a line per chain, with either arrow or none, and an optional ExternalId', () => {
    expect(chainsFromText(`${ADMIN} → ${DEPLOY}\n\n  ${ADMIN} -> ${DEPLOY.replace('Deploy', 'Audit')} ExternalId=ext-1234  \n${ADMIN}\t${DEPLOY.replace('Deploy', 'Ops')}`)).toEqual({
      chains: [
        { from: ADMIN, roleArn: DEPLOY },
        { from: ADMIN, roleArn: DEPLOY.replace('Deploy', 'Audit'), externalId: 'ext-1234' },
        { from: ADMIN, roleArn: DEPLOY.replace('Deploy', 'Ops') },
      ],
    });
  });

  it('writes what it reads', () => {
    const chains = [{ from: ADMIN, roleArn: DEPLOY, externalId: 'a=b:c' }, { from: ADMIN, roleArn: DEPLOY.replace('Deploy', 'Audit') }];
    expect(chainsToText(chains)).toBe(`${ADMIN} → ${DEPLOY} ExternalId=a=b:c\n${ADMIN} → ${DEPLOY.replace('Deploy', 'Audit')}`);
    expect(chainsFromText(chainsToText(chains))).toEqual({ chains });
  });

  it('names the line it cannot read', () => {
    expect(chainsFromText(`${ADMIN} → ${DEPLOY}\n${ADMIN}`)).toEqual({ problem: expect.stringMatching(/^line 2 should be the SAML role's ARN, then the role to assume/) });
    expect(chainsFromText(`${ADMIN} ${DEPLOY} ExternalId=a ExternalId=b`)).toHaveProperty('problem');
    expect(chainsFromText(`${ADMIN} ${DEPLOY} extra`)).toHaveProperty('problem');
  });
});
