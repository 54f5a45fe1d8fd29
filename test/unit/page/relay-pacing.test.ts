import { describe, expect, it } from 'vitest';
import { BUSY_RATE, CALM_RATE, HOLD_CHARS, HOLD_MS, HoldClock, QUIET_FLUSH_AT, RateMeter, idleVerdict, paceFor } from '../../../src/page/relay-pacing';

/** Feeds `meter` `perSecond` records a second, evenly, for `ms`, from `from`; returns the time after the last. */
function feed(meter: RateMeter, perSecond: number, ms: number, from = 0): number {
  const gap = 1_000 / perSecond;
  let t = from;
  for (; t < from + ms; t += gap) meter.note(t);
  return t;
}

describe('relay pacing: when is the page busy', () => {
  it('counts a steady 1,000 records a second as quiet (the latency benchmark rate)', () => {
    const meter = new RateMeter();
    feed(meter, 1_000, 5_000);
    expect(meter.busy).toBe(false);
  });

  it('counts a page receiving faster than BUSY_RATE as busy within one window', () => {
    const meter = new RateMeter();
    const end = feed(meter, BUSY_RATE * 2, 300);
    expect(meter.busy).toBe(true);
    expect(meter.stillBusy(end)).toBe(true);
  });

  it('is no longer busy once records stop, or slow down below CALM_RATE for a whole window', () => {
    const meter = new RateMeter();
    const end = feed(meter, 10_000, 1_000);
    expect(meter.stillBusy(end + 300)).toBe(false);
    const meter2 = new RateMeter();
    const slow = feed(meter2, CALM_RATE / 2, 600, feed(meter2, 10_000, 1_000));
    expect(meter2.stillBusy(slow)).toBe(false);
    // A record long after the burst starts quiet: the old window says nothing about now.
    const meter3 = new RateMeter();
    expect(meter3.note(feed(meter3, 10_000, 1_000) + 5_000)).toBe(false);
  });

  it('stays busy while a flood slows down but not below CALM_RATE (the relay itself slows the page)', () => {
    const meter = new RateMeter();
    const slower = feed(meter, BUSY_RATE / 2, 2_000, feed(meter, 10_000, 1_000));
    expect(meter.stillBusy(slower)).toBe(true);
    // The same rate from quiet is no flood.
    const meter2 = new RateMeter();
    expect(meter2.stillBusy(feed(meter2, BUSY_RATE / 2, 2_000))).toBe(false);
  });
});

describe('relay pacing: what to do with a record', () => {
  it('sends a quiet page its batch after a short wait, or at once when it is large', () => {
    expect(paceFor(false, 1, 100)).toBe('timer');
    expect(paceFor(false, QUIET_FLUSH_AT, 100_000)).toBe('flush');
  });

  it('holds a busy page its records until it is idle, unless too much is held', () => {
    expect(paceFor(true, 50_000, 20_000_000)).toBe('idle');
    expect(paceFor(true, 100_000, HOLD_CHARS + 1)).toBe('drain');
  });

  it('sends held records in an idle period once the rate has dropped, and waits while it has not', () => {
    expect(idleVerdict(false, true, 1_000)).toBe('wait');
    expect(idleVerdict(false, false, 1_000)).toBe('send');
  });

  it('holds no longer than HOLD_MS: then sends a slice per task even if the page is never idle', () => {
    expect(idleVerdict(true, true, 100)).toBe('drain');
    expect(idleVerdict(false, true, HOLD_MS)).toBe('drain');
  });

  it('counts a hold from its first held record, across the idle periods that send part of it, until nothing is held', () => {
    const clock = new HoldClock();
    expect(clock.hold(1_000)).toBe(0);
    // A rare, short idle period sends a slice at 20 s, and the rest is held again: still the same hold.
    expect(clock.hold(20_000)).toBe(19_000);
    expect(idleVerdict(false, false, clock.heldFor(1_000 + HOLD_MS))).toBe('drain');
    clock.end();
    expect(clock.heldFor(40_000)).toBe(0);
    expect(clock.hold(40_000)).toBe(0);
  });
});
