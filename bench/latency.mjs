// @ts-check
// Latency: an event reaches the page's pusher-js handler → its row is in the panel's DOM (painted in that frame).
// Events are streamed at a steady rate into real pusher-js with the panel open; prints p50/p95/max.
import { SMOKE, arg, launch, openPanelFor, percentile, startBenchServer, verdict } from './lib.mjs';
import { stream } from './stream.mjs';

const RATE = arg('rate', SMOKE ? 200 : 1000);
const SECONDS = arg('seconds', SMOKE ? 1 : 10);
const PAYLOAD = JSON.stringify({ symbol: 'PSH', price: 101.5, book: 'x'.repeat(240) });

const server = await startBenchServer();
const browser = await launch(true);
try {
  const page = await browser.context.newPage();
  await page.goto(`${server.origin}/bench/stream.html?times=1`);
  await page.waitForFunction(() => window.bench.subscribed);
  const panel = await openPanelFor(browser, page);
  await panel.waitForFunction(() => /pusher_internal:subscription_succeeded/.test(document.body.textContent ?? ''));
  await panel.evaluate(() => {
    // When a `t<seq>` row first enters the DOM. The store commits inside an animation frame, so the observer runs
    // right before that frame is painted.
    const seen = (window.seen = {});
    new MutationObserver(() => {
      const now = performance.timeOrigin + performance.now();
      for (const cell of document.querySelectorAll('[role=row] .cell.event')) {
        const match = /^t(\d+)/.exec(cell.textContent ?? '');
        if (match && !(match[1] in seen)) seen[match[1]] = now;
      }
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  });

  const { sent, seconds } = await stream(server, { rate: RATE, seconds: SECONDS, payload: PAYLOAD });
  await page.waitForFunction((n) => window.bench.count === n, sent, { timeout: 60_000 });
  await panel.waitForFunction((last) => String(last) in window.seen, sent, { timeout: 60_000 }).catch(() => undefined);
  const received = await page.evaluate(() => window.bench.times);
  const shown = await panel.evaluate(() => window.seen);
  const latencies = Object.entries(shown).flatMap(([seq, at]) => (seq in received ? [at - received[seq]] : []));

  console.log(`\nLatency, ${sent} events at ${(sent / seconds).toFixed(0)}/s over ${seconds.toFixed(1)} s, panel open:`);
  console.log(`  rows sampled: ${latencies.length} of ${sent} (rows that scrolled past between two frames are not sampled)`);
  const p95 = percentile(latencies, 0.95);
  console.log(`  p50 ${percentile(latencies, 0.5).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms`);
  verdict('page → row p95', `${p95.toFixed(1)} ms`, p95 <= 100, '≤ 100 ms');
} finally {
  await browser.close();
  await server.close();
}
