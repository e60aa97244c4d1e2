import { mapConcurrently } from '../../../commands/cli/pool';

describe('mapConcurrently', () => {
  it('keeps the order of the items and never runs more than the limit at once', async () => {
    let running = 0;
    let most = 0;
    const results = await mapConcurrently([5, 1, 4, 2, 3], 2, async (n, i) => {
      running++;
      most = Math.max(most, running);
      // Later items finish first: the order must still be the items'.
      await new Promise((resolve) => setImmediate(resolve));
      for (let k = 0; k < n; k++) await Promise.resolve();
      running--;
      return `${i}:${n}`;
    });
    expect(results).toEqual(['0:5', '1:1', '2:4', '3:2', '4:3']);
    expect(most).toBe(2);
  });

  it('handles no items, and rejects with the first error', async () => {
    await expect(mapConcurrently([], 3, async () => 1)).resolves.toEqual([]);
    await expect(mapConcurrently([1, 2], 1, async (n) => { if (n === 2) throw new Error('two'); return n; })).rejects.toThrow('two');
  });

  it('refuses a limit below one', async () => {
    await expect(mapConcurrently([1], 0, async (n) => n)).rejects.toThrow('limit must be a whole number of at least 1, got 0');
  });
});
