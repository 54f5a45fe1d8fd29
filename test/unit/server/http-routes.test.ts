// The local Pusher-protocol server's HTTP side: auth bodies, publishing routes, behaviours, static files.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Pusher from 'pusher';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startPusherServer, type PusherServer } from '../../../demo/server/pusher-server.mjs';
import { authorize, decoded, TestClient } from './ws-client';

let server: PusherServer;
let staticDir: string;
const clients: TestClient[] = [];
const open = async () => {
  const client = await TestClient.open(server);
  clients.push(client);
  return client;
};
const post = (path: string, body: unknown, headers: Record<string, string> = { 'Content-Type': 'application/json' }) =>
  fetch(`${server.origin}${path}`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });

beforeAll(async () => {
  staticDir = await mkdtemp(join(tmpdir(), 'pusher-server-static-'));
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>home</title>');
  await writeFile(join(staticDir, 'app.mjs'), 'export {};');
});
afterAll(() => rm(staticDir, { recursive: true, force: true }));
beforeEach(async () => {
  server = await startPusherServer({ port: 0, staticRoots: [{ prefix: '/', dir: staticDir }] });
});
afterEach(async () => {
  for (const client of clients.splice(0)) client.ws.terminate();
  await server.close();
});

describe('auth endpoint', () => {
  it('accepts a JSON body (Laravel Echo / axios style) and the answer subscribes', async () => {
    const client = await open();
    const response = await post('/pusher/auth', { socket_id: client.socketId, channel_name: 'private-orders.1' });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const answer = (await response.json()) as { auth: string };
    expect(answer.auth).toMatch(/^demo-key:[0-9a-f]{64}$/);
    expect((await client.subscribe('private-orders.1', answer.auth)).event).toBe('pusher_internal:subscription_succeeded');
  });

  it('signs presence data with the user from the body, the cookie, or a guest', async () => {
    const fromBody = await authorize(server, '1.2', 'presence-chat', { user_name: 'Ada' });
    expect(JSON.parse(fromBody.channel_data!)).toEqual({ user_id: 'Ada', user_info: { name: 'Ada' } });
    const fromCookie = await authorize(server, '1.2', 'presence-chat', {}, { Cookie: 'x=1; demo_user=Grace%20H' });
    expect(JSON.parse(fromCookie.channel_data!)).toEqual({ user_id: 'Grace H', user_info: { name: 'Grace H' } });
    const guest = await authorize(server, '1.2', 'presence-chat');
    expect(JSON.parse(guest.channel_data!).user_id).toMatch(/^guest-\d+$/);
    expect((await authorize(server, '1.2', 'private-encrypted-x')).shared_secret).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  });

  it('answers 400 without a valid socket_id and 204 to a CORS preflight', async () => {
    expect((await post('/pusher/auth', 'channel_name=private-x', { 'Content-Type': 'application/x-www-form-urlencoded' })).status).toBe(400);
    const preflight = await fetch(`${server.origin}/pusher/auth`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://example.test', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'x-csrf-token' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toBe('x-csrf-token');
  });

  it('answers the configured status, or an HTML login page, when told to', async () => {
    server.setBehaviour({ authStatus: 403 });
    const forbidden = await post('/pusher/auth', { socket_id: '1.2', channel_name: 'private-x' });
    expect([forbidden.status, await forbidden.text()]).toEqual([403, 'Forbidden']);
    server.setBehaviour({ authStatus: undefined, authHtml: true });
    const html = await post('/pusher/auth', { socket_id: '1.2', channel_name: 'private-x' });
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    server.setBehaviour({ authHtml: false });
    expect((await post('/pusher/auth', { socket_id: '1.2', channel_name: 'private-x' })).status).toBe(200);
  });

  it('user auth signs in over the socket', async () => {
    const client = await open();
    const response = await post('/pusher/user-auth', `socket_id=${client.socketId}&user_name=Ada`, { 'Content-Type': 'application/x-www-form-urlencoded' });
    const answer = (await response.json()) as { auth: string; user_data: string };
    expect(JSON.parse(answer.user_data)).toEqual({ id: 'Ada', user_info: { name: 'Ada' } });
    client.send({ event: 'pusher:signin', data: answer });
    expect((await client.waitForEvent('pusher:signin_success')).data).toEqual({ user_data: answer.user_data });
  });
});

describe('publishing', () => {
  it('POST /trigger delivers to subscribers, leaving out socket_id', async () => {
    const [a, b] = [await open(), await open()];
    await a.subscribe('lobby');
    await b.subscribe('lobby');
    const response = await post('/trigger', { channel: 'lobby', event: 'message', data: { text: 'hi' }, socket_id: a.socketId });
    expect(await response.json()).toEqual({ delivered: 1 });
    expect(decoded(await b.waitForEvent('message'))).toEqual({ text: 'hi' });
    await a.sync();
    expect(a.frames.some((f) => f.event === 'message')).toBe(false);
    expect((await post('/trigger', { channels: ['lobby', 'nobody'], event: 'x', data: 1 }).then((r) => r.json()))).toEqual({ delivered: 2 });
    expect((await post('/trigger', { event: 'x' })).status).toBe(400);
  });

  it('accepts the HTTP API from the pusher server SDK', async () => {
    const client = await open();
    await client.subscribe('orders');
    const sdk = new Pusher({ appId: server.appId, key: server.key, secret: server.secret, host: '127.0.0.1', port: String(server.port), useTLS: false });
    const response = await sdk.trigger('orders', 'order.shipped', { id: 7 });
    expect(response.status).toBe(200);
    const event = await client.waitForEvent('order.shipped', 'orders');
    expect(event.data).toBe('{"id":7}');
  });
});

describe('static files', () => {
  it('serves the roots, pusher-js under /vendor/, /health, and refuses traversal', async () => {
    const home = await fetch(`${server.origin}/`);
    expect([home.status, home.headers.get('content-type'), await home.text()]).toEqual([200, 'text/html; charset=utf-8', '<!doctype html><title>home</title>']);
    expect((await fetch(`${server.origin}/app.mjs`)).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const vendor = await fetch(`${server.origin}/vendor/pusher.min.js`);
    expect(vendor.status).toBe(200);
    expect(await vendor.text()).toContain('Pusher');
    expect((await fetch(`${server.origin}/vendor/pusher.js`)).status).toBe(200);
    expect(await (await fetch(`${server.origin}/health`)).text()).toBe('ok');
    expect((await fetch(`${server.origin}/..%2f..%2fetc%2fpasswd`)).status).toBe(403);
    expect((await fetch(`${server.origin}/missing.js`)).status).toBe(404);
  });
});
