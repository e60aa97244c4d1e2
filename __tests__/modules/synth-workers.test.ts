import { MIN_MEMBERS_PER_PROCESS, processCount, shares, WorkerSettingError } from '../../modules/synth-workers';

describe('synth workers: how the member stacks are shared out', () => {
  it('uses one process per core once each has enough member stacks, and never more than asked', () => {
    expect(processCount(MIN_MEMBERS_PER_PROCESS * 2 - 1, {}, 2)).toBe(1);
    expect(processCount(MIN_MEMBERS_PER_PROCESS * 2, {}, 2)).toBe(2);
    expect(processCount(5000, {}, 2)).toBe(2);
    expect(processCount(5000, {}, 1)).toBe(1);
    expect(processCount(10, { AUTO_TAG_SYNTH_PROCESSES: '3' }, 2)).toBe(3);
    expect(processCount(2, { AUTO_TAG_SYNTH_PROCESSES: '3' }, 2)).toBe(2);
    expect(processCount(0, { AUTO_TAG_SYNTH_PROCESSES: '3' }, 2)).toBe(1);
  });

  it('starts no workers inside a worker', () => {
    expect(processCount(5000, { AUTO_TAG_SYNTH_WORKER: '1', AUTO_TAG_SYNTH_PROCESSES: '4' }, 8)).toBe(1);
  });

  it.each(['0', '-1', '1.5', 'two', ''])('refuses AUTO_TAG_SYNTH_PROCESSES=%p, naming it', (value) => {
    expect(() => processCount(100, { AUTO_TAG_SYNTH_PROCESSES: value }, 2)).toThrow(WorkerSettingError);
    expect(() => processCount(100, { AUTO_TAG_SYNTH_PROCESSES: value }, 2)).toThrow(
      `AUTO_TAG_SYNTH_PROCESSES: must be a whole number of processes, 1 or more (got "${value}")`,
    );
  });

  it('cuts the accounts into contiguous shares of nearly equal size, every account once', () => {
    const ids = Array.from({ length: 7 }, (_, i) => String(i));
    expect(shares(ids, 3)).toEqual([
      ['0', '1'],
      ['2', '3'],
      ['4', '5', '6'],
    ]);
    expect(shares(ids, 1)).toEqual([ids]);
    expect(shares([], 1)).toEqual([[]]);
  });
});
