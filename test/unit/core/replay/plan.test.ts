import { describe, expect, it } from 'vitest';
import { MAX_GAP_MS, planReplay } from '../../../../src/core/replay/plan';
import type { LogEntry } from '../../../../src/core/session/state';

const entry = (id: number, t: number, patch: Partial<LogEntry> = {}): LogEntry => ({
  id, t, dir: 'in', connectionKey: 'p:1', text: `{"event":"e${id}"}`, bytes: 10, truncated: false, replayed: false, frame: null, ...patch,
});

describe('planReplay', () => {
  const selection = [entry(3, 1_300), entry(1, 1_000), entry(2, 1_100), entry(4, 1_350, { dir: 'out' })];

  it('keeps received frames only, in the order they arrived, with their original spacing', () => {
    expect(planReplay(selection, 1)).toEqual([
      { entryId: 1, text: '{"event":"e1"}', atMs: 0 },
      { entryId: 2, text: '{"event":"e2"}', atMs: 100 },
      { entryId: 3, text: '{"event":"e3"}', atMs: 300 },
    ]);
  });

  it('scales the spacing by the speed, or drops it', () => {
    expect(planReplay(selection, 2).map((p) => p.atMs)).toEqual([0, 50, 150]);
    expect(planReplay(selection, 0).map((p) => p.atMs)).toEqual([0, 0, 0]);
  });

  it('caps long gaps and leaves out cut frames and navigation markers', () => {
    const plan = planReplay([entry(1, 0), entry(2, 3_600_000), entry(3, 3_600_001, { truncated: true }), entry(4, 5, { navigation: 'x', text: null })], 1);
    expect(plan.map((p) => [p.entryId, p.atMs])).toEqual([
      [1, 0],
      [2, MAX_GAP_MS],
    ]);
  });
});
