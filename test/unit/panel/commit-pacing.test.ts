import { describe, expect, it } from 'vitest';
import { MAX_COMMIT_INTERVAL_MS, MIN_COMMIT_INTERVAL_MS, commitInterval } from '../../../src/panel/commit-pacing';

describe('commitInterval', () => {
  it('commits at every animation frame while renders are cheap', () => {
    expect(commitInterval(1)).toBe(MIN_COMMIT_INTERVAL_MS);
    expect(commitInterval(3)).toBe(MIN_COMMIT_INTERVAL_MS);
  });

  it('spaces commits out in proportion to what the last one cost', () => {
    expect(commitInterval(8)).toBe(32);
    expect(commitInterval(12)).toBe(48);
  });

  it('never waits longer than a quarter of a second, however slow the render', () => {
    expect(commitInterval(70)).toBe(MAX_COMMIT_INTERVAL_MS);
    expect(MAX_COMMIT_INTERVAL_MS).toBe(250);
    expect(commitInterval(5_000)).toBe(MAX_COMMIT_INTERVAL_MS);
  });

  it('treats a cost it could not measure as cheap', () => {
    expect(commitInterval(0)).toBe(MIN_COMMIT_INTERVAL_MS);
    expect(commitInterval(Number.NaN)).toBe(MIN_COMMIT_INTERVAL_MS);
    expect(commitInterval(-4)).toBe(MIN_COMMIT_INTERVAL_MS);
  });
});
