import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../../../src/core/protocol/size-limits';
import { selectProblems } from '../../../../src/core/session/problems';
import { reduceSession } from '../../../../src/core/session/reduce';
import { emptySession } from '../../../../src/core/session/state';
import { frames } from '../../../fixtures/frames';
import { batch, numbered, pusherUrl } from '../../../fixtures/records';

type Draft = Parameters<typeof numbered>[0][number];
const T0 = 1_700_000_000_000;
const NOW = T0 + 60_000;
const connected: Draft[] = [
  { type: 'socket', sid: 1, url: pusherUrl },
  { type: 'frame', sid: 1, dir: 'in', text: frames.established },
];
const event = (channel: string, data: string, name = 'update'): Draft => ({
  type: 'frame',
  sid: 1,
  dir: 'in',
  text: JSON.stringify({ event: name, channel, data }),
});
const problemsOf = (drafts: Draft[], limits = DEFAULT_LIMITS) =>
  selectProblems(reduceSession(emptySession(), batch(numbered(drafts, 1, T0))), limits, NOW);
const kinds = (drafts: Draft[], limits = DEFAULT_LIMITS) => problemsOf(drafts, limits).map((p) => `${p.severity} ${p.id.split(':')[0]}`);

describe('problems', () => {
  it('finds nothing in a healthy session', () => {
    expect(problemsOf([...connected, event('ticker', JSON.stringify({ price: 1 }))])).toEqual([]);
  });

  it('flags event data over 10,240 bytes as an error, and near it as a warning, not at 79 %', () => {
    const sized = (bytes: number) => JSON.stringify({ pad: 'x'.repeat(bytes - 10) });
    expect(kinds([...connected, event('big', sized(10_241))])).toEqual(['error size']);
    expect(kinds([...connected, event('big', sized(10_240))])).toEqual(['warning size-near']);
    expect(kinds([...connected, event('big', sized(8_192))])).toEqual(['warning size-near']);
    expect(kinds([...connected, event('big', sized(8_000))])).toEqual([]);
  });

  it('uses a configured limit for dedicated clusters', () => {
    const big = JSON.stringify({ pad: 'x'.repeat(12_000) });
    expect(kinds([...connected, event('big', big)], { limit: 20_480, nearRatio: 0.8 })).toEqual([]);
  });

  it('flags client events on a public channel, not on a private one', () => {
    const send = (channel: string): Draft => ({ type: 'frame', sid: 1, dir: 'out', text: JSON.stringify({ event: 'client-x', data: {}, channel }) });
    expect(kinds([...connected, send('lobby')])).toEqual(['error client-public']);
    expect(kinds([...connected, send('private-lobby')])).toEqual([]);
  });

  it('flags more than 10 client events in one second, not 10', () => {
    const burst = (count: number, spacing: number): Draft[] =>
      Array.from({ length: count }, (_, i) => ({ type: 'frame', sid: 1, dir: 'out', t: T0 + 100 + i * spacing, text: '{"event":"client-typing","data":{},"channel":"private-chat"}' }) as Draft);
    expect(kinds([...connected, ...burst(11, 50)])).toEqual(['warning client-rate']);
    expect(kinds([...connected, ...burst(10, 50)])).toEqual([]);
    expect(kinds([...connected, ...burst(30, 120)])).toEqual([]);
  });

  it('flags a refused connection, not a disconnect the page asked for', () => {
    expect(kinds([...connected, { type: 'close', sid: 1, code: 4001, reason: 'App key x not in this cluster', clean: true }])).toContain('error refused');
    expect(kinds([...connected, { type: 'close', sid: 1, code: 1005, reason: '', clean: true, byPage: true }])).toEqual([]);
  });

  it('flags a client that stays without a connection for 30 s', () => {
    expect(kinds([...connected, { type: 'close', sid: 1, code: 1006, reason: '', clean: false, t: T0 + 100 }])).toEqual(['warning unavailable']);
  });

  it('flags an auth endpoint answering 403', () => {
    const found = problemsOf([
      ...connected,
      { type: 'auth-request', aid: 1, transport: 'xhr', method: 'POST', url: 'http://x/pusher/auth', socketId: '445294.25458239', channel: 'private-a' },
      { type: 'auth-response', aid: 1, status: 403, body: 'Forbidden', bodyBytes: 9 },
    ]);
    expect(found.map((p) => p.id)).toEqual(['auth:page-1/1']);
    expect(found[0]?.severity).toBe('error');
    expect(found[0]?.evidence.authKey).toBe('page-1/1');
  });

  it('flags a reconnect loop after three drops, not after two', () => {
    const drops = (count: number): Draft[] =>
      Array.from({ length: count }, (_, i) => [
        { type: 'socket', sid: i + 1, url: pusherUrl, t: T0 + i * 1_000 },
        { type: 'frame', sid: i + 1, dir: 'in', text: frames.established, t: T0 + i * 1_000 + 5 },
        { type: 'close', sid: i + 1, code: 4200, reason: '', clean: true, t: T0 + i * 1_000 + 500 },
      ] as Draft[]).flat();
    expect(kinds(drops(4))).toContain('warning loop');
    expect(kinds(drops(2))).not.toContain('warning loop');
  });

  it('flags two open connections with the same key in one page', () => {
    expect(kinds([...connected, { type: 'socket', sid: 2, url: pusherUrl }, { type: 'frame', sid: 2, dir: 'in', text: frames.established }])).toEqual(['warning duplicate']);
  });

  it('flags sensitive-looking data on a public channel only', () => {
    const secret = JSON.stringify({ email: 'jane@example.com' });
    expect(kinds([...connected, event('updates', secret)])).toEqual(['hint sensitive']);
    expect(kinds([...connected, event('private-updates', secret)])).toEqual([]);
  });

  describe('events with no handler (pusher-js instance reachable)', () => {
    const withBindings = (events: Record<string, number>, received: string): Draft[] => [
      { type: 'instance', iid: 1, key: 'demo-key', state: 'connected' },
      ...connected,
      { type: 'bindings', iid: 1, global: 0, channels: { orders: { global: 0, events } } },
      event('orders', '{}', received),
    ];

    it('names the Echo namespace mismatch with the exact fix', () => {
      const [problem] = problemsOf(withBindings({ 'App\\Events\\order.shipped': 1 }, 'order.shipped'));
      expect(problem?.severity).toBe('error');
      expect(problem?.fix).toContain(".listen('.order.shipped'");
    });

    it('names the opposite mismatch (a leading dot too many)', () => {
      const [problem] = problemsOf(withBindings({ OrderShipped: 1 }, 'App\\Events\\OrderShipped'));
      expect(problem?.severity).toBe('error');
      expect(problem?.fix).toContain(".listen('OrderShipped'");
    });

    it('warns about an event nothing listens for, and stays quiet when a handler is bound', () => {
      expect(kinds(withBindings({ other: 1 }, 'order.shipped'))).toEqual(['warning unhandled']);
      expect(kinds(withBindings({ 'order.shipped': 1 }, 'order.shipped'))).toEqual([]);
    });
  });
});

describe('repeated auth failures', () => {
  it('are one problem per channel and cause, counting the attempts', () => {
    const attempt = (aid: number): Draft[] => [
      { type: 'auth-request', aid, transport: 'xhr', method: 'POST', url: 'http://x/pusher/auth', socketId: '445294.25458239', channel: 'private-a' },
      { type: 'auth-response', aid, status: 403, body: '', bodyBytes: 0 },
    ];
    const found = problemsOf([...connected, ...attempt(1), ...attempt(2), ...attempt(3)]);
    expect(found.map((p) => p.title)).toEqual(['Auth failed for private-a (3 attempts)']);
    expect(found[0]?.evidence.authKey).toBe('page-1/3');
  });
});
