// @ts-check
// HTTP side of the local Pusher-protocol server: auth endpoints, publishing, health, static files.
import { randomInt } from 'node:crypto';
import { CORS, HttpError, readBody, readCookie, sdkCall, sendJson, str } from './http-util.mjs';
import { serveStatic } from './static.mjs';

/**
 * @typedef {object} RoutesContext
 * @property {string} appId
 * @property {import('pusher')} sdk the pusher server SDK, used to sign auth responses
 * @property {import('./protocol.mjs').Behaviour} behaviour
 * @property {import('./static.mjs').StaticRoot[]} staticRoots
 * @property {(channels: string[], event: string, data: unknown, socketId?: string) => number} publish
 */

/**
 * The demo's notion of a user: body `user_id`/`user_name`, else the `demo_user` cookie (a name), else a guest.
 * @param {Record<string, unknown>} body
 * @param {import('node:http').IncomingMessage} req
 * @returns {{ id: string, name: string }}
 */
function resolveUser(body, req) {
  const id = str(body.user_id).slice(0, 128);
  const name = str(body.user_name).slice(0, 64);
  if (id || name) return { id: id || name, name: name || id };
  const cookie = readCookie(req.headers.cookie, 'demo_user').trim().slice(0, 64);
  if (cookie) return { id: cookie, name: cookie };
  const n = randomInt(1000, 10000);
  return { id: `guest-${n}`, name: `Guest ${n}` };
}

/**
 * Applies the authStatus/authHtml test switches. Returns true when it answered.
 * @param {RoutesContext} ctx
 * @param {import('node:http').ServerResponse} res
 */
function authBehaviour(ctx, res) {
  if (ctx.behaviour.authStatus) {
    res.writeHead(ctx.behaviour.authStatus, { ...CORS, 'Content-Type': 'text/plain; charset=utf-8' }).end('Forbidden');
    return true;
  }
  if (ctx.behaviour.authHtml) {
    const page = '<!doctype html><html><head><title>Log in</title></head><body><form method="post" action="/login">'
      + '<h1>Please log in</h1><input name="email"><input name="password" type="password"><button>Log in</button>'
      + '</form></body></html>';
    res.writeHead(200, { ...CORS, 'Content-Type': 'text/html; charset=utf-8' }).end(page);
    return true;
  }
  return false;
}

/**
 * @param {unknown} channel
 * @param {unknown} channels
 * @returns {string[]}
 */
function channelList(channel, channels) {
  const list = Array.isArray(channels) ? channels : channel !== undefined ? [channel] : [];
  if (list.length === 0 || list.some((c) => typeof c !== 'string' || c === '')) {
    throw new HttpError(400, 'Give a channel (string) or channels (array of strings)');
  }
  return /** @type {string[]} */ (list);
}

/**
 * @param {RoutesContext} ctx
 * @param {string} method
 * @param {string} pathname
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @returns {Promise<boolean>} whether a route answered
 */
async function route(ctx, method, pathname, req, res) {
  if (method === 'GET' && pathname === '/health') {
    res.writeHead(200, { ...CORS, 'Content-Type': 'text/plain; charset=utf-8' }).end('ok');
    return true;
  }
  if (method !== 'POST') return false;
  if (pathname === '/pusher/auth' || pathname === '/pusher/user-auth') {
    if (authBehaviour(ctx, res)) return true;
    const body = await readBody(req);
    const socketId = str(body.socket_id);
    if (!/^\d+\.\d+$/.test(socketId)) throw new HttpError(400, 'socket_id is missing or invalid');
    if (pathname === '/pusher/user-auth') {
      const user = resolveUser(body, req);
      sendJson(res, 200, sdkCall(() => ctx.sdk.authenticateUser(socketId, { id: user.id, user_info: { name: user.name } })));
      return true;
    }
    const channel = str(body.channel_name);
    if (!channel) throw new HttpError(400, 'channel_name is missing');
    const user = channel.startsWith('presence-') ? resolveUser(body, req) : null;
    const presence = user ? { user_id: user.id, user_info: { name: user.name } } : undefined;
    sendJson(res, 200, sdkCall(() => ctx.sdk.authorizeChannel(socketId, channel, presence)));
    return true;
  }
  if (pathname === '/trigger') {
    const body = await readBody(req);
    if (typeof body.event !== 'string' || body.event === '') throw new HttpError(400, 'event is missing');
    const channels = channelList(body.channel, body.channels);
    const delivered = ctx.publish(channels, body.event, body.data, str(body.socket_id) || undefined);
    sendJson(res, 200, { delivered });
    return true;
  }
  // The Pusher HTTP API, so the `pusher` server SDK pointed at this server can publish. The request signature
  // (auth_key, auth_signature, body_md5) is not checked: this server only listens on loopback for demos and tests.
  const api = /^\/apps\/([^/]+)\/(events|batch_events)$/.exec(pathname);
  if (api) {
    if (decodeURIComponent(api[1] ?? '') !== ctx.appId) throw new HttpError(404, `Unknown app ${api[1]}`);
    const body = await readBody(req);
    const events = api[2] === 'events' ? [body] : Array.isArray(body.batch) ? body.batch : [];
    for (const event of events) {
      if (typeof event?.name !== 'string' || event.name === '') throw new HttpError(400, 'name is missing');
      channelList(event.channel, event.channels);
    }
    for (const event of events) {
      ctx.publish(channelList(event.channel, event.channels), event.name, event.data, str(event.socket_id) || undefined);
    }
    sendJson(res, 200, api[2] === 'events' ? {} : { batch: events.map(() => ({})) });
    return true;
  }
  return false;
}

/**
 * @param {RoutesContext} ctx
 * @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void}
 */
export function createRequestHandler(ctx) {
  return (req, res) => {
    const method = req.method ?? 'GET';
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    if (method === 'OPTIONS') {
      const headers = req.headers['access-control-request-headers'] ?? 'Content-Type';
      res.writeHead(204, { ...CORS, 'Access-Control-Allow-Headers': headers }).end();
      return;
    }
    (async () => {
      if (await route(ctx, method, pathname, req, res)) return;
      if ((method === 'GET' || method === 'HEAD') && (await serveStatic(ctx.staticRoots, req, res, pathname))) return;
      sendJson(res, 404, { error: `Not found: ${method} ${pathname}` });
    })().catch((error) => {
      const status = error instanceof HttpError ? error.status : 500;
      if (res.headersSent) res.destroy();
      else sendJson(res, status, { error: error instanceof Error ? error.message : String(error) });
    });
  };
}
