// @ts-check
// What the page's long tasks are during a flood (§2's figure): the page's own long-task observer, each of its
// entries matched to the task a Chromium trace shows on the page's main thread, with that task's wall-clock and CPU
// time (a long task with little CPU is the thread waiting: for a core, or for the garbage collector's helper
// threads), and the page's garbage collections in all. Tracing slows the page (200,000 events at 20,000/s take it
// 60–70 s instead of 40–50), so the figures are for comparing modes and builds, not for the target.
// `node bench/page-long-tasks.mjs none|closed|open [--rate=20000] [--seconds=10]`: without the extension, with it and
// DevTools closed, with the panel open (in a tab of its own, as in sustained.mjs).
import { arg, launch, openPanelFor, PAYLOAD, startBenchServer } from './lib.mjs';
import { stream } from './stream.mjs';

const mode = process.argv.find((a) => ['none', 'closed', 'open'].includes(a)) ?? 'open';
const RATE = arg('rate', 20_000);
const SECONDS = arg('seconds', 10);
const MARK = 'pusher-devtools-bench:page';
const ms = (/** @type {number} */ us) => (us / 1000).toFixed(0);
const COLLECTIONS = ['V8.GC_SCAVENGER', 'V8.GC_MARK_COMPACTOR', 'V8.GC_MC_INCREMENTAL'];

const server = await startBenchServer();
const browser = await launch(mode !== 'none');
try {
  const page = await browser.context.newPage();
  await page.goto(`${server.origin}/bench/stream.html`);
  await page.waitForFunction(() => window.bench.subscribed);
  if (mode === 'open') {
    const panel = await openPanelFor(browser, page);
    await panel.waitForFunction(() => /pusher_internal:subscription_succeeded/.test(document.body.textContent ?? ''));
  }
  const cdp = await page.context().newCDPSession(page);
  /** @type {any[]} */
  const events = [];
  // Only what this script reads: a trace of every task at this rate would not fit the trace buffer.
  cdp.on('Tracing.dataCollected', ({ value }) => {
    for (const e of value) if ((e.ph === 'X' && ((e.dur ?? 0) > 3000 || COLLECTIONS.includes(e.name))) || e.name === 'thread_name' || e.name === MARK) events.push(e);
  });
  const complete = new Promise((resolvePromise) => cdp.once('Tracing.tracingComplete', resolvePromise));
  await cdp.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { recordMode: 'recordAsMuchAsPossible', includedCategories: ['toplevel', 'disabled-by-default-v8.gc', 'blink.user_timing'] } });
  // The mark ties the page's clock (the observer's entries) to the trace's.
  const markAt = await page.evaluate((name) => {
    window.bench.longTasks.length = 0;
    return performance.mark(name).startTime;
  }, MARK);
  const started = Date.now();
  const { sent } = await stream(server, { rate: RATE, seconds: SECONDS, payload: PAYLOAD });
  await page.waitForFunction((n) => window.bench.count === n, sent, { timeout: 600_000, polling: 250 });
  const took = Date.now() - started;
  const longTasks = await page.evaluate(() => window.bench.longTasks);
  await cdp.send('Tracing.end');
  await complete;

  const mark = events.find((e) => e.name === MARK);
  if (!mark) throw new Error('the trace has no mark from the page: the page and the trace cannot be lined up');
  const threads = new Map(events.filter((e) => e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args.name]));
  const onPageMain = events.filter((e) => e.pid === mark.pid && threads.get(`${e.pid}:${e.tid}`) === 'CrRendererMain' && e.ph === 'X');
  const tasks = onPageMain.filter((e) => e.name === 'ThreadControllerImpl::RunTask');
  const gcs = onPageMain.filter((e) => COLLECTIONS.includes(e.name));
  console.log(`\nPage long tasks, ${sent} events at ${RATE}/s, ${mode === 'none' ? 'without the extension' : mode === 'closed' ? 'extension, DevTools closed' : 'extension, panel open in a tab'}, traced: the page had every event after ${(took / 1000).toFixed(1)} s`);
  const wall = longTasks.reduce((n, [, duration]) => n + duration, 0);
  let cpu = 0;
  let inGc = 0;
  for (const [start, duration] of longTasks) {
    const from = mark.ts + (start - markAt) * 1000;
    const to = from + duration * 1000;
    const overlapping = tasks.filter((e) => e.ts < to && e.ts + e.dur > from);
    const task = overlapping.sort((a, b) => b.dur - a.dur)[0];
    const collecting = task ? gcs.filter((e) => e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur) : [];
    const gcWall = collecting.reduce((n, e) => n + e.dur, 0);
    cpu += task?.tdur ?? 0;
    inGc += gcWall;
    console.log(`  ${duration.toFixed(0).padStart(4)} ms at +${((start - markAt) / 1000).toFixed(1)} s: ${task ? `traced task ${ms(task.dur)} ms, of it ${ms(task.tdur ?? 0)} ms CPU, ${ms(gcWall)} ms in garbage collection (${collecting.map((e) => e.name.replace('V8.GC_', '').toLowerCase()).join(', ') || 'none'}); posted by ${task.args?.src_func ?? '?'}` : 'no traced task over 3 ms'}`);
  }
  console.log(`  ${longTasks.length} long tasks, ${wall.toFixed(0)} ms in all; the traced tasks' CPU ${ms(cpu)} ms, in garbage collection ${ms(inGc)} ms (wall-clock)`);
  /** @type {Map<string, number[]>} */
  const byKind = new Map();
  for (const e of gcs) {
    const sum = byKind.get(e.name) ?? [0, 0, 0];
    sum[0] += e.dur;
    sum[1] += e.tdur ?? 0;
    sum[2]++;
    byKind.set(e.name, sum);
  }
  for (const [name, [d, t, n]] of byKind) console.log(`  ${name.replace('V8.GC_', '').toLowerCase()}: ${n} on the page's main thread, ${ms(d)} ms wall-clock, ${ms(t)} ms CPU`);
} finally {
  await browser.close();
  await server.close();
}
