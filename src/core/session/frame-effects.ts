import type { Direction } from '../messages/records';
import { channelKind } from '../protocol/channel-kind';
import { dataFields, decodeData, type PusherFrame } from '../protocol/frame';
import { findSensitiveData } from '../protocol/sensitive-data';
import type { Draft } from './draft';
import { memberChange, presenceSnapshot, updatePresence } from './presence-effects';
import type { ChannelInfo, Connection, Mark } from './state';
import { clientKeyOf } from './state';

type Fields = Record<string, unknown>;

/** What a Pusher frame means for the connection's marks, its client's channels and presence. */
export function applyFrameEffects(draft: Draft, connection: Connection, frame: PusherFrame, dir: Direction, t: number, entryId?: number): void {
  const at = { t, ...(entryId !== undefined && { entryId }) };
  const client = clientKeyOf(connection.pageId, connection.pusher?.key ?? '');
  const data = () => dataFields(frame.rawData);

  if (dir === 'out') {
    if (frame.event === 'pusher:subscribe') return subscribe(draft, connection, client, data(), t);
    if (frame.event === 'pusher:unsubscribe') {
      const name = data()?.channel;
      if (typeof name === 'string') updateChannel(draft, client, name, (c) => ({ ...c, status: 'unsubscribed', changedAt: t }));
      return;
    }
    if (frame.event === 'pusher:ping' || frame.event === 'pusher:pong') return addMark(draft, connection, { ...at, kind: frame.event === 'pusher:ping' ? 'ping' : 'pong', label: `${frame.event} sent` });
    if (frame.channel) countEvent(draft, connection, client, frame, 'out', t, entryId);
    return;
  }

  switch (frame.event) {
    case 'pusher:connection_established': {
      const fields = data();
      const socketId = typeof fields?.socket_id === 'string' ? fields.socket_id : undefined;
      const activityTimeout = typeof fields?.activity_timeout === 'number' ? fields.activity_timeout : undefined;
      const updated = { ...connection, confirmed: true, ...(socketId && { socketId }), ...(activityTimeout !== undefined && { activityTimeout }) };
      draft.connections.set(updated.key, updated);
      return addMark(draft, updated, { ...at, kind: 'established', label: `Connected ${socketId ?? ''}`.trim() });
    }
    case 'pusher:error': {
      const fields = data();
      const code = typeof fields?.code === 'number' ? fields.code : null;
      const message = typeof fields?.message === 'string' ? fields.message : '';
      const confirmed = connection.confirmed || connection.framesIn === 1;
      draft.connections.set(connection.key, { ...connection, confirmed });
      addMark(draft, draft.connections.get(connection.key) ?? connection, { ...at, kind: 'error', label: `pusher:error ${code ?? ''}`.trim(), code, message });
      return failFromError(draft, connection, client, frame.channel, message, t, entryId);
    }
    case 'pusher:ping':
    case 'pusher:pong':
      return addMark(draft, connection, { ...at, kind: frame.event === 'pusher:ping' ? 'ping' : 'pong', label: `${frame.event} received` });
    case 'pusher_internal:subscription_succeeded':
      if (!frame.channel) return;
      updateChannel(draft, client, frame.channel, (c) => ({ ...c, status: 'subscribed', subscribedAt: t, changedAt: t, reason: undefined }), connection.key, t);
      return presenceSnapshot(draft, client, frame.channel, data(), at);
    case 'pusher:subscription_error': {
      if (!frame.channel) return;
      const fields = data();
      const reason = typeof fields?.error === 'string' ? fields.error : 'The server refused the subscription';
      const status = typeof fields?.status === 'number' ? ` (status ${fields.status})` : '';
      updateChannel(draft, client, frame.channel, (c) => ({ ...c, status: 'failed', reason: reason + status, ...(entryId !== undefined && { reasonEntryId: entryId }), changedAt: t }), connection.key, t);
      return;
    }
    case 'pusher_internal:member_added':
    case 'pusher_internal:member_removed':
      if (frame.channel) memberChange(draft, client, frame.channel, frame.event.endsWith('added') ? 'join' : 'leave', data(), at);
      return;
    case 'pusher_internal:subscription_count': {
      const count = data()?.subscription_count;
      if (frame.channel && typeof count === 'number') updateChannel(draft, client, frame.channel, (c) => ({ ...c, subscriptionCount: count }));
      return;
    }
    default:
      if (frame.channel && !frame.event.startsWith('pusher_internal:')) countEvent(draft, connection, client, frame, 'in', t, entryId);
  }
}

/** A closed socket leaves its channels waiting for pusher-js to subscribe again on the next connection. */
export function applyClose(draft: Draft, connection: Connection, t: number): void {
  for (const channel of draft.channels.values()) {
    if (channel.connectionKey !== connection.key || (channel.status !== 'subscribed' && channel.status !== 'pending')) continue;
    draft.channels.set(channel.key, { ...channel, status: 'disconnected', changedAt: t });
    const presence = draft.presence.get(channel.key);
    if (presence) draft.presence.set(channel.key, { ...presence, members: new Map(), count: 0 });
  }
}

function subscribe(draft: Draft, connection: Connection, client: string, fields: Fields | null, t: number): void {
  const name = fields?.channel;
  if (typeof name !== 'string') return;
  updateChannel(draft, client, name, (c) => ({ ...c, status: 'pending', reason: undefined, changedAt: t, subscribes: c.subscribes + 1, connectionKey: connection.key }), connection.key, t);
  const channelData = dataFields(fields?.channel_data);
  const me = channelData?.user_id;
  if (channelKind(name).startsWith('presence') && (typeof me === 'string' || typeof me === 'number')) {
    updatePresence(draft, client, name, (p) => ({ ...p, me: String(me) }));
  }
}

function failFromError(draft: Draft, connection: Connection, client: string, channel: string | undefined, message: string, t: number, entryId?: number): void {
  // Hosted Pusher reports a refused subscription as a channel-less pusher:error naming the channel in its text.
  const pending = [...draft.channels.values()].filter((c) => c.clientKey === client && c.status === 'pending');
  const named = channel ? pending.filter((c) => c.name === channel) : pending.filter((c) => message.includes(c.name));
  const targets = named.length > 0 ? named : pending.length === 1 && !channel && /signature|subscri|auth/i.test(message) ? pending : [];
  for (const target of targets) {
    draft.channels.set(target.key, { ...target, status: 'failed', reason: message || 'pusher:error', ...(entryId !== undefined && { reasonEntryId: entryId }), changedAt: t });
    for (const auth of draft.auths.values()) {
      if (auth.pageId === connection.pageId && auth.channel === target.name && auth.response?.status === 200 && !auth.serverRejection && auth.socketId === connection.socketId) {
        draft.auths.set(auth.key, { ...auth, serverRejection: { t, message, ...(entryId !== undefined && { entryId }) } });
      }
    }
  }
}

// Sensitive-data checks look at a channel's first events only: enough to catch the anti-pattern, cheap under load.
const SENSITIVE_SAMPLE = 20;
const RATE_WINDOW_MS = 1_000;

function countEvent(draft: Draft, connection: Connection, client: string, frame: PusherFrame, dir: Direction, t: number, entryId?: number): void {
  const name = frame.channel as string;
  updateChannel(
    draft,
    client,
    name,
    (c) => {
      if (dir === 'out') return { ...c, eventsOut: c.eventsOut + 1, dataBytesOut: c.dataBytesOut + frame.dataBytes, largestData: Math.max(c.largestData, frame.dataBytes) };
      const next = { ...c, eventsIn: c.eventsIn + 1, dataBytesIn: c.dataBytesIn + frame.dataBytes, largestData: Math.max(c.largestData, frame.dataBytes), eventNames: countName(draft, c.eventNames, frame.event) };
      if (c.kind === 'public' && !c.sensitive && c.eventsIn < SENSITIVE_SAMPLE) {
        const decoded = decodeData(frame.rawData);
        const hint = decoded.kind === 'json' || decoded.kind === 'json-string' ? findSensitiveData(decoded.value, 1)[0] : undefined;
        if (hint) next.sensitive = { ...hint, event: frame.event, ...(entryId !== undefined && { entryId }) };
      }
      return next;
    },
    connection.key,
    t,
    // Events on a channel we never saw subscribed to (its subscribe fell out of the buffer): it must be subscribed.
    'subscribed',
  );
  if (dir === 'out' && frame.event.startsWith('client-')) {
    const current = draft.connections.get(connection.key) ?? connection;
    const recent = [...current.recentClientEvents.filter((x) => x > t - RATE_WINDOW_MS), t];
    draft.connections.set(current.key, { ...current, recentClientEvents: recent, clientEventsPeak: Math.max(current.clientEventsPeak, recent.length) });
  }
}

const MAX_EVENT_NAMES = 200;

// How many names a channel's record holds, remembered: counting its keys for every frame with a name not in a full
// record (an app naming events after ids) made a 200-element array per frame.
const nameCounts = new WeakMap<object, number>();

function countName(draft: Draft, names: Record<string, number>, event: string): Record<string, number> {
  const known = Object.hasOwn(names, event);
  const size = known ? 0 : (nameCounts.get(names) ?? Object.keys(names).length);
  if (!known && size >= MAX_EVENT_NAMES) {
    nameCounts.set(names, size);
    return names;
  }
  const counted = draft.ownRecord(names);
  counted[event] = (known ? (names[event] as number) : 0) + 1;
  if (!known) nameCounts.set(counted, size + 1);
  return counted;
}

export function updateChannel(
  draft: Draft,
  client: string,
  name: string,
  change: (c: ChannelInfo) => ChannelInfo,
  connectionKey = '',
  t = 0,
  initial: ChannelInfo['status'] = 'pending',
): void {
  const key = `${client}|${name}`;
  const current = draft.channels.get(key) ?? {
    key, clientKey: client, connectionKey, name, kind: channelKind(name), status: initial,
    requestedAt: t, changedAt: t, subscribes: 0, eventsIn: 0, eventsOut: 0, dataBytesIn: 0, dataBytesOut: 0, largestData: 0, eventNames: {},
  };
  const next = change(current);
  if (next.reason === undefined) delete next.reason;
  draft.channels.set(key, next);
}

function addMark(draft: Draft, connection: Connection, mark: Mark): void {
  const current = draft.connections.get(connection.key) ?? connection;
  draft.connections.set(current.key, draft.withMark(current, mark));
}
