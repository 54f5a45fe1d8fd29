// @ts-check
// Small HTTP helpers for the local Pusher-protocol server's routes.

export const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  'Access-Control-Max-Age': '600',
};
const MAX_BODY = 1024 * 1024;

export class HttpError extends Error {
  /** @param {number} status @param {string} message */
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {unknown} body
 */
export function sendJson(res, status, body) {
  res.writeHead(status, { ...CORS, 'Content-Type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}

/**
 * Reads a form-encoded or JSON body into a plain object.
 * @param {import('node:http').IncomingMessage} req
 * @returns {Promise<Record<string, unknown>>}
 */
export async function readBody(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY) throw new HttpError(413, 'Request body too large');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  const type = String(req.headers['content-type'] ?? '');
  if (type.includes('json') || (!type.includes('form') && /^\s*[{[]/.test(text))) {
    try {
      const parsed = JSON.parse(text || '{}');
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed;
    } catch {
      /* reported below */
    }
    throw new HttpError(400, 'Body is not a JSON object');
  }
  return Object.fromEntries(new URLSearchParams(text));
}

/**
 * Runs a pusher SDK call; its validation errors (bad channel name, socket id) become 400s.
 * @template T
 * @param {() => T} call
 * @returns {T}
 */
export function sdkCall(call) {
  try {
    return call();
  } catch (error) {
    throw new HttpError(400, error instanceof Error ? error.message : String(error));
  }
}

/** @param {unknown} value */
export const str = (value) => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');

/**
 * @param {string | undefined} header
 * @param {string} name
 */
export function readCookie(header, name) {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key !== name) continue;
    try {
      return decodeURIComponent(rest.join('='));
    } catch {
      return rest.join('=');
    }
  }
  return '';
}
