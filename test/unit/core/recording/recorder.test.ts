import { describe, expect, it } from 'vitest';
import { Recorder } from '../../../../src/core/recording/recorder';
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
});
