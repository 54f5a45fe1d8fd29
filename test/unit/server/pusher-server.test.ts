// The local Pusher-protocol server over real WebSockets: handshake, subscriptions, presence, client events, ping.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startPusherServer, type PusherServer } from '../../../demo/server/pusher-server.mjs';
import { decoded, subscribeWithAuth, TestClient } from './ws-client';

let server: PusherServer;
const clients: TestClient[] = [];
const open = async (key?: string) => {
  const client = await TestClient.open(server, key);
  clients.push(client);
  return client;
};

beforeEach(async () => {
  server = await startPusherServer({ port: 0 });
});
afterEach(async () => {
  for (const client of clients.splice(0)) client.ws.terminate();
  await server.close();
});

describe('handshake', () => {
  it('sends connection_established first, with string-encoded data', async () => {
    const client = await open();
    const first = client.frames[0]!;
    expect(first.event).toBe('pusher:connection_established');
    expect(typeof first.data).toBe('string');
    expect(decoded(first)).toEqual({ socket_id: expect.stringMatching(/^\d+\.\d+$/), activity_timeout: 120 });
    expect(server.connections()).toBe(1);
  });

  it('refuses an unknown app key with pusher:error 4001, then closes with 4001', async () => {
    const client = await open('nope');
    expect(client.frames[0]).toEqual({ event: 'pusher:error', data: { code: 4001, message: 'App key nope not in this server' } });
    expect((await client.closed).code).toBe(4001);
    expect(server.connections()).toBe(0);
  });

  it('answers 404 to an upgrade on another path', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/socket?protocol=7`);
    const status = await new Promise((resolve) => ws.on('unexpected-response', (_req, res) => resolve(res.statusCode)));
    expect(status).toBe(404);
  });
});

describe('subscriptions', () => {
  it('subscribes to a public channel without auth and delivers triggered events string-encoded', async () => {
    const client = await open();
    expect(await client.subscribe('ticker')).toEqual({ event: 'pusher_internal:subscription_succeeded', channel: 'ticker', data: '{}' });
    expect(server.trigger('ticker', 'price', { price: 1.5 })).toBe(1);
    const event = await client.waitForEvent('price', 'ticker');
    expect(event.data).toBe('{"price":1.5}');
    expect(server.trigger(['ticker', 'other'], 'raw', 'already a string')).toBe(1);
    expect((await client.waitForEvent('raw')).data).toBe('already a string');
  });

  it('subscribes to a private channel with a signature from /pusher/auth', async () => {
    const client = await open();
    const ack = await subscribeWithAuth(server, client, 'private-orders');
    expect(ack).toEqual({ event: 'pusher_internal:subscription_succeeded', channel: 'private-orders', data: '{}' });
  });

  it('rejects a wrong signature with pusher:error code null and keeps the socket open', async () => {
    const client = await open();
    const reply = await client.subscribe('private-orders', `${server.key}:${'0'.repeat(64)}`);
    expect(reply.event).toBe('pusher:error');
    expect(reply.channel).toBeUndefined();
    expect(reply.data).toEqual({ code: null, message: expect.stringMatching(/^Invalid signature: Expected HMAC SHA256 hex digest of \d+\.\d+:private-orders, but got 0{64}$/) });
    await client.sync();
    expect(client.frames.some((f) => f.event === 'pusher_internal:subscription_succeeded')).toBe(false);
  });

  it('subscribes to an encrypted channel (auth carries a shared secret)', async () => {
    const client = await open();
    const ack = await subscribeWithAuth(server, client, 'private-encrypted-vault');
    expect(ack.event).toBe('pusher_internal:subscription_succeeded');
  });

  it('stops delivering after pusher:unsubscribe', async () => {
    const client = await open();
    await client.subscribe('news');
    client.send({ event: 'pusher:unsubscribe', data: { channel: 'news' } });
    await client.sync();
    expect(server.trigger('news', 'headline', {})).toBe(0);
  });
});

describe('presence', () => {
  it('announces a member to the others on join and on leave, never to the member itself', async () => {
    const ada = await open();
    const first = await subscribeWithAuth(server, ada, 'presence-chat', { user_id: 'ada', user_name: 'Ada' });
    expect(decoded(first)).toEqual({ presence: { ids: ['ada'], hash: { ada: { name: 'Ada' } }, count: 1 } });

    const grace = await open();
    const second = await subscribeWithAuth(server, grace, 'presence-chat', {}, { Cookie: 'demo_user=Grace' });
    expect(decoded(second).presence).toEqual({ ids: ['ada', 'Grace'], hash: { ada: { name: 'Ada' }, Grace: { name: 'Grace' } }, count: 2 });
    const added = await ada.waitForEvent('pusher_internal:member_added', 'presence-chat');
    expect(typeof added.data).toBe('string');
    expect(decoded(added)).toEqual({ user_id: 'Grace', user_info: { name: 'Grace' } });
    await grace.sync();
    expect(grace.frames.some((f) => f.event === 'pusher_internal:member_added')).toBe(false);

    await grace.close();
    const removed = await ada.waitForEvent('pusher_internal:member_removed', 'presence-chat');
    expect(decoded(removed)).toEqual({ user_id: 'Grace' });
  });

  it('counts a user once across several connections', async () => {
    const ada = await open();
    await subscribeWithAuth(server, ada, 'presence-room', { user_id: 'ada' });
    const tab1 = await open();
    const tab2 = await open();
    await subscribeWithAuth(server, tab1, 'presence-room', { user_id: 'bob' });
    expect(decoded(await subscribeWithAuth(server, tab2, 'presence-room', { user_id: 'bob' })).presence.count).toBe(2);
    await ada.sync();
    expect(ada.frames.filter((f) => f.event === 'pusher_internal:member_added')).toHaveLength(1);

    tab1.send({ event: 'pusher:unsubscribe', data: { channel: 'presence-room' } });
    await tab1.sync();
    await ada.sync();
    expect(ada.frames.some((f) => f.event === 'pusher_internal:member_removed')).toBe(false);
    await tab2.close();
    expect(decoded(await ada.waitForEvent('pusher_internal:member_removed'))).toEqual({ user_id: 'bob' });
  });
});

describe('client events', () => {
  it('relays to the other subscribers with object data, adds user_id on presence, never echoes', async () => {
    const [a, b] = [await open(), await open()];
    await subscribeWithAuth(server, a, 'presence-chat', { user_id: 'a' });
    await subscribeWithAuth(server, b, 'presence-chat', { user_id: 'b' });
    a.send({ event: 'client-typing', data: { typing: true }, channel: 'presence-chat' });
    expect(await b.waitForEvent('client-typing')).toEqual({ event: 'client-typing', channel: 'presence-chat', data: { typing: true }, user_id: 'a' });
    await a.sync();
    expect(a.frames.some((f) => f.event === 'client-typing')).toBe(false);

    await subscribeWithAuth(server, a, 'private-doc');
    await subscribeWithAuth(server, b, 'private-doc');
    b.send({ event: 'client-cursor', data: { x: 1 }, channel: 'private-doc' });
    expect(await a.waitForEvent('client-cursor')).toEqual({ event: 'client-cursor', channel: 'private-doc', data: { x: 1 } });
  });

  it('rejects client events on public or unsubscribed channels with 4301 and keeps the socket open', async () => {
    const client = await open();
    await client.subscribe('ticker');
    client.send({ event: 'client-hi', data: {}, channel: 'ticker' });
    const publicError = await client.waitForEvent('pusher:error');
    expect(publicError.data).toEqual({ code: 4301, message: expect.stringContaining('ticker') });
    client.send({ event: 'client-hi', data: {}, channel: 'private-elsewhere' });
    await client.waitFor((f) => f.event === 'pusher:error' && JSON.stringify(f.data).includes('private-elsewhere'));
    await client.sync();
    expect(client.ws.readyState).toBe(WebSocket.OPEN);
  });
});

describe('ping, errors and behaviours', () => {
  it('answers pusher:ping with pusher:pong', async () => {
    const client = await open();
    client.send({ event: 'pusher:ping', data: {} });
    expect(await client.waitForEvent('pusher:pong')).toEqual({ event: 'pusher:pong', data: '{}' });
  });

  it('answers malformed JSON with pusher:error 4200 without closing', async () => {
    const client = await open();
    client.send('{not json');
    expect((await client.waitForEvent('pusher:error')).data).toEqual({ code: 4200, message: 'Invalid message format' });
    await client.sync();
  });

  it('ignores pings when told to', async () => {
    server.setBehaviour({ ignorePings: true });
    const client = await open();
    client.send({ event: 'pusher:ping', data: {} });
    await client.subscribe('after-ping');
    expect(client.frames.some((f) => f.event === 'pusher:pong')).toBe(false);
  });

  it('refuses new connections with the given code when told to', async () => {
    server.setBehaviour({ refuseConnections: 4100 });
    const client = await open();
    expect(client.frames[0]).toEqual({ event: 'pusher:error', data: { code: 4100, message: expect.any(String) } });
    expect((await client.closed).code).toBe(4100);
  });

  it('closeAll closes every socket with the code', async () => {
    const [a, b] = [await open(), await open()];
    server.closeAll(4200, 'restarting');
    expect(await a.closed).toEqual({ code: 4200, reason: 'restarting' });
    expect((await b.closed).code).toBe(4200);
  });
});
