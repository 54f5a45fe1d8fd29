import type { FrameOrigin } from '../messages/envelopes';
import type { Direction } from '../messages/records';
import type { ParsedFrame } from '../protocol/frame';
import type { PusherUrl } from '../protocol/url';

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
  close?: { code: number; reason: string; clean: boolean };
  /** True once the server's first frame was a Pusher handshake (`connection_established` or `pusher:error`). */
  confirmed: boolean;
  socketId?: string;
  activityTimeout?: number;
  framesIn: number;
  framesOut: number;
  bytesIn: number;
  bytesOut: number;
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
  /** Every state this instance went through, as pusher-js reported it. */
  states: Array<{ t: number; state: string }>;
  retries: number;
  errors: number;
}

export interface LogEntry {
  /** Position in the session's log; stable until the log is cleared. */
  id: number;
  t: number;
  dir: Direction;
  connectionKey: string;
  /** The frame as text (possibly cut, see `truncated`), or null for a binary frame. */
  text: string | null;
  /** UTF-8 bytes of the whole frame as it crossed the wire. */
  bytes: number;
  truncated: boolean;
  /** Parsed outer frame, or null for a binary frame. */
  frame: ParsedFrame | null;
}

export interface PageInfo {
  origin: FrameOrigin;
  lastSeq: number;
}

export interface SessionState {
  /** Append-only and shared between successive states: read it only up to `entryCount`. */
  entries: LogEntry[];
  entryCount: number;
  connections: ReadonlyMap<string, Connection>;
  instances: ReadonlyMap<string, Instance>;
  pages: ReadonlyMap<string, PageInfo>;
  recording: boolean;
  /** Records the panel never received: the page's buffer overflowed before a panel attached, or a hop lost them. */
  missed: number;
  /** Frames that arrived while recording was paused. */
  skippedWhilePaused: number;
  /** Records that failed validation (a broken or hostile page). */
  rejected: number;
}

export function emptySession(): SessionState {
  return {
    entries: [],
    entryCount: 0,
    connections: new Map(),
    instances: new Map(),
    pages: new Map(),
    recording: true,
    missed: 0,
    skippedWhilePaused: 0,
    rejected: 0,
  };
}
