// @ts-check
// A local Pusher-protocol (v7) server for the demo and the tests: one HTTP server on loopback that serves the
// WebSocket (/app/:key), the auth endpoints, publishing routes and static files. Not for production use.
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import Pusher from 'pusher';
import { WebSocketServer } from 'ws';
import { Channels } from './channels.mjs';
import { createRequestHandler } from './http-routes.mjs';
import { handleConnection } from './protocol.mjs';

/**
 * @typedef {object} PusherServerOptions
 * @property {string} [appId] default 'demo-app'
 * @property {string} [key] default 'demo-key'
 * @property {string} [secret] default 'demo-secret'
 * @property {string} [host] default '127.0.0.1'
 * @property {number} [port] default 0 (any free port)
 * @property {number} [activityTimeout] seconds, sent in connection_established; default 120
 * @property {import('./static.mjs').StaticRoot[]} [staticRoots] URL prefix → directory; default none
 */

/**
 * @typedef {object} PusherServer
 * @property {number} port
 * @property {string} host
 * @property {string} origin e.g. http://127.0.0.1:6001
 * @property {string} key
 * @property {string} secret
 * @property {string} appId
 * @property {(channels: string | string[], event: string, data: unknown, options?: { socketId?: string }) => number} trigger
 *   publishes a server event like the HTTP API (data string-encoded unless a string); returns how many sockets got it
 * @property {(code: number, reason?: string) => void} closeAll closes every client socket with that code
 *   (1006 terminates them without a close frame)
 * @property {() => number} connections open client sockets
 * @property {(patch: import('./protocol.mjs').Behaviour) => void} setBehaviour test switches; undefined turns one off
 * @property {() => Promise<void>} close
 */

/**
 * @param {PusherServerOptions} [options]
 * @returns {Promise<PusherServer>}
 */
export async function startPusherServer(options = {}) {
  const {
    appId = 'demo-app',
    key = 'demo-key',
    secret = 'demo-secret',
    host = '127.0.0.1',
    port = 0,
    activityTimeout = 120,
    staticRoots = [],
  } = options;

  /** @type {import('./protocol.mjs').Behaviour} */
  const behaviour = {};
  const channels = new Channels();
  /** @type {Set<import('./channels.mjs').Client>} */
  const clients = new Set();
  // A fixed 32-byte master key (derived from the secret) so private-encrypted-* auth can hand out shared secrets.
  const encryptionMasterKeyBase64 = createHash('sha256').update(`encryption-master-key:${secret}`).digest('base64');

  /**
   * @param {string[]} names
   * @param {string} event
   * @param {unknown} data
   * @param {string} [socketId] left out of the delivery
   */
  const publish = (names, event, data, socketId) => {
    const encoded = typeof data === 'string' ? data : JSON.stringify(data ?? null);
    let delivered = 0;
    for (const channel of names) delivered += channels.broadcast(channel, { event, channel, data: encoded }, socketId);
    return delivered;
  };

  const server = createServer(
    createRequestHandler({
      appId,
      sdk: new Pusher({ appId, key, secret, host, useTLS: false, encryptionMasterKeyBase64 }),
      behaviour,
      staticRoots,
      publish,
    }),
  );
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = /^\/app\/([^/]+)$/.exec(url.pathname);
    if (!match) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const request = { key: decodeURIComponent(match[1] ?? ''), protocol: url.searchParams.get('protocol') };
    wss.handleUpgrade(req, socket, head, (ws) => handleConnection(ws, request, { key, secret, activityTimeout, channels, clients, behaviour }));
  });

  await new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolvePromise(undefined);
    });
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;

  return {
    port: actualPort,
    host,
    origin: `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`,
    key,
    secret,
    appId,
    trigger(names, event, data, triggerOptions) {
      return publish(Array.isArray(names) ? names : [names], event, data, triggerOptions?.socketId);
    },
    closeAll(code, reason) {
      for (const client of [...clients]) {
        if (code === 1006) client.ws.terminate();
        else client.ws.close(code, reason);
      }
    },
    connections: () => clients.size,
    setBehaviour(patch) {
      Object.assign(behaviour, patch);
    },
    close() {
      for (const ws of wss.clients) ws.terminate();
      return new Promise((resolvePromise) => {
        wss.close();
        server.close(() => resolvePromise(undefined));
        server.closeAllConnections();
      });
    },
  };
}
