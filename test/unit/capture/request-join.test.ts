import { describe, expect, it } from 'vitest';
import { joinByRequest } from '../../../extension/capture/request-join';

describe('joinByRequest', () => {
  it('pairs the two halves of a request in either order, once', () => {
    const joined: [string, number][] = [];
    const join = joinByRequest<string, number>(4, (left, right) => joined.push([left, right]));
    join.left('1', 'a');
    join.right('2', 20);
    join.right('1', 10);
    join.left('2', 'b');
    join.left('1', 'again');
    expect(joined).toEqual([
      ['a', 10],
      ['b', 20],
    ]);
  });

  it('pairs undefined halves too: a login without an issuer, a POST without a Referer', () => {
    const joined: unknown[] = [];
    const join = joinByRequest<string | undefined, string | undefined>(4, (left, right) => joined.push([left, right]));
    join.right('1', undefined);
    join.left('1', 'issuer');
    expect(joined).toEqual([['issuer', undefined]]);
  });

  it('holds at most `limit` unpaired requests, dropping the oldest', () => {
    const joined: string[] = [];
    const join = joinByRequest<string, string>(2, (left) => joined.push(left));
    join.right('1', 'x');
    join.right('2', 'x');
    join.right('3', 'x');
    join.left('1', 'dropped');
    join.left('3', 'kept');
    expect(joined).toEqual(['kept']);
  });
});
