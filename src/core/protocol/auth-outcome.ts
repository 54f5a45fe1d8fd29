export interface AuthExchange {
  url: string;
  method: string;
  /** Absent for user authentication (pusher.signin()). */
  channel?: string;
  /** Undefined while the request is pending. */
  status?: number;
  contentType?: string;
  body?: string;
  error?: string;
}

export type AuthCause =
  | 'pending'
  | 'ok'
  | 'network'
  | 'refused'
  | 'http-error'
  | 'html'
  | 'invalid-json'
  | 'no-auth-field'
  | 'bad-auth-format'
  | 'presence-without-channel-data'
  | 'encrypted-without-shared-secret';

export interface AuthOutcome {
  ok: boolean;
  cause: AuthCause;
  summary: string;
  fix?: string;
  json?: unknown;
}

const AUTH_FORMAT = /^[^:]+:[0-9a-f]{64}$/;

/** Why an auth exchange cannot work (or that it can), in the order pusher-js would stumble on it (protocol §6.2). */
export function classifyAuth(exchange: AuthExchange): AuthOutcome {
  const what = exchange.channel === undefined ? 'User authentication' : `Auth for ${exchange.channel}`;
  const where = `${exchange.method} ${exchange.url}`;
  const { status, body = '' } = exchange;
  if (status === undefined) return { ok: false, cause: 'pending', summary: `${what}: waiting for ${where}.` };
  if (status === 0) {
    return fail('network', `${what} failed: the endpoint could not be reached (status 0${exchange.error ? `: ${exchange.error}` : ''}) at ${where}.`,
      'Check the endpoint URL, that the server is up, and CORS headers when the endpoint is on another origin.');
  }
  if (status === 401 || status === 403) {
    return fail('refused', `${what} refused: HTTP ${status} from ${where}.`,
      'The endpoint decided this user may not join: check the session or cookies it sees, the CSRF token, and its channel authorization rules.');
  }
  if (status !== 200) {
    return fail('http-error', `${what} failed: HTTP ${status} from ${where}.`, 'Look at the endpoint\'s server log for this request; pusher-js only accepts status 200.');
  }
  if (/text\/html/i.test(exchange.contentType ?? '') || body.trimStart().startsWith('<')) {
    return fail('html', `${what}: ${where} answered 200 with an HTML page instead of JSON, usually a login redirect.`,
      'The auth request was not authenticated: send the session cookie or token with it (same origin, credentials, CSRF header), or exclude the route from the login redirect.');
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return fail('invalid-json', `${what}: ${where} answered 200 with invalid JSON ("JSON returned from channel-authorization endpoint was invalid, yet status code was 200").`,
      'Return the JSON object your server SDK produces (e.g. authorizeChannel), with Content-Type application/json.');
  }
  const fields = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
  const withJson = (outcome: AuthOutcome): AuthOutcome => ({ ...outcome, json });
  if (typeof fields.auth !== 'string') {
    return withJson(fail('no-auth-field', `${what}: the answer from ${where} has no "auth" string, so the server will reject the subscription.`,
      'Return { auth: "<key>:<signature>" } as produced by the server SDK.'));
  }
  if (!AUTH_FORMAT.test(fields.auth)) {
    return withJson(fail('bad-auth-format', `${what}: "auth" is not "<app key>:<64 hex characters>", so the server will reject it.`,
      'Return the auth string from the server SDK unchanged.'));
  }
  const channel = exchange.channel;
  if (channel === undefined && typeof fields.user_data !== 'string') {
    return withJson(fail('no-auth-field', `${what}: the answer from ${where} has no "user_data" string.`,
      'Return the object from the server SDK\'s authenticateUser, with user_data as a JSON string holding an "id".'));
  }
  if (channel?.startsWith('presence-') && typeof fields.channel_data !== 'string') {
    return withJson(fail('presence-without-channel-data', `${what}: a presence channel answer without "channel_data"; pusher-js accepts it only when the user signed in with pusher.signin().`,
      'Pass presence data (user_id and user_info) to authorizeChannel, or sign the user in first.'));
  }
  if (channel?.startsWith('private-encrypted-') && typeof fields.shared_secret !== 'string') {
    return withJson(fail('encrypted-without-shared-secret', `${what}: an encrypted channel answer without "shared_secret", so pusher-js cannot decrypt.`,
      'Configure the server SDK with an encryption master key (encryptionMasterKeyBase64).'));
  }
  return { ok: true, cause: 'ok', summary: `${what}: signed by ${where} (HTTP 200).`, json };
}

function fail(cause: AuthCause, summary: string, fix: string): AuthOutcome {
  return { ok: false, cause, summary, fix };
}
