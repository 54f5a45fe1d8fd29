// @ts-check
// The demo: the local Pusher-protocol server serving demo/app, plus a loop that publishes ticker prices and
// private notifications. `node demo/server/main.mjs` (PORT=… to choose the port, default 6001).
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startPusherServer } from './pusher-server.mjs';

const APP_DIR = resolve(import.meta.dirname, '../app');

const SYMBOLS = [
  { symbol: 'PSH', price: 101.5 },
  { symbol: 'WSS', price: 42.25 },
  { symbol: 'EVT', price: 7.8 },
];
const NOTIFICATIONS = [
  { level: 'info', text: 'Your weekly report is ready.' },
  { level: 'success', text: 'Deployment #%n finished.' },
  { level: 'warning', text: 'Disk usage on worker-%n is above 80%.' },
  { level: 'info', text: 'Ada commented on your pull request.' },
  { level: 'success', text: 'Invoice %n was paid.' },
];

/** @param {number} value */
const round2 = (value) => Math.round(value * 100) / 100;

/**
 * Starts publishing demo events. Returns a function that stops it.
 * @param {import('./pusher-server.mjs').PusherServer} server
 * @returns {() => void}
 */
export function startDemoLoop(server) {
  let tick = 0;
  const ticker = setInterval(() => {
    tick += 1;
    const quote = SYMBOLS[tick % SYMBOLS.length];
    if (!quote) return;
    const change = round2((Math.random() - 0.5) * quote.price * 0.02);
    quote.price = Math.max(0.5, round2(quote.price + change));
    /** @type {Record<string, unknown>} */
    const payload = { symbol: quote.symbol, price: quote.price, change, time: new Date().toISOString() };
    if (tick % 10 === 0) {
      // Every tenth tick carries an order book too (about 2 KB), so frame sizes vary.
      const level = (/** @type {number} */ i, /** @type {number} */ sign) => ({
        price: round2(quote.price + sign * (i + 1) * 0.05),
        size: Math.round(100 + Math.random() * 900),
        orders: 1 + Math.floor(Math.random() * 12),
      });
      payload.orderBook = {
        bids: Array.from({ length: 24 }, (_, i) => level(i, -1)),
        asks: Array.from({ length: 24 }, (_, i) => level(i, 1)),
      };
    }
    server.trigger('ticker', 'price', payload);
  }, 1000);

  let notificationId = 0;
  const notifications = setInterval(() => {
    notificationId += 1;
    const template = NOTIFICATIONS[notificationId % NOTIFICATIONS.length] ?? { level: 'info', text: 'Hello.' };
    server.trigger('private-notifications', 'notification', {
      id: notificationId,
      level: template.level,
      text: template.text.replace('%n', String(100 + notificationId)),
      time: new Date().toISOString(),
    });
  }, 4000);

  return () => {
    clearInterval(ticker);
    clearInterval(notifications);
  };
}

/**
 * Starts the demo server and its event loop. A busy port falls back to any free port.
 * @param {{ port?: number }} [options]
 * @returns {Promise<{ server: import('./pusher-server.mjs').PusherServer, url: string, stop: () => Promise<void> }>}
 */
export async function startDemo({ port = 6001 } = {}) {
  const staticRoots = [{ prefix: '/', dir: APP_DIR }];
  let server;
  try {
    server = await startPusherServer({ port, staticRoots });
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EADDRINUSE' || port === 0) throw error;
    console.warn(`Port ${port} is busy; using a free port instead.`);
    server = await startPusherServer({ port: 0, staticRoots });
  }
  const stopLoop = startDemoLoop(server);
  const running = server;
  let stopped = false;
  return {
    server,
    url: `${server.origin}/`,
    async stop() {
      if (stopped) return;
      stopped = true;
      stopLoop();
      await running.close();
    },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const envPort = Number(process.env.PORT ?? 6001);
  const demo = await startDemo({ port: Number.isInteger(envPort) && envPort >= 0 ? envPort : 6001 });
  console.log(`Demo: ${demo.url}`);
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
    process.once(signal, () => {
      demo.stop().then(() => process.exit(0));
    });
  }
}
