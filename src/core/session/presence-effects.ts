import { dataFields } from '../protocol/frame';
import type { Draft } from './draft';
import type { PresenceChange, PresenceInfo } from './state';

type Fields = Record<string, unknown>;

/**
 * Changes kept per presence channel. A busy channel joins and leaves all day, and a snapshot adds one change per
 * member at every (re)subscription: the panel keeps the newest and counts the rest.
 */
export const PRESENCE_HISTORY_LIMIT = 1_000;

/** The server's member list on subscription_succeeded replaces what we knew, as in pusher-js `members.ts`. */
export function presenceSnapshot(draft: Draft, client: string, channel: string, fields: Fields | null, at: { t: number; entryId?: number }): void {
  const presence = dataFields(fields?.presence);
  if (!presence) return;
  const hash = dataFields(presence.hash) ?? {};
  const members = new Map(Object.entries(hash));
  const count = typeof presence.count === 'number' ? presence.count : members.size;
  updatePresence(draft, client, channel, (p) => ({
    ...p,
    members,
    count,
    ...keepHistory(draft, p, ...[...members].map(([id, info]) => ({ ...at, kind: 'here' as const, id, info }))),
  }));
}

export function memberChange(draft: Draft, client: string, channel: string, kind: 'join' | 'leave', fields: Fields | null, at: { t: number; entryId?: number }): void {
  const id = fields?.user_id;
  if (typeof id !== 'string' && typeof id !== 'number') return;
  const key = String(id);
  updatePresence(draft, client, channel, (p) => {
    const members = draft.ownMap(p.members);
    // pusher-js counts a join only for a new id, and a leave only for a known one.
    const known = members.has(key);
    if (kind === 'join') members.set(key, fields?.user_info);
    else members.delete(key);
    const count = kind === 'join' ? p.count + (known ? 0 : 1) : p.count - (known ? 1 : 0);
    return { ...p, members, count, ...keepHistory(draft, p, { ...at, kind, id: key, ...(kind === 'join' && { info: fields?.user_info }) }) };
  });
}

function keepHistory(draft: Draft, p: PresenceInfo, ...changes: PresenceChange[]): Pick<PresenceInfo, 'history' | 'historyDropped'> {
  const { list, dropped } = draft.appendBounded(p.history, PRESENCE_HISTORY_LIMIT, ...changes);
  return { history: list, historyDropped: (p.historyDropped ?? 0) + dropped };
}

export function updatePresence(draft: Draft, client: string, channel: string, change: (p: PresenceInfo) => PresenceInfo): void {
  const key = `${client}|${channel}`;
  const current = draft.presence.get(key) ?? { key, clientKey: client, channel, members: new Map(), count: 0, history: [] };
  draft.presence.set(key, change(current));
}

