import { guarded, natives } from './natives';

/** Each wrapper we put in the page's way, and the native it stands for. */
export type Originals = WeakMap<Function, Function>;
let originals: Originals = new WeakMap();
let installed = false;

/** Uses `shared` (another window's hook's registry) for our wrappers too, or a registry of our own; returns it. */
export function shareOriginals(shared: Originals | undefined): Originals {
  if (shared) originals = shared;
  return originals;
}

/**
 * Makes `Function.prototype.toString` report the native source for our wrappers, so a page that inspects
 * `WebSocket.toString()` (feature detection, bot checks) sees what it would see without the extension.
 */
export function disguise(wrapper: Function, original: Function): void {
  originals.set(wrapper, original);
  if (installed) return;
  installed = true;
  const nativeToString = Function.prototype.toString;
  const toString = new Proxy(nativeToString, {
    apply(target, thisArg: Function, args: unknown[]) {
      return applyNative(target, originals.get(thisArg) ?? thisArg, args);
    },
  });
  originals.set(toString, nativeToString);
  Object.defineProperty(Function.prototype, 'toString', {
    ...Object.getOwnPropertyDescriptor(Function.prototype, 'toString'),
    value: toString,
  });
}

/** Swaps a method for a transparent proxy of itself (same name, length and toString()). */
export function replaceMethod(owner: object, name: string, apply: (target: Function, self: any, args: unknown[]) => unknown): void {
  const descriptor = Object.getOwnPropertyDescriptor(owner, name);
  const original = descriptor?.value as Function | undefined;
  if (typeof original !== 'function') return;
  const proxy = new Proxy(original, { apply: (target, self, args) => apply(target, self, args) });
  disguise(proxy, original);
  Object.defineProperty(owner, name, { ...descriptor, value: proxy });
}

/** Where our own code shows in a stack trace (`chrome-extension://<id>/`), read once at start. */
const ownOrigin = guarded(() => /[a-z-]+-extension:\/\/[^/\s]+\//.exec(String(new Error().stack))?.[0]);

/**
 * What a native called on the page's behalf throws reaches the page as if the page had called the native itself:
 * without our frames in its stack (a page, or its error reporting, would otherwise see the extension in it).
 */
function withoutOwnFrames(error: unknown): unknown {
  guarded(() => {
    const stack: unknown = (error as { stack?: unknown }).stack;
    if (!ownOrigin || typeof stack !== 'string' || !stack.includes(ownOrigin)) return;
    (error as { stack: string }).stack = stack
      .split('\n')
      .filter((line) => !line.includes(ownOrigin))
      .join('\n');
  });
  return error;
}

/** `Reflect.apply` of a native for the page: what it throws carries no frame of ours. */
export function applyNative(target: Function, self: unknown, args: ArrayLike<unknown>): unknown {
  try {
    return natives.apply(target, self, args);
  } catch (error) {
    throw withoutOwnFrames(error);
  }
}

/** `Reflect.construct` of a native for the page: what it throws carries no frame of ours. */
export function constructNative(target: Function, args: ArrayLike<unknown>, newTarget: Function): object {
  try {
    return natives.construct(target, args, newTarget);
  } catch (error) {
    throw withoutOwnFrames(error);
  }
}
