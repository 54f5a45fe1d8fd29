import { decodeData } from '../protocol/frame';
import type { LogEntry } from '../session/state';

/** What the user edits before a replay: the data as text, in the form they read it (decoded JSON). */
export interface FrameDraft {
  event: string;
  channel: string;
  /** JSON text of `data`, or any text when `dataIsText` is set. */
  data: string;
  /** Send `data` as a plain string rather than as JSON. */
  dataIsText: boolean;
}

export type BuiltFrame = { ok: true; text: string } | { ok: false; error: string };

/** A draft from a logged frame: double-encoded data is shown decoded, so the user never edits escaped JSON. */
export function draftFromEntry(entry: LogEntry): FrameDraft | null {
  // A frame the page cut has lost its data: replaying what is left would hand pusher-js a broken frame.
  if (!entry.frame?.ok || entry.frame.cut) return null;
  const data = decodeData(entry.frame.rawData);
  const base = { event: entry.frame.event, channel: entry.frame.channel ?? '' };
  if (data.kind === 'text') return { ...base, data: data.value, dataIsText: true };
  if (data.kind === 'none') return { ...base, data: '', dataIsText: false };
  try {
    return { ...base, data: JSON.stringify(data.value, null, 2), dataIsText: false };
  } catch {
    // Nested deeper than JSON.stringify can recurse: edit the JSON text as it came, when it came as text.
    return typeof entry.frame.rawData === 'string' ? { ...base, data: entry.frame.rawData, dataIsText: false } : null;
  }
}

/**
 * The frame text a Pusher server would send for a draft: `data` string-encoded (double encoding), as the HTTP API
 * delivers it, so the page's client decodes it exactly as it decodes real events.
 */
export function buildFrame(draft: FrameDraft): BuiltFrame {
  const event = draft.event.trim();
  if (!event) return { ok: false, error: 'The event needs a name.' };
  let data: string | undefined;
  if (draft.dataIsText) data = draft.data;
  else if (draft.data.trim() !== '') {
    try {
      data = JSON.stringify(JSON.parse(draft.data));
    } catch (error) {
      return { ok: false, error: `data is not valid JSON: ${error instanceof Error ? error.message : String(error)}. Tick "send as text" to send it as a plain string.` };
    }
  }
  const frame: Record<string, unknown> = { event };
  if (draft.channel.trim()) frame.channel = draft.channel.trim();
  if (data !== undefined) frame.data = data;
  return { ok: true, text: JSON.stringify(frame) };
}
