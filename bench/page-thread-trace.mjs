// @ts-check
// Where the page's main thread spends its CPU while real pusher-js receives events, from a Chromium trace: the thread
// time (tdur) of every task on the page renderer's main thread, by what posted it, and of the work inside them.
// `node bench/page-thread-trace.mjs none|closed|open`: without the extension, with it and no panel, with a panel open.
import { launch, openPanelFor, PAYLOAD, SMOKE, startBenchServer } from './lib.mjs';
const EVENTS = SMOKE ? 500 : 10_000;
const mode = process.argv.find((a) => ['none', 'closed', 'open'].includes(a)) ?? 'open';
const withExt = mode !== 'none';
const panelOpen = mode === 'open';
const server = await startBenchServer();
const browser = await launch(withExt);
const page = await browser.context.newPage();
await page.goto(`${server.origin}/bench/page.html?n=${EVENTS}`);
await page.waitForFunction(() => window.bench.subscribed);
if (panelOpen) { const panel = await openPanelFor(browser, page); await panel.waitForFunction(() => /pusher_internal:subscription_succeeded/.test(document.body.textContent ?? '')); }
const cdp = await page.context().newCDPSession(page);
const events = [];
cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
await cdp.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { includedCategories: ['toplevel', 'ipc', 'mojom', 'v8.execute', 'devtools.timeline', 'extensions'] } });
for (let i = 0; i < EVENTS; i++) server.trigger('bench', 'tick', PAYLOAD);
await page.waitForFunction((n) => window.bench.count === n, EVENTS, { timeout: 120_000, polling: 100 });
await cdp.send('Tracing.end');
await done;
// The page's renderer: the process whose main thread did the most work while the events arrived.
const threads = new Map();
for (const e of events) if (e.name === 'thread_name') threads.set(`${e.pid}:${e.tid}`, e.args.name);
const byThread = new Map();
for (const e of events) if (e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && threads.get(`${e.pid}:${e.tid}`) === 'CrRendererMain') {
  const k = `${e.pid}`; byThread.set(k, (byThread.get(k) ?? 0) + (e.tdur ?? 0));
}
const [pid] = [...byThread].sort((a, b) => b[1] - a[1])[0] ?? [''];
const agg = new Map(); let total = 0;
for (const e of events) if (`${e.pid}` === pid && threads.get(`${e.pid}:${e.tid}`) === 'CrRendererMain' && e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask') {
  const k = e.args?.src_func ?? e.args?.src ?? JSON.stringify(e.args).slice(0, 80);
  agg.set(k, (agg.get(k) ?? 0) + (e.tdur ?? 0)); total += e.tdur ?? 0;
}
console.log(`${EVENTS} events, ${mode === 'none' ? 'without the extension' : mode === 'closed' ? 'extension, no panel' : 'extension, panel open'}: page main-thread CPU ${(total / 1000).toFixed(0)} ms in tasks`);
for (const [k, v] of [...agg].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log((v / 1000).toFixed(0).padStart(6), k);
const sub = new Map();
for (const e of events) if (`${e.pid}` === pid && threads.get(`${e.pid}:${e.tid}`) === 'CrRendererMain' && e.ph === 'X' && e.name !== 'ThreadControllerImpl::RunTask' && e.tdur) sub.set(e.name, (sub.get(e.name) ?? 0) + e.tdur);
for (const [k, v] of [...sub].sort((a, b) => b[1] - a[1]).slice(0, 14)) console.log('   inner', (v / 1000).toFixed(0).padStart(6), k);
// The JavaScript entered from each task, by script and function: whose code the page's thread ran.
const calls = new Map();
for (const e of events) if (`${e.pid}` === pid && threads.get(`${e.pid}:${e.tid}`) === 'CrRendererMain' && e.ph === 'X' && e.name === 'FunctionCall' && e.tdur) {
  const k = `${(e.args?.data?.url ?? '').replace(/^.*\//, '') || '(no script)'} ${e.args?.data?.functionName || '(anonymous)'}`;
  const v = calls.get(k) ?? [0, 0]; v[0] += e.tdur; v[1]++; calls.set(k, v);
}
for (const [k, [v, n]] of [...calls].sort((a, b) => b[1][0] - a[1][0]).slice(0, 8)) console.log('   call ', (v / 1000).toFixed(0).padStart(6), `${String(n).padStart(6)} calls`, k);
await browser.close(); await server.close();
