// @ts-check
// Socket ids and HMAC-SHA256 auth signatures, as the Pusher protocol defines them.
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';

/** @returns {string} a socket id like 123456.7890123 */
export function newSocketId() {
  return `${randomInt(1, 2 ** 31)}.${randomInt(1, 2 ** 31)}`;
}

/**
 * @param {string} secret
 * @param {string} text
 */
export function sign(secret, text) {
  return createHmac('sha256', secret).update(text).digest('hex');
}

/**
 * Constant-time string comparison.
 * @param {string} a
 * @param {string} b
 */
export function safeEqual(a, b) {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
