/**
 * Built-ins captured when the hook starts (document_start, before any page script), so a page that later patches
 * them cannot break or observe the hook.
 */
export const natives = {
  now: Date.now,
  setTimeout: globalThis.setTimeout.bind(globalThis),
  postMessage: window.postMessage.bind(window),
  addEventListener: window.addEventListener.bind(window),
  random: Math.random,
  construct: Reflect.construct,
  apply: Reflect.apply,
};

/** Runs `fn`, swallowing anything it throws: a bug in the hook must never reach the page. */
export function guarded<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}
