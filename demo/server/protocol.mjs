// @ts-check
// The Pusher WebSocket protocol (v7) for one connection: handshake, subscriptions, ping, client events, signin.
import { isEncrypted, isPresence, isPrivate, sendFrame } from './channels.mjs';
import { newSocketId, safeEqual, sign } from './signing.mjs';

/**
 * Test switches, all off by default.
 * @typedef {object} Behaviour
 * @property {number} [refuseConnections] close new sockets with this code right after connecting (pusher:error first)
 * @property {boolean} [ignorePings] never answer pusher:ping
 * @property {number} [authStatus] the auth endpoints answer this status with body 'Forbidden'
 * @property {boolean} [authHtml] the auth endpoints answer 200 with an HTML login page
 */

/**
 * What a connection needs from the server.
 * @typedef {object} ProtocolContext
 * @property {string} key
 * @property {string} secret
 * @property {number} activityTimeout seconds
 * @property {import('./channels.mjs').Channels} channels
 * @property {Set<import('./channels.mjs').Client>} clients
 * @property {Behaviour} behaviour
 */

const CHANNEL_NAME = /^#?[-a-zA-Z0-9_=@,.;]+$/;

/**
 * @param {import('./channels.mjs').Client} client
 * @param {number | null} code
 * @param {string} message
 */
function sendError(client, code, message) {
  sendFrame(client, { event: 'pusher:error', data: { code, message } });
}

/**
 * Takes over an accepted WebSocket whose URL was /app/:key?protocol=N.
 * @param {import('ws').WebSocket} ws
 * @param {{ key: string, protocol: string | null }} request
 * @param {ProtocolContext} ctx
 */
export function handleConnection(ws, request, ctx) {
  /** @type {import('./channels.mjs').Client} */
  const client = { ws, socketId: newSocketId(), channels: new Map() };
  /** @param {number} code @param {string} message */
  const refuse = (code, message) => {
    sendError(client, code, message);
    ws.close(code, message);
  };
  if (request.key !== ctx.key) return refuse(4001, `App key ${request.key} not in this server`);
  if (request.protocol === null) return refuse(4008, 'No protocol version supplied');
  if (request.protocol !== '7') return refuse(4007, `Unsupported protocol version ${request.protocol}`);
  const refusal = ctx.behaviour.refuseConnections;
  if (refusal) return refuse(refusal, `Connection refused (${refusal})`);

  ctx.clients.add(client);
  ws.on('close', () => {
    ctx.clients.delete(client);
    ctx.channels.leaveAll(client);
  });
  ws.on('error', () => ws.terminate());
  ws.on('message', (raw, isBinary) => {
    /** @type {unknown} */
    let message;
    try {
      message = isBinary ? undefined : JSON.parse(raw.toString());
    } catch {
      message = undefined;
    }
    if (!message || typeof message !== 'object' || typeof (/** @type {any} */ (message).event) !== 'string') {
      return sendError(client, 4200, 'Invalid message format');
    }
    onMessage(client, /** @type {{ event: string, channel?: unknown, data?: unknown }} */ (message), ctx);
  });
  const established = { socket_id: client.socketId, activity_timeout: ctx.activityTimeout };
  sendFrame(client, { event: 'pusher:connection_established', data: JSON.stringify(established) });
}

/**
 * @param {import('./channels.mjs').Client} client
 * @param {{ event: string, channel?: unknown, data?: unknown }} message
 * @param {ProtocolContext} ctx
 */
function onMessage(client, message, ctx) {
  let data = message.data;
  if (typeof data === 'string' && message.event.startsWith('pusher:')) {
    try {
      data = JSON.parse(data);
    } catch {
      /* keep the string */
    }
  }
  const fields = /** @type {Record<string, unknown>} */ (data && typeof data === 'object' ? data : {});
  switch (message.event) {
    case 'pusher:ping':
      if (!ctx.behaviour.ignorePings) sendFrame(client, { event: 'pusher:pong', data: '{}' });
      return;
    case 'pusher:pong':
      return;
    case 'pusher:subscribe':
      return subscribe(client, fields, ctx);
    case 'pusher:unsubscribe':
      if (typeof fields.channel === 'string') ctx.channels.leave(client, fields.channel);
      return;
    case 'pusher:signin':
      return signin(client, fields, ctx);
  }
  if (message.event.startsWith('client-')) return clientEvent(client, message, ctx);
  // Other events (unknown pusher:* ones included) are ignored, as the hosted service does.
}

/**
 * @param {import('./channels.mjs').Client} client
 * @param {Record<string, unknown>} fields
 * @param {ProtocolContext} ctx
 */
function subscribe(client, fields, ctx) {
  const { channel, auth, channel_data: channelData } = fields;
  if (typeof channel !== 'string' || channel.length > 164 || !CHANNEL_NAME.test(channel)) {
    return sendError(client, null, `Invalid channel name: ${String(channel)}`);
  }
  if (ctx.channels.isSubscribed(client, channel)) {
    return sendError(client, null, `Existing subscription to channel ${channel}`);
  }
  if (channel.startsWith('#server-to-user-')) {
    if (client.userId === undefined || channel !== `#server-to-user-${client.userId}`) {
      return sendError(client, 4009, `Connection is not signed in as the user of ${channel}`);
    }
    return ctx.channels.join(client, channel, null);
  }
  if (!isPrivate(channel) && !isPresence(channel)) return ctx.channels.join(client, channel, null);

  const presence = isPresence(channel);
  const signed = presence ? `${client.socketId}:${channel}:${String(channelData)}` : `${client.socketId}:${channel}`;
  const expected = `${ctx.key}:${sign(ctx.secret, signed)}`;
  const given = typeof auth === 'string' ? auth : '';
  if (!safeEqual(given, expected)) {
    const got = given.includes(':') ? given.slice(given.indexOf(':') + 1) : given;
    return sendError(client, null, `Invalid signature: Expected HMAC SHA256 hex digest of ${signed}, but got ${got}`);
  }
  if (!presence) return ctx.channels.join(client, channel, null);

  /** @type {any} */
  let parsed;
  try {
    parsed = JSON.parse(String(channelData));
  } catch {
    parsed = undefined;
  }
  const userId = parsed?.user_id;
  if ((typeof userId !== 'string' && typeof userId !== 'number') || String(userId) === '') {
    return sendError(client, null, `Invalid presence data for ${channel}: channel_data needs a user_id`);
  }
  ctx.channels.join(client, channel, { id: String(userId), info: parsed.user_info ?? {} });
}

/**
 * @param {import('./channels.mjs').Client} client
 * @param {{ event: string, channel?: unknown, data?: unknown }} message
 * @param {ProtocolContext} ctx
 */
function clientEvent(client, message, ctx) {
  const { event, channel, data } = message;
  if (typeof channel !== 'string') return sendError(client, 4301, `Client event ${event} has no channel`);
  if (!(isPrivate(channel) || isPresence(channel)) || isEncrypted(channel)) {
    return sendError(client, 4301, `Client event rejected: ${channel} is not a private or presence channel`);
  }
  if (!ctx.channels.isSubscribed(client, channel)) {
    return sendError(client, 4301, `Client event rejected: not subscribed to ${channel}`);
  }
  const member = client.channels.get(channel);
  /** @type {import('./channels.mjs').Frame} */
  const frame = { event, channel, data };
  if (member) frame.user_id = member.id;
  ctx.channels.broadcast(channel, frame, client);
}

/**
 * @param {import('./channels.mjs').Client} client
 * @param {Record<string, unknown>} fields
 * @param {ProtocolContext} ctx
 */
function signin(client, fields, ctx) {
  const userData = typeof fields.user_data === 'string' ? fields.user_data : '';
  const expected = `${ctx.key}:${sign(ctx.secret, `${client.socketId}::user::${userData}`)}`;
  /** @type {any} */
  let user;
  try {
    user = JSON.parse(userData);
  } catch {
    user = undefined;
  }
  if (!safeEqual(typeof fields.auth === 'string' ? fields.auth : '', expected) || typeof user?.id !== 'string') {
    // soketi's behaviour: a failed signin closes the connection with 4009.
    sendError(client, 4009, 'Connection is unauthorized: invalid signin');
    client.ws.close(4009, 'Connection is unauthorized');
    return;
  }
  client.userId = user.id;
  sendFrame(client, { event: 'pusher:signin_success', data: { user_data: userData } });
}
