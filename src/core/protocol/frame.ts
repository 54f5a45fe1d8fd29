import { utf8Bytes } from './bytes';

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
