// @ts-check
// Scale of the log (issue #5): the panel with 100,000 frames in its log. Real pusher-js in real Chromium receives the
// events from the local Pusher-protocol server while the panel (the built extension's panel page, opened as a tab
// with ?tabId=, the same code as the DevTools panel) records them; then, in that panel:
//   (a) first render of the log: the Events view opened over a full log, and a 100,000-frame session file imported;
//   (b) a filter keystroke until the updated rows are painted;
//   (c) scrolling the log with the mouse wheel, every animation frame timed;
//   (d) the panel's JS heap after a forced GC;
//   (e) more events past the retention bound: the oldest go and the status bar says how many.
// `--smoke` runs it with a 1,000-frame bound and tiny counts, to show in CI that it still works.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, openPanelFor, startBenchServer, median, spread, verdict, arg, SMOKE } from './lib.mjs';

const RUNS = arg('runs', SMOKE ? 1 : 3);
/** The panel's retention bound for the run; the default (100,000) unless --retention is given (smoke: 1,000). */
const RETENTION = arg('retention', SMOKE ? 1_000 : 0);
/** Frames in the log when measuring: the bound itself. */
const TARGET = arg('frames', RETENTION || 100_000);
/** Events sent past the bound, as a share of it. */
const PAST = arg('past', 0.15);
const RETENTION_KEY = 'pusher-devtools:retention';
/** `--trace=DIR`: a Chromium trace of each measured phase, to open in DevTools' Performance panel. */
const TRACE_DIR = process.argv.find((a) => a.startsWith('--trace='))?.slice('--trace='.length);

/** @param {number} i */
const payload = (i) => JSON.stringify({ symbol: ['PSH', 'ABLY', 'WS'][i % 3], seq: i, price: 100 + ((i * 7919) % 10_000) / 100, book: 'x'.repeat(220) });

/** @typedef {import('playwright-core').Page} Page */

/** A progress line, so that a long run shows where it is. @param {string} text */
const step = (text) => console.log(`  · ${text}`);

/** Reads "N frames" or "S / N frames" from the status bar. @param {Page} panel */
async function frameCount(panel) {
  // Both from one look at the status bar: read apart, a commit between them can pair a count from before a chunk of the
  // oldest was dropped with the dropped count from after it, 10,000 frames more than the log has seen.
  const [text, evicted] = (await panel.evaluate(() => ['.count', '.evicted'].map((part) => document.querySelector(`.status-bar ${part}`)?.textContent ?? ''))).map((t) => t.replace(/,/g, ''));
  const match = /(?:(\d+) \/ )?(\d+) frames/.exec(text);
  const dropped = Number(/^(\d+) oldest frames? dropped/.exec(evicted)?.[1] ?? 0);
  return { shown: Number(match?.[1] ?? match?.[2] ?? NaN), total: Number(match?.[2] ?? NaN), dropped };
}

/** Timers and observers inside the panel page. @param {Page} panel */
async function instrument(panel) {
  await panel.evaluate(() => {
    const w = /** @type {any} */ (window);
    /** Resolves after the next paint: an animation frame, then a task queued from it. */
    w.afterPaint = () => new Promise((resolve) => requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now());
      channel.port2.postMessage(0);
    }));
    w.eventTimings = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.eventTimings.push({ name: e.name, duration: e.duration, interactionId: /** @type {any} */ (e).interactionId });
    }).observe(/** @type {any} */ ({ type: 'event', durationThreshold: 16, buffered: false }));
    // Each keystroke: from the key event's own timestamp to the first paint after the DOM was updated, and to the
    // paint after the filter went through the whole log (a long scan shows the newest matches first).
    w.keyLatencies = [];
    w.keyCompletes = [];
    addEventListener('keydown', (event) => {
      const t0 = event.timeStamp;
      // The input event, the filter and Preact's render all run in this task (Preact renders in a microtask).
      queueMicrotask(async () => {
        const t1 = await w.afterPaint();
        let t2 = t1;
        while (document.querySelector('.status-bar .filtering')) t2 = await w.afterPaint();
        w.keyCompletes.push(t2 - t0);
        w.keyLatencies.push(t1 - t0);
      });
    }, true);
  });
}

/** @param {Page} panel @param {string} view */
async function timeViewSwitch(panel, view) {
  return panel.evaluate(async (name) => {
    const w = /** @type {any} */ (window);
    const tab = /** @type {HTMLElement} */ (document.querySelector(`.view-tabs [role=tab][data-view=${name}]`));
    const t0 = performance.now();
    tab.click();
    const wanted = name === 'events' ? '.event-log [role=row][data-id]' : '.view-body *';
    while (!document.querySelector(wanted)) await new Promise((r) => setTimeout(r, 0));
    const t1 = await w.afterPaint();
    return t1 - t0;
  }, view);
}

/**
 * Types `keys` into the filter one key at a time: each keystroke's latency until painted, and the panel's main-thread
 * CPU time for it. @param {Page} panel @param {string[]} keys @param {() => Promise<number>} cpu
 */
async function typeFilter(panel, keys, cpu) {
  await panel.click('input.filter');
  await panel.evaluate(() => (((/** @type {any} */ (window)).keyLatencies = []), ((/** @type {any} */ (window)).keyCompletes = [])));
  const cpuMs = [];
  for (const key of keys) {
    const before = await panel.evaluate(() => (/** @type {any} */ (window)).keyLatencies.length);
    const cpu0 = await cpu();
    await panel.keyboard.press(key);
    await panel.waitForFunction((n) => (/** @type {any} */ (window)).keyLatencies.length > n, before);
    cpuMs.push((await cpu()) - cpu0);
  }
  const w = await panel.evaluate(() => ({ latencies: /** @type {number[]} */ ((/** @type {any} */ (window)).keyLatencies), completes: /** @type {number[]} */ ((/** @type {any} */ (window)).keyCompletes) }));
  return { ...w, cpuMs };
}

/** Wheel-scrolls the log while timing every animation frame. @param {Page} panel @param {number} ticks @param {number} delta */
async function scrollLog(panel, ticks, delta) {
  const box = await panel.locator('.event-log .virtual-list').boundingBox();
  if (!box) throw new Error('no log to scroll');
  await panel.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await panel.evaluate(() => {
    const w = /** @type {any} */ (window);
    w.frameDeltas = [];
    w.recording = true;
    let last = performance.now();
    const tick = (/** @type {number} */ t) => {
      w.frameDeltas.push(t - last);
      last = t;
      if (w.recording) requestAnimationFrame(tick);
    };
    requestAnimationFrame((t) => ((last = t), requestAnimationFrame(tick)));
  });
  const startTop = await panel.$eval('.event-log .virtual-list', (el) => el.scrollTop);
  for (let i = 0; i < ticks; i++) await panel.mouse.wheel(0, delta);
  // Let the last wheel events land.
  await panel.evaluate(() => (/** @type {any} */ (window)).afterPaint());
  await panel.evaluate(() => (/** @type {any} */ (window)).afterPaint());
  const endTop = await panel.$eval('.event-log .virtual-list', (el) => el.scrollTop);
  const deltas = await panel.evaluate(() => {
    const w = /** @type {any} */ (window);
    w.recording = false;
    return /** @type {number[]} */ (w.frameDeltas);
  });
  const rowsShown = await panel.$$eval('.event-log [role=row][data-id]', (rows) => rows.length);
  return { deltas, scrolled: Math.abs(endTop - startTop), rowsShown };
}

/** Idle frames, to calibrate: what a frame interval is on this machine with nothing to do. @param {Page} panel */
async function idleFrames(panel, count = 60) {
  return panel.evaluate(async (n) => {
    const deltas = [];
    let last = await new Promise((r) => requestAnimationFrame(r));
    for (let i = 0; i < n; i++) {
      const t = /** @type {number} */ (await new Promise((r) => requestAnimationFrame(r)));
      deltas.push(t - last);
      last = t;
    }
    return deltas;
  }, count);
}

/**
 * The panel's main-thread CPU time in ms (CDP Performance metrics in thread ticks): unlike wall-clock figures it
 * does not grow when other processes take the cores. @param {Page} panel
 */
async function cpuClock(panel) {
  const cdp = await panel.context().newCDPSession(panel);
  await cdp.send('Performance.enable', /** @type {any} */ ({ timeDomain: 'threadTicks' }));
  // ThreadTime: the main thread's CPU time, as bench/overhead.mjs reads it.
  return async () => ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ThreadTime')?.value ?? NaN) * 1000;
}

/**
 * Runs `action`, recording a trace of the panel into TRACE_DIR when asked. @template T
 * @param {Page} panel @param {string} name @param {() => Promise<T>} action @returns {Promise<T>}
 */
async function traced(panel, name, action) {
  if (!TRACE_DIR) return action();
  const cdp = await panel.context().newCDPSession(panel);
  /** @type {unknown[]} */
  const events = [];
  cdp.on('Tracing.dataCollected', (data) => events.push(...data.value));
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.frame', 'v8.execute', 'disabled-by-default-v8.cpu_profiler'] }, transferMode: 'ReportEvents' });
  try {
    return await action();
  } finally {
    await cdp.send('Tracing.end');
    await complete;
    const { writeFile, mkdir } = await import('node:fs/promises');
    await mkdir(TRACE_DIR, { recursive: true });
    await writeFile(join(TRACE_DIR, `${name}.json`), JSON.stringify({ traceEvents: events }));
    await cdp.detach();
  }
}

/** @param {Page} panel */
async function heapMB(panel) {
  const cdp = await panel.context().newCDPSession(panel);
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize / 1024 / 1024;
}

/**
 * Sends `n` tick events to the page and waits until its pusher-js received them all and the panel logged them.
 * @param {Awaited<ReturnType<typeof startBenchServer>>} server @param {Page} page @param {Page} panel @param {number} from @param {number} n
 */
async function send(server, page, panel, from, n, expectFrames = /** @type {(c: {shown: number, total: number, dropped: number}) => boolean} */ (() => true)) {
  const t0 = performance.now();
  for (let i = from; i < from + n; i++) server.trigger('bench', 'tick', payload(i));
  await page.waitForFunction((count) => (/** @type {any} */ (window)).bench.count >= count, from + n, { timeout: 300_000, polling: 200 });
  const received = performance.now();
  await untilCounts(panel, expectFrames, SMOKE ? 10_000 : 60_000);
  return { pageMs: received - t0, panelMs: performance.now() - t0 };
}

/**
 * Polls the status bar's counts until `test` holds; throws after `ms`, saying what the panel shows.
 * @param {Page} panel @param {(c: {shown: number, total: number, dropped: number}) => boolean} test @param {number} ms
 */
async function untilCounts(panel, test, ms) {
  const start = performance.now();
  for (;;) {
    const count = await frameCount(panel);
    if (test(count)) return count;
    if (performance.now() - start > ms) throw new Error(`the panel shows ${count.total} frames, ${count.dropped} dropped`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Frames a log holds after `added` frames went into an empty one, with the bound and 10 % chunks. @param {number} added @param {number} bound */
const heldAfter = (added, bound) => (added <= bound ? added : added - Math.ceil(bound / 10) * Math.ceil((added - bound) / Math.ceil(bound / 10)));

/** @param {Awaited<ReturnType<typeof startBenchServer>>} server @param {Awaited<ReturnType<typeof launch>>} browser @param {number} run */
async function measureRun(server, browser, run) {
  const results = /** @type {Record<string, any>} */ ({});
  const page = await browser.context.newPage();
  await page.goto(`${server.origin}/bench/page.html?n=0`);
  await page.waitForFunction(() => (/** @type {any} */ (window)).bench.subscribed);
  let panel = await openPanelFor(browser, page);
  if (RETENTION) {
    await panel.evaluate(([key, value]) => localStorage.setItem(key, value), [RETENTION_KEY, String(RETENTION)]);
    await panel.reload();
  }
  await panel.waitForFunction(() => /pusher_internal:subscription_succeeded/.test(document.querySelector('.event-log')?.textContent ?? ''));
  await instrument(panel);
  const control = (await frameCount(panel)).total;

  // Fill the log to TARGET frames, live.
  const events = TARGET - control;
  const fill = await send(server, page, panel, 0, events, (c) => c.total >= TARGET);
  results.fillSeconds = fill.panelMs / 1000;
  results.frames = (await frameCount(panel)).total;

  // (d) heap with the full log.
  results.heap = await heapMB(panel);
  step(`${results.frames} frames in ${results.fillSeconds.toFixed(1)} s, heap ${results.heap.toFixed(1)} MB`);

  // (a) first render of the log: the Events view opened over the full log (from the Timeline).
  const switches = [];
  await traced(panel, `run${run + 1}-view`, async () => {
    for (let i = 0; i < 5; i++) {
      await timeViewSwitch(panel, 'timeline');
      switches.push(await timeViewSwitch(panel, 'events'));
    }
  });
  results.viewSwitch = median(switches);
  step(`Events view opened: ${switches.map((x) => x.toFixed(0)).join(', ')} ms`);

  // (b) filter keystrokes: narrowing a word, then widening it back, then a field filter and a regex.
  const cpu = await cpuClock(panel);
  const keys = ['4', '2', '4', '2', 'Backspace', 'Backspace', 'Backspace', 'Backspace'];
  const narrowing = await traced(panel, `run${run + 1}-keys`, () => typeFilter(panel, keys, cpu));
  await panel.fill('input.filter', '');
  const regex = await traced(panel, `run${run + 1}-regex`, () => typeFilter(panel, [...'/seq..:1\\d\\d,/'], cpu));
  await panel.fill('input.filter', '');
  await panel.evaluate(() => (/** @type {any} */ (window)).afterPaint());
  const keystrokes = [...narrowing.latencies, ...regex.latencies];
  const keyCpu = [...narrowing.cpuMs, ...regex.cpuMs];
  results.keyCompleteMax = Math.max(...narrowing.completes, ...regex.completes);
  results.keyMedian = median(keystrokes);
  results.keyMax = Math.max(...keystrokes);
  results.keyCpuMedian = median(keyCpu);
  results.keyCpuMax = Math.max(...keyCpu);
  step(`keystrokes: ${keystrokes.map((x) => x.toFixed(0)).join(', ')} ms; CPU ${keyCpu.map((x) => x.toFixed(0)).join(', ')} ms`);
  results.eventTimingMax = await panel.evaluate(() => Math.max(0, ...(/** @type {any} */ (window)).eventTimings.filter((/** @type {any} */ e) => e.name.startsWith('key') || e.name === 'input' || e.name === 'beforeinput').map((/** @type {any} */ e) => e.duration)));

  // (c) scrolling: to the top first (the log sticks to the newest row), then wheel down.
  await panel.$eval('.event-log .virtual-list', (el) => (el.scrollTop = 0));
  await panel.evaluate(() => (/** @type {any} */ (window)).afterPaint());
  const idle = await idleFrames(panel);
  const cpuBefore = await cpu();
  const scroll = await traced(panel, `run${run + 1}-scroll`, () => scrollLog(panel, SMOKE ? 20 : 150, 120));
  results.scrollCpuPerFrame = ((await cpu()) - cpuBefore) / scroll.deltas.length;
  const interval = median(idle);
  results.idleLongFrames = idle.filter((d) => d > interval * 1.5).length;
  results.frameInterval = interval;
  results.longestFrame = Math.max(...scroll.deltas);
  // A frame that took longer than the display's interval shows as a rAF gap of two intervals or more.
  results.longFrames = scroll.deltas.filter((d) => d > interval * 1.5).length;
  results.scrollFrames = scroll.deltas.length;
  results.scrolledPx = scroll.scrolled;
  step(`scrolled ${scroll.scrolled} px in ${scroll.deltas.length} frames, longest ${results.longestFrame.toFixed(1)} ms`);
  results.rowsShown = scroll.rowsShown;

  // Export (for the import below), before the log goes past the bound.
  const [download] = await Promise.all([panel.waitForEvent('download'), panel.click('.tool.export')]);
  // A file on disk: handing 40 MB to setInputFiles as a buffer would go over the protocol in pieces.
  const exportedPath = join(tmp, `run-${run}.json`);
  await download.saveAs(exportedPath);
  const exported = await readFile(exportedPath);
  const fileFrames = JSON.parse(exported.toString('utf8')).pages.reduce((/** @type {number} */ n, /** @type {any} */ p) => n + p.records.filter((/** @type {any} */ r) => r.type === 'frame').length, 0);
  results.exportMB = exported.length / 1024 / 1024;

  // (e) past the bound: the oldest go, and the status bar says how many.
  const bound = RETENTION || 100_000;
  const extra = Math.ceil(bound * PAST);
  const totalFrames = results.frames + extra;
  const expectedHeld = heldAfter(totalFrames, bound);
  // Until every frame sent is held or counted as dropped (the held count alone passes through the expected figure
  // mid-stream, the first 10 % chunk gone while frames still arrive). A panel that loses frames never gets there: the
  // figures say so instead of stopping.
  await send(server, page, panel, events, extra, (c) => c.total + c.dropped >= totalFrames).catch((error) => console.log(`  past the bound: ${error.message}`));
  const status = (await panel.textContent('.status-bar')) ?? '';
  const past = await frameCount(panel);
  results.evictedExpected = totalFrames - expectedHeld;
  results.evictedShown = past.dropped;
  results.heldPast = past.total;
  results.heldExpected = expectedHeld;
  results.heapPast = await heapMB(panel);
  step(`past the bound: ${status}`);
  await page.close();

  // (a') a session file of TARGET frames imported into an emptied log: file chosen → rows painted.
  await panel.click('.tool.clear');
  await panel.waitForFunction(() => /^0 frames/.test(document.querySelector('.status-bar .count')?.textContent ?? ''));
  await panel.evaluate(() => {
    const w = /** @type {any} */ (window);
    w.importDone = new Promise((resolve) => {
      const input = /** @type {HTMLInputElement} */ (document.querySelector('input[type=file]'));
      // When the browser has handed the file's text over (the panel reads it with Blob.text()).
      const text = Blob.prototype.text;
      let read = NaN;
      Blob.prototype.text = function () {
        return text.call(this).then((value) => ((read = performance.now()), value));
      };
      input.addEventListener('change', async () => {
        const t0 = performance.now();
        const count = () => document.querySelector('.status-bar .count')?.textContent ?? '';
        while (/^0 frames/.test(count()) || !document.querySelector('.event-log [role=row][data-id]')) await new Promise((r) => setTimeout(r, 0));
        const t1 = await w.afterPaint();
        Blob.prototype.text = text;
        // The store's own measure of folding the imported records into the session.
        const fold = performance.getEntriesByName('pusher-devtools:fold').at(-1);
        const foldEnd = fold ? fold.startTime + fold.duration : NaN;
        resolve({ total: t1 - t0, read: read - t0, parse: (fold?.startTime ?? NaN) - read, fold: fold?.duration ?? NaN, render: t1 - foldEnd });
      }, { once: true, capture: true });
    });
  });
  const imported = await traced(panel, `run${run + 1}-import`, async () => {
    await panel.setInputFiles('input[type=file]', exportedPath);
    return panel.evaluate(() => (/** @type {any} */ (window)).importDone);
  });
  results.importRender = imported.total;
  results.importRead = imported.read;
  results.importParse = imported.parse;
  results.importFold = imported.fold;
  results.importPaint = imported.render;
  results.importFrames = (await frameCount(panel)).total;
  results.importFileFrames = fileFrames;
  results.heapImported = await heapMB(panel);
  // The same file again, beside it: now larger than the bound, the newest are kept and the panel says so.
  await panel.setInputFiles('input[type=file]', exportedPath);
  const twice = heldAfter(2 * fileFrames, bound);
  results.importTwiceExpected = 2 * fileFrames - twice;
  results.importTwiceHeldExpected = twice;
  // Until every frame of both files is held or counted as dropped: the dropped count reaches its figure while the
  // import's last slice may still wait to be folded.
  await untilCounts(panel, (c) => c.total + c.dropped >= 2 * fileFrames, 120_000).catch((error) => console.log(`  imported twice: ${error.message}`));
  const statusTwice = ((await panel.textContent('.status-bar')) ?? '').replace(/,/g, '');
  const twiceCounts = await frameCount(panel);
  results.importTwiceHeld = twiceCounts.total;
  results.importTwiceEvicted = twiceCounts.dropped;
  results.importNotice = /keeps? the newest/.test(statusTwice);
  await panel.close();

  const f = (/** @type {number} */ x, d = 0) => x.toFixed(d);
  console.log(`run ${run + 1}: ${results.frames} frames filled live in ${f(results.fillSeconds, 1)} s | heap ${f(results.heap, 1)} MB | Events view ${f(results.viewSwitch)} ms | ` +
    `keystroke median ${f(results.keyMedian)} ms, max ${f(results.keyMax)} ms, whole log filtered within ${f(results.keyCompleteMax)} ms (Event Timing max ${f(results.eventTimingMax)} ms; CPU median ${f(results.keyCpuMedian, 1)} ms, max ${f(results.keyCpuMax, 1)} ms) | ` +
    `scroll ${results.scrollFrames} frames, longest ${f(results.longestFrame, 1)} ms, ${results.longFrames} long (idle: ${results.idleLongFrames} of 60; interval ${f(results.frameInterval, 1)} ms), CPU ${f(results.scrollCpuPerFrame, 1)} ms/frame, ${results.scrolledPx} px | ` +
    `past the bound: ${results.evictedShown} dropped shown, ${results.evictedExpected} expected, ${results.heldPast} held, heap ${f(results.heapPast, 1)} MB | ` +
    `import of ${results.importFileFrames} frames (${f(results.exportMB, 1)} MB) ${f(results.importRender)} ms (read ${f(results.importRead)}, parse ${f(results.importParse)}, fold ${f(results.importFold)}, render ${f(results.importPaint)}), heap ${f(results.heapImported, 1)} MB; ` +
    `imported twice: ${results.importTwiceHeld} held, ${results.importTwiceEvicted} dropped shown (${results.importTwiceExpected} expected)`);
  return results;
}

const tmp = await mkdtemp(join(tmpdir(), 'pusher-scale-'));
const server = await startBenchServer();
const browser = await launch(true);
try {
  /** @type {Record<string, any>[]} */
  const runs = [];
  for (let run = 0; run < RUNS; run++) runs.push(await measureRun(server, browser, run));
  const all = (/** @type {string} */ key) => runs.map((r) => /** @type {number} */ (r[key]));
  const ms = (/** @type {string} */ key) => `median ${median(all(key)).toFixed(0)} ms (spread ${spread(all(key))})`;
  console.log(`\nScale of the log: ${TARGET.toLocaleString('en-US')} frames filled live from real pusher-js, retention bound ${(RETENTION || 100_000).toLocaleString('en-US')}, ${RUNS} run(s)${SMOKE ? ' (smoke)' : ''}:`);
  verdict('(a) first render: Events view opened over the full log → painted', ms('viewSwitch'), median(all('viewSwitch')) <= 200, '≤ 200 ms');
  verdict(`(a') ${median(all('importFileFrames'))}-frame session file imported → painted: of which rendering after the fold`, ms('importPaint'), median(all('importPaint')) <= 200, '≤ 200 ms');
  console.log(`      whole import ${ms('importRender')}: file handed over ${median(all('importRead')).toFixed(0)} ms, JSON parse and checks ${median(all('importParse')).toFixed(0)} ms, fold ${median(all('importFold')).toFixed(0)} ms, render ${median(all('importPaint')).toFixed(0)} ms`);
  verdict('(b) filter keystroke → rows painted, worst of 8 narrowing/widening + 15 regex keystrokes', ms('keyMax'), median(all('keyMax')) <= 50, '≤ 50 ms');
  console.log(`      median keystroke ${median(all('keyMedian')).toFixed(0)} ms; whole log filtered (newest rows first) within ${median(all('keyCompleteMax')).toFixed(0)} ms at worst; Event Timing (≥ 16 ms entries) worst ${median(all('eventTimingMax')).toFixed(0)} ms; ` +
    `panel main-thread CPU per keystroke: median ${median(all('keyCpuMedian')).toFixed(1)} ms, worst ${median(all('keyCpuMax')).toFixed(1)} ms`);
  verdict('(c) wheel scrolling: frames longer than the frame interval', `median ${median(all('longFrames'))} of ${median(all('scrollFrames'))} (longest ${median(all('longestFrame')).toFixed(1)} ms, interval ${median(all('frameInterval')).toFixed(1)} ms)`,
    median(all('longFrames')) === 0, '0, each frame ≤ 16 ms');
  console.log(`      panel main-thread CPU per frame while scrolling: median ${median(all('scrollCpuPerFrame')).toFixed(1)} ms; long frames with nothing to do (60 idle frames): ${median(all('idleLongFrames'))}`);
  verdict('(d) panel JS heap after GC, full log', `median ${median(all('heap')).toFixed(1)} MB (spread ${spread(all('heap'))})`, median(all('heap')) <= 150, '≤ 150 MB');
  console.log(`      after going past the bound ${median(all('heapPast')).toFixed(1)} MB; after the import ${median(all('heapImported')).toFixed(1)} MB`);
  const evictedOk = runs.every((r) => r.evictedShown === r.evictedExpected && r.heldPast === r.heldExpected);
  verdict('(e) past the bound: the status bar says how many oldest frames were dropped', runs.map((r) => `${r.evictedShown} shown / ${r.evictedExpected} expected (${r.heldPast} / ${r.heldExpected} held)`).join(', '), evictedOk, 'exact count');
  const importOk = runs.every((r) => r.importTwiceEvicted === r.importTwiceExpected && r.importTwiceHeld === r.importTwiceHeldExpected && r.importNotice);
  verdict('(e) an import larger than the bound keeps the newest and says so', runs.map((r) => `${r.importTwiceHeld} / ${r.importTwiceHeldExpected} held, ${r.importTwiceEvicted} dropped shown / ${r.importTwiceExpected} expected${r.importNotice ? ', notice' : ', no notice'}`).join('; '), importOk, 'exact count and a notice');
  if (!evictedOk || !importOk) process.exitCode = 1;
} finally {
  await browser.close();
  await server.close();
  await rm(tmp, { recursive: true, force: true });
}
