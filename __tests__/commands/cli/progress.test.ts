import { progress, progressLine } from '../../../commands/cli/progress';

const terminal = (isTTY: boolean) => {
  const written: string[] = [];
  return { stream: { isTTY, write: (chunk: string) => written.push(chunk) }, written };
};

describe('progressLine', () => {
  it('shows counts, percent, rate and the time left at that rate', () => {
    expect(progressLine('accounts', 3, 10, 2000)).toBe('accounts 3/10 (30%) 1.5/s ETA 5s');
    expect(progressLine('accounts', 1, 200, 1000)).toBe('accounts 1/200 (0%) 1.0/s ETA 3m19s');
    expect(progressLine('accounts', 1, 10_000, 1000)).toBe('accounts 1/10000 (0%) 1.0/s ETA 2h46m');
  });

  it('says ? before anything is done, and done at the end', () => {
    expect(progressLine('accounts', 0, 10, 0)).toBe('accounts 0/10 (0%) 0.0/s ETA ?');
    expect(progressLine('accounts', 10, 10, 4000)).toBe('accounts 10/10 (100%) 2.5/s done');
  });
});

describe('progress', () => {
  it('writes nothing when the stream is not a terminal (CI, tests, a pipe)', () => {
    const { stream, written } = terminal(false);
    const bar = progress({ total: 3, label: 'x', stream });
    bar.tick();
    bar.tick(2);
    bar.done();
    expect(written).toEqual([]);
  });

  it('redraws one line in place on a terminal, at most every 100 ms but always at the end, and ends the line once', () => {
    const { stream, written } = terminal(true);
    let clock = 0;
    const bar = progress({ total: 4, label: 'checks', stream, now: () => clock });
    clock = 50;
    bar.tick(); // too soon after the first draw: not drawn
    clock = 1000;
    bar.tick(); // drawn
    clock = 1010;
    bar.tick(2); // the last: drawn even though soon
    bar.done();
    bar.done();
    expect(written).toEqual([
      '\rchecks 0/4 (0%) 0.0/s ETA ?\x1b[K',
      '\rchecks 2/4 (50%) 2.0/s ETA 1s\x1b[K',
      '\rchecks 4/4 (100%) 4.0/s done\x1b[K',
      '\rchecks 4/4 (100%) 4.0/s done\x1b[K',
      '\n',
    ]);
  });

  it('never counts past the total', () => {
    const { stream, written } = terminal(true);
    const bar = progress({ total: 2, label: 'x', stream, now: () => 1000 });
    bar.tick(5);
    expect(written.at(-1)).toContain('x 2/2 (100%)');
  });
});
