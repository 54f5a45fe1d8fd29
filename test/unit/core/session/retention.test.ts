import { describe, expect, it } from 'vitest';
import type { PageRecord } from '../../../../src/core/messages/records';
import { Recorder } from '../../../../src/core/recording/recorder';
import { exportSession, parseSessionFile } from '../../../../src/core/recording/session-file';
import { compileFilter, emptyFilter, type CompiledFilter } from '../../../../src/core/session/filter';
import { reduceSession, type SessionInput } from '../../../../src/core/session/reduce';
import { DEFAULT_RETENTION, MAX_RETENTION, MIN_RETENTION, evictionChunk, normalizeRetention } from '../../../../src/core/session/retention';
import { extendNames } from '../../../../src/core/session/filter-menus';
import { entryById, extendVisibleIds, selectVisibleIds } from '../../../../src/core/session/selectors';
import { droppedByRetention, emptySession, type LogEntry, type SessionState } from '../../../../src/core/session/state';
import { frames } from '../../../fixtures/frames';
import { batch, numbered, pusherUrl, topFrame } from '../../../fixtures/records';

const BOUND = MIN_RETENTION; // 1,000: eviction drops 100 at a time
const CHUNK = evictionChunk(BOUND);

/** Frame `i` of a ticker: its number is in the text, its channel alternates between two. */
const tick = (i: number) => `{"event":"tick","channel":"${i % 2 ? 'odd' : 'even'}","data":"{\\"i\\":${i}}"}`;
const numberOf = (entry: LogEntry | undefined) => Number(/\\"i\\":(\d+)/.exec(entry?.text ?? '')?.[1] ?? NaN);

const handshake = numbered([
  { type: 'socket', sid: 1, url: pusherUrl },
  { type: 'open', sid: 1 },
]);

/** Ticks `from`..`from + n - 1` as one batch, numbered after the handshake. */
const ticks = (from: number, n: number): SessionInput =>
  batch(numbered(Array.from({ length: n }, (_, k) => ({ type: 'frame' as const, sid: 1, dir: 'in' as const, text: tick(from + k) })), handshake.length + 1 + from));

function bounded(retention = BOUND): SessionState {
  const state = reduceSession(emptySession(), { kind: 'set-retention', retention });
  return reduceSession(state, batch(handshake));
}

/** Every held entry sits at its id, ids follow each other, and each is the tick with its own number. */
function expectConsistent(state: SessionState) {
  let wrong: string | null = null;
  for (let i = 0; i < state.entryCount && wrong === null; i++) {
    const entry = state.entries[i] as LogEntry;
    if (entry.id !== state.firstId + i) wrong = `entry ${i} has id ${entry.id}, not ${state.firstId + i}`;
    else if (entryById(state, entry.id) !== entry) wrong = `entry ${entry.id} is not found by its id`;
  }
  expect(wrong).toBeNull();
}

describe('retention bound', () => {
  it('defaults to 100,000 frames and normalizes a chosen bound', () => {
    expect(emptySession().retention).toBe(DEFAULT_RETENTION);
    expect(DEFAULT_RETENTION).toBe(100_000);
    expect(normalizeRetention(5)).toBe(MIN_RETENTION);
    expect(normalizeRetention(5e9)).toBe(MAX_RETENTION);
    expect(normalizeRetention(Number.NaN)).toBe(DEFAULT_RETENTION);
    expect(normalizeRetention('50000')).toBe(DEFAULT_RETENTION);
    expect(normalizeRetention(25_000.4)).toBe(25_000);
  });

  it('holds the bound exactly, then drops the oldest tenth when one more frame arrives, and counts them', () => {
    const full = reduceSession(bounded(), ticks(0, BOUND));
    expect(full.entryCount).toBe(BOUND);
    expect(full.firstId).toBe(0);
    const over = reduceSession(full, ticks(BOUND, 1));
    expect(over.entryCount).toBe(BOUND - CHUNK + 1);
    expect(over.firstId).toBe(CHUNK);
    expect(numberOf(over.entries[0])).toBe(CHUNK);
    expect(numberOf(over.entries[over.entryCount - 1])).toBe(BOUND);
    expectConsistent(over);
  });

  it('never holds more than the bound, however the frames are batched, and keeps the newest', () => {
    let state = bounded();
    let sent = 0;
    for (const size of [1, 7, 250, 999, 3, 1_500, 40, 2_345, 1]) {
      state = reduceSession(state, ticks(sent, size));
      sent += size;
      expect(state.entryCount).toBeLessThanOrEqual(BOUND);
      expect(state.firstId + state.entryCount).toBe(sent);
      expect(numberOf(state.entries[state.entryCount - 1])).toBe(sent - 1);
      expectConsistent(state);
    }
    expect(state.firstId).toBeGreaterThan(sent - BOUND - 1);
  });

  it('copies the log once per dropped chunk, not once per frame', () => {
    let state = bounded();
    const arrays = new Set<LogEntry[]>();
    for (let i = 0; i < 3 * BOUND; i++) {
      state = reduceSession(state, ticks(i, 1));
      arrays.add(state.entries);
    }
    // The first array, then one per chunk dropped: (3,000 − 1,000) / 100 = 20.
    expect(arrays.size).toBe(1 + (3 * BOUND - BOUND) / CHUNK);
    expect(state.firstId).toBe(20 * CHUNK);
  });

  it('leaves earlier states their own log when a later one drops entries', () => {
    const full = reduceSession(bounded(), ticks(0, BOUND));
    const over = reduceSession(full, ticks(BOUND, 50));
    expect(full.entryCount).toBe(BOUND);
    expect(numberOf(full.entries[0])).toBe(0);
    expect(numberOf(full.entries[BOUND - 1])).toBe(BOUND - 1);
    expect(entryById(full, 0)).toBe(full.entries[0]);
    expect(entryById(over, 0)).toBeUndefined();
  });

  it('finds entries by id after eviction, and nothing for dropped or future ids', () => {
    const state = reduceSession(bounded(), ticks(0, 2_550));
    expect(state.firstId).toBe(1_600);
    expect(entryById(state, 1_599)).toBeUndefined();
    expect(numberOf(entryById(state, 1_600))).toBe(1_600);
    expect(numberOf(entryById(state, 2_549))).toBe(2_549);
    expect(entryById(state, 2_550)).toBeUndefined();
    expect(entryById(state, -1)).toBeUndefined();
  });

  it('keeps the ids that marks, channels and presence point at: held ones resolve, dropped ones do not', () => {
    let state = bounded();
    state = reduceSession(state, batch(numbered([
      { type: 'frame', sid: 1, dir: 'in', text: frames.established },
      { type: 'frame', sid: 1, dir: 'out', text: frames.subscribePublic },
      { type: 'frame', sid: 1, dir: 'in', text: '{"event":"pusher:subscription_error","channel":"my-channel","data":"{\\"error\\":\\"denied\\",\\"status\\":403}"}' },
    ], 3)));
    const failedAt = state.channels.get('page-1|demo-key|my-channel')?.reasonEntryId as number;
    const establishedAt = state.connections.get('page-1:1')?.marks.find((m) => m.kind === 'established')?.entryId as number;
    expect(entryById(state, failedAt)?.text).toContain('subscription_error');
    expect(entryById(state, establishedAt)?.text).toContain('connection_established');
    // Ticks, a ping, then enough ticks to push the first hundred frames out (the ping stays).
    const tickRecords = (n: number, seq: number) => numbered(Array.from({ length: n }, (_, k) => ({ type: 'frame' as const, sid: 1, dir: 'in' as const, text: tick(k) })), seq);
    state = reduceSession(state, batch(tickRecords(200, 6)));
    state = reduceSession(state, batch(numbered([{ type: 'frame', sid: 1, dir: 'in', text: frames.ping }], 206)));
    const pingAt = state.connections.get('page-1:1')?.marks.find((m) => m.kind === 'ping')?.entryId as number;
    expect(pingAt).toBe(203);
    state = reduceSession(state, batch(tickRecords(BOUND + 1 - state.entryCount, 207)));
    expect(state.firstId).toBe(CHUNK);
    expect(entryById(state, failedAt)).toBeUndefined();
    expect(entryById(state, establishedAt)).toBeUndefined();
    expect(entryById(state, pingAt)?.text).toBe(frames.ping);
    // The facts derived from dropped frames stay.
    expect(state.channels.get('page-1|demo-key|my-channel')).toMatchObject({ status: 'failed', reasonEntryId: failedAt });
  });

  it('does not drop entries while recording is paused, and counts every drop until the log is cleared', () => {
    const full = reduceSession(bounded(), ticks(0, BOUND));
    const paused = reduceSession(full, { kind: 'set-recording', recording: false });
    const still = reduceSession(paused, ticks(BOUND, 500));
    expect(still.entryCount).toBe(BOUND);
    expect(still.firstId).toBe(0);
    expect(still.skippedWhilePaused).toBe(500);
    const resumed = reduceSession(reduceSession(still, { kind: 'set-recording', recording: true }), ticks(BOUND + 500, 1));
    expect(resumed.firstId).toBe(CHUNK);
    const cleared = reduceSession(resumed, { kind: 'clear' });
    expect(cleared).toMatchObject({ entryCount: 0, retention: BOUND });
    expect(droppedByRetention(cleared)).toBe(0);
    const again = reduceSession(cleared, ticks(BOUND + 501, 1));
    // Ids go on from where the cleared log ended: one kept from before names nothing now.
    const next = resumed.firstId + resumed.entryCount;
    expect(again.entries[0]?.id).toBe(next);
    expect(entryById(again, next)).toBe(again.entries[0]);
    const before = resumed.entries[resumed.entryCount - 1]?.id ?? -1;
    expect(entryById(again, before)).toBeUndefined();
    expect(entryById(again, 0)).toBeUndefined();
  });

  it('drops the oldest at once when the bound is lowered, and nothing when it is raised', () => {
    const full = reduceSession(bounded(5_000), ticks(0, 5_000));
    const lowered = reduceSession(full, { kind: 'set-retention', retention: 2_000 });
    expect(lowered).toMatchObject({ entryCount: 2_000, firstId: 3_000, retention: 2_000 });
    expect(numberOf(lowered.entries[0])).toBe(3_000);
    expectConsistent(lowered);
    expect(full.entryCount).toBe(5_000);
    const raised = reduceSession(lowered, { kind: 'set-retention', retention: 10_000 });
    expect(raised).toMatchObject({ entryCount: 2_000, firstId: 3_000, retention: 10_000 });
    const more = reduceSession(raised, ticks(5_000, 100));
    expect(more).toMatchObject({ entryCount: 2_100, firstId: 3_000 });
    expectConsistent(more);
  });

  it('numbers navigation markers after the dropped entries too', () => {
    let state = reduceSession(bounded(), { kind: 'set-preserve-log', preserve: true });
    state = reduceSession(state, ticks(0, BOUND));
    state = reduceSession(state, { kind: 'navigated', t: 1, url: 'http://x/next' });
    expect(state.firstId).toBe(CHUNK);
    expect(state.entries[state.entryCount - 1]).toMatchObject({ id: BOUND, navigation: 'http://x/next' });
    expectConsistent(state);
  });
});

/** A filter that counts the entries it is asked about, to prove the work is incremental. */
function counting(filter: CompiledFilter): CompiledFilter & { calls: number } {
  const counted = { calls: 0, matches: (entry: LogEntry) => (counted.calls++, filter.matches(entry)) };
  return counted;
}

describe('filter and menus after eviction', () => {
  it('visible ids lose the dropped entries and gain the new ones, looking only at the new ones', () => {
    const filter = counting(compileFilter({ ...emptyFilter, channel: 'odd' }));
    let state = reduceSession(bounded(), ticks(0, BOUND));
    let visible = extendVisibleIds(null, state, filter);
    expect(visible.ids).toHaveLength(BOUND / 2);
    for (const size of [1, 99, 250, 5, 1_000]) {
      const before = filter.calls;
      const sent = state.firstId + state.entryCount;
      state = reduceSession(state, ticks(sent, size));
      visible = extendVisibleIds(visible, state, filter);
      // A batch that pushes out everything seen before starts over, on fewer entries than it brought.
      if (size < CHUNK) expect(filter.calls - before).toBe(size);
      else expect(filter.calls - before).toBeLessThanOrEqual(size);
      expect(visible.ids).toEqual(selectVisibleIds(state, filter));
      expect(visible.ids[0]).toBeGreaterThanOrEqual(state.firstId);
      expect(visible.ids.every((id) => numberOf(entryById(state, id)) % 2 === 1)).toBe(true);
    }
    expect(state.firstId).toBeGreaterThan(0);
  });

  it('visible ids start over after a clear, a branch from an older state, or a new filter', () => {
    const filter = compileFilter(emptyFilter);
    const base = reduceSession(bounded(), ticks(0, 900));
    const a = reduceSession(base, ticks(900, 300));
    const fromA = extendVisibleIds(extendVisibleIds(null, base, filter), a, filter);
    expect(fromA.ids).toEqual(selectVisibleIds(a, filter));
    // b branches from base (a appended past it): what was seen of a must not leak into b.
    const b = reduceSession(base, batch(numbered([{ type: 'frame', sid: 1, dir: 'in', text: frames.ping }], handshake.length + 901)));
    const fromAtoB = extendVisibleIds({ ...fromA, ids: [...fromA.ids] }, b, filter);
    expect(fromAtoB.ids).toEqual(selectVisibleIds(b, filter));
    expect(entryById(b, fromAtoB.ids.at(-1) as number)?.text).toBe(frames.ping);
    const cleared = reduceSession(a, { kind: 'clear' });
    expect(extendVisibleIds(fromA, cleared, filter).ids).toEqual([]);
    const refilled = reduceSession(cleared, ticks(1_200, 3));
    // The new log's ids go on from the cleared one's end: none is reused.
    const end = a.firstId + a.entryCount;
    expect(extendVisibleIds(extendVisibleIds(fromA, cleared, filter), refilled, filter).ids).toEqual([end, end + 1, end + 2]);
    const other = compileFilter({ ...emptyFilter, channel: 'even' });
    expect(extendVisibleIds(fromA, a, other).ids).toEqual(selectVisibleIds(a, other));
  });

  it('visible ids start over when everything they saw was dropped', () => {
    const filter = compileFilter(emptyFilter);
    const first = reduceSession(bounded(), ticks(0, 10));
    const seen = extendVisibleIds(null, first, filter);
    const much = reduceSession(first, ticks(10, 3 * BOUND));
    const next = extendVisibleIds(seen, much, filter);
    expect(next.ids).toEqual(selectVisibleIds(much, filter));
    expect(next.ids).toHaveLength(much.entryCount);
  });

  it('menus list the names of the held entries: the dropped ones are counted out, looking only at what changed', () => {
    let state = reduceSession(bounded(), batch(numbered([{ type: 'frame', sid: 1, dir: 'in', text: frames.appEvent }], 3)));
    let names = extendNames(null, state);
    const seq = 4;
    const tickRecords = (from: number, n: number) => numbered(Array.from({ length: n }, (_, k) => ({ type: 'frame' as const, sid: 1, dir: 'in' as const, text: tick(from + k) })), seq + from);
    state = reduceSession(state, batch(tickRecords(0, BOUND - 1)));
    names = extendNames(names, state);
    expect([...names.channels.keys()].sort()).toEqual(['APPL', 'even', 'odd']);
    expect(names.events.get('tick')).toBe(BOUND - 1);
    state = reduceSession(state, batch(tickRecords(BOUND - 1, 1)));
    names = extendNames(names, state);
    // new-price on APPL was the first entry: dropped, so no longer offered.
    expect(state.firstId).toBe(CHUNK);
    expect([...names.channels.keys()].sort()).toEqual(['even', 'odd']);
    expect([...names.events.keys()]).toEqual(['tick']);
    expect(names.events.get('tick')).toBe(state.entryCount);
    expect(names.channels.get('odd')).toBe(selectVisibleIds(state, compileFilter({ ...emptyFilter, channel: 'odd' })).length);
    state = reduceSession(state, batch(tickRecords(BOUND, 3 * BOUND)));
    names = extendNames(names, state);
    expect(names.events.get('tick')).toBe(state.entryCount);
    const cleared = reduceSession(state, { kind: 'clear' });
    expect([...extendNames(names, cleared).channels.keys()]).toEqual([]);
  });
});

describe('export and import with the bound', () => {
  const frameRecords = (n: number, first = 1): PageRecord[] =>
    numbered([{ type: 'socket', sid: 1, url: pusherUrl }, ...Array.from({ length: n }, (_, k) => ({ type: 'frame' as const, sid: 1, dir: 'in' as const, text: tick(k) }))], first);

  it('the recorder keeps the newest frames within the bound and every other record', () => {
    const recorder = new Recorder(BOUND);
    const records = frameRecords(2_550);
    recorder.add(topFrame, 'p', records.slice(0, 1_000));
    recorder.add(topFrame, 'p', records.slice(1_000));
    recorder.add(topFrame, 'q', numbered([{ type: 'socket', sid: 9, url: pusherUrl }, { type: 'frame', sid: 9, dir: 'in', text: tick(9_999) }]));
    const [p, q] = recorder.snapshot();
    const kept = p?.records.filter((r) => r.type === 'frame') ?? [];
    expect(p?.records[0]?.type).toBe('socket');
    // Frames 0..2549 then one on q: the same drops as the log's (1,700 dropped, 851 kept with q's).
    expect(kept.length + 1).toBe(heldAfter(2_551, BOUND));
    expect(kept.at(-1)).toBe(records.at(-1));
    expect(q?.records.map((r) => r.type)).toEqual(['socket', 'frame']);
    recorder.setFrameBound(MIN_RETENTION);
    expect(recorder.snapshot().flatMap((page) => page.records).filter((r) => r.type === 'frame').length).toBe(heldAfter(2_551, BOUND));
    recorder.setFrameBound(500);
    expect(recorder.snapshot().flatMap((page) => page.records).filter((r) => r.type === 'frame').length).toBe(500);
  });

  it('an export holds the frames the log holds, and folds back to the same entries', () => {
    const recorder = new Recorder(BOUND);
    let state = reduceSession(emptySession(), { kind: 'set-retention', retention: BOUND });
    const records = frameRecords(1_777);
    for (let i = 0; i < records.length; i += 300) {
      recorder.add(topFrame, 'page-1', records.slice(i, i + 300));
      state = reduceSession(state, batch(records.slice(i, i + 300)));
    }
    const file = exportSession(recorder.snapshot(), { redact: true, now: new Date(0) });
    const parsed = parseSessionFile(JSON.parse(JSON.stringify(file)));
    if (!parsed.ok) throw new Error(parsed.error);
    let imported = reduceSession(emptySession(), { kind: 'set-retention', retention: BOUND });
    for (const page of parsed.pages) imported = reduceSession(imported, { kind: 'records', origin: page.origin, pageId: `import:1:${page.pageId}`, records: page.records });
    expect(imported.entryCount).toBe(state.entryCount);
    expect(imported.entries.slice(0, imported.entryCount).map((e) => e.text)).toEqual(state.entries.slice(0, state.entryCount).map((e) => e.text));
  });

  it('an imported file larger than the bound keeps its newest frames and counts the rest as dropped', () => {
    const records = frameRecords(2_500);
    const state = reduceSession(reduceSession(emptySession(), { kind: 'set-retention', retention: BOUND }), { kind: 'records', origin: topFrame, pageId: 'import:1:p', records });
    expect(state.entryCount).toBe(heldAfter(2_500, BOUND));
    expect(state.firstId).toBe(2_500 - heldAfter(2_500, BOUND));
    expect(numberOf(state.entries[state.entryCount - 1])).toBe(2_499);
    expect(state.connections.get('import:1:p:1')?.framesIn).toBe(2_500);
    expectConsistent(state);
  });
});

/** Frames held after `added` went into an empty log: the bound, then a drop of a tenth per overflow. */
function heldAfter(added: number, bound: number): number {
  const chunk = evictionChunk(bound);
  return added <= bound ? added : added - chunk * Math.ceil((added - bound) / chunk);
}
