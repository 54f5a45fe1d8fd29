// A small WebSocket client for testing the local Pusher-protocol server: keeps every frame and waits on conditions.
import { WebSocket } from 'ws';
import type { PusherServer } from '../../../demo/server/pusher-server.mjs';

export interface Frame {
  event: string;
  channel?: string;
  data?: unknown;
  user_id?: string;
}

const WAIT_MS = 3000;

export class TestClient {
  readonly frames: Frame[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private waiters: Array<{ test: (frame: Frame) => boolean; resolve: (frame: Frame) => void }> = [];

  constructor(readonly ws: WebSocket) {
    ws.on('message', (raw) => {
      const frame = JSON.parse(raw.toString()) as Frame;
      this.frames.push(frame);
      this.waiters = this.waiters.filter((waiter) => !(waiter.test(frame) && (waiter.resolve(frame), true)));
    });
    this.closed = new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  /** Opens a socket like pusher-js does and waits for its first frame. */
  static async open(server: PusherServer, key = server.key, headers: Record<string, string> = {}): Promise<TestClient> {
    const url = `ws://127.0.0.1:${server.port}/app/${key}?protocol=7&client=js&version=8.6.0&flash=false`;
    const client = new TestClient(new WebSocket(url, { headers }));
    await client.waitFor(() => true);
    return client;
  }

  get socketId(): string {
    const established = this.frames.find((f) => f.event === 'pusher:connection_established');
    if (!established) throw new Error('not connected');
    return (JSON.parse(established.data as string) as { socket_id: string }).socket_id;
  }

  /** The first frame, received already or later, that passes the test. */
  waitFor(test: (frame: Frame) => boolean, what = 'a matching frame'): Promise<Frame> {
    const seen = this.frames.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), WAIT_MS);
      this.waiters.push({
        test,
        resolve: (frame) => {
          clearTimeout(timer);
          resolve(frame);
        },
      });
    });
  }

  waitForEvent(event: string, channel?: string): Promise<Frame> {
    return this.waitFor((f) => f.event === event && (channel === undefined || f.channel === channel), event);
  }

  send(message: unknown): void {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /**
   * Round trip through the server: frames the server sent this socket before answering the ping have arrived
   * once this resolves (a barrier for asserting that something was NOT sent).
   */
  async sync(): Promise<void> {
    const before = this.frames.filter((f) => f.event === 'pusher:pong').length;
    this.send({ event: 'pusher:ping', data: {} });
    await this.waitFor(() => this.frames.filter((f) => f.event === 'pusher:pong').length > before, 'pong');
  }

  async subscribe(channel: string, auth = '', channelData?: string): Promise<Frame> {
    this.send({ event: 'pusher:subscribe', data: { auth, channel_data: channelData, channel } });
    return this.waitFor(
      (f) => (f.event === 'pusher_internal:subscription_succeeded' && f.channel === channel) || f.event === 'pusher:error',
      `subscription to ${channel}`,
    );
  }

  close(): Promise<{ code: number; reason: string }> {
    this.ws.close();
    return this.closed;
  }
}

/** Asks the server's /pusher/auth like pusher-js does (form body) and returns the JSON answer. */
export async function authorize(
  server: PusherServer,
  socketId: string,
  channel: string,
  extra: Record<string, string> = {},
  headers: Record<string, string> = {},
): Promise<{ auth: string; channel_data?: string; shared_secret?: string }> {
  const response = await fetch(`${server.origin}/pusher/auth`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams({ socket_id: socketId, channel_name: channel, ...extra }),
  });
  if (response.status !== 200) throw new Error(`auth answered ${response.status}`);
  return (await response.json()) as { auth: string; channel_data?: string; shared_secret?: string };
}

/** Subscribes through the auth endpoint, like pusher-js. */
export async function subscribeWithAuth(
  server: PusherServer,
  client: TestClient,
  channel: string,
  extra: Record<string, string> = {},
  headers: Record<string, string> = {},
): Promise<Frame> {
  const answer = await authorize(server, client.socketId, channel, extra, headers);
  return client.subscribe(channel, answer.auth, answer.channel_data);
}

/** `data` decoded the way pusher-js does: a string is JSON-parsed once. */
export function decoded(frame: Frame): any {
  if (typeof frame.data !== 'string') return frame.data;
  try {
    return JSON.parse(frame.data);
  } catch {
    return frame.data;
  }
}
