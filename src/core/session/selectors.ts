import type { CompiledFilter, LogFilter } from './filter';
import { compileFilter, narrows } from './filter';
import type { ChannelInfo, Connection, LogEntry, SessionState } from './state';

/** The log entry with this id, while the log still holds it (the retention bound drops the oldest). */
export function entryById(state: SessionState, id: number): LogEntry | undefined {
  const index = id - state.firstId;
  return index >= 0 && index < state.entryCount ? state.entries[index] : undefined;
}

/** Ids of the log entries the filter keeps, oldest first. */
export function selectVisibleIds(state: SessionState, filter: CompiledFilter): number[] {
  return collectIds(state, filter, 0, []);
}

function collectIds(state: SessionState, filter: CompiledFilter, from: number, ids: number[]): number[] {
  if (filter.all) {
    for (let i = from; i < state.entryCount; i++) ids.push(state.firstId + i);
    return ids;
  }
  for (let i = from; i < state.entryCount; i++) {
    const entry = state.entries[i] as LogEntry;
    if (filter.matches(entry)) ids.push(entry.id);
  }
  return ids;
}

/**
 * Where `state`'s log picks up after `last`, the newest entry a derived result has seen: the index of the first
 * entry it has not seen, or -1 when it must start over (the log was cleared or branched, or everything it saw
 * was dropped). Checking the entry itself, not just its id, tells a continuation from a log that was rebuilt.
 */
export function resumeIndex(state: SessionState, last: LogEntry | null): number {
  if (last === null) return -1;
  const index = last.id - state.firstId;
  return index >= 0 && index < state.entryCount && state.entries[index] === last ? index + 1 : -1;
}

/** Pusher connections, newest first; sockets whose first server frame was not Pusher's handshake are left out. */
export function selectConnections(state: SessionState): Connection[] {
  return [...state.connections.values()]
    .filter((c) => c.confirmed || c.framesIn === 0)
    .sort((a, b) => b.createdAt - a.createdAt);
}

/** Says when a scan has used its share of time (checked every few hundred entries); absent, scans run to the end. */
export interface ScanBudget {
  spent: () => boolean;
  /** Stop as soon as this many matches are found: the newest screenful is what a keystroke needs to show. */
  enough?: number;
}

export interface VisibleIds {
  filter: CompiledFilter;
  /** The newest entry looked at. */
  last: LogEntry | null;
  /** Ids of the matching entries found so far, ascending. */
  ids: number[];
  /**
   * Older entries not looked at yet, when a budget cut the scan short (newest first, so the rows in view come
   * first): entries with ids below `below`, or, when narrowing a previous result, `candidates[0 .. below)`.
   */
  pending: { candidates: readonly number[] | null; below: number } | null;
}

const BUDGET_CHECK = 256;

/**
 * Like selectVisibleIds, but reuses the previous result when only new entries arrived with the same filter:
 * a live log costs the new entries, not the whole history. Entries the retention bound dropped leave the front of
 * the list once per dropped chunk. A fresh scan looks at the newest entries first and stops when `budget` is spent;
 * continueVisibleIds goes on with the rest.
 */
export function extendVisibleIds(previous: VisibleIds | null, state: SessionState, filter: CompiledFilter, budget?: ScanBudget): VisibleIds {
  const last = state.entryCount > 0 ? (state.entries[state.entryCount - 1] as LogEntry) : null;
  const resume = previous !== null && previous.filter === filter ? resumeIndex(state, previous.last) : -1;
  if (resume < 0) {
    if (filter.all) return { filter, last, ids: collectIds(state, filter, 0, []), pending: null };
    return continueVisibleIds({ filter, last, ids: [], pending: { candidates: null, below: state.firstId + state.entryCount } }, state, budget);
  }
  const current = previous as VisibleIds;
  // Changed in place: copying the whole list on every commit would cost O(log size) per batch.
  const ids = current.ids;
  if (ids.length > 0 && (ids[0] as number) < state.firstId) ids.splice(0, firstAtLeast(ids, state.firstId));
  return { filter, last, ids: collectIds(state, filter, resume, ids), pending: current.pending };
}

/** Looks at more of the entries a budget left out, newest first; the result is complete when `pending` is null. */
export function continueVisibleIds(visible: VisibleIds, state: SessionState, budget?: ScanBudget): VisibleIds {
  const pending = visible.pending;
  if (pending === null) return visible;
  const { matches } = visible.filter;
  const found: number[] = [];
  let below = pending.below;
  if (pending.candidates === null) {
    // Entries with ids below `below`, from the newest down.
    let i = Math.min(below - state.firstId, state.entryCount) - 1;
    for (let n = 1; i >= 0; i--, n++) {
      if (n % BUDGET_CHECK === 0 && stop(budget, found)) break;
      const entry = state.entries[i] as LogEntry;
      if (matches(entry)) found.push(entry.id);
    }
    below = i < 0 ? -1 : state.firstId + i + 1;
  } else {
    const candidates = pending.candidates;
    let k = below - 1;
    for (let n = 1; k >= 0; k--, n++) {
      if (n % BUDGET_CHECK === 0 && stop(budget, found)) break;
      const id = candidates[k] as number;
      // Dropped by the retention bound since: so are all older ones.
      if (id < state.firstId) k = 0;
      else if (matches(state.entries[id - state.firstId] as LogEntry)) found.push(id);
    }
    below = k + 1;
  }
  found.reverse();
  const ids = found.length === 0 ? visible.ids : found.concat(visible.ids);
  return { ...visible, ids, pending: below <= 0 ? null : { candidates: pending.candidates, below } };
}

function stop(budget: ScanBudget | undefined, found: readonly number[]): boolean {
  return budget !== undefined && ((budget.enough !== undefined && found.length >= budget.enough) || budget.spent());
}

/** Recent filters' results, least recently used first: see visibleIdsFor. */
export type FilterCache = Map<string, { filter: LogFilter; visible: VisibleIds }>;

const FILTER_CACHE_SIZE = 8;

/**
 * The visible ids for `filter`, reusing recent results: the same filter again (a Backspace) extends its old result
 * with what arrived since; a narrower one (a key typed at the end of a word) looks only at the ids of the complete
 * result it narrows. Only a filter unlike any recent one scans the log. With a budget, the scan may stop early:
 * call again (with the same filter) to go on, until `pending` is null.
 */
export function visibleIdsFor(cache: FilterCache, state: SessionState, filter: LogFilter, budget?: ScanBudget): VisibleIds {
  const key = JSON.stringify([filter.text, filter.direction, filter.channel, filter.event]);
  const hit = cache.get(key);
  let visible: VisibleIds;
  if (hit) {
    visible = continueVisibleIds(extendVisibleIds(hit.visible, state, hit.visible.filter, budget), state, budget);
    cache.delete(key);
  } else {
    const compiled = compileFilter(filter);
    // Only a complete result that the log still continues: bringing it up to date costs the new entries only.
    const wider = [...cache.values()].reverse().find((c) => c.visible.pending === null && resumeIndex(state, c.visible.last) >= 0 && narrows(c.filter, filter));
    if (wider) {
      wider.visible = extendVisibleIds(wider.visible, state, wider.visible.filter);
      // A copy: the wider result's list changes in place as the log grows.
      const candidates = wider.visible.ids.slice();
      visible = continueVisibleIds({ filter: compiled, last: wider.visible.last, ids: [], pending: { candidates, below: candidates.length } }, state, budget);
    } else visible = extendVisibleIds(null, state, compiled, budget);
  }
  cache.set(key, { filter, visible });
  for (const old of cache.keys()) {
    if (cache.size <= FILTER_CACHE_SIZE) break;
    cache.delete(old);
  }
  return visible;
}

/** The first index whose id is at least `id`, in ascending ids. */
function firstAtLeast(ids: readonly number[], id: number): number {
  let low = 0;
  let high = ids.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((ids[middle] as number) < id) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The app's handlers on a channel, when its pusher-js instance is reachable; null when only sockets are seen. */
export function selectHandlers(state: SessionState, channel: ChannelInfo): { global: number; events: Record<string, number> } | null {
  for (const instance of state.instances.values()) {
    if (`${instance.pageId}|${instance.appKey}` !== channel.clientKey || !instance.bindings) continue;
    // Own keys only: a channel named "constructor" must not find Object.prototype's.
    const channels = instance.bindings.channels;
    return (Object.hasOwn(channels, channel.name) ? channels[channel.name] : undefined) ?? { global: 0, events: {} };
  }
  return null;
}

/** Open Pusher connections a frame can be replayed into: its own first while it is open, then the newest. */
export function selectReplayTargets(state: SessionState, ownKey: string): Connection[] {
  return selectConnections(state)
    // Imported sessions have no live socket behind them.
    .filter((c) => c.phase === 'open' && c.confirmed && !c.pageId.startsWith('import:'))
    .sort((a, b) => Number(b.key === ownKey) - Number(a.key === ownKey));
}
