import type { FrameOrigin } from '../messages/envelopes';
import type { Direction } from '../messages/records';
import type { ParsedFrame } from '../protocol/frame';
import type { ChannelKind } from '../protocol/channel-kind';
import type { PusherUrl } from '../protocol/url';
import { DEFAULT_RETENTION } from './retention';

/** A moment worth marking on a connection's timeline; `entryId` links it to the log when it was a logged frame. */
export interface Mark {
  t: number;
  kind: 'established' | 'error' | 'ping' | 'pong' | 'close' | 'retry' | 'client-error' | 'socket-error' | 'injected';
  /** Caused from the panel (fault injection), not by the server or the network. */
  injected?: boolean;
  label: string;
  code?: number | null;
  message?: string;
  entryId?: number;
}

export type SocketPhase = 'connecting' | 'open' | 'closed';

/** One WebSocket, keyed `${pageId}:${sid}`. */
export interface Connection {
  key: string;
  pageId: string;
  sid: number;
  origin: FrameOrigin;
  url: string;
  /** Null when the socket was seen only through frames (its creation fell out of the page's buffer). */
  pusher: PusherUrl | null;
  createdAt: number;
  phase: SocketPhase;
  openedAt?: number;
  closedAt?: number;
  close?: { code: number; reason: string; clean: boolean; byPage: boolean; injected: boolean };
  /** True once the server's first frame was a Pusher handshake (`connection_established` or `pusher:error`). */
  confirmed: boolean;
  socketId?: string;
  activityTimeout?: number;
  framesIn: number;
  framesOut: number;
  bytesIn: number;
  bytesOut: number;
  marks: Mark[];
  /** Older marks not kept (draft.ts MARK_LIMIT). */
  marksDropped?: number;
  /** Client events sent in the last second (pruned as they age), and the most ever sent within one second. */
  recentClientEvents: number[];
  clientEventsPeak: number;
}

/** Channels and presence belong to a client: one app key in one page context (its sockets come and go). */
export const clientKeyOf = (pageId: string, appKey: string) => `${pageId}|${appKey}`;

export type ChannelStatus = 'pending' | 'subscribed' | 'failed' | 'unsubscribed' | 'disconnected';

export interface ChannelInfo {
  key: string;
  clientKey: string;
  /** The connection it was last subscribed on. */
  connectionKey: string;
  name: string;
  kind: ChannelKind;
  status: ChannelStatus;
  /** Why it failed, in plain words. */
  reason?: string;
  /** Log entry or auth attempt that shows the failure. */
  reasonEntryId?: number;
  reasonAuthKey?: string;
  requestedAt: number;
  subscribedAt?: number;
  changedAt: number;
  /** `pusher:subscribe` frames sent for it (each reconnect subscribes again). */
  subscribes: number;
  eventsIn: number;
  eventsOut: number;
  /** UTF-8 bytes of event `data`, as Pusher counts them against its limit. */
  dataBytesIn: number;
  dataBytesOut: number;
  largestData: number;
  /** Events received per name (app events only; capped so a hostile page cannot grow it without bound). */
  eventNames: Record<string, number>;
  subscriptionCount?: number;
  /** Public channels only: the first sensitive-looking field seen in an event's data. */
  sensitive?: { path: string; reason: string; entryId?: number; event: string };
}

export interface PresenceChange {
  t: number;
  kind: 'here' | 'join' | 'leave';
  id: string;
  info?: unknown;
  entryId?: number;
}

export interface PresenceInfo {
  key: string;
  clientKey: string;
  channel: string;
  /** This client's user id, from the `channel_data` it subscribed with. */
  me?: string;
  members: ReadonlyMap<string, unknown>;
  /** The count the server gave, adjusted by joins and leaves as pusher-js does. */
  count: number;
  /** Joins, leaves and snapshots, oldest first: the newest `PRESENCE_HISTORY_LIMIT` or so (presence-effects.ts). */
  history: PresenceChange[];
  /** Older changes no longer kept. */
  historyDropped?: number;
}

export interface AuthAttempt {
  key: string;
  pageId: string;
  aid: number;
  t: number;
  transport: 'xhr' | 'fetch';
  method: string;
  url: string;
  socketId: string;
  channel?: string;
  response?: { t: number; status: number; contentType?: string; body: string; bodyBytes: number; error?: string };
  /** The server refused the signature that the endpoint produced (a `pusher:error` after the subscribe). */
  serverRejection?: { t: number; message: string; entryId?: number };
}

/** A pusher-js instance the page exposed, keyed `${pageId}#${iid}`. */
export interface Instance {
  key: string;
  pageId: string;
  iid: number;
  origin: FrameOrigin;
  appKey: string;
  cluster?: string;
  wsHost?: string;
  state: string;
  socketId?: string;
  /** The states this instance went through, as pusher-js reported them: the newest MARK_LIMIT or so (draft.ts). */
  states: Array<{ t: number; state: string }>;
  /** Older states and marks not kept. */
  statesDropped?: number;
  retries: number;
  errors: number;
  marks: Mark[];
  marksDropped?: number;
  /** The app's handlers, as last read from the instance. */
  bindings?: { global: number; channels: Record<string, { global: number; events: Record<string, number> }> };
}

export interface LogEntry {
  /**
   * Position in the session's log, counting the entries the retention bound dropped and those cleared: the entry
   * sits at `entries[id - firstId]` while it is held. Never given to another entry, even after a clear, so an id
   * kept from before (a selection, a replay's result) cannot land on a new frame.
   */
  id: number;
  t: number;
  dir: Direction;
  connectionKey: string;
  /** The frame as text (possibly cut, see `truncated`), or null for a binary frame. */
  text: string | null;
  /** UTF-8 bytes of the whole frame as it crossed the wire. */
  bytes: number;
  truncated: boolean;
  /** Delivered by the extension's replay, not by the server. */
  replayed: boolean;
  /** Held back by an injected fault: never shown to the page, or shown late. */
  held?: 'dropped' | 'delayed';
  /** Parsed outer frame, or null for a binary frame or a navigation marker. */
  frame: ParsedFrame | null;
  /** Set on the marker the log shows at each navigation when the log is preserved: the new URL. */
  navigation?: string;
}

export interface PageInfo {
  origin: FrameOrigin;
  lastSeq: number;
}

export interface SessionState {
  /**
   * The log, oldest first: appended in place and shared between successive states, so read it only up to
   * `entryCount`. Making room past the retention bound starts a new array; earlier states keep theirs.
   */
  entries: LogEntry[];
  entryCount: number;
  /** The id of `entries[0]`: ids given before the log was last cleared (`idBase`) plus the oldest entries the
   * retention bound dropped since (`droppedByRetention`). */
  firstId: number;
  /** Ids given before the log was last cleared: the log after a clear goes on from here. */
  idBase: number;
  /** At most this many entries are held (see retention.ts). */
  retention: number;
  connections: ReadonlyMap<string, Connection>;
  instances: ReadonlyMap<string, Instance>;
  channels: ReadonlyMap<string, ChannelInfo>;
  presence: ReadonlyMap<string, PresenceInfo>;
  auths: ReadonlyMap<string, AuthAttempt>;
  /** Answers to the panel's commands, by command id. */
  commandResults: ReadonlyMap<number, { t: number; ok: boolean; error?: string }>;
  pages: ReadonlyMap<string, PageInfo>;
  recording: boolean;
  /** Keep the log across reloads and navigations (off by default, like the Network panel). */
  preserveLog: boolean;
  /** Records the panel never received: the page's buffer overflowed before a panel attached, or a hop lost them. */
  missed: number;
  /** Frames that arrived while recording was paused. */
  skippedWhilePaused: number;
  /** Records that failed validation (a broken or hostile page). */
  rejected: number;
  /** Records an imported file does not hold (gaps in its sequence numbers): dropped before it was saved. */
  notInFile: number;
  /** Closed connections and answered auth requests no longer kept (draft.ts CONNECTION_LIMIT, AUTH_LIMIT). */
  connectionsDropped: number;
  authsDropped: number;
  /** Records each busy page (by pageId) is holding back until it is idle: on their way, not lost. */
  held: ReadonlyMap<string, number>;
}

/** Records the pages are holding back for now. */
export const heldByPages = (state: SessionState): number => {
  let n = 0;
  for (const count of state.held.values()) n += count;
  return n;
};

/** Oldest entries the retention bound dropped since the log was last cleared. */
export const droppedByRetention = (state: SessionState): number => state.firstId - state.idBase;

export function emptySession(): SessionState {
  return {
    entries: [],
    entryCount: 0,
    firstId: 0,
    idBase: 0,
    retention: DEFAULT_RETENTION,
    connections: new Map(),
    instances: new Map(),
    channels: new Map(),
    presence: new Map(),
    auths: new Map(),
    commandResults: new Map(),
    pages: new Map(),
    recording: true,
    preserveLog: false,
    missed: 0,
    skippedWhilePaused: 0,
    rejected: 0,
    notInFile: 0,
    connectionsDropped: 0,
    authsDropped: 0,
    held: new Map(),
  };
}
