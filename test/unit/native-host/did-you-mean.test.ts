import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance } from '../../../native-host/cli/did-you-mean';

const COMMANDS = ['credentials', 'env', 'refresh', 'list', 'setup', 'prune-expired', 'install', 'help', 'version'];

describe('did you mean', () => {
  it('counts edits, a swap of neighbours as one, and stops past the limit', () => {
    expect(editDistance('credentails', 'credentials', 3)).toBe(1);
    expect(editDistance('refesh', 'refresh', 3)).toBe(1);
    expect(editDistance('kitten', 'sitting', 5)).toBe(3);
    expect(editDistance('a', 'abcdefgh', 2)).toBe(3);
    expect(editDistance('', '', 1)).toBe(0);
  });

  it('finds the command a person meant', () => {
    expect(didYouMean('credentails', COMMANDS)).toBe('credentials');
    expect(didYouMean('refesh', COMMANDS)).toBe('refresh');
    expect(didYouMean('lsit', COMMANDS)).toBe('list');
    expect(didYouMean('prune', COMMANDS)).toBe('prune-expired');
    expect(didYouMean('Setup', COMMANDS)).toBe('setup');
  });

  it('guesses nothing when nothing is close, or two are equally close', () => {
    expect(didYouMean('deploy', COMMANDS)).toBeUndefined();
    expect(didYouMean('x', COMMANDS)).toBeUndefined();
    expect(didYouMean('123456789012-Admn', ['123456789012-Admin', '123456789012-Adm1n'])).toBeUndefined();
    expect(didYouMean('123456789012-Admn', ['123456789012-Admin', '210987654321-Dev'])).toBe('123456789012-Admin');
    expect(didYouMean('anything', [])).toBeUndefined();
  });
});
