import { readBindings } from './bindings';
import { guarded, natives } from './natives';
import { ownCallbacks } from './own-callbacks';
import type { Outbox } from './outbox';
import type { SocketRegistry } from './websocket-tap';

/** The parts of a pusher-js 8 instance we read. Everything is optional: the page may hold anything. */
interface PusherLike {
  key?: unknown;
  config?: { cluster?: unknown; wsHost?: unknown };
  connection?: {
    state?: unknown;
    socket_id?: unknown;
    bind?: (event: string, callback: (data: never) => void) => unknown;
    connection?: { transport?: { socket?: unknown } } | null;
  };
}


/**
 * Attaches to the pusher-js instances the page exposes (`Pusher.instances`, `Echo.connector.pusher`), for what only
 * the instance knows: its state machine, retry delays and errors. Looked for whenever a Pusher socket appears
 * (pusher-js registers the instance before it connects) and once the page has loaded.
 */
const BINDINGS_DELAY_MS = 1_000;

export function watchPusherInstances(outbox: Outbox, sockets: SocketRegistry): void {
  const attached = new WeakSet<object>();
  let nextIid = 0;

  function attach(instance: PusherLike): void {
    const connection = instance.connection;
    if (attached.has(instance) || typeof connection?.bind !== 'function') return;
    attached.add(instance);
    const iid = ++nextIid;
    outbox.record({
      type: 'instance',
      iid,
      key: String(instance.key ?? ''),
      state: String(connection.state ?? 'unknown'),
      ...(typeof instance.config?.cluster === 'string' && { cluster: instance.config.cluster }),
      ...(typeof instance.config?.wsHost === 'string' && { wsHost: instance.config.wsHost }),
    });
    const bind = (event: string, handler: (data: never) => void) => {
      const callback = (data: never) => guarded(() => handler(data));
      ownCallbacks.add(callback);
      connection.bind?.call(connection, event, callback);
    };
    bind('state_change', (change: { previous?: unknown; current?: unknown }) => {
      const sid = sockets.sidOf(connection.connection?.transport?.socket);
      outbox.record({
        type: 'state',
        iid,
        previous: String(change?.previous),
        current: String(change?.current),
        ...(change?.current === 'connected' && typeof connection.socket_id === 'string' && { socketId: connection.socket_id }),
        ...(sid !== undefined && { sid }),
      });
    });
    bind('connecting_in', (seconds: unknown) => {
      if (typeof seconds === 'number') outbox.record({ type: 'retry', iid, seconds });
    });
    bind('error', (error: unknown) => outbox.record({ type: 'client-error', iid, ...summariseError(error) }));
    watchBindings(instance, iid);
  }

  /**
   * Handlers change rarely; look again shortly after messages arrive (at most once a second) and record only
   * changes, so the panel can tell events that arrived with no handler bound.
   */
  function watchBindings(instance: PusherLike, iid: number): void {
    let last = '';
    let scheduled = false;
    const check = () => {
      scheduled = false;
      const bindings = readBindings(instance as Parameters<typeof readBindings>[0]);
      const text = JSON.stringify(bindings);
      if (text === last) return;
      last = text;
      outbox.record({ type: 'bindings', iid, ...bindings });
    };
    const callback = () => {
      if (scheduled) return;
      scheduled = true;
      natives.setTimeout(() => guarded(check), BINDINGS_DELAY_MS);
    };
    ownCallbacks.add(callback);
    instance.connection?.bind?.call(instance.connection, 'message', callback);
    callback();
  }

  function scan(): void {
    guarded(() => {
      const global = window as unknown as { Pusher?: { instances?: unknown }; Echo?: { connector?: { pusher?: unknown } } };
      const instances = global.Pusher?.instances;
      if (Array.isArray(instances)) for (const instance of instances) guarded(() => attach(instance as PusherLike));
      const echo = global.Echo?.connector?.pusher;
      if (echo && typeof echo === 'object') attach(echo as PusherLike);
    });
  }

  sockets.onSocket(scan);
  window.addEventListener('load', scan, { once: true });
}

/** pusher-js error events come in several shapes (protocol.md §3.2); keep only plain fields. */
function summariseError(error: unknown): { errorType: string; code?: number; message?: string } {
  const e = error as { type?: unknown; data?: { code?: unknown; message?: unknown }; error?: unknown } | null;
  const inner = (e?.error ?? null) as { type?: unknown; data?: { code?: unknown; message?: unknown }; message?: unknown } | null;
  const data = e?.data ?? inner?.data;
  const errorType = typeof e?.type === 'string' ? e.type : 'Error';
  const code = typeof data?.code === 'number' ? data.code : undefined;
  const message = typeof data?.message === 'string' ? data.message : typeof e?.error === 'string' ? e.error : undefined;
  return { errorType, ...(code !== undefined && { code }), ...(message !== undefined && { message: message.slice(0, 500) }) };
}
