import { jsonDifferences, summarize } from '../../../commands/verify/compare';

describe('jsonDifferences', () => {
  it('finds none when only key order or list order differ', () => {
    expect(jsonDifferences({ b: [2, 1], a: { y: 1, x: 2 } }, { a: { x: 2, y: 1 }, b: [1, 2] })).toEqual([]);
  });

  it('names the path, what a list lacks and what it has besides', () => {
    expect(
      jsonDifferences({ detail: { eventName: ['RunInstances', 'Foo'] } }, { detail: { eventName: ['CreateVolume', 'RunInstances'] } }),
    ).toEqual(['detail.eventName lacks "CreateVolume"', 'detail.eventName also has "Foo"']);
  });

  it('names a changed or missing value', () => {
    expect(jsonDifferences({ a: 1, c: 3 }, { a: 2, b: 'x' })).toEqual([
      'a is 1 instead of 2',
      'b is nothing instead of "x"',
      'c is 3 instead of nothing',
    ]);
    expect(jsonDifferences('text', { a: 1 })).toEqual(['the document is "text" instead of {"a":1}']);
  });

  it('reads a one-item list as its item only when asked (IAM policies, not patterns)', () => {
    expect(jsonDifferences({ Action: ['x'] }, { Action: 'x' })).toEqual(['Action is ["x"] instead of "x"']);
    expect(
      jsonDifferences(
        { Action: ['x'], Statement: [{ Sid: 'a' }] },
        { Action: 'x', Statement: { Sid: 'a' } },
        { singleItemListsAreScalars: true },
      ),
    ).toEqual([]);
  });
});

describe('summarize', () => {
  it('joins up to three and counts the rest', () => {
    expect(summarize(['a', 'b'])).toBe('a; b');
    expect(summarize(['a', 'b', 'c', 'd', 'e'])).toBe('a; b; c; and 2 more');
  });
});
