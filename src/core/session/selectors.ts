import type { CompiledFilter } from './filter';
import { channelOf, eventOf } from './filter';
import type { ChannelInfo, Connection, LogEntry, SessionState } from './state';

/** Ids of the log entries the filter keeps, oldest first. */
export function selectVisibleIds(state: SessionState, filter: CompiledFilter): number[] {
  const ids: number[] = [];
  for (let i = 0; i < state.entryCount; i++) {
    const entry = state.entries[i] as LogEntry;
    if (filter.matches(entry)) ids.push(entry.id);
  }
  return ids;
}

export interface Names {
  entries: readonly LogEntry[];
  count: number;
  channels: Set<string>;
  events: Set<string>;
}

/** Channel and event names seen in the log, for the filter menus; extends the previous result with new entries only. */
export function extendNames(previous: Names | null, state: SessionState): Names {
  const reusable = previous !== null && previous.entries === state.entries && previous.count <= state.entryCount;
  const names = reusable ? previous : { entries: state.entries, count: 0, channels: new Set<string>(), events: new Set<string>() };
  for (let i = names.count; i < state.entryCount; i++) {
    const entry = state.entries[i] as LogEntry;
    const channel = channelOf(entry);
    const event = eventOf(entry);
    if (channel !== undefined) names.channels.add(channel);
    if (event !== undefined) names.events.add(event);
  }
  return { ...names, count: state.entryCount };
}

export function selectNames(state: SessionState): { channels: string[]; events: string[] } {
  const names = extendNames(null, state);
  return { channels: [...names.channels].sort(), events: [...names.events].sort() };
}

/** Pusher connections, newest first; sockets whose first server frame was not Pusher's handshake are left out. */
export function selectConnections(state: SessionState): Connection[] {
  return [...state.connections.values()]
    .filter((c) => c.confirmed || c.framesIn === 0)
    .sort((a, b) => b.createdAt - a.createdAt);
}

export interface VisibleIds {
  entries: readonly LogEntry[];
  count: number;
  filter: CompiledFilter;
  ids: number[];
}

/**
 * Like selectVisibleIds, but reuses the previous result when only new entries arrived with the same filter:
 * a live log costs the new entries, not the whole history.
 */
export function extendVisibleIds(previous: VisibleIds | null, state: SessionState, filter: CompiledFilter): VisibleIds {
  const reusable =
    previous !== null && previous.entries === state.entries && previous.filter === filter && previous.count <= state.entryCount;
  if (!reusable) return { entries: state.entries, count: state.entryCount, filter, ids: selectVisibleIds(state, filter) };
  // Appended in place: copying the whole list on every commit would cost O(log size) per batch.
  const ids = previous.ids;
  for (let i = previous.count; i < state.entryCount; i++) {
    const entry = state.entries[i] as LogEntry;
    if (filter.matches(entry)) ids.push(entry.id);
  }
  return { entries: state.entries, count: state.entryCount, filter, ids };
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
