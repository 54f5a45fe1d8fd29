// @ts-check
// Cost at rest. (1) A busy page without a Pusher socket (another WebSocket streaming, fetches, XHRs, window messages):
// the extension posts nothing to the page, opens no port to the background and keeps nothing. (2) A page whose
// pusher-js receives many events while DevTools is closed: its heap grows no further than the page-side buffer.
import { WebSocketServer } from 'ws';
import { arg, launch, PAYLOAD, SMOKE, startBenchServer, verdict } from './lib.mjs';
import { stream } from './stream.mjs';

const EVENTS = arg('events', SMOKE ? 6_000 : 50_000);

/** A WebSocket server that is not Pusher: it streams small JSON frames to whoever connects. */
function startOtherSocketServer() {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  wss.on('connection', (ws) => {
    const timer = setInterval(() => ws.send(JSON.stringify({ tick: Date.now() })), 5);
    ws.on('close', () => clearInterval(timer));
  });
  return new Promise((resolve) => wss.on('listening', () => resolve(wss)));
}

/**
 * The page's JS heap after a full collection, in bytes, with its backing storage: what V8 counts outside the heap,
 * the memory behind typed arrays (the page-side buffer keeps its frames' numbers in some) and, by what it measures
 * here (BENCHMARKS.md §5), the characters of the frames' text the browser handed the page.
 * @param {import('playwright-core').Page} page
 */
async function heapAfterGc(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize, backingStorageSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  if (typeof backingStorageSize !== 'number') throw new Error('this Chromium does not report the memory behind typed arrays');
  return usedSize + backingStorageSize;
}

const server = await startBenchServer();
const other = /** @type {import('ws').WebSocketServer} */ (await startOtherSocketServer());
const otherPort = /** @type {import('node:net').AddressInfo} */ (other.address()).port;
const [plain, extension] = [await launch(false), await launch(true)];
try {
  // (1) No Pusher socket.
  let connects = 0;
  await extension.worker?.evaluate(() => {
    globalThis.benchConnects = 0;
    chrome.runtime.onConnect.addListener(() => globalThis.benchConnects++);
  });
  const quiet = {};
  for (const [name, browser] of [['without', plain], ['with', extension]]) {
    const page = await browser.context.newPage();
    await page.goto(`${server.origin}/bench/rest.html?echo=${otherPort}`);
    await page.waitForFunction(() => window.rest.done, undefined, { timeout: 120_000 });
    quiet[name] = await page.evaluate(() => ({ messages: window.rest.messages, frames: window.rest.frames }));
    quiet[name].heap = await heapAfterGc(page);
    await page.close();
  }
  connects = (await extension.worker?.evaluate(() => globalThis.benchConnects)) ?? 0;
  console.log('\nCost at rest, page without a Pusher socket (another WebSocket streaming, 200 fetches, 200 XHRs, 200 window messages):');
  console.log(`  window messages the page heard: ${quiet.without.messages} without the extension, ${quiet.with.messages} with it`);
  verdict('messages the extension posted to the page', String(quiet.with.messages - quiet.without.messages), quiet.with.messages === quiet.without.messages, '0');
  verdict('ports opened to the background', String(connects), connects === 0, '0');
  console.log(`  page heap after GC: ${(quiet.without.heap / 1e6).toFixed(2)} MB without, ${(quiet.with.heap / 1e6).toFixed(2)} MB with (the hook's own code and state included)`);

  // (2) A Pusher socket, DevTools closed: the heap with the extension levels off at the page buffer's bound.
  const heaps = {};
  for (const [name, browser] of [['without', plain], ['with', extension]]) {
    const page = await browser.context.newPage();
    await page.goto(`${server.origin}/bench/stream.html`);
    await page.waitForFunction(() => window.bench.subscribed);
    heaps[name] = [];
    let first = 1;
    for (const count of [EVENTS / 5, EVENTS / 5, (EVENTS * 3) / 5]) {
      const { sent } = await stream(server, { rate: 50_000, seconds: count / 50_000, payload: PAYLOAD, first });
      first += sent;
      await page.waitForFunction((n) => window.bench.count === n, first - 1, { timeout: 120_000 });
      heaps[name].push({ events: first - 1, heap: await heapAfterGc(page) });
    }
    await page.close();
  }
  console.log(`\nCost at rest, page with real pusher-js receiving ${EVENTS} events of ≈300 bytes, DevTools closed (page heap after GC):`);
  const extra = heaps.with.map((w, i) => ({ events: w.events, extra: w.heap - heaps.without[i].heap }));
  for (const { events, extra: bytes } of extra) console.log(`  after ${events} events: ${(bytes / 1e6).toFixed(2)} MB more with the extension`);
  // The buffer keeps the last 5,000 records: past that, more events must not add to the page's heap.
  const growth = (extra.at(-1)?.extra ?? 0) - (extra.at(-2)?.extra ?? 0);
  verdict('heap growth between the last two samples (buffer full)', `${(growth / 1e6).toFixed(2)} MB`, growth < 2e6, '< 2 MB, bounded by the 5,000-record buffer');
} finally {
  await Promise.all([plain.close(), extension.close()]);
  other.close();
  await server.close();
}
