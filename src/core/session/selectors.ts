import type { CompiledFilter, LogFilter } from './filter';
import { channelOf, compileFilter, eventOf, narrows } from './filter';
import type { ChannelInfo, Connection, LogEntry, SessionState } from './state';

/** The log entry with this id, while the log still holds it (the retention bound drops the oldest). */
export function entryById(state: SessionState, id: number): LogEntry | undefined {
  const index = id - state.evicted;
  return index >= 0 && index < state.entryCount ? state.entries[index] : undefined;
}

/** Ids of the log entries the filter keeps, oldest first. */
export function selectVisibleIds(state: SessionState, filter: CompiledFilter): number[] {
  return collectIds(state, filter, 0, []);
}

function collectIds(state: SessionState, filter: CompiledFilter, from: number, ids: number[]): number[] {
  if (filter.all) {
    for (let i = from; i < state.entryCount; i++) ids.push(state.evicted + i);
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
  const index = last.id - state.evicted;
  return index >= 0 && index < state.entryCount && state.entries[index] === last ? index + 1 : -1;
}

export interface Names {
  /** The log as last seen, to find the entries dropped since. */
  entries: readonly LogEntry[];
  evicted: number;
  /** The newest entry looked at. */
  last: LogEntry | null;
  /** How many held entries carry each name. */
  channels: Map<string, number>;
  events: Map<string, number>;
}

/**
 * Channel and event names in the log, for the filter menus. Extends the previous result with the new entries and
 * takes back the ones the retention bound dropped, so each commit costs what changed, not the whole log.
 */
export function extendNames(previous: Names | null, state: SessionState): Names {
  const resume = previous === null ? -1 : resumeIndex(state, previous.last);
  const names = previous !== null && resume >= 0 ? previous : { entries: state.entries, evicted: 0, last: null, channels: new Map<string, number>(), events: new Map<string, number>() };
  if (resume >= 0) {
    // Everything dropped since was seen (the newest entry seen is still held): count it out.
    for (let i = 0; i < state.evicted - names.evicted; i++) countName(names, names.entries[i] as LogEntry, -1);
  }
  for (let i = Math.max(0, resume); i < state.entryCount; i++) countName(names, state.entries[i] as LogEntry, 1);
  return { ...names, entries: state.entries, evicted: state.evicted, last: state.entryCount > 0 ? (state.entries[state.entryCount - 1] as LogEntry) : null };
}

function countName(names: Names, entry: LogEntry, step: 1 | -1): void {
  const channel = channelOf(entry);
  const event = eventOf(entry);
  if (channel !== undefined) bump(names.channels, channel, step);
  if (event !== undefined) bump(names.events, event, step);
}

function bump(counts: Map<string, number>, name: string, step: 1 | -1): void {
  const next = (counts.get(name) ?? 0) + step;
  if (next > 0) counts.set(name, next);
  else counts.delete(name);
}

export function selectNames(state: SessionState): { channels: string[]; events: string[] } {
  const names = extendNames(null, state);
  return { channels: [...names.channels.keys()].sort(), events: [...names.events.keys()].sort() };
}

/** Pusher connections, newest first; sockets whose first server frame was not Pusher's handshake are left out. */
export function selectConnections(state: SessionState): Connection[] {
  return [...state.connections.values()]
    .filter((c) => c.confirmed || c.framesIn === 0)
    .sort((a, b) => b.createdAt - a.createdAt);
}

export interface VisibleIds {
  filter: CompiledFilter;
  /** The newest entry looked at. */
  last: LogEntry | null;
  ids: number[];
}

/**
 * Like selectVisibleIds, but reuses the previous result when only new entries arrived with the same filter:
 * a live log costs the new entries, not the whole history. Entries the retention bound dropped leave the front of
 * the list once per dropped chunk.
 */
export function extendVisibleIds(previous: VisibleIds | null, state: SessionState, filter: CompiledFilter): VisibleIds {
  const last = state.entryCount > 0 ? (state.entries[state.entryCount - 1] as LogEntry) : null;
  const resume = previous !== null && previous.filter === filter ? resumeIndex(state, previous.last) : -1;
  if (resume < 0) return { filter, last, ids: selectVisibleIds(state, filter) };
  // Changed in place: copying the whole list on every commit would cost O(log size) per batch.
  const ids = (previous as VisibleIds).ids;
  if (ids.length > 0 && (ids[0] as number) < state.evicted) ids.splice(0, firstAtLeast(ids, state.evicted));
  return { filter, last, ids: collectIds(state, filter, resume, ids) };
}

/** Recent filters' results, least recently used first: see visibleIdsFor. */
export type FilterCache = Map<string, { filter: LogFilter; visible: VisibleIds }>;

const FILTER_CACHE_SIZE = 8;

/**
 * The visible ids for `filter`, reusing recent results: the same filter again (a Backspace) extends its old result
 * with what arrived since; a narrower one (a key typed at the end of a word) filters the ids of the filter it
 * narrows instead of the whole log. Only a filter unlike any recent one scans the log.
 */
export function visibleIdsFor(cache: FilterCache, state: SessionState, filter: LogFilter): VisibleIds {
  const key = JSON.stringify([filter.text, filter.direction, filter.channel, filter.event]);
  const hit = cache.get(key);
  let visible: VisibleIds;
  if (hit) {
    visible = extendVisibleIds(hit.visible, state, hit.visible.filter);
    cache.delete(key);
  } else {
    const compiled = compileFilter(filter);
    const wider = [...cache.values()].reverse().find((c) => narrows(c.filter, filter));
    if (wider) {
      const base = extendVisibleIds(wider.visible, state, wider.visible.filter);
      wider.visible = base;
      const ids = base.ids.filter((id) => compiled.matches(entryById(state, id) as LogEntry));
      visible = { filter: compiled, last: base.last, ids };
    } else visible = extendVisibleIds(null, state, compiled);
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
