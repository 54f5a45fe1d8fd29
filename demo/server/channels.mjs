// @ts-check
// Channel subscriptions and presence membership of the local Pusher-protocol server.
import { WebSocket } from 'ws';

/**
 * One WebSocket client.
 * @typedef {object} Client
 * @property {WebSocket} ws
 * @property {string} socketId
 * @property {Map<string, Member | null>} channels channel name → presence member (null on other channels)
 * @property {string} [userId] set by a successful pusher:signin
 */

/** @typedef {{ id: string, info: unknown }} Member */

/**
 * A frame sent to clients. `data` is string-encoded by the callers where the protocol wants it so.
 * @typedef {{ event: string, channel?: string, data?: unknown, user_id?: string }} Frame
 */

/**
 * @param {Client} client
 * @param {Frame} frame
 * @returns {boolean} whether the frame was sent
 */
export function sendFrame(client, frame) {
  if (client.ws.readyState !== WebSocket.OPEN) return false;
  client.ws.send(JSON.stringify(frame));
  return true;
}

/** @param {string} channel */
export const isPresence = (channel) => channel.startsWith('presence-');
/** @param {string} channel */
export const isEncrypted = (channel) => channel.startsWith('private-encrypted-');
/** @param {string} channel */
export const isPrivate = (channel) => channel.startsWith('private-');

export class Channels {
  /** @type {Map<string, Set<Client>>} channel → subscribed sockets */
  #subscribers = new Map();
  /** @type {Map<string, Map<string, { info: unknown, sockets: number }>>} channel → user id → member */
  #members = new Map();

  /**
   * @param {Client} client
   * @param {string} channel
   */
  isSubscribed(client, channel) {
    return client.channels.has(channel);
  }

  /**
   * Subscribes a socket, acknowledges it and, on a user's first connection to a presence channel, tells the others.
   * @param {Client} client
   * @param {string} channel
   * @param {Member | null} member the presence member, null for other channels
   */
  join(client, channel, member) {
    let subscribers = this.#subscribers.get(channel);
    if (!subscribers) this.#subscribers.set(channel, (subscribers = new Set()));
    subscribers.add(client);
    client.channels.set(channel, member);
    if (!member) {
      sendFrame(client, { event: 'pusher_internal:subscription_succeeded', channel, data: '{}' });
      return;
    }
    let members = this.#members.get(channel);
    if (!members) this.#members.set(channel, (members = new Map()));
    const existing = members.get(member.id);
    if (existing) existing.sockets += 1;
    else members.set(member.id, { info: member.info, sockets: 1 });
    sendFrame(client, {
      event: 'pusher_internal:subscription_succeeded',
      channel,
      data: JSON.stringify(this.presenceData(channel)),
    });
    if (!existing) {
      const data = JSON.stringify({ user_id: member.id, user_info: member.info });
      this.broadcast(channel, { event: 'pusher_internal:member_added', channel, data }, client);
    }
  }

  /**
   * Unsubscribes a socket; on a user's last connection to a presence channel, tells the others.
   * @param {Client} client
   * @param {string} channel
   * @returns {boolean} whether the socket was subscribed
   */
  leave(client, channel) {
    if (!client.channels.has(channel)) return false;
    const member = client.channels.get(channel);
    client.channels.delete(channel);
    const subscribers = this.#subscribers.get(channel);
    subscribers?.delete(client);
    if (subscribers?.size === 0) this.#subscribers.delete(channel);
    if (!member) return true;
    const members = this.#members.get(channel);
    const entry = members?.get(member.id);
    if (members && entry) {
      entry.sockets -= 1;
      if (entry.sockets <= 0) {
        members.delete(member.id);
        if (members.size === 0) this.#members.delete(channel);
        const data = JSON.stringify({ user_id: member.id });
        this.broadcast(channel, { event: 'pusher_internal:member_removed', channel, data });
      }
    }
    return true;
  }

  /** @param {Client} client */
  leaveAll(client) {
    for (const channel of [...client.channels.keys()]) this.leave(client, channel);
  }

  /**
   * @param {string} channel
   * @returns {{ presence: { ids: string[], hash: Record<string, unknown>, count: number } }}
   */
  presenceData(channel) {
    const members = this.#members.get(channel) ?? new Map();
    /** @type {Record<string, unknown>} */
    const hash = {};
    for (const [id, { info }] of members) hash[id] = info;
    return { presence: { ids: [...members.keys()], hash, count: members.size } };
  }

  /**
   * @param {string} channel
   * @returns {number} sockets subscribed to the channel
   */
  subscriberCount(channel) {
    return this.#subscribers.get(channel)?.size ?? 0;
  }

  /**
   * Sends a frame to every subscriber of a channel.
   * @param {string} channel
   * @param {Frame} frame
   * @param {Client | string} [except] a socket, or a socket id, left out
   * @returns {number} how many sockets it was sent to
   */
  broadcast(channel, frame, except) {
    let delivered = 0;
    for (const client of this.#subscribers.get(channel) ?? []) {
      if (client === except || client.socketId === except) continue;
      if (sendFrame(client, frame)) delivered += 1;
    }
    return delivered;
  }
}
