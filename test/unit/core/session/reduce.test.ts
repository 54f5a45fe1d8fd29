import { describe, expect, it } from 'vitest';
import { reduceSession } from '../../../../src/core/session/reduce';
import { emptySession, type SessionState } from '../../../../src/core/session/state';
import { frames } from '../../../fixtures/frames';
import { batch, numbered, pusherUrl } from '../../../fixtures/records';

const healthy = numbered([
  { type: 'socket', sid: 1, url: pusherUrl },
  { type: 'open', sid: 1 },
  { type: 'frame', sid: 1, dir: 'in', text: frames.established },
  { type: 'frame', sid: 1, dir: 'out', text: frames.subscribePublic },
  { type: 'frame', sid: 1, dir: 'in', text: frames.subscribed },
  { type: 'frame', sid: 1, dir: 'in', text: frames.appEvent },
]);

const fold = (...inputs: Parameters<typeof reduceSession>[1][]) => inputs.reduce<SessionState>(reduceSession, emptySession());

describe('reduceSession', () => {
  it('builds the connection and the log from a recorded session', () => {
    const state = fold(batch(healthy));
    expect(state.entryCount).toBe(4);
    const connection = state.connections.get('page-1:1');
    expect(connection).toMatchObject({
      phase: 'open',
      confirmed: true,
      socketId: '445294.25458239',
      activityTimeout: 120,
      framesIn: 3,
      framesOut: 1,
      pusher: { key: 'demo-key', protocol: 7 },
    });
    expect(state.entries.slice(0, 4).map((e) => (e.frame?.ok ? e.frame.event : null))).toEqual([
      'pusher:connection_established',
      'pusher:subscribe',
      'pusher_internal:subscription_succeeded',
      'new-price',
    ]);
  });

  it('ignores records it has already seen, so a buffer replay after a reconnect adds nothing', () => {
    const once = fold(batch(healthy));
    const twice = reduceSession(once, batch(healthy));
    expect(twice.entryCount).toBe(4);
    expect(twice.missed).toBe(0);
  });

  it('counts gaps in the sequence as missed records', () => {
    const state = fold(batch(healthy.slice(2), 'page-9'));
    expect(state.missed).toBe(2);
    // Frames of a socket whose creation was lost still land on a connection.
    expect(state.connections.get('page-9:1')).toMatchObject({ url: '', pusher: null, framesIn: 3, framesOut: 1, phase: 'open' });
  });

  it("counts an imported file's gaps as records the file does not hold, not as the page buffer's drops", () => {
    const imported = reduceSession(emptySession(), { ...batch(healthy.slice(2), 'import:1:page-9'), imported: true } as Parameters<typeof reduceSession>[1]);
    expect(imported.notInFile).toBe(2);
    expect(imported.missed).toBe(0);
    expect(imported.entryCount).toBe(healthy.length - 2);
    expect(reduceSession(imported, { kind: 'clear' }).notInFile).toBe(0);
  });

  it('rejects malformed records without losing the good ones', () => {
    const records = [
      ...healthy.slice(0, 2),
      { seq: 3, t: 1, type: 'frame', sid: 1, dir: 'sideways', text: 'x' },
      { seq: 3, t: 1, type: 'toString', sid: 1 },
      null,
      'garbage',
      ...healthy.slice(2),
    ];
    const state = fold(batch(records));
    expect(state.rejected).toBe(4);
    expect(state.entryCount).toBe(4);
  });

  it('logs malformed and binary frames instead of dropping them', () => {
    const state = fold(
      batch(numbered([
        { type: 'socket', sid: 1, url: pusherUrl },
        { type: 'frame', sid: 1, dir: 'in', text: 'not json' },
        { type: 'frame', sid: 1, dir: 'in', binaryBytes: 12 },
      ])),
    );
    expect(state.entries[0]).toMatchObject({ frame: { ok: false }, bytes: 8 });
    expect(state.entries[1]).toMatchObject({ frame: null, text: null, bytes: 12 });
  });

  it('uses the real size of a frame the page cut', () => {
    const state = fold(batch(numbered([{ type: 'frame', sid: 1, dir: 'in', text: '{"event":"big"', fullBytes: 3_000_000 }])));
    expect(state.entries[0]).toMatchObject({ bytes: 3_000_000, truncated: true });
    expect(state.connections.get('page-1:1')?.bytesIn).toBe(3_000_000);
  });

  it('records close codes', () => {
    const state = fold(batch([...healthy, ...numbered([{ type: 'close', sid: 1, code: 4100, reason: 'Over capacity', clean: true }], 7)]));
    expect(state.connections.get('page-1:1')).toMatchObject({ phase: 'closed', close: { code: 4100, reason: 'Over capacity' } });
  });

  it('does not confirm a socket whose server speaks something else', () => {
    const state = fold(batch(numbered([
      { type: 'socket', sid: 1, url: pusherUrl },
      { type: 'frame', sid: 1, dir: 'in', text: '{"event":"hello"}' },
    ])));
    expect(state.connections.get('page-1:1')?.confirmed).toBe(false);
  });

  it('follows a pusher-js instance through its states', () => {
    const state = fold(batch(numbered([
      { type: 'instance', iid: 1, key: 'demo-key', state: 'initialized', cluster: 'mt1' },
      { type: 'state', iid: 1, previous: 'initialized', current: 'connecting' },
      { type: 'retry', iid: 1, seconds: 1 },
      { type: 'client-error', iid: 1, errorType: 'PusherError', code: 4100 },
      { type: 'state', iid: 1, previous: 'connecting', current: 'connected', socketId: '1.2', sid: 1 },
    ])));
    const instance = state.instances.get('page-1#1');
    expect(instance).toMatchObject({ appKey: 'demo-key', state: 'connected', socketId: '1.2', retries: 1, errors: 1 });
    expect(instance?.states.map((s) => s.state)).toEqual(['initialized', 'connecting', 'connected']);
  });

  it('appends many states and marks in one batch without changing what an earlier state holds', () => {
    const start = numbered([{ type: 'instance', iid: 1, key: 'demo-key', state: 'initialized', cluster: 'mt1' }]);
    const before = fold(batch(start));
    const flood = numbered(
      Array.from({ length: 3_000 }, (_, i) =>
        i % 2 === 0
          ? ({ type: 'state', iid: 1, previous: 'connecting', current: i % 4 === 0 ? 'connected' : 'connecting' } as const)
          : ({ type: 'client-error', iid: 1, errorType: 'PusherError', code: 4000 + (i % 100) } as const),
      ),
      2,
    );
    const after = reduceSession(before, batch(flood));
    const instance = after.instances.get('page-1#1');
    // Past the bound (draft.ts MARK_LIMIT) the oldest go, counted.
    expect(instance!.states.length + (instance!.statesDropped ?? 0)).toBe(1 + 1_500);
    expect(instance!.marks.length + (instance!.marksDropped ?? 0)).toBe(1_500);
    expect(instance!.marks.length).toBeLessThanOrEqual(1_100);
    expect(instance?.marks.at(-1)).toMatchObject({ code: 4099 });
    expect(instance?.errors).toBe(1_500);
    // The state before the flood is untouched, and a second flood on it does not see the first one's marks.
    expect(before.instances.get('page-1#1')?.states).toHaveLength(1);
    expect(before.instances.get('page-1#1')?.marks).toHaveLength(0);
    const other = reduceSession(before, batch(flood.slice(0, 2)));
    expect(other.instances.get('page-1#1')?.marks).toHaveLength(1);
    expect(after.instances.get('page-1#1')?.marks).toHaveLength(instance!.marks.length);
  });

  it('keeps frames of different pages and frames apart', () => {
    const iframe = { frameId: 7, url: 'http://127.0.0.1:6001/frame.html' };
    const state = fold(batch(healthy), batch(healthy, 'page-2', iframe));
    expect(state.entryCount).toBe(8);
    expect(state.connections.get('page-2:1')?.origin).toEqual(iframe);
  });

  it('clears the log but still refuses replays of what was cleared', () => {
    const cleared = reduceSession(fold(batch(healthy)), { kind: 'clear' });
    expect(cleared.entryCount).toBe(0);
    expect(reduceSession(cleared, batch(healthy)).entryCount).toBe(0);
    const more = numbered([{ type: 'frame', sid: 1, dir: 'in', text: frames.ping }], 7);
    expect(reduceSession(cleared, batch(more)).entryCount).toBe(1);
  });

  it('while paused, tracks connections but does not log frames, and says how many it skipped', () => {
    const paused = reduceSession(emptySession(), { kind: 'set-recording', recording: false });
    const state = reduceSession(paused, batch(healthy));
    expect(state.entryCount).toBe(0);
    expect(state.skippedWhilePaused).toBe(4);
    expect(state.connections.get('page-1:1')?.socketId).toBe('445294.25458239');
  });

  it('never lets a branched older state see entries appended after it', () => {
    const base = fold(batch(healthy.slice(0, 3)));
    const a = reduceSession(base, batch(healthy.slice(3)));
    const b = reduceSession(base, batch(numbered([{ type: 'frame', sid: 1, dir: 'in', text: frames.ping }], 4)));
    expect(a.entryCount).toBe(4);
    expect(b.entryCount).toBe(2);
    expect(b.entries[1]?.frame).toMatchObject({ event: 'pusher:ping' });
    expect(a.entries[1]?.frame).toMatchObject({ event: 'pusher:subscribe' });
  });
});

describe('navigation', () => {
  it('clears the log by default, like the Network panel', () => {
    const state = reduceSession(fold(batch(healthy)), { kind: 'navigated', t: 5, url: 'http://x/next' });
    expect(state.entryCount).toBe(0);
    expect(state.connections.size).toBe(0);
  });

  it('keeps the log and adds a marker when preserving it, and the marker survives any filter', async () => {
    const { compileFilter, emptyFilter } = await import('../../../../src/core/session/filter');
    const preserving = reduceSession(fold(batch(healthy)), { kind: 'set-preserve-log', preserve: true });
    const state = reduceSession(preserving, { kind: 'navigated', t: 5, url: 'http://x/next' });
    expect(state.entryCount).toBe(5);
    expect(state.entries[4]).toMatchObject({ navigation: 'http://x/next', frame: null });
    expect(compileFilter({ ...emptyFilter, text: 'nothing-matches-this' }).matches(state.entries[4]!)).toBe(true);
    expect(reduceSession(state, { kind: 'clear' }).preserveLog).toBe(true);
  });
});

describe('records a busy page holds back', () => {
  it('sums the counts of every page, and forgets a page once it says it holds none', async () => {
    const { heldByPages } = await import('../../../../src/core/session/state');
    const state = fold(batch(healthy), { kind: 'held', pageId: 'page-1', count: 1_200 }, { kind: 'held', pageId: 'frame-2', count: 300 });
    expect(heldByPages(state)).toBe(1_500);
    const later = reduceSession(state, { kind: 'held', pageId: 'page-1', count: 0 });
    expect(heldByPages(later)).toBe(300);
    expect([...later.held.keys()]).toEqual(['frame-2']);
    // Nothing changed, nothing to render.
    expect(reduceSession(later, { kind: 'held', pageId: 'frame-2', count: 300 })).toBe(later);
  });

  it('keeps the counts across a clear (those records are still coming) and drops them on navigation', async () => {
    const { heldByPages } = await import('../../../../src/core/session/state');
    const state = fold(batch(healthy), { kind: 'held', pageId: 'page-1', count: 900 });
    expect(heldByPages(reduceSession(state, { kind: 'clear' }))).toBe(900);
    const navigated = reduceSession(state, { kind: 'navigated', t: 5, url: 'http://x/next' });
    expect(heldByPages(navigated)).toBe(0);
    expect(navigated.entryCount).toBe(0);
  });
});
