// @ts-check
// Where the panel's main thread spends its time while frames stream in at a steady rate: a Chromium trace of the
// panel's renderer, the thread time of each kind of work (script, style, layout, paint) and of the commits.
// `node bench/panel-trace.mjs [--rate=1000] [--seconds=5]`.
import { arg, launch, openPanelFor, PAYLOAD, SMOKE, startBenchServer } from './lib.mjs';
import { stream } from './stream.mjs';

const RATE = arg('rate', SMOKE ? 200 : 1000);
const SECONDS = arg('seconds', SMOKE ? 1 : 5);
const server = await startBenchServer();
const browser = await launch(true);
try {
  const page = await browser.context.newPage();
  await page.goto(`${server.origin}/bench/stream.html`);
  await page.waitForFunction(() => window.bench.subscribed);
  const panel = await openPanelFor(browser, page);
  await panel.waitForFunction(() => /pusher_internal:subscription_succeeded/.test(document.body.textContent ?? ''));
  const cdp = await panel.context().newCDPSession(panel);
  /** @type {any[]} */
  const events = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { includedCategories: ['toplevel', 'devtools.timeline', 'blink', 'v8.execute', 'disabled-by-default-devtools.timeline'] } });
  const { sent } = await stream(server, { rate: RATE, seconds: SECONDS, payload: PAYLOAD });
  await page.waitForFunction((n) => window.bench.count === n, sent, { timeout: 60_000 });
  await cdp.send('Tracing.end');
  await done;
  // The panel's renderer: the main thread whose process ran the panel's animation frames.
  const threads = new Map();
  for (const e of events) if (e.name === 'thread_name') threads.set(`${e.pid}:${e.tid}`, e.args.name);
  const pid = events.find((e) => e.name === 'FireAnimationFrame')?.pid;
  const main = events.filter((e) => e.pid === pid && threads.get(`${e.pid}:${e.tid}`) === 'CrRendererMain' && e.ph === 'X' && typeof e.tdur === 'number');
  main.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  // Self thread time: each event's tdur less its children's.
  const self = new Map();
  /** @type {any[]} */
  const stack = [];
  for (const e of main) {
    while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
    const parent = stack.at(-1);
    if (parent) self.set(parent, (self.get(parent) ?? parent.tdur) - e.tdur);
    self.set(e, self.get(e) ?? e.tdur);
    stack.push(e);
  }
  const byName = new Map();
  for (const [e, t] of self) byName.set(e.name, (byName.get(e.name) ?? 0) + t);
  const tasks = main.filter((e) => e.name === 'ThreadControllerImpl::RunTask');
  const total = tasks.reduce((n, e) => n + e.tdur, 0);
  const span = tasks.length ? (Math.max(...tasks.map((e) => e.ts + e.dur)) - Math.min(...tasks.map((e) => e.ts))) / 1000 : 0;
  console.log(`${sent} frames at ${RATE}/s: panel main thread busy (CPU) ${(total / 1000).toFixed(0)} ms of the ${span.toFixed(0)} ms traced, until the page had them all`);
  for (const [name, t] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, arg('top', 20))) console.log(`${(t / 1000).toFixed(1).padStart(8)} ms  ${name}`);
  const frames = main.filter((e) => e.name === 'FireAnimationFrame');
  const layouts = main.filter((e) => e.name === 'Layout');
  const styles = main.filter((e) => e.name === 'UpdateLayoutTree');
  const avg = (xs, f) => xs.length ? (xs.reduce((n, e) => n + f(e), 0) / xs.length / 1000).toFixed(2) : '-';
  console.log(`animation frames ${frames.length}, mean ${avg(frames, (e) => e.tdur)} ms; layouts ${layouts.length}, mean ${avg(layouts, (e) => e.tdur)} ms; style recalcs ${styles.length}, mean ${avg(styles, (e) => e.tdur)} ms`);
  const objects = layouts.map((e) => e.args?.endData?.layoutObjects ?? e.args?.beginData?.dirtyObjects).filter((n) => n !== undefined);
  if (objects.length) console.log(`layout objects per layout: mean ${(objects.reduce((a, b) => a + b, 0) / objects.length).toFixed(0)}, max ${Math.max(...objects)}`);
  // The longest tasks, each with the kinds of work that took most of it: what a keystroke landing then waits for.
  const selfIn = (task) => {
    const kinds = new Map();
    for (const [e, t] of self) if (e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur && e !== task) kinds.set(e.name, (kinds.get(e.name) ?? 0) + t);
    return [...kinds].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([name, t]) => `${name} ${(t / 1000).toFixed(0)}`).join(', ');
  };
  for (const task of [...tasks].sort((a, b) => b.dur - a.dur).slice(0, arg('longest', 5))) {
    console.log(`longest task: ${(task.dur / 1000).toFixed(0)} ms (CPU ${(task.tdur / 1000).toFixed(0)} ms): ${selfIn(task)}`);
  }
  const elements = styles.map((e) => e.args?.elementCount).filter((n) => n !== undefined);
  if (elements.length) console.log(`elements per style recalc: mean ${(elements.reduce((a, b) => a + b, 0) / elements.length).toFixed(0)}, max ${Math.max(...elements)}`);
} finally {
  await browser.close();
  await server.close();
}
