// @ts-check
// Page overhead: time for real pusher-js to receive N events, with the extension ÷ without it, in the same
// Chromium build and the same run. Prints the median ratio and its spread over several runs.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { startPusherServer } from '../demo/server/pusher-server.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const DIST = resolve(ROOT, 'dist');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const arg = (name, fallback) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const EVENTS = arg('events', 50_000);
const RUNS = arg('runs', 5);
const PAYLOAD = JSON.stringify({ symbol: 'PSH', price: 101.5, book: 'x'.repeat(240) }); // ≈ 300 bytes of data

const common = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
  '--disable-background-timer-throttling', '--disable-renderer-backgrounding', '--disable-backgrounding-occluded-windows'];

async function launch(withExtension) {
  const dir = await mkdtemp(join(tmpdir(), 'pusher-bench-'));
  const args = withExtension ? [...common, `--disable-extensions-except=${DIST}`, `--load-extension=${DIST}`] : [...common, '--disable-extensions'];
  const context = await chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, headless: true, args });
  const worker = withExtension ? (context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'))) : null;
  return { context, worker, close: async () => (await context.close(), await rm(dir, { recursive: true, force: true })) };
}

/** One measurement: open the page, publish EVENTS as fast as the server can, read the page's own timing. */
async function measure(server, browser, withPanel) {
  const page = await browser.context.newPage();
  await page.goto(`${server.origin}/bench/page.html?n=${EVENTS}`);
  await page.waitForFunction(() => window.bench.subscribed);
  let panel = null;
  if (withPanel && browser.worker) {
    const id = new URL(browser.worker.url()).host;
    const tabId = await browser.worker.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id, page.url());
    panel = await browser.context.newPage();
    await panel.goto(`chrome-extension://${id}/src/panel/panel.html?tabId=${tabId}`);
    await panel.waitForFunction(() => /pusher_internal:subscription_succeeded/.test(document.body.textContent ?? ''));
  }
  // The page's main-thread work (script and all tasks), to tell the hook's and relay's cost from CPU contention.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const metrics = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const before = await metrics();
  for (let i = 0; i < EVENTS; i++) server.trigger('bench', 'tick', PAYLOAD);
  await page.waitForFunction((n) => window.bench.count === n, EVENTS, { timeout: 120_000, polling: 100 });
  const ms = await page.evaluate(() => window.bench.end - window.bench.start);
  const after = await metrics();
  await Promise.all([page.close(), panel?.close()]);
  return { ms, script: (after.ScriptDuration - before.ScriptDuration) * 1000, task: (after.TaskDuration - before.TaskDuration) * 1000 };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const spread = (xs) => `${Math.min(...xs).toFixed(3)}–${Math.max(...xs).toFixed(3)}`;

const server = await startPusherServer({ staticRoots: [{ prefix: '/bench/', dir: resolve(ROOT, 'bench') }] });
const [plain, withExtension] = [await launch(false), await launch(true)];
try {
  // Warm up both browsers (JIT, caches), then alternate so drift hits both sides alike.
  await measure(server, plain, false);
  await measure(server, withExtension, false);
  const ratios = { closed: [], open: [] };
  const mainThread = { closed: [], open: [] };
  for (let run = 0; run < RUNS; run++) {
    const base = await measure(server, plain, false);
    const closed = await measure(server, withExtension, false);
    const base2 = await measure(server, plain, false);
    const open = await measure(server, withExtension, true);
    ratios.closed.push(closed.ms / base.ms);
    ratios.open.push(open.ms / base2.ms);
    mainThread.closed.push(closed.task / base.task);
    mainThread.open.push(open.task / base2.task);
    const show = (m) => `${m.ms.toFixed(0)} ms (main thread ${m.task.toFixed(0)} ms, script ${m.script.toFixed(0)} ms)`;
    console.log(`run ${run + 1}: without ${show(base)} | with, no panel ${show(closed)} | without ${show(base2)} | with, panel open ${show(open)}`);
  }
  console.log(`\nPage overhead, ${EVENTS} events of ≈300 bytes, ${RUNS} runs (time with extension ÷ time without):`);
  console.log(`  no panel open:            median ${median(ratios.closed).toFixed(3)}  (spread ${spread(ratios.closed)})  target ≤ 1.02`);
  console.log(`  panel open and recording: median ${median(ratios.open).toFixed(3)}  (spread ${spread(ratios.open)})  target ≤ 1.05`);
  console.log(`Page main-thread task time, same ratio: no panel ${median(mainThread.closed).toFixed(3)}, panel open ${median(mainThread.open).toFixed(3)}`);
} finally {
  await Promise.all([plain.close(), withExtension.close()]);
  await server.close();
}
