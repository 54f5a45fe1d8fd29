import { describe, expect, it } from 'vitest';
import { BURST_RATE, MAX_COMMIT_INTERVAL_MS, MIN_COMMIT_INTERVAL_MS, STREAM_COMMIT_INTERVAL_MS, commitInterval } from '../../../src/panel/commit-pacing';

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
