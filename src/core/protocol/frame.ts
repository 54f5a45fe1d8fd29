import { formatBytes, utf8Bytes } from './bytes';

/** How the frame carried `data`: Pusher servers double-encode (a string holding JSON), but not all of them. */
export type DataEncoding = 'string' | 'object' | 'none';

export interface PusherFrame {
  ok: true;
  event: string;
  channel?: string;
  userId?: string;
  /** `data` exactly as it sat in the frame: a string for double-encoded payloads, else the parsed value. */
  rawData: unknown;
  encoding: DataEncoding;
  /** UTF-8 bytes of `data` as Pusher counts them: the string itself, or the JSON of an object. */
  dataBytes: number;
  /**
   * The page cut the frame (see FrameRecord.fullBytes) and `data` is lost past the cut: `rawData` is undefined and
   * `dataBytes` is what the rest of the frame leaves for it (escapes in a double-encoded string counted as sent).
   */
  cut?: true;
}

export interface MalformedFrame {
  ok: false;
  error: string;
}

export type ParsedFrame = PusherFrame | MalformedFrame;

/** Parse the outer frame only; the inner `data` is decoded on demand by {@link decodeData}. */
export function parseFrame(text: string): ParsedFrame {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `Not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, error: `Expected a JSON object, got ${describe(value)}` };
  }
  const fields = value as Record<string, unknown>;
  if (typeof fields.event !== 'string') {
    return { ok: false, error: `The "event" field is ${describe(fields.event)}, not a string` };
  }
  const frame: PusherFrame = { ok: true, event: fields.event, rawData: fields.data, ...measure(fields.data) };
  if (typeof fields.channel === 'string') frame.channel = fields.channel;
  if (typeof fields.user_id === 'string' || typeof fields.user_id === 'number') frame.userId = String(fields.user_id);
  return frame;
}

/**
 * A frame the page cut to its cap, with `fullBytes` its real size: JSON.parse fails on what is left, but the fields
 * before the cut still say what it was. Servers put "event" (and most put "channel") before "data", so a big event
 * keeps its name and channel.
 */
export function parseCutFrame(text: string, fullBytes: number): ParsedFrame {
  const whole = parseFrame(text);
  if (whole.ok) return whole;
  const head = readHead(text);
  const fields = head.fields;
  if (typeof fields.event !== 'string') {
    return { ok: false, error: `The page cut this ${formatBytes(fullBytes)} frame to its first ${text.length} characters, before its "event" field could be read.` };
  }
  const frame: PusherFrame = { ok: true, event: fields.event, rawData: fields.data, ...measure(fields.data) };
  if (head.cutKey === 'data') {
    // What the frame holds past the part kept before its data began, less the closing brace (and a string's quotes).
    frame.encoding = text[head.cutAt] === '"' ? 'string' : 'object';
    frame.dataBytes = Math.max(0, fullBytes - utf8Bytes(text.slice(0, head.cutAt)) - (frame.encoding === 'string' ? 3 : 1));
    frame.cut = true;
  }
  if (typeof fields.channel === 'string') frame.channel = fields.channel;
  if (typeof fields.user_id === 'string' || typeof fields.user_id === 'number') frame.userId = String(fields.user_id);
  return frame;
}

const HEAD_FIELDS = new Set(['event', 'channel', 'user_id', 'data']);

/**
 * The members of a JSON object read until the text ends or stops making sense; `cutKey` names the member whose
 * value the text ends in, starting at `cutAt`. Linear: each character is looked at once.
 */
function readHead(text: string): { fields: Record<string, unknown>; cutKey?: string; cutAt: number } {
  const fields: Record<string, unknown> = {};
  let i = skipSpace(text, 0);
  if (text[i] !== '{') return { fields, cutAt: i };
  i = skipSpace(text, i + 1);
  try {
    while (text[i] === '"') {
      const keyEnd = stringEnd(text, i);
      if (keyEnd < 0) break;
      const key = JSON.parse(text.slice(i, keyEnd)) as string;
      i = skipSpace(text, keyEnd);
      if (text[i] !== ':') break;
      const start = skipSpace(text, i + 1);
      const end = valueEnd(text, start);
      if (end < 0) return { fields, cutKey: key, cutAt: start };
      if (HEAD_FIELDS.has(key)) fields[key] = JSON.parse(text.slice(start, end));
      i = skipSpace(text, end);
      if (text[i] !== ',') break;
      i = skipSpace(text, i + 1);
    }
  } catch {
    // A member that is not JSON: keep what was read before it.
  }
  return { fields, cutAt: i };
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
  return i;
}

/** Where the JSON string starting at `i` ends (just past its closing quote), or -1 when the text ends first. */
function stringEnd(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x5c) j++;
    else if (c === 0x22) return j + 1;
  }
  return -1;
}

/** Where the JSON value starting at `i` ends, or -1 when the text ends first. */
function valueEnd(text: string, i: number): number {
  const first = text[i];
  if (first === '"') return stringEnd(text, i);
  if (first === '{' || first === '[') {
    let depth = 0;
    for (let j = i; j < text.length; j++) {
      const c = text[j];
      if (c === '"') {
        const end = stringEnd(text, j);
        if (end < 0) return -1;
        j = end - 1;
      } else if (c === '{' || c === '[') depth++;
      else if ((c === '}' || c === ']') && --depth === 0) return j + 1;
    }
    return -1;
  }
  let j = i;
  while (j < text.length && !',}] \n\r\t'.includes(text[j] as string)) j++;
  return j < text.length ? j : -1; // a number may go on past the cut
}

function measure(data: unknown): { encoding: DataEncoding; dataBytes: number } {
  if (data === undefined) return { encoding: 'none', dataBytes: 0 };
  if (typeof data === 'string') return { encoding: 'string', dataBytes: utf8Bytes(data) };
  return { encoding: 'object', dataBytes: jsonBytes(data) };
}

/** UTF-8 bytes of `JSON.stringify(value)` for parsed JSON, also when it is nested too deep for JSON.stringify. */
function jsonBytes(value: unknown): number {
  try {
    return utf8Bytes(JSON.stringify(value) ?? '');
  } catch {
    // Deeper than the call stack (JSON.parse has no such limit): walk it with a stack of our own.
  }
  let bytes = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null) {
      bytes += utf8Bytes(JSON.stringify(node) ?? 'null');
    } else if (Array.isArray(node)) {
      bytes += 2 + Math.max(0, node.length - 1);
      for (const item of node) stack.push(item);
    } else {
      const entries = Object.entries(node);
      bytes += 2 + Math.max(0, entries.length - 1);
      for (const [key, child] of entries) {
        bytes += utf8Bytes(JSON.stringify(key)) + 1;
        stack.push(child);
      }
    }
  }
  return bytes;
}

/** `json-string`: double-encoded; `json`: an object in the frame itself; `text`: a string that is not JSON. */
export type DecodedData =
  | { kind: 'json-string'; value: unknown }
  | { kind: 'json'; value: unknown }
  | { kind: 'text'; value: string }
  | { kind: 'none' };

/** Decode `data` the way pusher-js does: a string is JSON-parsed once, and kept as text when that fails. */
export function decodeData(rawData: unknown): DecodedData {
  if (rawData === undefined) return { kind: 'none' };
  if (typeof rawData !== 'string') return { kind: 'json', value: rawData };
  try {
    return { kind: 'json-string', value: JSON.parse(rawData) };
  } catch {
    return { kind: 'text', value: rawData };
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value === undefined) return 'missing';
  return `a ${typeof value}`;
}

/** The fields of a frame's `data` when it decodes to a JSON object (the shape of every pusher:* payload), else null. */
export function dataFields(rawData: unknown): Record<string, unknown> | null {
  const decoded = decodeData(rawData);
  if (decoded.kind !== 'json' && decoded.kind !== 'json-string') return null;
  const value = decoded.value;
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}
