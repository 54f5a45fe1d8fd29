/** What a Pusher WebSocket URL says about the connection, or null when the URL is not a Pusher one. */
export interface PusherUrl {
  key: string;
  protocol: number;
  client?: string;
  version?: string;
  host: string;
  tls: boolean;
}

// pusher-js builds {ws|wss}://host:port{wsPath}/app/{key}?protocol=7&client=js&version=X
const APP_PATH = /(?:^|\/)app\/([^/?#]+)$/;

export function parsePusherUrl(url: string): PusherUrl | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') return null;
  const match = APP_PATH.exec(parsed.pathname);
  const protocol = parsed.searchParams.get('protocol');
  if (!match || protocol === null || !/^\d+$/.test(protocol)) return null;
  const result: PusherUrl = {
    key: decodeKey(match[1] ?? ''),
    protocol: Number(protocol),
    host: parsed.host,
    tls: parsed.protocol === 'wss:',
  };
  const client = parsed.searchParams.get('client');
  const version = parsed.searchParams.get('version');
  if (client !== null) result.client = client;
  if (version !== null) result.version = version;
  return result;
}

/** A key with a stray `%` (not valid percent-encoding) is shown as written rather than failing the whole URL. */
function decodeKey(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
