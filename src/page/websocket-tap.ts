import { utf8Bytes } from '../core/protocol/bytes';
import { parsePusherUrl } from '../core/protocol/url';
import { applyNative, constructNative, disguise, replaceMethod } from './disguise';
import { guarded, natives } from './natives';
import type { Outbox } from './outbox';

/** Longest frame text kept whole; longer frames are cut and carry their real size. */
export const FRAME_TEXT_CAP = 256 * 1024;

export interface SocketRegistry {
  /** Replays a frame into a socket; returns why it could not, or null when done. */
  replay(sid: number, text: string): string | null;
  closeAs(sid: number, code: number, reason: string): string | null;
  send(sid: number, text: string): string | null;
  goOffline(ms: number): void;
  goOnline(): void;
  holdIncoming(mode: 'drop' | 'delay', ms: number, delayMs: number): void;
  releaseIncoming(): void;
  isOffline(): boolean;
  /** The sid of a socket we tap, if it is one. */
  sidOf(socket: unknown): number | undefined;
  /** Called with every new Pusher socket, after its listeners are in place. */
  onSocket(listener: (socket: WebSocket) => void): void;
}

/**
 * Observes every WebSocket whose URL is a Pusher one. The page keeps its own WebSocket: same prototype, constants,
 * `name`, `length`, `instanceof`, `toString()`; our listeners are added first, so the page's order is untouched.
 */
export function tapWebSockets(outbox: Outbox): SocketRegistry {
  const sids = new WeakMap<WebSocket, number>();
  const closedByPage = new WeakSet<WebSocket>();
  const byId = new Map<number, WeakRef<WebSocket>>();
  // Set while the extension itself dispatches a frame, so our listener marks it as replayed.
  let replaying = false;
  const injected = new WeakMap<WebSocket, { code: number; reason: string }>();
  let offlineUntil = 0;
  const incoming = { until: 0, mode: 'drop' as 'drop' | 'delay', delayMs: 0 };
  const redelivered = new WeakSet<Event>();
  const listeners: Array<(socket: WebSocket) => void> = [];
  let nextSid = 0;
  const Native = window.WebSocket;
  const addListener = EventTarget.prototype.addEventListener;
  const nativeClose = Native.prototype.close;

  function watch(socket: WebSocket): void {
    if (!parsePusherUrl(socket.url)) return;
    const sid = ++nextSid;
    sids.set(socket, sid);
    byId.set(sid, new WeakRef(socket));
    outbox.record({ type: 'socket', sid, url: socket.url });
    const on = (type: string, handler: (event: never) => void) =>
      natives.apply(addListener, socket, [type, (event: never) => guarded(() => handler(event))]);
    on('open', () => outbox.record({ type: 'open', sid }));
    /** A binary or oversized frame, one the panel holds back or drops, or one the extension replays. */
    const unusualMessage = (event: MessageEvent, data: unknown) => {
      if (redelivered.has(event)) return; // a delayed frame reaching the page now: recorded when it arrived
      const held = event.isTrusted && natives.now() < incoming.until ? incoming.mode : null;
      outbox.record({
        type: 'frame',
        sid,
        dir: 'in',
        ...describe(data),
        ...(replaying && { replayed: true as const }),
        ...(held && { held: held === 'drop' ? ('dropped' as const) : ('delayed' as const) }),
      });
      if (!held) return;
      event.stopImmediatePropagation();
      if (held === 'delay') {
        const late = new MessageEvent('message', { data: event.data, origin: event.origin });
        redelivered.add(late);
        natives.setTimeout(() => guarded(() => socket.readyState === Native.OPEN && socket.dispatchEvent(late)), incoming.delayMs);
      }
    };
    // The hot path, once per frame the page receives, DevTools open or not: its own listener with its own guard, no
    // closure made per call (`on` wraps each call in one), a plain text frame recorded in one call.
    const onMessage = (event: MessageEvent) => {
      try {
        const data: unknown = event.data;
        if (typeof data === 'string' && data.length <= FRAME_TEXT_CAP && incoming.until === 0 && !replaying) outbox.frameIn(sid, data);
        else unusualMessage(event, data);
      } catch {
        // A bug in the hook must never reach the page.
      }
    };
    natives.apply(addListener, socket, ['message', onMessage]);
    on('error', () => outbox.record({ type: 'socket-error', sid }));
    on('close', (event: CloseEvent) => {
      const fault = injected.get(socket);
      if (fault && event.isTrusted) {
        // The real close (code 1000 from our own close()) never reaches the page: it gets the injected one instead.
        event.stopImmediatePropagation();
        const synthetic = new CloseEvent('close', { code: fault.code, reason: fault.reason, wasClean: fault.code !== 1006 });
        natives.setTimeout(() => guarded(() => socket.dispatchEvent(synthetic)), 0);
        return;
      }
      byId.delete(sid);
      outbox.record({ type: 'close', sid, code: event.code, reason: event.reason, clean: event.wasClean, ...(fault ? { injected: true as const } : closedByPage.has(socket) && { byPage: true }) });
    });
    for (const listener of listeners) guarded(() => listener(socket));
    // Injected offline: a new connection fails the way an unreachable server makes it fail.
    if (natives.now() < offlineUntil) injectClose(socket, 1006, '');
  }

  /** Makes pusher-js see `code` as if the server had closed with it: the real close is hidden from the page. */
  function injectClose(socket: WebSocket, code: number, reason: string): void {
    injected.set(socket, { code, reason });
    natives.apply(nativeClose, socket, [1000]);
  }

  const Hooked = new Proxy(Native, {
    construct(target, args, newTarget) {
      const socket = constructNative(target, args, newTarget) as WebSocket;
      guarded(() => watch(socket));
      return socket;
    },
  });
  guarded(() => {
    replaceMethod(Native.prototype, 'send', (target, socket: WebSocket, args) => {
      const result = applyNative(target, socket, args);
      // Recorded after the real send, so a send that throws (still CONNECTING) is not shown as sent.
      guarded(() => {
        const sid = sids.get(socket);
        if (sid !== undefined) outbox.record({ type: 'frame', sid, dir: 'out', ...describe(args[0]) });
      });
      return result;
    });
    replaceMethod(Native.prototype, 'close', (target, socket: WebSocket, args) => {
      guarded(() => sids.has(socket) && closedByPage.add(socket));
      return applyNative(target, socket, args);
    });
    disguise(Hooked, Native);
    // `socket.constructor === WebSocket` must stay true for the page.
    Object.defineProperty(Native.prototype, 'constructor', {
      ...Object.getOwnPropertyDescriptor(Native.prototype, 'constructor'),
      value: Hooked,
    });
    Object.defineProperty(window, 'WebSocket', { ...Object.getOwnPropertyDescriptor(window, 'WebSocket'), value: Hooked });
  });

  /** Delivers `text` to the page's handlers as if the server had sent it on socket `sid`. */
  function replay(sid: number, text: string): string | null {
    const socket = byId.get(sid)?.deref();
    if (!socket) return 'That socket is closed and gone: replay into the current connection instead.';
    if (socket.readyState !== Native.OPEN) return 'That socket is not open (it is closing or closed): pusher-js would ignore the frame.';
    replaying = true;
    try {
      socket.dispatchEvent(new MessageEvent('message', { data: text, origin: new URL(socket.url).origin }));
    } finally {
      replaying = false;
    }
    return null;
  }

  function sendThrough(sid: number, text: string): string | null {
    const socket = byId.get(sid)?.deref();
    if (!socket || socket.readyState !== Native.OPEN) return 'That socket is not open.';
    socket.send(text);
    return null;
  }

  function closeAs(sid: number, code: number, reason: string): string | null {
    const socket = byId.get(sid)?.deref();
    if (!socket || socket.readyState >= Native.CLOSING) return 'That socket is already closed.';
    injectClose(socket, code, reason);
    return null;
  }

  function goOffline(ms: number): void {
    offlineUntil = natives.now() + ms;
    for (const ref of byId.values()) {
      const socket = ref.deref();
      if (socket && socket.readyState < Native.CLOSING) injectClose(socket, 1006, '');
    }
  }

  return {
    replay,
    send: sendThrough,
    closeAs,
    goOffline,
    goOnline: () => void (offlineUntil = 0),
    holdIncoming: (mode: 'drop' | 'delay', ms: number, delayMs: number) => Object.assign(incoming, { until: natives.now() + ms, mode, delayMs }),
    releaseIncoming: () => void (incoming.until = 0),
    isOffline: () => natives.now() < offlineUntil,
    sidOf: (socket) => (socket instanceof Native ? sids.get(socket) : undefined),
    onSocket: (listener) => void listeners.push(listener),
  };
}

function describe(data: unknown): { text: string; fullBytes?: number } | { binaryBytes: number } {
  if (typeof data === 'string') {
    return data.length > FRAME_TEXT_CAP ? { text: data.slice(0, FRAME_TEXT_CAP), fullBytes: utf8Bytes(data) } : { text: data };
  }
  if (data instanceof ArrayBuffer) return { binaryBytes: data.byteLength };
  if (ArrayBuffer.isView(data)) return { binaryBytes: data.byteLength };
  if (data instanceof Blob) return { binaryBytes: data.size };
  return { text: String(data) };
}
