// @ts-check
// Latency: an event reaches the page's pusher-js handler → the panel renders it (its row, and the log's count, in the
// DOM of the frame about to be painted). Events are streamed at a steady rate into real pusher-js with the panel
// open; prints p50/p95/max over every frame, and the same for the rows seen entering the DOM.
// The figure held against the target: the panel in a real DevTools window on the page (devtools-window.mjs), nothing
// else attached to the page until the stream is over; the median of `--runs=N` runs, each a fresh browser.
import { openWithDevTools } from './devtools-window.mjs';
import { arg, DIST, launch, median, medianInterval, openPanelFor, PAYLOAD, percentile, SMOKE, spread, startBenchServer, verdict } from './lib.mjs';
import { stream } from './stream.mjs';

const RATE = arg('rate', SMOKE ? 200 : 1000);
const SECONDS = arg('seconds', SMOKE ? 1 : 10);

/**
 * Runs in the panel once it shows the subscription: when a `t<seq>` row first enters the DOM, when the log's frame
 * count (which a commit renders together with the rows) first reaches each value, and the store's commits (its fold
 * measure: how often the panel rendered, what folding cost; its commit measure: until painted). The store commits
 * inside an animation frame, so the observer runs right before that frame is painted.
 */
function watchRenders() {
  const seen = (window.seen = {});
  const counted = (window.counted = []);
  const commits = (window.commits = []);
  const costs = (window.costs = []);
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.name === 'pusher-devtools:fold') commits.push([entry.startTime, entry.duration]);
      if (entry.name === 'pusher-devtools:commit') costs.push(entry.duration);
    }
  }).observe({ type: 'measure' });
  new MutationObserver(() => {
    const now = performance.timeOrigin + performance.now();
    for (const cell of document.querySelectorAll('[role=row] .cell.event')) {
      const match = /^t(\d+)/.exec(cell.textContent ?? '');
      if (match && !(match[1] in seen)) seen[match[1]] = now;
    }
    const total = /(\d+) frames/.exec(document.querySelector('.status-bar .count')?.textContent ?? '');
    if (total && Number(total[1]) > (counted.at(-1)?.[0] ?? 0)) counted.push([Number(total[1]), now]);
  }).observe(document.body, { childList: true, subtree: true, characterData: true });
  return [innerWidth, innerHeight];
}
const FRAMES_IN_LOG = `Number(/^(\\d+) frames/.exec(document.querySelector('.status-bar .count')?.textContent ?? '')?.[1])`;
const collect = `({ seen: window.seen, counted: window.counted, commits: window.commits, costs: window.costs, arrived: window.arrived ?? [] })`;

/** The panel in a tab of its own, Playwright on the page and the panel; the way of each batch is timed too. */
async function underPlaywright(server) {
  const browser = await launch(true);
  try {
    // When each batch reaches the service worker (the page's port connects once the panel is open).
    await browser.worker?.evaluate(() => {
      const atWorker = (globalThis.atWorker = []);
      chrome.runtime.onConnect.addListener((port) => {
        port.onMessage.addListener((message) => {
          const text = typeof message?.records === 'string' ? message.records : '';
          const at = text.lastIndexOf('"event":"t');
          if (at >= 0) atWorker.push([Number.parseInt(text.slice(at + 10), 10), performance.timeOrigin + performance.now()]);
        });
      });
    });
    const page = await browser.context.newPage();
    await page.goto(`${server.origin}/bench/stream.html?times=1`);
    await page.waitForFunction(() => window.bench.subscribed);
    const panel = await openPanelFor(browser, page, () => {
      // When each batch reaches the panel's port, and the newest `t<seq>` in it: splits the latency into the way
      // there (page flush, content script, service worker) and the panel's own part (waiting for a commit, rendering).
      const arrived = (window.arrived = []);
      const connect = chrome.runtime.connect.bind(chrome.runtime);
      chrome.runtime.connect = (...args) => {
        const port = connect(...args);
        port.onMessage.addListener((message) => {
          const text = typeof message?.message?.records === 'string' ? message.message.records : '';
          const at = text.lastIndexOf('"event":"t');
          if (at >= 0) arrived.push([Number.parseInt(text.slice(at + 10), 10), performance.timeOrigin + performance.now()]);
        });
        return port;
      };
    });
    if (process.env.PANEL_HEIGHT) await panel.setViewportSize({ width: 1280, height: Number(process.env.PANEL_HEIGHT) });
    await panel.waitForFunction(() => /pusher_internal:subscription_succeeded/.test(document.body.textContent ?? ''));
    // Frames in the log before the stream (the handshake and the subscription): the streamed event t<n> is then the
    // log's frame number before + n.
    const before = await panel.evaluate(FRAMES_IN_LOG);
    const size = await panel.evaluate(watchRenders);
    const { sent, seconds } = await stream(server, { rate: RATE, seconds: SECONDS, payload: PAYLOAD });
    await page.waitForFunction((n) => window.bench.count === n, sent, { timeout: 60_000 });
    await panel.waitForFunction((last) => String(last) in window.seen, sent, { timeout: 60_000 }).catch(() => undefined);
    const received = await page.evaluate(() => window.bench.times);
    const atWorker = new Map(await browser.worker?.evaluate(() => globalThis.atWorker));
    return { sent, seconds, before, size, received, atWorker, ...(await panel.evaluate(collect)) };
  } finally {
    await browser.close();
  }
}

/** The panel in a real DevTools window on the page: nothing but DevTools attached to the page while it streams. */
async function inDevToolsWindow(server) {
  const devtools = await openWithDevTools(`${server.origin}/bench/stream.html?times=1`, DIST, ['--window-size=1280,1000']);
  try {
    await devtools.showPanel('pusher');
    await devtools.untilInPanel('the subscription in our panel', `/pusher_internal:subscription_succeeded/.test(document.body.textContent ?? '')`);
    const before = await devtools.inPanel(FRAMES_IN_LOG);
    const size = await devtools.inPanel(`(${watchRenders})()`);
    const { sent, seconds } = await stream(server, { rate: RATE, seconds: SECONDS, payload: PAYLOAD });
    await devtools.untilInPanel('every event in our panel', `${FRAMES_IN_LOG} >= ${before + sent}`);
    const received = await devtools.inPage('window.bench.times');
    return { sent, seconds, before, size, received, atWorker: new Map(), ...(await devtools.inPanel(collect)) };
  } finally {
    await devtools.close();
  }
}

/** Prints one run's figures; returns its p95 over every frame. @param {string} where */
function report(where, { sent, seconds, before, size, received, atWorker, seen: shown, counted, commits, costs, arrived }) {
  const rowLatencies = Object.entries(shown).flatMap(([seq, at]) => (seq in received ? [at - received[seq]] : []));
  // Every frame: from its arrival in the page's handler to the first render whose count includes it. Unlike rows,
  // which a fast stream scrolls past between two renders, every frame has one.
  const latencies = [];
  let next = 0;
  for (let seq = 1; seq <= sent; seq++) {
    while (next < counted.length && counted[next][0] < before + seq) next++;
    if (next < counted.length && String(seq) in received) latencies.push(counted[next][1] - received[seq]);
  }

  console.log(`\nLatency, ${sent} events at ${(sent / seconds).toFixed(0)}/s over ${seconds.toFixed(1)} s, panel open ${where} (${size.join('×')} px):`);
  console.log(`  every frame (${latencies.length} of ${sent}): p50 ${percentile(latencies, 0.5).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms`);
  console.log(`  rows seen entering the DOM (${rowLatencies.length}; rows scrolled past between two renders are not): p50 ${percentile(rowLatencies, 0.5).toFixed(1)} ms, p95 ${percentile(rowLatencies, 0.95).toFixed(1)} ms`);
  // The newest frame of each batch: its way to the panel's port, then from there to the screen.
  const toPort = [];
  const toScreen = [];
  const toWorker = [];
  for (const [seq, at] of arrived) {
    if (!(String(seq) in received)) continue;
    toPort.push(at - received[seq]);
    if (atWorker.has(seq)) toWorker.push(atWorker.get(seq) - received[seq]);
    const shownAt = counted.find(([count]) => count >= before + seq)?.[1];
    if (shownAt !== undefined) toScreen.push(shownAt - at);
  }
  if (toPort.length) {
    console.log(`  newest frame of each of ${toPort.length} batches: handler → service worker p50 ${percentile(toWorker, 0.5).toFixed(1)} / p95 ${percentile(toWorker, 0.95).toFixed(1)} ms; handler → panel's port p50 ${percentile(toPort, 0.5).toFixed(1)} / p95 ${percentile(toPort, 0.95).toFixed(1)} ms; port → rendered p50 ${percentile(toScreen, 0.5).toFixed(1)} / p95 ${percentile(toScreen, 0.95).toFixed(1)} ms`);
  }
  const gaps = commits.slice(1).map(([start], i) => start - commits[i][0]).filter((gap) => gap < 1000);
  console.log(`  ${commits.length} commits: interval p50 ${percentile(gaps, 0.5).toFixed(1)} / p95 ${percentile(gaps, 0.95).toFixed(1)} ms; folding p50 ${percentile(commits.map((c) => c[1]), 0.5).toFixed(1)} ms; start → painted p50 ${percentile(costs, 0.5).toFixed(1)} / p95 ${percentile(costs, 0.95).toFixed(1)} ms`);
  const p95 = percentile(latencies, 0.95);
  console.log(`  p95 of every frame: ${p95.toFixed(1)} ms`);
  return p95;
}

// `--under-playwright`: also runs with the panel in a tab under Playwright (as until the 2026-12-01 session:
// they time each batch's way to the panel too); `--under-playwright-only`: only those.
const PLAYWRIGHT_ONLY = process.argv.includes('--under-playwright-only');
const UNDER_PLAYWRIGHT = PLAYWRIGHT_ONLY || SMOKE || process.argv.includes('--under-playwright');
const IN_DEVTOOLS = !PLAYWRIGHT_ONLY;
const RUNS = arg('runs', SMOKE ? 1 : 5);
const server = await startBenchServer();
try {
  const p95s = { devtools: [], playwright: [] };
  for (let run = 1; run <= RUNS; run++) {
    if (IN_DEVTOOLS) p95s.devtools.push(report(`in a DevTools window, run ${run}`, await inDevToolsWindow(server)));
    if (UNDER_PLAYWRIGHT) p95s.playwright.push(report(`in a tab under Playwright, run ${run}`, await underPlaywright(server)));
  }
  const summary = (xs) => `median ${median(xs).toFixed(1)} ms of ${xs.length} runs (spread ${spread(xs, 1)} ms; 95 % interval of the median ${medianInterval(xs, 1)} ms)`;
  console.log(`\nLatency at ${RATE}/s, page's handler → frame counted in the panel's DOM, p95 of every frame:`);
  if (p95s.playwright.length) console.log(`  panel in a tab under Playwright: ${summary(p95s.playwright)}`);
  const held = IN_DEVTOOLS ? p95s.devtools : p95s.playwright;
  verdict(`panel in ${IN_DEVTOOLS ? 'a DevTools window' : 'a tab under Playwright'}`, summary(held), median(held) <= 100, '≤ 100 ms');
} finally {
  await server.close();
}
