import { describe, expect, it } from 'vitest';
import { compileFilter, emptyFilter, narrows, type LogFilter } from '../../../../src/core/session/filter';
import { reduceSession } from '../../../../src/core/session/reduce';
import { MIN_RETENTION } from '../../../../src/core/session/retention';
import { continueVisibleIds, extendVisibleIds, selectVisibleIds, visibleIdsFor, type FilterCache, type ScanBudget } from '../../../../src/core/session/selectors';
import { emptySession, type LogEntry, type SessionState } from '../../../../src/core/session/state';
import { batch, numbered, pusherUrl } from '../../../fixtures/records';

const f = (patch: Partial<LogFilter>): LogFilter => ({ ...emptyFilter, ...patch });

describe('narrows', () => {
  it('holds when a word grows at either end, a word or a menu value is added', () => {
    expect(narrows(f({}), f({ text: 'a' }))).toBe(true);
    expect(narrows(f({ text: 'tic' }), f({ text: 'tick' }))).toBe(true);
    expect(narrows(f({ text: 'ick' }), f({ text: 'tick' }))).toBe(true);
    expect(narrows(f({ text: 'Tic' }), f({ text: 'tICK' }))).toBe(true);
    expect(narrows(f({ text: 'tick' }), f({ text: 'tick 42' }))).toBe(true);
    expect(narrows(f({ text: 'tick' }), f({ text: '-x tick' }))).toBe(true);
    expect(narrows(f({ text: 'event:ti' }), f({ text: 'event:tick' }))).toBe(true);
    expect(narrows(f({ text: '"a b"' }), f({ text: '"a bc"' }))).toBe(true);
    expect(narrows(f({ text: '/x+/' }), f({ text: '/x+/ y' }))).toBe(true);
    expect(narrows(f({}), f({ direction: 'in', channel: 'c', event: 'e' }))).toBe(true);
  });

  it('does not hold when the new filter can keep entries the old one left out', () => {
    expect(narrows(f({ text: 'tick' }), f({ text: 'tic' }))).toBe(false);
    expect(narrows(f({ text: 'tick' }), f({ text: 'trade' }))).toBe(false);
    expect(narrows(f({ text: '-ab' }), f({ text: '-abc' }))).toBe(false);
    expect(narrows(f({ text: 'dir:i' }), f({ text: 'dir:in' }))).toBe(false);
    expect(narrows(f({ text: '/ab/' }), f({ text: '/abc/' }))).toBe(false);
    expect(narrows(f({ text: '/ab' }), f({ text: '/ab/' }))).toBe(false);
    expect(narrows(f({ text: 'event:ti' }), f({ text: 'channel:tick' }))).toBe(false);
    expect(narrows(f({ text: 'ti' }), f({ text: 'event:tick' }))).toBe(false);
    expect(narrows(f({ direction: 'in' }), f({ direction: 'out' }))).toBe(false);
    expect(narrows(f({ direction: 'in' }), f({}))).toBe(false);
    expect(narrows(f({ channel: 'a' }), f({ channel: 'b' }))).toBe(false);
    expect(narrows(f({ event: 'a' }), f({}))).toBe(false);
  });
});

describe('filter matching', () => {
  const entry = (text: string): LogEntry => ({ id: 0, t: 0, dir: 'in', connectionKey: '', text, bytes: text.length, truncated: false, replayed: false, frame: null });
  it('is case-insensitive for words with letters and exact for the rest, as before', () => {
    const matches = (text: string, word: string) => compileFilter(f({ text: word })).matches(entry(text));
    expect(matches('{"symbol":"PSH"}', 'psh')).toBe(true);
    expect(matches('{"symbol":"psh"}', 'PSH')).toBe(true);
    expect(matches('{"seq":4242}', '4242')).toBe(true);
    expect(matches('{"seq":4243}', '4242')).toBe(false);
    expect(matches('{"a":"ÄÖ"}', 'äö')).toBe(true);
    expect(matches('{"a":"b"}', '":"')).toBe(true);
    expect(compileFilter(f({ text: '42' })).matches({ ...entry(''), text: null })).toBe(false);
    expect(compileFilter(f({})).all).toBe(true);
    expect(compileFilter(f({ text: 'x' })).all).toBeUndefined();
  });
});

/** A log whose entries count how often the filter reads their text. */
function countedLog(n: number): { state: SessionState; reads: () => number } {
  const texts = Array.from({ length: n }, (_, i) => `{"event":"${i % 3 ? 'tick' : 'Trade'}","channel":"c${i % 5}","data":"{\\"seq\\":${i}}"}`);
  const state = reduceSession(
    reduceSession(emptySession(), { kind: 'set-retention', retention: MIN_RETENTION }),
    batch(numbered([{ type: 'socket', sid: 1, url: pusherUrl }, ...texts.map((text) => ({ type: 'frame' as const, sid: 1, dir: 'in' as const, text }))])),
  );
  let reads = 0;
  for (let i = 0; i < state.entryCount; i++) {
    const entry = state.entries[i] as LogEntry;
    const text = entry.text;
    Object.defineProperty(entry, 'text', { get: () => (reads++, text) });
  }
  return { state, reads: () => reads };
}

describe('visibleIdsFor', () => {
  it('gives what a scan of the whole log gives, for any sequence of filters, as the log grows and drops', () => {
    const cache: FilterCache = new Map();
    let state = reduceSession(emptySession(), { kind: 'set-retention', retention: MIN_RETENTION });
    state = reduceSession(state, batch(numbered([{ type: 'socket', sid: 1, url: pusherUrl }])));
    const steps = ['', '1', '12', '123', '12', '1', '', 't', 'ti', 'tick', 'tick 7', 'tick', '-tick', '-tic', '/seq..:1\\d/', 'trade', 'TRADE', ''];
    let seq = 2;
    let frame = 0;
    for (let round = 0; round < 6; round++) {
      for (const text of steps) {
        for (const dir of ['all', 'in'] as const) {
          const filter = f({ text, direction: dir });
          expect(visibleIdsFor(cache, state, filter).ids).toEqual(selectVisibleIds(state, compileFilter(filter)));
        }
        // Between keystrokes, frames arrive: enough over the rounds to go past the bound several times.
        const n = 37 + round * 11;
        state = reduceSession(state, batch(numbered(Array.from({ length: n }, () => ({ type: 'frame' as const, sid: 1, dir: (frame % 4 ? 'in' : 'out') as 'in' | 'out', text: `{"event":"${frame % 2 ? 'tick' : 'Trade'}","channel":"c","data":"{\\"seq\\":${frame++}}"}` })), seq)));
        seq += n;
      }
    }
    expect(state.firstId).toBeGreaterThan(0);
    expect(visibleIdsFor(cache, reduceSession(state, { kind: 'clear' }), f({ text: 'tick' })).ids).toEqual([]);
  });

  it('reads only the entries a narrower filter kept, and nothing for a filter seen before', () => {
    const { state, reads } = countedLog(900);
    const cache: FilterCache = new Map();
    const at = (text: string) => {
      const before = reads();
      const ids = visibleIdsFor(cache, state, f({ text })).ids;
      return { ids: ids.length, reads: reads() - before };
    };
    expect(at('')).toEqual({ ids: 900, reads: 0 });
    expect(at('4')).toMatchObject({ reads: 900 });
    const fours = at('4').ids;
    expect(at('42')).toEqual({ ids: expect.any(Number), reads: fours });
    expect(at('4')).toEqual({ ids: fours, reads: 0 });
    expect(at('')).toEqual({ ids: 900, reads: 0 });
    // A regular expression narrows nothing: every entry is read.
    expect(at('/seq/')).toMatchObject({ reads: 900 });
  });

  it('forgets all but the most recent filters', () => {
    const { state } = countedLog(50);
    const cache: FilterCache = new Map();
    for (let i = 0; i < 20; i++) visibleIdsFor(cache, state, f({ text: `w${i}` }));
    expect(cache.size).toBeLessThanOrEqual(8);
    expect(cache.has(JSON.stringify(['w19', 'all', '', '']))).toBe(true);
    expect(cache.has(JSON.stringify(['w0', 'all', '', '']))).toBe(false);
  });
});

/** A budget spent after every check: each call looks at one batch of a few hundred entries. */
const oneBatch: ScanBudget = { spent: () => true };

describe('scans cut short by a budget', () => {
  it('look at the newest entries first, then go on from where they stopped until complete', () => {
    const { state, reads } = countedLog(1_000);
    const filter = compileFilter(f({ text: '7' }));
    const full = selectVisibleIds(state, filter);
    const before = reads();
    let visible = extendVisibleIds(null, state, filter, oneBatch);
    expect(reads() - before).toBeLessThan(state.entryCount);
    expect(visible.pending).not.toBeNull();
    // What was found is exactly the newest part of the full answer.
    expect(visible.ids).toEqual(full.slice(full.length - visible.ids.length));
    let rounds = 1;
    while (visible.pending !== null) {
      visible = continueVisibleIds(visible, state, oneBatch);
      rounds++;
    }
    expect(visible.ids).toEqual(full);
    expect(rounds).toBeGreaterThan(2);
    // Every entry was read once, none twice.
    expect(reads() - before).toBe(state.entryCount);
  });

  it('stay right while frames arrive and the oldest are dropped between slices, narrowing included', () => {
    const cache: FilterCache = new Map();
    let state = reduceSession(emptySession(), { kind: 'set-retention', retention: MIN_RETENTION });
    state = reduceSession(state, batch(numbered([{ type: 'socket', sid: 1, url: pusherUrl }])));
    let seq = 2;
    const grow = (n: number) => {
      state = reduceSession(state, batch(numbered(Array.from({ length: n }, (_, k) => ({ type: 'frame' as const, sid: 1, dir: 'in' as const, text: `{"event":"tick","data":"{\\"seq\\":${seq + k}}"}` })), seq)));
      seq += n;
    };
    grow(990);
    for (const text of ['', '1', '12', '1', '', '3', '-3', '/9$/']) {
      let visible = visibleIdsFor(cache, state, f({ text }), oneBatch);
      for (let slice = 0; visible.pending !== null; slice++) {
        grow(slice % 3 === 0 ? 120 : 7);
        visible = visibleIdsFor(cache, state, f({ text }), oneBatch);
      }
      expect(visible.ids).toEqual(selectVisibleIds(state, compileFilter(f({ text }))));
    }
    expect(state.firstId).toBeGreaterThan(0);
  });

  it('never narrow from a result the log no longer continues (it would be scanned again in full, past the budget)', () => {
    const cache: FilterCache = new Map();
    const before = countedLog(1_000);
    expect(visibleIdsFor(cache, before.state, f({ text: 't' })).pending).toBeNull();
    const after = countedLog(1_000);
    const visible = visibleIdsFor(cache, after.state, f({ text: 'ti' }), oneBatch);
    expect(after.reads()).toBeLessThan(2 * 256);
    expect(visible.pending).not.toBeNull();
  });

  it('stop once they found enough matches for a screen, the newest ones', () => {
    const { state, reads } = countedLog(1_000);
    const filter = compileFilter(f({ text: 'tick' }));
    const visible = extendVisibleIds(null, state, filter, { spent: () => false, enough: 100 });
    expect(reads()).toBeLessThan(2 * 256);
    expect(visible.ids.length).toBeGreaterThanOrEqual(100);
    const full = selectVisibleIds(state, filter);
    expect(visible.ids).toEqual(full.slice(full.length - visible.ids.length));
    expect(visible.pending).not.toBeNull();
  });

  it('never narrow from a result that is still incomplete', () => {
    const { state } = countedLog(1_000);
    const cache: FilterCache = new Map();
    expect(visibleIdsFor(cache, state, f({ text: '4' }), oneBatch).pending).not.toBeNull();
    let visible = visibleIdsFor(cache, state, f({ text: '42' }), oneBatch);
    while (visible.pending !== null) visible = visibleIdsFor(cache, state, f({ text: '42' }), oneBatch);
    expect(visible.ids).toEqual(selectVisibleIds(state, compileFilter(f({ text: '42' }))));
  });
});
