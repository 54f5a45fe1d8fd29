const SOCKET_ID = /^\d+\.\d+$/;

export interface AuthParams {
  socketId: string;
  /** Set for channel authorization; absent for user authentication. */
  channel?: string;
}

/**
 * Recognises the body of a Pusher auth request: form-encoded (pusher-js's ajax transport) or JSON (Laravel Echo's
 * axios authorizer), with a `socket_id` of Pusher's `digits.digits` form. Anything else is not an auth request.
 */
export function readAuthParams(body: string): AuthParams | null {
  if (body.length === 0 || body.length > 64 * 1024 || !body.includes('socket_id')) return null;
  const fields = body.trimStart().startsWith('{') ? fromJson(body) : fromForm(body);
  const socketId = fields?.socket_id;
  if (typeof socketId !== 'string' || !SOCKET_ID.test(socketId)) return null;
  const channel = fields?.channel_name;
  return typeof channel === 'string' ? { socketId, channel } : { socketId };
}

/** Same, for a body the page handed over as form fields (URLSearchParams, FormData). */
export function readAuthFields(entries: Iterable<[string, unknown]>): AuthParams | null {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of entries) if (typeof value === 'string') fields[key] = value;
  const socketId = fields.socket_id;
  if (typeof socketId !== 'string' || !SOCKET_ID.test(socketId)) return null;
  return typeof fields.channel_name === 'string' ? { socketId, channel: fields.channel_name } : { socketId };
}

function fromJson(body: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(body);
    if (typeof value !== 'object' || value === null) return null;
    const fields = value as Record<string, unknown>;
    // Echo's authorizer may send a numeric-looking socket id as a string only; keep strings.
    return { socket_id: fields.socket_id, channel_name: fields.channel_name };
  } catch {
    return null;
  }
}

function fromForm(body: string): Record<string, unknown> {
  try {
    return Object.fromEntries(new URLSearchParams(body));
  } catch {
    return {};
  }
}
