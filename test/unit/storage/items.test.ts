import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ITEMS } from '../../../extension/storage/items';

const items = Object.entries(ITEMS);

describe('the list of storage items', () => {
  it('gives every item its own key in its area', () => {
    const keys = items.map(([, spec]) => `${spec.area}:${spec.key}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('keeps every secret in storage.session only, and the session credentials are one', () => {
    for (const [name, spec] of items) if (spec.secret) expect(spec.area, name).toBe('session');
    expect(ITEMS.sessionCredentials.secret).toBe(true);
  });

  it('syncs only the settings: everything else is this browser’s', () => {
    expect(items.filter(([, spec]) => spec.area === 'sync').map(([name]) => name)).toEqual(['settings']);
  });

  it('reads anything storage may hold (nothing, an old shape, garbage) without throwing, the same way twice', () => {
    for (const [name, spec] of items) {
      fc.assert(
        fc.property(fc.anything(), (stored) => {
          const value = spec.parse(stored);
          // What was read is itself readable, unchanged: a stored value survives a round trip.
          expect(spec.parse(JSON.parse(JSON.stringify(value ?? null)) as unknown), name).toEqual(value ?? spec.parse(null));
        }),
        { numRuns: 300 },
      );
    }
  });
});
