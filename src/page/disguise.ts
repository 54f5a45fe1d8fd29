import { natives } from './natives';

const originals = new WeakMap<Function, Function>();
let installed = false;

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
      return natives.apply(target, originals.get(thisArg) ?? thisArg, args);
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
