// @ts-check
// Sustained rate: events streamed at 20,000/s for 10 s into real pusher-js with the panel open and recording.
// Checks that every frame is accounted for in the panel (shown, or counted as dropped by a stated bound), measures
// the panel's input latency while it runs (Event Timing API on keystrokes into the filter box) and the page's long
// tasks, beside a run of the same page without the extension.
import { arg, launch, openPanelFor, PAYLOAD, percentile, SMOKE, startBenchServer, verdict } from './lib.mjs';
import { stream } from './stream.mjs';

const RATE = arg('rate', SMOKE ? 2000 : 20_000);
const SECONDS = arg('seconds', SMOKE ? 1 : 10);

/** The panel's status bar, read as counts (numbers may be written with thousands separators). @param {string} text */
const statusCounts = (text) => {
  const number = (pattern) => Number((pattern.exec(text)?.[1] ?? '0').replaceAll(',', ''));
  return {
    // All frames in the log (`shown / total frames` while filtered): what the panel holds, of any kind.
    held: number(/([\d,]+) frames(?! not)/),
    pageBuffer: number(/([\d,]+) earlier records dropped by the page's buffer/),
    retention: number(/([\d,]+) oldest frames? (?:were )?dropped/),
    paused: number(/([\d,]+) frames not recorded while paused/),
  };
};

/** One run: stream into the page, the panel open when `withExtension`; returns what the page and the panel saw. */
async function run(server, withExtension) {
  const browser = await launch(withExtension);
  try {
    const page = await browser.context.newPage();
    await page.goto(`${server.origin}/bench/stream.html`);
    await page.waitForFunction(() => window.bench.subscribed);
    const panel = withExtension ? await openPanelFor(browser, page) : null;
    // Frames in the log before the stream (handshake, subscription): accounted for with the streamed ones.
    let before = 0;
    if (panel) {
      await panel.waitForFunction(() => /pusher_internal:subscription_succeeded/.test(document.body.textContent ?? ''));
      before = statusCounts((await panel.textContent('.status-bar')) ?? '').held;
      // Only the streamed events: received on the channel, not protocol frames.
      await panel.fill('input[type=search]', 'channel:stream dir:in -pusher_internal');
      await panel.evaluate(() => {
        window.inputDelays = [];
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) {
            if (!entry.interactionId) continue;
            // Where a slow one's time went: waiting for the main thread, our handlers, then until painted.
            const e = /** @type {PerformanceEventTiming} */ (entry);
            const split = { wait: e.processingStart - e.startTime, handlers: e.processingEnd - e.processingStart, paint: e.startTime + e.duration - e.processingEnd };
            window.inputDelays.push({ id: e.interactionId, duration: e.duration, split });
          }
        }).observe({ type: 'event', durationThreshold: 16, buffered: false });
        window.keystrokes = 0;
        document.addEventListener('keydown', () => window.keystrokes++, true);
      });
    }
    await page.evaluate(() => (window.bench.longTasks.length = 0));
    const streaming = stream(server, { rate: RATE, seconds: SECONDS, payload: PAYLOAD });
    // Keystrokes into the filter box while the stream runs: a space then a backspace leaves the filter as it was.
    let keys = 0;
    let done = false;
    streaming.then(() => (done = true));
    while (panel && !done) {
      await panel.keyboard.press(keys % 2 ? 'Backspace' : 'Space');
      keys++;
      await new Promise((r) => setTimeout(r, 200));
    }
    const { sent } = await streaming;
    // Generous: on a loaded 2-core machine the page may take minutes to drain what the server sent.
    await page.waitForFunction((n) => window.bench.count === n, sent, { timeout: 600_000, polling: 250 });
    const longTasks = (await page.evaluate(() => window.bench.longTasks)).map(([, duration]) => duration);
    if (!panel) return { sent, longTasks };
    // Until the panel holds or has counted as dropped every frame (or a minute has passed): read as statusCounts does.
    let counts = statusCounts('');
    for (const deadline = Date.now() + 60_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 200))) {
      counts = statusCounts((await panel.textContent('.status-bar')) ?? '');
      if (counts.held + counts.pageBuffer + counts.retention + counts.paused >= sent + before) break;
    }
    // One figure per keystroke: the slowest of the events (keydown, input, keyup) it caused.
    const entries = await panel.evaluate(() => window.inputDelays);
    const inputDelays = Object.values(entries.reduce((worst, { id, duration }) => ({ ...worst, [id]: Math.max(worst[id] ?? 0, duration) }), {}));
    const slowest = entries.reduce((a, b) => (b.duration > (a?.duration ?? -1) ? b : a), null);
    return { sent, before, longTasks, counts, keys, inputDelays, slowest };
  } finally {
    await browser.close();
  }
}

const server = await startBenchServer();
try {
  const without = await run(server, false);
  const withPanel = await run(server, true);
  const total = (xs) => xs.reduce((a, b) => a + b, 0);
  console.log(`\nSustained rate: ${withPanel.sent} events at ${RATE}/s for ${SECONDS} s, panel open and recording`);
  const c = withPanel.counts;
  const expected = withPanel.sent + withPanel.before;
  const accounted = c.held + c.pageBuffer + c.retention + c.paused;
  console.log(`  panel: ${c.held} frames held, ${c.pageBuffer} counted as dropped by the page buffer, ${c.retention} by the retention bound, ${c.paused} while paused`);
  verdict('frames accounted for', `${accounted} of ${expected} (${withPanel.sent} streamed + ${withPanel.before} before)`, accounted === expected, 'all, none silently lost');
  const delays = withPanel.inputDelays;
  console.log(`  panel input: ${withPanel.keys} keystrokes during the stream, ${delays.length} of them slower than 16 ms`);
  verdict('panel input latency (worst event duration)', `${delays.length ? Math.max(...delays).toFixed(0) : '< 16'} ms`, !delays.length || Math.max(...delays) <= 100, '≤ 100 ms, responsive');
  if (delays.length) console.log(`    p95 of the slow ones ${percentile(delays, 0.95).toFixed(0)} ms`);
  const split = withPanel.slowest?.split;
  if (split) console.log(`    the slowest: ${split.wait.toFixed(0)} ms waiting for the panel's main thread, ${split.handlers.toFixed(0)} ms in its handlers, ${split.paint.toFixed(0)} ms until painted`);
  const describe = (xs) => `${xs.length} long tasks, ${total(xs).toFixed(0)} ms in all, longest ${xs.length ? Math.max(...xs).toFixed(0) : 0} ms`;
  console.log(`  page long tasks without the extension: ${describe(without.longTasks)}`);
  console.log(`  page long tasks with the panel open:   ${describe(withPanel.longTasks)}`);
  const extra = total(withPanel.longTasks) - total(without.longTasks);
  verdict('page long-task time added by the extension', `${extra.toFixed(0)} ms over ${SECONDS} s`, extra <= SECONDS * 1000 * 0.05, '≤ 5% of the run');
} finally {
  await server.close();
}
