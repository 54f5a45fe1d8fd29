/**
 * Built-ins captured when the hook starts (document_start, before any page script), so a page that later patches
 * them cannot break or observe the hook.
 */
const getter = (proto: object, name: string) => Object.getOwnPropertyDescriptor(proto, name)?.get as (this: unknown) => unknown;

export const natives = {
  now: Date.now,
  setTimeout: globalThis.setTimeout.bind(globalThis),
  // Absent in old engines: the outbox then never holds records back.
  requestIdleCallback: typeof requestIdleCallback === 'function' ? requestIdleCallback.bind(globalThis) : undefined,
  addEventListener: window.addEventListener.bind(window),
  random: Math.random,
  stringify: JSON.stringify,
  construct: Reflect.construct,
  apply: Reflect.apply,
  // For the content script's port (see outbox.ts): a page that patches these later must not see or fake it.
  eventData: getter(MessageEvent.prototype, 'data'),
  eventPorts: getter(MessageEvent.prototype, 'ports'),
  eventSource: getter(MessageEvent.prototype, 'source'),
  stopImmediatePropagation: Event.prototype.stopImmediatePropagation,
  setOnMessage: Object.getOwnPropertyDescriptor(MessagePort.prototype, 'onmessage')?.set as (this: MessagePort, handler: unknown) => void,
  portPostMessage: MessagePort.prototype.postMessage,
};

/** Runs `fn`, swallowing anything it throws: a bug in the hook must never reach the page. */
export function guarded<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}
