import { describe, expect, it } from 'vitest';
import { OTHER_RECORD_BOUND, Recorder } from '../../../../src/core/recording/recorder';
import { frames } from '../../../fixtures/frames';
import { numbered, topFrame } from '../../../fixtures/records';

const records = numbered([
  { type: 'frame', sid: 1, dir: 'in', text: frames.established },
  { type: 'frame', sid: 1, dir: 'in', text: frames.ping },
]);

describe('Recorder', () => {
  it('keeps valid records once, per page', () => {
    const recorder = new Recorder();
    recorder.add(topFrame, 'p', [...records, { bogus: true }]);
    recorder.add(topFrame, 'p', records);
    expect(recorder.snapshot()).toEqual([{ pageId: 'p', origin: topFrame, records }]);
  });

  it('forgets on clear but does not take replays back', () => {
    const recorder = new Recorder();
    recorder.add(topFrame, 'p', records);
    recorder.clear();
    recorder.add(topFrame, 'p', records);
    expect(recorder.snapshot()).toEqual([]);
  });

  it('keeps the newest of the other records within their own bound, and every frame', () => {
    const recorder = new Recorder();
    const many = numbered([
      { type: 'frame', sid: 1, dir: 'in', text: frames.established },
      ...Array.from({ length: OTHER_RECORD_BOUND * 2 }, (_, i) => ({ type: 'retry' as const, iid: 1, seconds: i })),
      { type: 'frame', sid: 1, dir: 'in', text: frames.ping },
    ]);
    recorder.add(topFrame, 'p', many);
    const kept = recorder.snapshot()[0]?.records ?? [];
    const others = kept.filter((r) => r.type !== 'frame');
    expect(others.length).toBeGreaterThanOrEqual(OTHER_RECORD_BOUND * 0.9);
    expect(others.length).toBeLessThanOrEqual(OTHER_RECORD_BOUND);
    // The newest went last and stays; the frames are not touched by this bound.
    expect(others.at(-1)).toMatchObject({ type: 'retry', seconds: OTHER_RECORD_BOUND * 2 - 1 });
    expect(kept.filter((r) => r.type === 'frame')).toHaveLength(2);
  });
});
