import { describe, expect, it } from 'vitest';
import { reduceSession } from '../../../../src/core/session/reduce';
import { emptySession } from '../../../../src/core/session/state';
import { selectOutages, selectTimeline } from '../../../../src/core/session/timeline';
import { frames } from '../../../fixtures/frames';
import { batch, numbered, pusherUrl } from '../../../fixtures/records';

type Draft = Parameters<typeof numbered>[0][number];
const T0 = 1_700_000_000_000;
const at = (ms: number, draft: Draft): Draft => ({ ...draft, t: T0 + ms });
const established = (sid: number, ms: number): Draft[] => [
  at(ms, { type: 'socket', sid, url: pusherUrl }),
  at(ms + 5, { type: 'frame', sid, dir: 'in', text: frames.established }),
];
const fold = (drafts: Draft[]) => reduceSession(emptySession(), batch(numbered(drafts)));
const heartbeats = (sid: number, from: number, pairs: number): Draft[] =>
  Array.from({ length: pairs }, (_, i) => [
    at(from + i * 1_000, { type: 'frame', sid, dir: 'out', text: frames.ping }),
    at(from + i * 1_000 + 5, { type: 'frame', sid, dir: 'in', text: '{"event":"pusher:pong","data":{}}' }),
  ]).flat();

describe('timeline from sockets alone (inferred)', () => {
  it('tells a drop with its close code, the time down and the attempts', () => {
    const state = fold([
      ...established(1, 0),
      at(1_000, { type: 'close', sid: 1, code: 4100, reason: 'Over capacity', clean: true }),
      at(2_000, { type: 'socket', sid: 2, url: pusherUrl }),
      at(2_010, { type: 'close', sid: 2, code: 1006, reason: '', clean: false }),
      ...established(3, 3_000),
    ]);
    const [lane] = selectTimeline(state);
    expect(lane?.source).toBe('inferred');
    expect(lane?.segments.map((s) => s.state)).toEqual(['connecting', 'connected', 'connecting', 'connected']);
    const outages = selectOutages(lane!, T0 + 10_000);
    expect(outages).toHaveLength(1);
    expect(outages[0]).toMatchObject({ from: T0 + 1_000, to: T0 + 3_005, attempts: 2, cause: { kind: 'close', code: 4100 } });
  });

  it('ends in disconnected after a refusing close code', () => {
    const state = fold([...established(1, 0), at(500, { type: 'close', sid: 1, code: 4001, reason: '', clean: true })]);
    expect(selectTimeline(state)[0]?.segments.at(-1)?.state).toBe('disconnected');
  });

  it('marks a connection attempt that lasts over 10 s as unavailable', () => {
    const state = fold([at(0, { type: 'socket', sid: 1, url: pusherUrl }), at(25_000, { type: 'close', sid: 1, code: 1006, reason: '', clean: false })]);
    const segments = selectTimeline(state)[0]?.segments ?? [];
    expect(segments.map((s) => [s.state, s.from - T0])).toEqual([
      ['connecting', 0],
      ['unavailable', 10_000],
    ]);
  });
});

describe('timeline from a pusher-js instance', () => {
  it("uses the instance's own states and collects its sockets' marks", () => {
    const state = fold([
      at(0, { type: 'instance', iid: 1, key: 'demo-key', state: 'initialized' }),
      at(1, { type: 'state', iid: 1, previous: 'initialized', current: 'connecting' }),
      ...established(1, 2),
      at(10, { type: 'state', iid: 1, previous: 'connecting', current: 'connected', socketId: '445294.25458239', sid: 1 }),
      at(500, { type: 'close', sid: 1, code: 4200, reason: '', clean: true }),
      at(501, { type: 'state', iid: 1, previous: 'connected', current: 'connecting' }),
      at(502, { type: 'retry', iid: 1, seconds: 1 }),
      at(1_600, { type: 'state', iid: 1, previous: 'connecting', current: 'connected' }),
    ]);
    const lanes = selectTimeline(state);
    expect(lanes).toHaveLength(1);
    expect(lanes[0]?.source).toBe('pusher-js');
    expect(lanes[0]?.segments.map((s) => s.state)).toEqual(['initialized', 'connecting', 'connected', 'connecting', 'connected']);
    expect(lanes[0]?.marks.map((m) => m.kind)).toEqual(['established', 'close', 'retry']);
    expect(selectOutages(lanes[0]!, T0 + 5_000)).toEqual([expect.objectContaining({ from: T0 + 500, to: T0 + 1_600, attempts: 1 })]);
  });
});

describe('injected faults', () => {
  it('are marked once per lane and say they were injected', () => {
    const state = fold([
      at(0, { type: 'instance', iid: 1, key: 'demo-key', state: 'connected' }),
      ...established(1, 1),
      at(100, { type: 'fault', what: 'offline', seconds: 11 }),
      at(101, { type: 'close', sid: 1, code: 1006, reason: '', clean: false, injected: true }),
    ]);
    const marks = selectTimeline(state)[0]?.marks ?? [];
    expect(marks.filter((m) => m.kind === 'injected').map((m) => m.label)).toEqual(['Injected: offline for 11 s']);
    expect(marks.find((m) => m.kind === 'close')).toMatchObject({ injected: true, label: 'Closed 1006 (injected from DevTools)' });
  });

  it('reach sockets-only lanes too', () => {
    const state = fold([...established(1, 0), at(100, { type: 'fault', what: 'offline', seconds: 5 })]);
    expect(selectTimeline(state)[0]?.marks.map((m) => m.label)).toContain('Injected: offline for 5 s');
  });
});

describe('marks and states over a long session', () => {

  it("keeps about the newest 1,000 marks of a connection, counts the rest, and never loses when it connected", async () => {
    const { MARK_LIMIT } = await import('../../../../src/core/session/draft');
    const drafts = [...established(1, 0), ...heartbeats(1, 100, 1_500)];
    // In one batch and one record at a time: the bound holds either way.
    const oneBatch = fold(drafts);
    let oneByOne = emptySession();
    for (const record of numbered(drafts)) oneByOne = reduceSession(oneByOne, batch([record]));
    for (const state of [oneBatch, oneByOne]) {
      const connection = [...state.connections.values()][0]!;
      expect(connection.marks.length).toBeGreaterThanOrEqual(MARK_LIMIT);
      expect(connection.marks.length).toBeLessThanOrEqual(MARK_LIMIT * 1.1 + 1);
      expect(connection.marks[0]?.kind).toBe('established');
      // 1 established + 3,000 heartbeats, each either kept or counted.
      expect(connection.marks.length + (connection.marksDropped ?? 0)).toBe(3_001);
      expect(connection.marks.at(-1)?.kind).toBe('pong');
      const [lane] = selectTimeline(state);
      expect(lane?.segments.map((s) => s.state)).toEqual(['connecting', 'connected']);
      expect(lane?.segments[1]?.from).toBe(T0 + 5);
      expect(lane?.dropped).toBe(connection.marksDropped);
    }
  });

  it("keeps about the newest 1,000 states of a pusher-js instance and counts the rest", () => {
    const states: Draft[] = [at(0, { type: 'instance', iid: 1, key: 'demo-key', state: 'initialized' })];
    for (let i = 1; i <= 3_000; i++) {
      states.push(at(i, { type: 'state', iid: 1, previous: i % 2 ? 'initialized' : 'connecting', current: i % 2 ? 'connecting' : 'unavailable' }));
    }
    const instance = [...fold(states).instances.values()][0]!;
    expect(instance.states.length).toBeLessThanOrEqual(1_101);
    expect(instance.states.length + (instance.statesDropped ?? 0)).toBe(3_001);
    expect(instance.states.at(-1)).toEqual({ t: T0 + 3_000, state: 'unavailable' });
    expect(instance.state).toBe('unavailable');
    expect(selectTimeline(fold(states))[0]?.dropped).toBe(instance.statesDropped);
  });
});

describe('a lane after hours of reconnecting', () => {
  it('holds the newest LANE_LIMIT marks, counts the rest, and still ends in the right state', async () => {
    const { LANE_LIMIT } = await import('../../../../src/core/session/timeline');
    // Connections are bounded too (CONNECTION_LIMIT): it is the marks of a few long-lived ones that overflow a lane.
    const drafts: Draft[] = [];
    for (let sid = 1; sid <= 20; sid++) {
      const from = sid * 1_000_000;
      drafts.push(...established(sid, from), ...heartbeats(sid, from + 100, 300), at(from + 400_000, { type: 'close', sid, code: 4200, reason: 'Please reconnect', clean: true }));
    }
    drafts.push(...established(21, 21_000_000));
    const [lane] = selectTimeline(fold(drafts));
    expect(lane?.marks).toHaveLength(LANE_LIMIT);
    // Each of 20 connections: established, 600 heartbeat marks and a close; then the 21st established.
    expect((lane?.dropped ?? 0) + LANE_LIMIT).toBe(20 * 602 + 1);
    expect(lane?.marks.at(-1)).toMatchObject({ kind: 'established', t: T0 + 21_000_005 });
    expect(lane?.segments.at(-1)).toMatchObject({ state: 'connected', to: null });
  });

  it('keeps the newest closed connections of a page reconnecting all day, every open one, and counts the rest', async () => {
    const { CONNECTION_LIMIT } = await import('../../../../src/core/session/draft');
    const reconnects = 1_000;
    const drafts: Draft[] = [...established(1, 0)]; // sid 1 stays open throughout
    for (let sid = 2; sid <= reconnects + 1; sid++) {
      drafts.push(...established(sid, sid * 100), at(sid * 100 + 50, { type: 'close', sid, code: 1006, reason: '', clean: false }));
    }
    let oneByOne = emptySession();
    for (const record of numbered(drafts)) oneByOne = reduceSession(oneByOne, batch([record]));
    for (const state of [fold(drafts), oneByOne]) {
      expect(state.connections.size).toBeGreaterThanOrEqual(CONNECTION_LIMIT);
      expect(state.connections.size).toBeLessThanOrEqual(CONNECTION_LIMIT * 1.1 + 1);
      expect(state.connections.size + state.connectionsDropped).toBe(reconnects + 1);
      expect(state.connections.get('page-1:1')?.phase).toBe('open');
      // The newest are the ones kept.
      expect(state.connections.has(`page-1:${reconnects + 1}`)).toBe(true);
      expect(state.connections.has('page-1:2')).toBe(false);
      const [lane] = selectTimeline(state);
      expect(lane?.connections).toHaveLength(state.connections.size);
    }
    // A clear starts the count again.
    expect(reduceSession(oneByOne, { kind: 'clear' }).connectionsDropped).toBe(0);
  });
});
