import type { PageRecord } from '../messages/records';
import { parsePusherUrl } from '../protocol/url';
import type { Imported, RecordedPage } from './session-file';

interface HarMessage {
  type?: unknown;
  time?: unknown;
  opcode?: unknown;
  data?: unknown;
}

/** HAR times are in seconds; one whose milliseconds overflow to Infinity (1e308) is no time at all. */
const ms = (seconds: unknown): number | null => (typeof seconds === 'number' && Number.isFinite(seconds * 1000) ? seconds * 1000 : null);

/**
 * Pusher traffic from a HAR file saved by Chrome's Network panel: each WebSocket entry whose URL is a Pusher one
 * keeps its frames in `_webSocketMessages` ({type: send|receive, time in seconds, opcode, data}).
 */
export function parseHar(value: unknown): Imported {
  const log = (value as { log?: { entries?: unknown } } | null)?.log;
  if (!log || !Array.isArray(log.entries)) return { ok: false, error: 'Not a usable HAR file: it has no "log.entries" list.' };
  const pages: RecordedPage[] = [];
  let skipped = 0;
  let sockets = 0;
  for (const [index, raw] of log.entries.entries()) {
    const entry = raw as { request?: { url?: unknown }; _webSocketMessages?: unknown; startedDateTime?: unknown } | null;
    const url = entry?.request?.url;
    if (typeof url !== 'string' || !Array.isArray(entry?._webSocketMessages)) continue;
    sockets++;
    if (!parsePusherUrl(url)) continue;
    const started = typeof entry.startedDateTime === 'string' ? Date.parse(entry.startedDateTime) : Number.NaN;
    const records: PageRecord[] = [];
    let seq = 0;
    const firstTime = (entry._webSocketMessages[0] as HarMessage | undefined)?.time;
    const t0 = Number.isFinite(started) ? started : (ms(firstTime) ?? 0);
    records.push({ seq: ++seq, t: t0, type: 'socket', sid: 1, url });
    for (const message of entry._webSocketMessages as HarMessage[]) {
      const dir = message?.type === 'send' ? 'out' : message?.type === 'receive' ? 'in' : null;
      const t = ms(message?.time);
      if (!dir || t === null || typeof message.data !== 'string') {
        skipped++;
        continue;
      }
      records.push(
        message.opcode === 2
          ? { seq: ++seq, t, type: 'frame', sid: 1, dir, binaryBytes: Math.floor((message.data.length * 3) / 4) }
          : { seq: ++seq, t, type: 'frame', sid: 1, dir, text: message.data },
      );
    }
    pages.push({ pageId: `har-${index + 1}`, origin: { frameId: 0, url }, records });
  }
  if (pages.length === 0) {
    return { ok: false, error: sockets === 0 ? 'The HAR file has no WebSocket messages (save it from the Network panel with the socket selected, "Save all as HAR with content").' : `The HAR file has ${sockets} WebSocket(s), none of them a Pusher connection.` };
  }
  return { ok: true, pages, skipped };
}
