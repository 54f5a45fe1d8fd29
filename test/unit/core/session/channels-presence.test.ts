import { describe, expect, it } from 'vitest';
import { PRESENCE_HISTORY_LIMIT } from '../../../../src/core/session/presence-effects';
import { reduceSession } from '../../../../src/core/session/reduce';
import { emptySession, type SessionState } from '../../../../src/core/session/state';
import { frames } from '../../../fixtures/frames';
import { batch, numbered, pusherUrl } from '../../../fixtures/records';

const client = 'page-1|demo-key';
const out = (text: string) => ({ type: 'frame' as const, sid: 1, dir: 'out' as const, text });
const inn = (text: string) => ({ type: 'frame' as const, sid: 1, dir: 'in' as const, text });
const connected = [{ type: 'socket' as const, sid: 1, url: pusherUrl }, inn(frames.established)];
const fold = (drafts: Parameters<typeof numbered>[0]) => reduceSession(emptySession(), batch(numbered(drafts)));
const channel = (state: SessionState, name: string) => state.channels.get(`${client}|${name}`);

describe('channels', () => {
  it('follow a public subscription from pending to subscribed, with events and data bytes', () => {
    const pending = fold([...connected, out(frames.subscribePublic)]);
    expect(channel(pending, 'my-channel')).toMatchObject({ status: 'pending', kind: 'public', subscribes: 1 });
    const state = fold([
      ...connected,
      out(frames.subscribePublic),
      inn(frames.subscribed),
      inn('{"event":"tick","channel":"my-channel","data":"{\\"n\\":1}"}'),
      inn('{"event":"tick","channel":"my-channel","data":"{\\"n\\":22}"}'),
    ]);
    expect(channel(state, 'my-channel')).toMatchObject({ status: 'subscribed', eventsIn: 2, dataBytesIn: 7 + 8, largestData: 8 });
  });

  it('count the events of at most 200 names per channel, in one batch or frame by frame', () => {
    const events = Array.from({ length: 500 }, (_, i) => inn(`{"event":"order-${i % 250}","channel":"my-channel","data":"{}"}`));
    const drafts = [...connected, out(frames.subscribePublic), inn(frames.subscribed), ...events];
    let oneByOne = emptySession();
    for (const record of numbered(drafts)) oneByOne = reduceSession(oneByOne, batch([record]));
    for (const state of [fold(drafts), oneByOne]) {
      const info = channel(state, 'my-channel');
      expect(info?.eventsIn).toBe(500);
      expect(Object.keys(info?.eventNames ?? {})).toHaveLength(200);
      // The first 200 names, each seen twice; the 50 after them not counted by name.
      expect(info?.eventNames['order-0']).toBe(2);
      expect(info?.eventNames['order-199']).toBe(2);
      expect(info?.eventNames['order-200']).toBeUndefined();
    }
  });

  it('fail on a server subscription_error, with its reason', () => {
    const state = fold([
      ...connected,
      out('{"event":"pusher:subscribe","data":{"auth":"k:bad","channel":"private-x"}}'),
      inn('{"event":"pusher:subscription_error","channel":"private-x","data":{"type":"AuthError","error":"The connection is unauthorized.","status":401}}'),
    ]);
    expect(channel(state, 'private-x')).toMatchObject({ status: 'failed', kind: 'private', reason: 'The connection is unauthorized. (status 401)', reasonEntryId: 2 });
  });

  it("fail on hosted Pusher's channel-less pusher:error that names the channel", () => {
    const state = fold([
      ...connected,
      out('{"event":"pusher:subscribe","data":{"auth":"k:bad","channel":"private-x"}}'),
      out('{"event":"pusher:subscribe","data":{"auth":"","channel":"other"}}'),
      inn('{"event":"pusher:error","data":{"code":null,"message":"Invalid signature: Expected HMAC SHA256 hex digest of 1.2:private-x, but got bad"}}'),
    ]);
    expect(channel(state, 'private-x')?.status).toBe('failed');
    expect(channel(state, 'other')?.status).toBe('pending');
  });

  it('do not fail on a pusher:error about something else', () => {
    const state = fold([...connected, out(frames.subscribePublic), out(frames.subscribePublic.replace('my-channel', 'b')), inn('{"event":"pusher:error","data":{"code":4301,"message":"Rate limit"}}')]);
    expect(channel(state, 'my-channel')?.status).toBe('pending');
  });

  it('become unsubscribed, and disconnected when the socket closes', () => {
    const state = fold([
      ...connected,
      out(frames.subscribePublic),
      inn(frames.subscribed),
      out('{"event":"pusher:subscribe","data":{"auth":"","channel":"b"}}'),
      inn('{"event":"pusher_internal:subscription_succeeded","data":"{}","channel":"b"}'),
      out('{"event":"pusher:unsubscribe","data":{"channel":"b"}}'),
      { type: 'close', sid: 1, code: 1006, reason: '', clean: false },
    ]);
    expect(channel(state, 'my-channel')?.status).toBe('disconnected');
    expect(channel(state, 'b')?.status).toBe('unsubscribed');
    expect(state.connections.get('page-1:1')?.marks.map((m) => m.kind)).toEqual(['established', 'close']);
  });

  it('counts client events sent and the subscription count', () => {
    const state = fold([
      ...connected,
      out('{"event":"client-typing","data":{"x":1},"channel":"private-chat"}'),
      inn('{"event":"pusher_internal:subscription_count","channel":"private-chat","data":"{\\"subscription_count\\":51}"}'),
    ]);
    expect(channel(state, 'private-chat')).toMatchObject({ eventsOut: 1, dataBytesOut: 7, subscriptionCount: 51 });
  });
});

describe('presence', () => {
  const subscribe = out(
    '{"event":"pusher:subscribe","data":{"auth":"k:sig","channel_data":"{\\"user_id\\":\\"2\\",\\"user_info\\":{\\"name\\":\\"B\\"}}","channel":"presence-room"}}',
  );

  it('knows me, the members with user_info, the count, and joins and leaves in order', () => {
    const state = fold([
      ...connected,
      subscribe,
      inn(frames.presenceSubscribed),
      inn('{"event":"pusher_internal:member_added","channel":"presence-room","data":"{\\"user_id\\":\\"3\\",\\"user_info\\":{\\"name\\":\\"C\\"}}"}'),
      inn('{"event":"pusher_internal:member_removed","channel":"presence-room","data":"{\\"user_id\\":\\"1\\"}"}'),
    ]);
    const presence = state.presence.get(`${client}|presence-room`);
    expect(presence?.me).toBe('2');
    expect(presence?.count).toBe(2);
    expect([...(presence?.members ?? [])]).toEqual([
      ['2', { name: 'B' }],
      ['3', { name: 'C' }],
    ]);
    expect(presence?.history.map((h) => `${h.kind} ${h.id}`)).toEqual(['here 1', 'here 2', 'join 3', 'leave 1']);
    expect(channel(state, 'presence-room')).toMatchObject({ status: 'subscribed', kind: 'presence' });
  });

  it('keeps the newest changes of a busy channel and counts the older ones, with the members exact', () => {
    const churn = Array.from({ length: 3_000 }, (_, i) =>
      inn(`{"event":"pusher_internal:member_${i % 2 ? 'removed' : 'added'}","channel":"presence-room","data":"{\\"user_id\\":\\"u${Math.floor(i / 2)}\\"}"}`),
    );
    // One batch, then the same changes one record at a time: the bound holds either way.
    for (const state of [fold([...connected, subscribe, inn(frames.presenceSubscribed), ...churn]), churn.reduce((s, record, i) => reduceSession(s, batch(numbered([record], 5 + i))), fold([...connected, subscribe, inn(frames.presenceSubscribed)]))]) {
      const presence = state.presence.get(`${client}|presence-room`);
      const total = 2 + churn.length; // the snapshot's two members, then every join and leave
      expect(presence?.history.length).toBeGreaterThanOrEqual(PRESENCE_HISTORY_LIMIT);
      expect(presence?.history.length).toBeLessThanOrEqual(PRESENCE_HISTORY_LIMIT * 1.1 + 1);
      expect((presence?.historyDropped ?? 0) + (presence?.history.length ?? 0)).toBe(total);
      expect(presence?.history.at(-1)).toMatchObject({ kind: 'leave', id: 'u1499' });
      expect(presence?.count).toBe(2);
      expect([...(presence?.members.keys() ?? [])]).toEqual(['1', '2']);
    }
  });

  it('counts like pusher-js: a known id joining again and an unknown id leaving change nothing', () => {
    const state = fold([
      ...connected,
      subscribe,
      inn(frames.presenceSubscribed),
      inn('{"event":"pusher_internal:member_added","channel":"presence-room","data":"{\\"user_id\\":\\"1\\"}"}'),
      inn('{"event":"pusher_internal:member_removed","channel":"presence-room","data":"{\\"user_id\\":\\"9\\"}"}'),
    ]);
    expect(state.presence.get(`${client}|presence-room`)?.count).toBe(2);
  });

  it('empties the member list when the socket drops, keeping the history', () => {
    const state = fold([...connected, subscribe, inn(frames.presenceSubscribed), { type: 'close', sid: 1, code: 4200, reason: '', clean: true }]);
    const presence = state.presence.get(`${client}|presence-room`);
    expect(presence?.members.size).toBe(0);
    expect(presence?.history).toHaveLength(2);
  });
});

describe('frames held back by an injected fault', () => {
  it('a dropped frame is logged as dropped but changes nothing the client knows', () => {
    const state = fold([
      ...connected,
      out(frames.subscribePublic),
      { type: 'frame', sid: 1, dir: 'in', text: frames.subscribed, held: 'dropped' },
    ]);
    expect(channel(state, 'my-channel')?.status).toBe('pending');
    expect(state.entries[2]).toMatchObject({ held: 'dropped' });
  });
});
