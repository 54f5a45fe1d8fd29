import { decodeData } from '../protocol/frame';
import type { LogEntry } from '../session/state';

interface EventParts {
  event: string;
  channel: string;
  data: unknown;
}

function partsOf(entry: LogEntry): EventParts | null {
  // A frame the page cut has lost its data: there is no whole event to copy.
  if (!entry.frame?.ok || entry.frame.cut) return null;
  const decoded = decodeData(entry.frame.rawData);
  const data = decoded.kind === 'none' ? null : decoded.value;
  return { event: entry.frame.event, channel: entry.frame.channel ?? '', data };
}

/** The event with its data decoded, as a developer wants to paste it. */
export function eventAsJson(entry: LogEntry): string | null {
  const parts = partsOf(entry);
  if (!parts) return null;
  return orNull(() => JSON.stringify({ event: parts.event, ...(parts.channel && { channel: parts.channel }), data: parts.data }, null, 2));
}

/** A `pusher` Node SDK call that publishes the same event, credentials left as placeholders. */
export function eventAsNodeTrigger(entry: LogEntry): string | null {
  const parts = partsOf(entry);
  if (!parts) return null;
  return orNull(() => [
    "const Pusher = require('pusher');",
    '',
    "const pusher = new Pusher({ appId: 'APP_ID', key: 'APP_KEY', secret: 'APP_SECRET', cluster: 'APP_CLUSTER', useTLS: true });",
    `await pusher.trigger(${JSON.stringify(parts.channel || 'CHANNEL')}, ${JSON.stringify(parts.event)}, ${JSON.stringify(parts.data, null, 2)});`,
  ].join('\n'));
}

/**
 * A curl call to Pusher's HTTP API (POST /apps/{id}/events). The request must be signed: the placeholders name the
 * query parameters to compute (body_md5 and auth_signature, see Pusher's HTTP API authentication).
 */
export function eventAsCurl(entry: LogEntry): string | null {
  const parts = partsOf(entry);
  if (!parts) return null;
  const body = orNull(() => JSON.stringify({
    name: parts.event,
    channel: parts.channel || 'CHANNEL',
    data: typeof parts.data === 'string' ? parts.data : JSON.stringify(parts.data),
  }));
  if (body === null) return null;
  const query = 'auth_key=APP_KEY&auth_timestamp=TIMESTAMP&auth_version=1.0&body_md5=BODY_MD5&auth_signature=SIGNATURE';
  return [
    `curl -X POST 'https://api-APP_CLUSTER.pusher.com/apps/APP_ID/events?${query}' \\`,
    "  -H 'Content-Type: application/json' \\",
    `  -d ${shellQuote(body)}`,
  ].join('\n');
}

/** Data nested deeper than JSON.stringify can recurse (JSON.parse has no such limit): nothing to copy, no crash. */
function orNull(build: () => string): string | null {
  try {
    return build();
  } catch {
    return null;
  }
}

/** Single-quotes for POSIX shells: a quote inside becomes '\'' . */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
