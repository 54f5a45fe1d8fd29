// Inputs the fuzz suites found crashing or misreading, kept as plain regression tests.
import { describe, expect, it } from 'vitest';
import { parseFrame } from '../../../src/core/protocol/frame';
import { userSpecificChannelName } from '../../../src/core/protocol/sensitive-data';
import { parsePusherUrl } from '../../../src/core/protocol/url';
import { importFile } from '../../../src/core/recording/import-file';
import { parseHar } from '../../../src/core/recording/har';
import { isPageRecord } from '../../../src/core/messages/guards';
import { parseSessionFile } from '../../../src/core/recording/session-file';
import { DEFAULT_LIMITS } from '../../../src/core/protocol/size-limits';
import { handlerProblems, selectProblems } from '../../../src/core/session/problems';
import { draftFromEntry } from '../../../src/core/replay/edit';
import { eventAsCurl, eventAsJson, eventAsNodeTrigger } from '../../../src/core/replay/snippets';
import { reduceSession } from '../../../src/core/session/reduce';
import { selectHandlers } from '../../../src/core/session/selectors';
import { emptySession } from '../../../src/core/session/state';
import { deepNesting } from './generate';

describe('found by fuzzing', () => {
  it('parseFrame measures object data nested 100k levels deep (JSON.stringify overflowed the stack)', () => {
    expect(parseFrame(`{"event":"x","data":${deepNesting(100_000)}}`)).toMatchObject({ ok: true, event: 'x', encoding: 'object', dataBytes: 200_001 });
    expect(parseFrame(`{"event":"x","data":${deepNesting(100_000, 'object')}}`)).toMatchObject({ ok: true, dataBytes: 600_001 });
    // Wide and deep at once, with keys and strings that need escaping: the same count JSON.stringify gives when it can.
    const wide = `[${'{"k\\"é":"\\ud800👋"},'.repeat(10_000)}1]`;
    const shallow = JSON.parse(wide) as unknown;
    expect(parseFrame(`{"event":"x","data":${deepNesting(20_000).replace('1', wide)}}`)).toMatchObject({
      ok: true,
      dataBytes: 40_000 + Buffer.byteLength(JSON.stringify(shallow)),
    });
  });

  it('a socket URL whose key is not valid percent-encoding is kept as written (decodeURIComponent threw URIError)', () => {
    expect(parsePusherUrl('ws://x/app/%E0%A4%A?protocol=7')).toMatchObject({ key: '%E0%A4%A', protocol: 7 });
    const records = [
      { seq: 1, t: 1, type: 'socket', sid: 1, url: 'ws://127.0.0.1:6001/app/%?protocol=7' },
      { seq: 2, t: 2, type: 'frame', sid: 2, dir: 'in', text: '{"event":"pusher:connection_established","data":"{}"}' },
    ];
    const state = reduceSession(emptySession(), { kind: 'records', origin: { frameId: 0, url: 'http://h/' }, pageId: 'p', records });
    expect([...state.connections.values()].map((c) => c.pusher?.key ?? null)).toEqual(['%', null]);
  });

  it('channels named like Object.prototype members ("constructor", "toString") do not find its methods as handlers', () => {
    const event = (channel: string, name: string) => JSON.stringify({ event: name, channel, data: '{}' });
    const records = [
      { seq: 1, t: 1, type: 'socket', sid: 1, url: 'ws://h/app/k?protocol=7' },
      { seq: 2, t: 2, type: 'instance', iid: 1, key: 'k', state: 'connected' },
      { seq: 3, t: 3, type: 'bindings', iid: 1, global: 0, channels: { 'my-channel': { global: 0, events: { update: 1 } } } },
      { seq: 4, t: 4, type: 'frame', sid: 1, dir: 'in', text: event('constructor', 'update') },
      { seq: 5, t: 5, type: 'frame', sid: 1, dir: 'in', text: event('toString', 'x') },
      { seq: 6, t: 6, type: 'frame', sid: 1, dir: 'in', text: event('my-channel', 'constructor') },
    ];
    const state = reduceSession(emptySession(), { kind: 'records', origin: { frameId: 0, url: 'http://h/' }, pageId: 'p', records });
    expect(handlerProblems(state).map((p) => p.id).sort()).toEqual(['unhandled:my-channel:constructor']);
    expect(() => selectProblems(state, DEFAULT_LIMITS, 0)).not.toThrow();
    for (const channel of state.channels.values()) {
      const expected = channel.name === 'my-channel' ? { global: 0, events: { update: 1 } } : { global: 0, events: {} };
      expect(selectHandlers(state, channel)).toEqual(expected);
    }
  });

  it('a public channel with a name megabytes long is checked for an email in linear time (the regex was quadratic)', () => {
    const started = performance.now();
    expect(userSpecificChannelName('c'.repeat(100_000))).toBeNull();
    expect(userSpecificChannelName(`${'c'.repeat(100_000)} bob@example.com`)).toBe('The name contains an email address.');
    // Quadratic, this took about a minute; linear, a few milliseconds. The bound leaves room for a loaded machine.
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  it('the copy menu and the replay editor take a frame whose data is nested 20k levels deep (JSON.stringify threw)', () => {
    const deep = deepNesting(20_000);
    const records = [
      { seq: 1, t: 1, type: 'frame', sid: 1, dir: 'in', text: JSON.stringify({ event: 'x', channel: 'c', data: deep }) },
      { seq: 2, t: 2, type: 'frame', sid: 1, dir: 'in', text: `{"event":"x","channel":"c","data":${deep}}` },
    ];
    const state = reduceSession(emptySession(), { kind: 'records', origin: { frameId: 0, url: 'http://h/' }, pageId: 'p', records });
    const [doubleEncoded, object] = state.entries;
    for (const entry of [doubleEncoded, object]) {
      if (!entry) throw new Error('missing entry');
      expect(eventAsJson(entry)).toBeNull();
      expect(eventAsNodeTrigger(entry)).toBeNull();
      expect(eventAsCurl(entry)).toBeNull();
    }
    expect(draftFromEntry(doubleEncoded as never)).toEqual({ event: 'x', channel: 'c', data: deep, dataIsText: false });
    expect(draftFromEntry(object as never)).toBeNull();
  });

  it('a session file whose "format" is huge, deep or a BigInt is rejected with a short message naming "format" (it was dumped whole, or threw)', () => {
    const messages = [
      importFile(JSON.stringify({ format: 'f'.repeat(5 * 1024 * 1024) })),
      importFile(`{"format":${deepNesting(100_000)}}`),
      importFile('{"format":{"__proto__":1}}'),
      parseSessionFile({ format: 10n }),
    ].map((result) => (result.ok ? 'accepted' : result.error));
    expect(messages).toEqual([
      `Not a usable Pusher DevTools session: "format" is "${'f'.repeat(40)}…", not "pusher-devtools-session".`,
      'Not a usable Pusher DevTools session: "format" is a list, not "pusher-devtools-session".',
      'Not a usable Pusher DevTools session: "format" is an object, not "pusher-devtools-session".',
      'Not a usable Pusher DevTools session: "format" is 10, not "pusher-devtools-session".',
    ]);
  });

  it('HAR messages whose time in milliseconds overflows (1e308 s) are skipped, not imported with an Infinity time the session rejects', () => {
    const message = (time: unknown) => ({ type: 'receive', time, opcode: 1, data: '{"event":"x"}' });
    const result = parseHar({ log: { entries: [{ request: { url: 'ws://h/app/k?protocol=7' }, _webSocketMessages: [1e308, 1_700_000_000, -1e308, Number.NaN].map(message) }] } });
    expect(result).toMatchObject({ ok: true, skipped: 3 });
    const records = result.ok ? (result.pages[0]?.records ?? []) : [];
    expect(records.map((r) => r.t)).toEqual([0, 1_700_000_000_000]);
    expect(records.every(isPageRecord)).toBe(true);
  });
});
