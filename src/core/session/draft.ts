import type { FrameOrigin } from '../messages/envelopes';
import { parsePusherUrl } from '../protocol/url';
import { evictionChunk } from './retention';
import type { AuthAttempt, ChannelInfo, Connection, Instance, LogEntry, Mark, PageInfo, PresenceInfo, SessionState } from './state';

/** Marks kept per connection and per pusher-js instance, and states per instance: the newest this many or so. */
export const MARK_LIMIT = 1_000;

/**
 * Connections kept past which the oldest closed ones go: one is made per reconnect, and a page reconnecting all day
 * would otherwise grow the map that every batch copies. Open and connecting ones always stay.
 */
export const CONNECTION_LIMIT = 200;
/** Auth requests kept past which the oldest answered ones go: each reconnect authorizes every private channel again. */
export const AUTH_LIMIT = 500;

/**
 * Copy-on-write over one batch: each map is copied once per batch, and changed values are replaced, never mutated,
 * so earlier states stay valid. The log is appended in place (see SessionState.entries).
 */
export class Draft {
  entries: LogEntry[];
  firstId: number;
  connections: Map<string, Connection>;
  instances: Map<string, Instance>;
  channels: Map<string, ChannelInfo>;
  presence: Map<string, PresenceInfo>;
  auths: Map<string, AuthAttempt>;
  commandResults: Map<number, { t: number; ok: boolean; error?: string }>;
  pages: Map<string, PageInfo>;
  missed: number;
  notInFile: number;
  rejected: number;
  skipped: number;
  connectionsDropped: number;
  authsDropped: number;

  /** Arrays, maps and records made during this batch: no earlier state holds them, so they may change in place. */
  private readonly fresh = new WeakSet<object>();

  constructor(readonly base: SessionState) {
    // Someone appended past this state (it was branched): start a private copy of the log.
    this.entries = base.entries.length === base.entryCount ? base.entries : base.entries.slice(0, base.entryCount);
    this.firstId = base.firstId;
    this.connections = new Map(base.connections);
    this.instances = new Map(base.instances);
    this.channels = new Map(base.channels);
    this.presence = new Map(base.presence);
    this.auths = new Map(base.auths);
    this.commandResults = new Map(base.commandResults);
    this.pages = new Map(base.pages);
    this.missed = base.missed;
    this.notInFile = base.notInFile;
    this.rejected = base.rejected;
    this.skipped = base.skippedWhilePaused;
    this.connectionsDropped = base.connectionsDropped;
    this.authsDropped = base.authsDropped;
  }

  /** Sets a connection; a new one past CONNECTION_LIMIT (and a tenth, so the cut is rare) drops the oldest closed. */
  setConnection(connection: Connection): void {
    const added = !this.connections.has(connection.key);
    this.connections.set(connection.key, connection);
    if (added && this.connections.size > CONNECTION_LIMIT + CONNECTION_LIMIT / 10) {
      this.connectionsDropped += dropOldest(this.connections, this.connections.size - CONNECTION_LIMIT, (c) => c.phase === 'closed');
    }
  }

  /** Sets an auth attempt; a new one past AUTH_LIMIT (and a tenth) drops the oldest answered ones. */
  setAuth(attempt: AuthAttempt): void {
    const added = !this.auths.has(attempt.key);
    this.auths.set(attempt.key, attempt);
    if (added && this.auths.size > AUTH_LIMIT + AUTH_LIMIT / 10) {
      this.authsDropped += dropOldest(this.auths, this.auths.size - AUTH_LIMIT, (a) => a.response !== undefined);
    }
  }

  /**
   * `list` with `items` appended. The first change in a batch copies it; later ones append to that copy, so a batch
   * of n marks or states costs n, not n² (a page can make thousands of them).
   */
  append<T>(list: readonly T[], ...items: T[]): T[] {
    if (this.fresh.has(list)) {
      (list as T[]).push(...items);
      return list as T[];
    }
    return this.own([...list, ...items]);
  }

  /**
   * `list` with `items` appended, keeping about the newest `limit`: once it holds a tenth more, the oldest go in one
   * cut, so keeping the bound costs O(1) per item. `dropped` says how many went.
   */
  appendBounded<T>(list: readonly T[], limit: number, ...items: T[]): { list: T[]; dropped: number } {
    const next = this.append(list, ...items);
    if (next.length <= limit + Math.ceil(limit / 10)) return { list: next, dropped: 0 };
    const dropped = next.length - limit;
    return { list: this.own(next.slice(dropped)), dropped };
  }

  /**
   * `target` (a connection or an instance) with `mark` appended, keeping about the newest MARK_LIMIT marks (a
   * connection open all day pings and pongs without end) and counting the others in `marksDropped`. A connection's
   * first `established` mark always stays: the inferred timeline reads it.
   */
  withMark<T extends { marks: Mark[]; marksDropped?: number }>(target: T, mark: Mark): T {
    const { list, dropped } = this.appendBounded(target.marks, MARK_LIMIT, mark);
    if (dropped === 0) return { ...target, marks: list };
    const established = target.marks.find((m) => m.kind === 'established');
    const kept = established !== undefined && !list.includes(established);
    if (kept) list.unshift(established);
    return { ...target, marks: list, marksDropped: (target.marksDropped ?? 0) + dropped - (kept ? 1 : 0) };
  }

  /** A map this batch may change in place: `map` itself when this batch made it, else a copy. */
  ownMap<K, V>(map: ReadonlyMap<K, V>): Map<K, V> {
    return this.fresh.has(map) ? (map as Map<K, V>) : this.own(new Map(map));
  }

  /** A record this batch may change in place: `record` itself when this batch made it, else a copy. */
  ownRecord<V>(record: Readonly<Record<string, V>>): Record<string, V> {
    return this.fresh.has(record) ? (record as Record<string, V>) : this.own({ ...record });
  }

  private own<T extends object>(value: T): T {
    this.fresh.add(value);
    return value;
  }

  get recording(): boolean {
    return this.base.recording;
  }

  /**
   * Appends an entry built for its id. A full log first drops its oldest tenth into a new array (earlier states
   * keep the old one), so the copy happens once per chunk, not per frame.
   */
  addEntry(build: (id: number) => LogEntry): number {
    const retention = this.base.retention;
    if (this.entries.length >= retention) {
      const drop = Math.min(this.entries.length, this.entries.length - retention + evictionChunk(retention));
      this.entries = this.entries.slice(drop);
      this.firstId += drop;
    }
    const id = this.firstId + this.entries.length;
    this.entries.push(build(id));
    return id;
  }

  connection(pageId: string, sid: number, origin: FrameOrigin, t: number): Connection {
    return this.connections.get(connectionKey(pageId, sid)) ?? newConnection(pageId, sid, origin, '', t);
  }

  updateConnection(pageId: string, sid: number, origin: FrameOrigin, t: number, change: (c: Connection) => Connection): Connection {
    const updated = change(this.connection(pageId, sid, origin, t));
    this.setConnection(updated);
    return updated;
  }

  updateInstance(pageId: string, iid: number, change: (i: Instance) => Instance): void {
    const key = instanceKey(pageId, iid);
    const current = this.instances.get(key);
    if (current) this.instances.set(key, change(current));
  }

  finish(): SessionState {
    return {
      ...this.base,
      entries: this.entries,
      entryCount: this.entries.length,
      firstId: this.firstId,
      connections: this.connections,
      instances: this.instances,
      channels: this.channels,
      presence: this.presence,
      auths: this.auths,
      commandResults: this.commandResults,
      pages: this.pages,
      missed: this.missed,
      notInFile: this.notInFile,
      rejected: this.rejected,
      skippedWhilePaused: this.skipped,
      connectionsDropped: this.connectionsDropped,
      authsDropped: this.authsDropped,
    };
  }
}

/** Deletes up to `count` values that may go, oldest set first (a map keeps insertion order); says how many went. */
function dropOldest<V>(map: Map<string, V>, count: number, mayGo: (value: V) => boolean): number {
  let dropped = 0;
  for (const [key, value] of map) {
    if (dropped >= count) break;
    if (!mayGo(value)) continue;
    map.delete(key);
    dropped++;
  }
  return dropped;
}

export function newConnection(pageId: string, sid: number, origin: FrameOrigin, url: string, t: number): Connection {
  return {
    key: connectionKey(pageId, sid),
    pageId,
    sid,
    origin,
    url,
    pusher: url ? parsePusherUrl(url) : null,
    createdAt: t,
    phase: 'connecting',
    confirmed: false,
    framesIn: 0,
    framesOut: 0,
    bytesIn: 0,
    bytesOut: 0,
    marks: [],
    recentClientEvents: [],
    clientEventsPeak: 0,
  };
}

export const connectionKey = (pageId: string, sid: number) => `${pageId}:${sid}`;
export const instanceKey = (pageId: string, iid: number) => `${pageId}#${iid}`;
