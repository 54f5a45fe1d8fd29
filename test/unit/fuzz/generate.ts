// A seeded, deterministic generator of hostile inputs for the fuzz tests: malformed and truncated JSON, huge strings,
// deep nesting, wrong types at every field of valid shapes, prototype-pollution keys, lone surrogates, binary garbage.
// The same seed always gives the same inputs, so a failure names the seed and the index that reproduce it.
import type { PageRecord } from '../../../src/core/messages/records';

export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
}

/** mulberry32: a 32-bit state PRNG, small and fast, good enough to spread mutations around. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: <T>(items: readonly T[]) => items[int(items.length)] as T,
  };
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Keys that break naive code: prototype pollution, methods every object has, an empty key. */
export const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'toJSON', 'then', 'length', ''];

/** Strings that are awkward to show, measure, decode or use as a URL or a map key. */
export const AWKWARD_STRINGS = [
  '',
  ' ',
  '\ud800', // lone high surrogate
  '\udc00', // lone low surrogate
  'a\ud83d', // high surrogate cut at the end
  '\udc00\ud800',
  '👋héllo',
  '\u0000',
  '\u2028\u2029',
  '\ufeff',
  '\u202e',
  '%E0%A4%A',
  '%',
  'undefined',
  'null',
  'NaN',
  '{"a":',
  '[',
  '"',
  '\\',
  '\\u12',
  '<html><body>Login</body></html>',
  'wss://',
  'ws://x/app/%E0%A4%A?protocol=7',
  'ws://127.0.0.1:6001/app/%?protocol=7',
  'wss://ws.pusherapp.com/app/key?protocol=99999999999999999999999',
  'ws://h/app/k?protocol=7&client=js&version=8.6.0',
  'http://127.0.0.1:6001/',
  '__proto__',
  'constructor',
  'presence-__proto__',
  'private-encrypted-x',
  '#server-to-user-1',
  'client-typing',
  'pusher:error',
  'pusher_internal:subscription_succeeded',
];

/** Values of every JSON type, and the edges of each. */
const JSON_SCALARS: Json[] = [null, true, false, 0, -0, -1, 1, 1.5, 2 ** 53 + 1, 1e308, -1e308, 5e-324, 4294967296, ...AWKWARD_STRINGS];

/** What structured clone (postMessage) can carry and JSON cannot: pages post records this way. */
const CLONE_ONLY: unknown[] = [undefined, Number.NaN, Infinity, -Infinity, 10n, new Date(0), new Map([[1, 2]]), new Set([1]), new Uint8Array(3), /x/g];

export function scalar(rng: Rng): Json {
  return rng.pick(JSON_SCALARS);
}

/** A wrong value for any field: another type, an edge value, a container, a prototype-pollution object. */
export function wrongValue(rng: Rng, cloneable = false): unknown {
  switch (rng.int(cloneable ? 9 : 8)) {
    case 0:
    case 1:
    case 2:
      return scalar(rng);
    case 3:
      return [];
    case 4:
      return {};
    case 5:
      return [scalar(rng), scalar(rng)];
    case 6:
      return hostileObject(rng);
    case 7:
      return String(rng.int(1e6));
    default:
      return rng.pick(CLONE_ONLY);
  }
}

/** An object whose own keys are hostile ones (`__proto__` as an own key, as JSON.parse makes it). */
export function hostileObject(rng: Rng): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (let i = 1 + rng.int(2); i > 0; i--) {
    Object.defineProperty(object, rng.pick(HOSTILE_KEYS), { value: scalar(rng), enumerable: true, writable: true, configurable: true });
  }
  return object;
}

/** A random JSON value, small unless the depth budget allows more. */
export function randomJson(rng: Rng, depth = 3): Json {
  if (depth <= 0 || rng.chance(0.4)) return scalar(rng);
  if (rng.chance(0.5)) return Array.from({ length: rng.int(4) }, () => randomJson(rng, depth - 1));
  const object: { [key: string]: Json } = {};
  for (let i = rng.int(4); i > 0; i--) {
    const key = rng.chance(0.2) ? rng.pick(HOSTILE_KEYS) : rng.pick(['a', 'id', 'user_id', 'email', 'token', 'x', 'data', 'event']);
    Object.defineProperty(object, key, { value: randomJson(rng, depth - 1), enumerable: true, writable: true, configurable: true });
  }
  return object;
}

const isContainer = (value: unknown): value is Record<string, unknown> | unknown[] => typeof value === 'object' && value !== null && (Array.isArray(value) || Object.getPrototypeOf(value) === Object.prototype);

function setOwn(target: Record<string, unknown> | unknown[], key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * One mutation somewhere in a valid shape, copying only the path to it: drop a field, swap its type, null it,
 * wrap it in an array or an object, add a prototype-pollution key beside it, or replace it with a wrong value.
 */
export function mutateValue(rng: Rng, value: unknown, cloneable = false, depth = 0): unknown {
  if (isContainer(value) && depth < 8 && rng.chance(0.75)) {
    const keys: Array<string | number> = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
    if (keys.length > 0) {
      const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [...value] : { ...value };
      const key = rng.pick(keys);
      const own = copy as Record<string | number, unknown>;
      switch (rng.int(8)) {
        case 0:
          if (Array.isArray(copy)) copy.splice(Number(key), 1);
          else delete own[key];
          break;
        case 1:
          if (!Array.isArray(copy)) setOwn(copy, rng.pick(HOSTILE_KEYS), wrongValue(rng, cloneable));
          else copy.push(wrongValue(rng, cloneable));
          break;
        default:
          setOwn(copy, key, mutateValue(rng, own[key], cloneable, depth + 1));
      }
      return copy;
    }
  }
  switch (rng.int(12)) {
    case 0:
      return [value];
    case 1:
      return { value };
    case 2:
      return typeof value === 'string' ? value + rng.pick(AWKWARD_STRINGS) : value;
    case 3:
      return typeof value === 'number' ? -value : typeof value === 'string' ? Number(value.length) : value;
    default:
      return wrongValue(rng, cloneable);
  }
}

const JSON_NOISE = ['{', '}', '[', ']', '"', ':', ',', '\\', 'n', 'u', '0', '-', 'e', ' ', '\n', 'true', 'null', '\ud800', '\ufffd', '\u0000'];

/** Breaks JSON text: truncation, deleted or inserted or replaced characters, repeated slices, binary garbage. */
export function mutateText(rng: Rng, text: string): string {
  const at = rng.int(text.length + 1);
  switch (rng.int(10)) {
    case 0:
    case 1:
      return text.slice(0, at); // truncated
    case 2:
      return text.slice(0, at) + text.slice(at + 1 + rng.int(8));
    case 3:
    case 4:
      return text.slice(0, at) + rng.pick(JSON_NOISE) + text.slice(at);
    case 5:
      return text.slice(0, at) + rng.pick(JSON_NOISE) + text.slice(at + 1);
    case 6:
      return text.slice(0, at) + text.slice(rng.int(text.length), rng.int(text.length)) + text.slice(at);
    case 7:
      return text.slice(0, at) + binaryGarbage(rng, 1 + rng.int(16)) + text.slice(at);
    case 8:
      return rng.pick(['\ufeff', ' ', '\u0000', ')]}\'\n', '']) + text + rng.pick(['', ' ', '\n', 'x', '}', ',']);
    default:
      return text.replace(/"/g, rng.pick(["'", '`', '""', '']));
  }
}

/** Characters a binary file turns into when read as text: any code unit, control characters and surrogates included. */
export function binaryGarbage(rng: Rng, length: number): string {
  let text = '';
  for (let i = 0; i < length; i++) text += String.fromCharCode(rng.chance(0.5) ? rng.int(256) : rng.int(0x10000));
  return text;
}

/** `levels` nested arrays or objects, closed or not: JSON.parse copes, recursive code on the result may not. */
export function deepNesting(levels: number, kind: 'array' | 'object' = 'array', closed = true): string {
  const [open, close] = kind === 'array' ? ['[', ']'] : ['{"a":', '}'];
  return open.repeat(levels) + (closed ? `1${close.repeat(levels)}` : '');
}

// ---------------------------------------------------------------------------------------------------------------
// Valid shapes to mutate: Pusher frames, page records, session files, HAR files.

const CHANNELS = ['my-channel', 'private-chat', 'presence-room', 'private-encrypted-x', 'cache-c', '#server-to-user-1', '__proto__', 'constructor', ''];
const EVENTS = [
  'pusher:connection_established',
  'pusher:error',
  'pusher:ping',
  'pusher:pong',
  'pusher:subscribe',
  'pusher:unsubscribe',
  'pusher:signin',
  'pusher_internal:subscription_succeeded',
  'pusher_internal:member_added',
  'pusher_internal:member_removed',
  'pusher_internal:subscription_count',
  'pusher:subscription_error',
  'client-typing',
  'new-price',
  '__proto__',
];

/** The `data` of a Pusher event, shaped for its name so the session's effects (presence, errors, …) run. */
function eventData(rng: Rng, event: string, channel: string): Json {
  switch (event) {
    case 'pusher:connection_established':
      return { socket_id: `${rng.int(1e6)}.${rng.int(1e6)}`, activity_timeout: 120 };
    case 'pusher:error':
      return { code: rng.pick([4001, 4004, 4009, 4100, 4200, 4201, null]), message: rng.pick(['Invalid signature', `Subscription to ${channel} failed`, '']) };
    case 'pusher:subscribe':
      return { channel, auth: `demo-key:${'a'.repeat(64)}`, channel_data: JSON.stringify({ user_id: String(rng.int(5)), user_info: { name: 'x' } }) };
    case 'pusher:unsubscribe':
      return { channel };
    case 'pusher_internal:subscription_succeeded':
      return { presence: { ids: ['1', '2'], hash: { 1: { name: 'A' }, 2: { name: 'B' } }, count: 2 } };
    case 'pusher_internal:member_added':
    case 'pusher_internal:member_removed':
      return { user_id: String(rng.int(5)), user_info: { name: 'x' } };
    case 'pusher_internal:subscription_count':
      return { subscription_count: rng.int(100) };
    case 'pusher:subscription_error':
      return { type: 'AuthError', error: 'Forbidden', status: 403 };
    default:
      return randomJson(rng, 3);
  }
}

/** A valid Pusher frame as an object: data double-encoded (as servers send) or as an object (as clients send). */
export function validFrame(rng: Rng): Record<string, Json> {
  const event = rng.pick(EVENTS);
  const channel = rng.pick(CHANNELS);
  const data = eventData(rng, event, channel);
  const frame: Record<string, Json> = { event };
  if (rng.chance(0.8)) frame.channel = channel;
  frame.data = rng.chance(0.6) ? JSON.stringify(data) : data;
  if (rng.chance(0.1)) frame.user_id = rng.chance(0.5) ? String(rng.int(9)) : rng.int(9);
  return frame;
}

export const PUSHER_URL = 'ws://127.0.0.1:6001/app/demo-key?protocol=7&client=js&version=8.6.0&flash=false';

type RecordDraft = PageRecord extends infer R ? (R extends PageRecord ? Omit<R, 'seq' | 't'> : never) : never;

/** A valid page record of any type (frames most often, as on a real page). */
export function validRecordDraft(rng: Rng, sid = 1): RecordDraft {
  switch (rng.int(20)) {
    case 0:
      return { type: 'socket', sid, url: rng.chance(0.9) ? PUSHER_URL : rng.pick(AWKWARD_STRINGS) };
    case 1:
      return { type: 'open', sid };
    case 2:
      return { type: 'close', sid, code: rng.pick([1000, 1006, 4001, 4200]), reason: '', clean: rng.chance(0.5), ...(rng.chance(0.3) && { byPage: true }), ...(rng.chance(0.2) && { injected: true as const }) };
    case 3:
      return { type: 'socket-error', sid };
    case 4:
      return { type: 'instance', iid: 1, key: 'demo-key', state: 'initialized', ...(rng.chance(0.5) && { cluster: 'mt1' }) };
    case 5:
      return { type: 'state', iid: 1, previous: 'connecting', current: rng.pick(['connected', 'unavailable', 'disconnected']), socketId: '1.2', sid };
    case 6:
      return { type: 'retry', iid: 1, seconds: rng.int(30) };
    case 7:
      return { type: 'client-error', iid: 1, errorType: 'PusherError', code: 4001, message: 'x' };
    case 8:
      return { type: 'fault', what: rng.pick(['offline', 'online', 'drop', 'delay', 'incoming-normal'] as const), seconds: 5 };
    case 9:
      return { type: 'command-result', cid: rng.int(9), ok: rng.chance(0.5), error: 'no' };
    case 10:
      return { type: 'bindings', iid: 1, global: 0, channels: { 'presence-room': { global: 0, events: { 'client-typing': 1 } } } };
    case 11:
      return { type: 'auth-request', aid: 1, transport: 'xhr', method: 'POST', url: '/pusher/auth', socketId: '1.2', channel: rng.pick(CHANNELS) };
    case 12:
      return {
        type: 'auth-response',
        aid: 1,
        status: rng.pick([0, 200, 403, 500]),
        body: rng.pick(['{"auth":"k:s"}', '<html>', '{', JSON.stringify({ auth: `k:${'a'.repeat(64)}`, channel_data: '{"user_id":"1"}' })]),
        bodyBytes: 10,
      };
    default:
      return rng.chance(0.05)
        ? { type: 'frame', sid, dir: rng.pick(['in', 'out'] as const), binaryBytes: rng.int(1000) }
        : { type: 'frame', sid, dir: rng.chance(0.7) ? 'in' : 'out', text: JSON.stringify(validFrame(rng)) };
  }
}

/** Numbers drafts as the page's outbox does. */
export function numberRecords(drafts: readonly object[], firstSeq = 1, t0 = 1_700_000_000_000): PageRecord[] {
  return drafts.map((draft, i) => ({ ...draft, seq: firstSeq + i, t: t0 + i }) as PageRecord);
}

/** A valid page of records as a session file holds it. */
export function validRecordedPage(rng: Rng, index: number, records = 1 + rng.int(6)) {
  const drafts: RecordDraft[] = [{ type: 'socket', sid: 1, url: PUSHER_URL }];
  for (let i = 1; i < records; i++) drafts.push(validRecordDraft(rng));
  return { pageId: `page-${index}`, origin: { frameId: index, url: 'http://127.0.0.1:6001/' }, records: numberRecords(drafts) };
}

/** A HAR file as Chrome's Network panel saves it, with Pusher and other sockets and plain HTTP entries. */
export function validHar(rng: Rng, entries = 1 + rng.int(2), messages = 1 + rng.int(3)): Json {
  const list: Json[] = [];
  for (let i = 0; i < entries; i++) {
    const url = rng.chance(0.8) ? PUSHER_URL : rng.pick(['wss://example.com/socket', 'https://example.com/api']);
    const entry: Record<string, Json> = {
      startedDateTime: rng.chance(0.9) ? '2026-11-22T10:00:00.000Z' : rng.pick(['', 'yesterday', '2026-13-45T99:00:00Z']),
      time: 12.5,
      request: { method: 'GET', url, httpVersion: 'HTTP/1.1', headers: [] },
      response: { status: 101, statusText: 'Switching Protocols', headers: [] },
      _resourceType: 'websocket',
    };
    if (url.startsWith('ws')) {
      entry._webSocketMessages = Array.from({ length: messages }, (_, m) => ({
        type: rng.chance(0.7) ? 'receive' : 'send',
        time: 1_763_805_600 + m * 0.25,
        opcode: rng.chance(0.95) ? 1 : 2,
        data: JSON.stringify(validFrame(rng)),
      }));
    }
    list.push(entry);
  }
  return { log: { version: '1.2', creator: { name: 'WebInspector', version: '537.36' }, pages: [], entries: list } };
}

/** Valid shapes made once and mutated many times: generating each from scratch would cost more than the test. */
export function pool<T>(size: number, make: () => T): Array<{ value: T; text: string }> {
  return Array.from({ length: size }, () => {
    const value = make();
    return { value, text: JSON.stringify(value) };
  });
}

/** Counts inputs per target; each fuzz file prints its own so the total can be quoted. */
export function report(target: string, inputs: number, startedAt: number): void {
  console.log(`fuzz ${target}: ${inputs.toLocaleString('en-US')} inputs in ${Math.round(performance.now() - startedAt)} ms`);
}
