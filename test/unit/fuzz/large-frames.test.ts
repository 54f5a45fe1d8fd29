// Frames of several megabytes: the page keeps their first 256 K characters and their real size (FrameRecord.fullBytes,
// see src/page/websocket-tap.ts); the session must still name the event, count its real size and flag it as too big.
import { describe, expect, it } from 'vitest';
import { formatBytes } from '../../../src/core/protocol/bytes';
import { parseCutFrame } from '../../../src/core/protocol/frame';
import { DEFAULT_LIMITS } from '../../../src/core/protocol/size-limits';
import { draftFromEntry } from '../../../src/core/replay/edit';
import { eventAsCurl, eventAsJson, eventAsNodeTrigger } from '../../../src/core/replay/snippets';
import { selectProblems } from '../../../src/core/session/problems';
import { reduceSession } from '../../../src/core/session/reduce';
import { emptySession, type LogEntry } from '../../../src/core/session/state';

/** The hook's cap (FRAME_TEXT_CAP in src/page/websocket-tap.ts, which needs a browser to import). */
const CAP = 256 * 1024;
const MB = 1024 * 1024;

/** What the hook records for a received frame: cut to the cap, with its real UTF-8 size, when longer. */
function hookRecord(seq: number, text: string) {
  return text.length > CAP
    ? { seq, t: seq, type: 'frame', sid: 1, dir: 'in', text: text.slice(0, CAP), fullBytes: Buffer.byteLength(text) }
    : { seq, t: seq, type: 'frame', sid: 1, dir: 'in', text };
}

function fold(texts: string[]) {
  const records = [{ seq: 1, t: 1, type: 'socket', sid: 1, url: 'ws://h/app/k?protocol=7' }, ...texts.map((text, i) => hookRecord(i + 2, text))];
  return reduceSession(emptySession(), { kind: 'records', origin: { frameId: 0, url: 'http://h/' }, pageId: 'p', records });
}

describe('a 5 MB frame through the session', () => {
  // As the local server and soketi send it: event, channel, then the double-encoded data.
  const data = JSON.stringify({ report: 'é'.repeat(2.5 * MB), rows: [1, 2, 3] });
  const text = JSON.stringify({ event: 'big-report', channel: 'reports', data });

  it('is logged cut, with its event, channel and real size', () => {
    const state = fold([text]);
    expect(state.entryCount).toBe(1);
    const entry = state.entries[0] as LogEntry;
    expect(entry.text?.length).toBe(CAP);
    expect(entry.truncated).toBe(true);
    expect(entry.bytes).toBe(Buffer.byteLength(text));
    expect(formatBytes(entry.bytes)).toBe('5.0 MB');
    expect(entry.frame).toMatchObject({ ok: true, event: 'big-report', channel: 'reports', encoding: 'string', cut: true, rawData: undefined });
    // data's size from what the frame leaves for it: the escaped quotes of the double encoding count as sent.
    const dataBytes = entry.frame?.ok ? entry.frame.dataBytes : 0;
    const escapes = (JSON.stringify(data).match(/\\/g) ?? []).length;
    expect(dataBytes).toBe(Buffer.byteLength(data) + escapes);
  });

  it("counts on its channel and is listed as over Pusher's size limit", () => {
    const state = fold([text]);
    const channel = [...state.channels.values()].find((c) => c.name === 'reports');
    expect(channel).toMatchObject({ eventsIn: 1, eventNames: { 'big-report': 1 } });
    expect(channel?.largestData).toBeGreaterThan(5 * 1000 * 1000);
    const titles = selectProblems(state, DEFAULT_LIMITS, 0).map((p) => p.title);
    expect(titles).toContain("Event over Pusher's 10240-byte limit on reports");
  });

  it('offers no copy or replay of the data it no longer has', () => {
    const entry = fold([text]).entries[0] as LogEntry;
    expect([eventAsJson(entry), eventAsNodeTrigger(entry), eventAsCurl(entry), draftFromEntry(entry)]).toEqual([null, null, null, null]);
  });

  it("keeps the event name when the channel came after the data (Pusher's own order) and was lost", () => {
    const pusherOrder = JSON.stringify({ event: 'big-report', data, channel: 'reports' });
    const entry = fold([pusherOrder]).entries[0] as LogEntry;
    expect(entry.frame).toMatchObject({ ok: true, event: 'big-report', cut: true });
    expect(entry.frame?.ok && entry.frame.channel).toBeUndefined();
  });

  it('says so when the cut fell before the event name could be read', () => {
    const entry = fold([JSON.stringify({ event: 'e'.repeat(5 * MB), data: '{}' })]).entries[0] as LogEntry;
    expect(entry.frame).toEqual({ ok: false, error: `The page cut this 5.0 MB frame to its first ${CAP} characters, before its "event" field could be read.` });
  });

  it('a whole frame that fits is not marked cut, and data that ended before the cut is measured exactly', () => {
    expect(parseCutFrame('{"event":"x","data":"{}"}', 99)).toEqual({ ok: true, event: 'x', rawData: '{}', encoding: 'string', dataBytes: 2 });
    const kept = '{"event":"x","data":{"a":[1,"]"]},"channel":"c","extra":"' + 'z'.repeat(100);
    expect(parseCutFrame(kept, 10 * MB)).toEqual({ ok: true, event: 'x', channel: 'c', rawData: { a: [1, ']'] }, encoding: 'object', dataBytes: 13 });
  });
});
