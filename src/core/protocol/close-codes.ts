/** What pusher-js 8 does after a close, from `getCloseAction` (protocol §3.2). */
export type CloseAction = 'none' | 'backoff' | 'retry-now' | 'tls-only' | 'refused';

export interface CodeExplanation {
  code: number | null;
  title: string;
  /** Plain words: what it means and the usual cause. */
  meaning: string;
  /** What pusher-js does next. */
  next: string;
  action: CloseAction;
  /** error: broken until someone fixes something; warning: pusher-js recovers by itself; info: a normal close. */
  severity: 'error' | 'warning' | 'info';
}

const NEXT: Record<CloseAction, string> = {
  none: 'pusher-js reconnects after 1 s.',
  backoff: 'pusher-js retries after 1 s (a fixed delay, not exponential).',
  'retry-now': 'pusher-js reconnects at once.',
  'tls-only': 'pusher-js switches to TLS (wss) and reconnects at once.',
  refused: "pusher-js won't reconnect: the connection goes to 'disconnected' until the app calls connect() again.",
};

type Known = [title: string, meaning: string];

const KNOWN: Record<number, Known> = {
  1000: ['Normal closure', 'The connection was closed cleanly.'],
  1001: ['Going away', 'The server is shutting down or the page is navigating away.'],
  1002: ['Protocol error', 'One side broke the WebSocket protocol.'],
  1003: ['Unsupported data', 'One side received a kind of data it cannot accept.'],
  1005: ['No status', 'The socket closed without a status code.'],
  1006: ['Abnormal closure', 'The connection dropped without a close frame: typically a proxy, a load balancer timeout or a network drop.'],
  1009: ['Message too big', 'A frame was larger than the other side accepts.'],
  1011: ['Server error', 'The server hit an unexpected condition.'],
  4000: ['SSL only', 'The app only accepts encrypted connections (wss).'],
  4001: ['App key does not exist', 'No app with this key exists on this cluster: check the key and the cluster (or wsHost) you connect to.'],
  4003: ['App disabled', 'The app is disabled in the Pusher dashboard.'],
  4004: ['Over connection quota', "The app has reached its plan's connection limit."],
  4005: ['Path not found', 'The WebSocket path is wrong (check wsPath).'],
  4006: ['Invalid version string format', 'The protocol version in the URL is malformed.'],
  4007: ['Unsupported protocol version', 'The server does not speak the protocol version the client asked for.'],
  4008: ['No protocol version supplied', 'The URL carries no protocol version.'],
  4009: ['Connection is unauthorized', 'The server refused this connection (origin not allowed, or a failed sign-in).'],
  4100: ['Over capacity', 'The server is over capacity and sheds connections.'],
  4200: ['Generic reconnect', 'The server asks the client to reconnect (e.g. during a deploy).'],
  4201: ['Pong not received', 'The server sent a ping and got no pong in time.'],
  4202: ['Closed after inactivity', 'The connection was idle too long without pings.'],
  4301: ['Client event rejected', 'A client event broke a rule: over 10 per second, too large, on a channel that does not allow it, or client events are disabled.'],
  4302: ['Watchlist limit exceeded', 'More than 100 user ids in the watchlist; only the first 100 were accepted.'],
};

/** The action pusher-js takes for a close code, as its `getCloseAction` does. */
export function closeAction(code: number): CloseAction {
  if (code >= 1002 && code <= 1004) return 'backoff';
  if (code < 4000) return 'none';
  if (code === 4000) return 'tls-only';
  if (code < 4100) return 'refused';
  if (code < 4200) return 'backoff';
  if (code < 4300) return 'retry-now';
  return 'refused';
}

export function explainCloseCode(code: number, reason?: string): CodeExplanation {
  const action = closeAction(code);
  const [title, meaning] = KNOWN[code] ?? generic(code);
  const clean = code === 1000 || code === 1001;
  const severity = clean ? 'info' : action === 'refused' ? 'error' : 'warning';
  return { code, title, meaning: withText(meaning, reason), next: NEXT[action], action, severity };
}

/** An in-band `pusher:error` frame: the socket stays open unless the server also closes it. */
export function explainPusherError(code: number | null, message?: string): CodeExplanation {
  const next = 'pusher-js only re-emits it as a connection "error" event; the socket stays open unless the server closes it.';
  if (code !== null) {
    const known = explainCloseCode(code, message);
    return { ...known, next: `${next} If the server also closes with ${code}: ${NEXT[known.action]}` };
  }
  const text = message ?? '';
  const [title, meaning] = /invalid signature/i.test(text)
    ? ['Auth signature rejected', 'The server rejected the auth signature: the auth endpoint signs with another app secret, or for another socket_id or channel name.']
    : /existing subscription/i.test(text)
      ? ['Subscribed twice', 'The client subscribed to a channel it was already subscribed to.']
      : ['Server error', 'The server reported an error without a code.'];
  return { code, title, meaning: withText(meaning, message), next, action: 'none', severity: 'error' };
}

function generic(code: number): Known {
  if (code < 4000) return [`WebSocket close ${code}`, 'A standard WebSocket close code.'];
  if (code < 4100) return [`Refused (${code})`, 'A 4000–4099 code: the server refuses the connection; reconnecting unchanged will not help.'];
  if (code < 4200) return [`Server busy (${code})`, 'A 4100–4199 code: the server asks the client to back off and retry.'];
  if (code < 4300) return [`Reconnect (${code})`, 'A 4200–4299 code: the server asks the client to reconnect now.'];
  return [`Error ${code}`, 'A 4300+ code: an error pusher-js treats as fatal.'];
}

function withText(meaning: string, text?: string): string {
  return text ? `${meaning} Server said: "${text}".` : meaning;
}
