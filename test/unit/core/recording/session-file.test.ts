import { describe, expect, it } from 'vitest';
import { importFile } from '../../../../src/core/recording/import-file';
import { redactRecord } from '../../../../src/core/recording/redact';
import { exportSession, parseSessionFile, SESSION_FORMAT, type RecordedPage } from '../../../../src/core/recording/session-file';
import { selectProblems } from '../../../../src/core/session/problems';
import { reduceSession } from '../../../../src/core/session/reduce';
import { DEFAULT_LIMITS } from '../../../../src/core/protocol/size-limits';
import { emptySession } from '../../../../src/core/session/state';
import { frames } from '../../../fixtures/frames';
import { numbered, pusherUrl, topFrame } from '../../../fixtures/records';

const sig = 'a'.repeat(64);
const page: RecordedPage = {
  pageId: 'p1',
  origin: topFrame,
  records: numbered([
    { type: 'socket', sid: 1, url: pusherUrl },
    { type: 'frame', sid: 1, dir: 'in', text: frames.established },
    { type: 'auth-request', aid: 1, transport: 'xhr', method: 'POST', url: 'http://x/pusher/auth', socketId: '445294.25458239', channel: 'presence-room' },
    { type: 'auth-response', aid: 1, status: 200, body: JSON.stringify({ auth: `demo-key:${sig}`, channel_data: '{"user_id":"2"}' }), bodyBytes: 10 },
    { type: 'frame', sid: 1, dir: 'out', text: JSON.stringify({ event: 'pusher:subscribe', data: { auth: `demo-key:${sig}`, channel_data: '{"user_id":"2"}', channel: 'presence-room' } }) },
    { type: 'frame', sid: 1, dir: 'in', text: frames.presenceSubscribed },
    { type: 'frame', sid: 1, dir: 'in', text: JSON.stringify({ event: 'big', channel: 'presence-room', data: 'x'.repeat(11_000) }) },
  ]),
};
const fold = (pages: RecordedPage[]) =>
  pages.reduce((state, p) => reduceSession(state, { kind: 'records', origin: p.origin, pageId: p.pageId, records: p.records }), emptySession());

describe('session files', () => {
  it('round-trip: export then import rebuilds the same views', () => {
    const file = exportSession([page], { redact: false, now: new Date(0) });
    const imported = importFile(JSON.stringify(file));
    expect(imported).toMatchObject({ ok: true, skipped: 0 });
    const before = fold([page]);
    const after = fold(imported.ok ? imported.pages : []);
    expect(after.entryCount).toBe(before.entryCount);
    expect([...after.channels.values()]).toEqual([...before.channels.values()]);
    expect([...after.presence.values()]).toEqual([...before.presence.values()]);
    expect(selectProblems(after, DEFAULT_LIMITS, 0)).toEqual(selectProblems(before, DEFAULT_LIMITS, 0));
  });

  it('redacts auth signatures, channel_data and shared secrets by default, and keeps them on request', () => {
    const redacted = JSON.stringify(exportSession([page], { redact: true, now: new Date(0) }));
    expect(redacted).not.toContain(sig);
    const subscribe = exportSession([page], { redact: true, now: new Date(0) }).pages[0]?.records[4];
    expect(subscribe?.type === 'frame' && JSON.parse(subscribe.text ?? '').data).toEqual({ auth: 'demo-key:[redacted]', channel_data: '[redacted]', channel: 'presence-room' });
    expect(redacted).toContain('demo-key:[redacted]');
    expect(JSON.stringify(exportSession([page], { redact: false, now: new Date(0) }))).toContain(sig);
    const secret = redactRecord({ seq: 1, t: 0, type: 'auth-response', aid: 1, status: 200, body: '{"auth":"k:s","shared_secret":"c2VjcmV0"}', bodyBytes: 1 });
    expect(secret).toMatchObject({ body: '{"auth":"k:[redacted]","shared_secret":"[redacted]"}' });
  });

  it.each([
    ['not JSON', '{"format":', /^The file is not JSON/],
    ['an array', '[]', /does not hold a JSON object/],
    ['another format', '{"format":"redux"}', /"format" is "redux"/],
    ['a newer version', JSON.stringify({ format: SESSION_FORMAT, version: 9, pages: [] }), /newer Pusher DevTools \(format version 9\)/],
    ['pages not a list', JSON.stringify({ format: SESSION_FORMAT, version: 1, pages: {} }), /"pages" is not a list/],
    ['a page without origin', JSON.stringify({ format: SESSION_FORMAT, version: 1, pages: [{ pageId: 'x', records: [] }] }), /page 1 lacks/],
    ['a HAR without entries', '{"log":{}}', /no "log.entries"/],
  ])('rejects %s with a message naming the problem', (_, text, message) => {
    const result = importFile(text);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(message);
  });

  it('skips invalid records and says how many', () => {
    const file = exportSession([{ ...page, records: [...page.records, { seq: 99, type: 'frame' } as never] }], { redact: false, now: new Date(0) });
    expect(parseSessionFile(JSON.parse(JSON.stringify(file)))).toMatchObject({ ok: true, skipped: 1 });
  });
});

describe('HAR import', () => {
  const har = (url: string, messages: unknown[]) => JSON.stringify({ log: { entries: [{ startedDateTime: '2026-11-22T10:00:00.000Z', request: { url }, _webSocketMessages: messages }] } });

  it("decodes a Pusher socket's frames from Chrome's _webSocketMessages", () => {
    const result = importFile(
      har(pusherUrl, [
        { type: 'receive', time: 1_700_000_000.5, opcode: 1, data: frames.established },
        { type: 'send', time: 1_700_000_000.6, opcode: 1, data: frames.subscribePublic },
        { type: 'receive', time: 1_700_000_000.7, opcode: 1, data: frames.subscribed },
        { type: 'bogus', time: 1, opcode: 1, data: 'x' },
      ]),
    );
    expect(result).toMatchObject({ ok: true, skipped: 1 });
    const state = fold(result.ok ? result.pages : []);
    expect(state.entryCount).toBe(3);
    expect(state.entries[1]).toMatchObject({ dir: 'out', t: 1_700_000_000_600 });
    expect([...state.channels.values()][0]).toMatchObject({ name: 'my-channel', status: 'subscribed' });
  });

  it('says when the HAR has no Pusher socket', () => {
    expect(importFile(har('wss://example.com/socket', [{ type: 'receive', time: 1, opcode: 1, data: 'x' }]))).toEqual({
      ok: false,
      error: 'The HAR file has 1 WebSocket(s), none of them a Pusher connection.',
    });
    expect(importFile('{"log":{"entries":[]}}')).toMatchObject({ ok: false, error: expect.stringMatching(/no WebSocket messages/) });
  });
});
