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
