import { describe, expect, it } from 'vitest';
import type { SessionInput } from '../../../src/core/session/reduce';
import { BURST_RATE, FOLD_SLICE, MAX_COMMIT_INTERVAL_MS, MIN_COMMIT_INTERVAL_MS, STREAM_COMMIT_INTERVAL_MS, commitInterval, sliceInputs } from '../../../src/panel/commit-pacing';

describe('commitInterval', () => {
  it('commits at every animation frame while renders are cheap', () => {
    expect(commitInterval(1)).toBe(MIN_COMMIT_INTERVAL_MS);
    expect(commitInterval(5, 50)).toBe(MIN_COMMIT_INTERVAL_MS);
  });

  it('spaces commits out in proportion to what the last one cost', () => {
    expect(commitInterval(12, 40)).toBe(24);
    expect(commitInterval(30, 40)).toBe(60);
  });

  it('waits at most 100 ms while frames stream, and up to 250 ms while they arrive faster than 2,500 a second', () => {
    expect(STREAM_COMMIT_INTERVAL_MS).toBe(100);
    expect(MAX_COMMIT_INTERVAL_MS).toBe(250);
    expect(commitInterval(60, 1_000)).toBe(STREAM_COMMIT_INTERVAL_MS);
    expect(commitInterval(60, BURST_RATE - 1)).toBe(STREAM_COMMIT_INTERVAL_MS);
    expect(commitInterval(40, BURST_RATE)).toBe(200);
    expect(commitInterval(5_000, 50_000)).toBe(MAX_COMMIT_INTERVAL_MS);
  });

  it('treats a cost it could not measure as cheap', () => {
    expect(commitInterval(0)).toBe(MIN_COMMIT_INTERVAL_MS);
    expect(commitInterval(Number.NaN)).toBe(MIN_COMMIT_INTERVAL_MS);
    expect(commitInterval(-4)).toBe(MIN_COMMIT_INTERVAL_MS);
  });
});

describe('sliceInputs', () => {
  const origin = { frameId: 0, url: 'https://app.test/' };
  const records = (pageId: string, from: number, n: number): SessionInput => ({ kind: 'records', origin, pageId, records: Array.from({ length: n }, (_, i) => from + i) });
  const flatten = (inputs: SessionInput[]) => inputs.flatMap((input) => (input.kind === 'records' ? input.records.map((r) => `${input.pageId}:${String(r)}`) : [input.kind]));

  it('folds everything in one commit when it is no more than a slice', () => {
    const inputs = [records('a', 0, 3_000), { kind: 'held', pageId: 'a', count: 0 } as SessionInput, records('b', 0, FOLD_SLICE - 3_000)];
    const { now, later } = sliceInputs(inputs);
    expect(later).toEqual([]);
    expect(flatten(now)).toEqual(flatten(inputs));
  });

  it('cuts a backlog into slices of FOLD_SLICE records, in order, nothing lost or repeated', () => {
    const inputs = [records('a', 0, 12_345), { kind: 'held', pageId: 'a', count: 0 } as SessionInput, records('b', 0, 10), { kind: 'clear' } as SessionInput, records('a', 12_345, 4_000)];
    const slices: SessionInput[][] = [];
    let left: SessionInput[] = inputs;
    while (left.length > 0) {
      const { now, later } = sliceInputs(left);
      const count = now.reduce((n, input) => n + (input.kind === 'records' ? input.records.length : 0), 0);
      expect(count).toBeLessThanOrEqual(FOLD_SLICE);
      slices.push(now);
      left = later;
    }
    // 16,355 records: four slices, the last a partial one; the `held` and `clear` stay between the records around them.
    expect(slices).toHaveLength(4);
    expect(flatten(slices.flat())).toEqual(flatten(inputs));
  });
});
