import { utf8Bytes } from '../protocol/bytes';
import { channelKind } from '../protocol/channel-kind';
import { CLIENT_EVENT_RATE_LIMIT } from '../session/problems';
import type { ChannelInfo, Connection } from '../session/state';

export interface ClientEventDraft {
  event: string;
  channel: string;
  /** JSON text of the data. */
  data: string;
}

export type ClientEventCheck = { ok: true; text: string; warnings: string[] } | { ok: false; errors: string[] };

/**
 * Pusher's rules for client events, checked before anything is sent: the `client-` prefix, a private or presence
 * channel that this connection is subscribed to, the size limit, and 10 events per second per connection.
 */
export function checkClientEvent(draft: ClientEventDraft, connection: Connection, channels: ChannelInfo[], now: number, sizeLimit: number): ClientEventCheck {
  const errors: string[] = [];
  const warnings: string[] = [];
  if (!draft.event.startsWith('client-') || draft.event.length <= 'client-'.length) {
    errors.push('Client event names must start with "client-" (pusher-js throws BadEventName otherwise).');
  }
  const kind = channelKind(draft.channel);
  if (kind === 'private-encrypted') errors.push('Encrypted channels do not support client events (pusher-js throws UnsupportedFeature).');
  else if (kind !== 'private' && kind !== 'presence' && kind !== 'private-cache' && kind !== 'presence-cache') {
    errors.push(`Client events are only allowed on private- and presence- channels; "${draft.channel || '(none)'}" is ${kind}.`);
  }
  const channel = channels.find((c) => c.name === draft.channel && c.connectionKey === connection.key);
  if (!channel || channel.status !== 'subscribed') errors.push(`This connection is not subscribed to "${draft.channel}"; the server would reject the event.`);
  let data: unknown;
  try {
    data = draft.data.trim() === '' ? {} : JSON.parse(draft.data);
  } catch (error) {
    errors.push(`data is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const text = JSON.stringify({ event: draft.event, data, channel: draft.channel });
  const bytes = utf8Bytes(JSON.stringify(data) ?? '');
  if (bytes > sizeLimit) errors.push(`data is ${bytes} bytes, over the ${sizeLimit}-byte limit.`);
  const recent = connection.recentClientEvents.filter((t) => t > now - 1_000).length;
  if (recent >= CLIENT_EVENT_RATE_LIMIT) errors.push(`${recent} client events were sent in the last second; Pusher allows ${CLIENT_EVENT_RATE_LIMIT} per second per connection.`);
  if (errors.length > 0) return { ok: false, errors };
  warnings.push('Client events must be enabled in the app settings; other subscribers receive it, the sender does not.');
  return { ok: true, text, warnings };
}
