/**
 * Facts the page side records, in the order it saw them. The page records and never interprets: decoding happens
 * in the panel. `seq` counts up from 1 per page context (pageId), so the panel can drop duplicates and count gaps.
 */
export type Direction = 'in' | 'out';

interface Base {
  seq: number;
  /** Wall-clock milliseconds (Date.now()) in the page. */
  t: number;
}

/** A WebSocket whose URL looks like a Pusher one was constructed. `sid` is unique within the page context. */
export interface SocketRecord extends Base { type: 'socket'; sid: number; url: string }
export interface OpenRecord extends Base { type: 'open'; sid: number }
export interface FrameRecord extends Base {
  type: 'frame';
  sid: number;
  dir: Direction;
  /** The frame text, cut to the page's per-frame cap when `fullBytes` is set. Absent for binary frames. */
  text?: string;
  /** Set when the text was cut: the real UTF-8 size of the frame. */
  fullBytes?: number;
  /** Set for binary frames (Pusher never sends them; some proxies do): their size in bytes. */
  binaryBytes?: number;
  /** Delivered by the extension's replay, not by the server. */
  replayed?: boolean;
  /** Held back by injected fault: never shown to the page, or shown late. */
  held?: 'dropped' | 'delayed';
}
export interface CloseRecord extends Base {
  type: 'close';
  sid: number;
  code: number;
  reason: string;
  clean: boolean;
  /** The page called close() itself (pusher.disconnect()), rather than the server or the network ending it. */
  byPage?: boolean;
  /** Injected from the panel (fault injection): pusher-js saw this code, but no server sent it. */
  injected?: boolean;
}

/** The page went offline or came back because the user injected it from the panel. */
export interface FaultRecord extends Base {
  type: 'fault';
  what: 'offline' | 'online' | 'drop' | 'delay' | 'incoming-normal';
  seconds?: number;
}
export interface SocketErrorRecord extends Base { type: 'socket-error'; sid: number }

/** A pusher-js instance the page exposes (`Pusher.instances`, `Echo.connector.pusher`). */
export interface InstanceRecord extends Base {
  type: 'instance';
  iid: number;
  key: string;
  state: string;
  cluster?: string;
  wsHost?: string;
}
export interface StateRecord extends Base {
  type: 'state';
  iid: number;
  previous: string;
  current: string;
  socketId?: string;
  /** The socket the instance is using now, when it is one we tapped. */
  sid?: number;
}
/** pusher-js's `connecting_in`: the next connection attempt is in `seconds`. */
export interface RetryRecord extends Base { type: 'retry'; iid: number; seconds: number }
/** pusher-js's connection `error` event, summarised to plain data. */
export interface ClientErrorRecord extends Base {
  type: 'client-error';
  iid: number;
  errorType: string;
  code?: number;
  message?: string;
}

/**
 * An HTTP request that looks like Pusher channel authorization or user authentication: a POST whose body carries a
 * `socket_id` of Pusher's form. Seen at the network level (XHR, fetch), so custom and Echo transports show too.
 */
export interface AuthRequestRecord extends Base {
  type: 'auth-request';
  aid: number;
  transport: 'xhr' | 'fetch';
  method: string;
  url: string;
  socketId: string;
  /** Absent for user authentication (`pusher.signin()`). */
  channel?: string;
}
/** The answer to an auth request. `status` 0 is a network or CORS failure. */
export interface AuthResponseRecord extends Base {
  type: 'auth-response';
  aid: number;
  status: number;
  contentType?: string;
  /** The body, cut to a few kilobytes. */
  body: string;
  bodyBytes: number;
  error?: string;
}

/** The app's own handlers on a pusher-js instance (ours left out): counts per channel and event name. */
export interface BindingsRecord extends Base {
  type: 'bindings';
  iid: number;
  /** `pusher.bind_global` / `pusher.bind` handlers on the instance itself. */
  global: number;
  channels: Record<string, { global: number; events: Record<string, number> }>;
}

/** The answer to a command the panel sent (replay): done, or refused and why. */
export interface CommandResultRecord extends Base {
  type: 'command-result';
  cid: number;
  ok: boolean;
  error?: string;
}

export type PageRecord =
  | FaultRecord
  | CommandResultRecord
  | AuthRequestRecord
  | BindingsRecord
  | AuthResponseRecord
  | SocketRecord
  | OpenRecord
  | FrameRecord
  | CloseRecord
  | SocketErrorRecord
  | InstanceRecord
  | StateRecord
  | RetryRecord
  | ClientErrorRecord;

export type PageRecordType = PageRecord['type'];
