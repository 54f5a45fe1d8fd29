// @ts-check
// Page overhead: time for real pusher-js to receive N events, with the extension ÷ without it, in the same
// Chromium build and the same run. Prints the median ratio and its spread over several runs.
import { resolve } from 'node:path';
import { SMOKE, arg, launch, median, openPanelFor, spread, startBenchServer, verdict } from './lib.mjs';

const EVENTS = arg('events', SMOKE ? 2_000 : 50_000);
const RUNS = arg('runs', SMOKE ? 1 : 5);
const PAYLOAD = JSON.stringify({ symbol: 'PSH', price: 101.5, book: 'x'.repeat(240) }); // ≈ 300 bytes of data

/** One measurement: open the page, publish EVENTS as fast as the server can, read the page's own timing. */
async function measure(server, browser, withPanel) {
  const page = await browser.context.newPage();
  await page.goto(`${server.origin}/bench/page.html?n=${EVENTS}`);
  await page.waitForFunction(() => window.bench.subscribed);
  let panel = null;
  if (withPanel) {
    panel = await openPanelFor(browser, page);
    await panel.waitForFunction(() => /pusher_internal:subscription_succeeded/.test(document.body.textContent ?? ''));
  }
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const metrics = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const before = await metrics();
  for (let i = 0; i < EVENTS; i++) server.trigger('bench', 'tick', PAYLOAD);
  await page.waitForFunction((n) => window.bench.count === n, EVENTS, { timeout: 120_000, polling: 100 });
  const ms = await page.evaluate(() => window.bench.end - window.bench.start);
  const after = await metrics();
  await Promise.all([page.close(), panel?.close()]);
    // ThreadTime is the main thread's CPU time: unlike wall-clock durations, it does not grow when other processes
  // take the cores, so it tells the hook's and relay's own cost apart from contention.
  return { ms, script: (after.ScriptDuration - before.ScriptDuration) * 1000, task: (after.ThreadTime - before.ThreadTime) * 1000 };
}

// `--against=<dir>`: another build of the extension (say, before a change) measured in the same run, for before/after.
const AGAINST = process.argv.find((a) => a.startsWith('--against='))?.slice('--against='.length);

const server = await startBenchServer();
const [plain, withExtension] = [await launch(false), await launch(true)];
const other = AGAINST ? await launch(true, resolve(AGAINST)) : null;
try {
  // Warm up both browsers (JIT, caches), then alternate so drift hits both sides alike.
  await measure(server, plain, false);
  await measure(server, withExtension, false);
  if (other) await measure(server, other, false);
  const ratios = { closed: [], open: [], otherClosed: [], otherOpen: [] };
  const mainThread = { closed: [], open: [], otherClosed: [], otherOpen: [] };
  for (let run = 0; run < RUNS; run++) {
    const base = await measure(server, plain, false);
    const closed = await measure(server, withExtension, false);
    const base2 = await measure(server, plain, false);
    const open = await measure(server, withExtension, true);
    ratios.closed.push(closed.ms / base.ms);
    ratios.open.push(open.ms / base2.ms);
    mainThread.closed.push(closed.task / base.task);
    mainThread.open.push(open.task / base2.task);
    const show = (m) => `${m.ms.toFixed(0)} ms (main-thread CPU ${m.task.toFixed(0)} ms, script ${m.script.toFixed(0)} ms)`;
    console.log(`run ${run + 1}: without ${show(base)} | with, no panel ${show(closed)} | without ${show(base2)} | with, panel open ${show(open)}`);
    if (!other) continue;
    const base3 = await measure(server, plain, false);
    const otherClosed = await measure(server, other, false);
    const base4 = await measure(server, plain, false);
    const otherOpen = await measure(server, other, true);
    ratios.otherClosed.push(otherClosed.ms / base3.ms);
    ratios.otherOpen.push(otherOpen.ms / base4.ms);
    mainThread.otherClosed.push(otherClosed.task / base3.task);
    mainThread.otherOpen.push(otherOpen.task / base4.task);
    console.log(`       --against: without ${show(base3)} | with, no panel ${show(otherClosed)} | without ${show(base4)} | with, panel open ${show(otherOpen)}`);
  }
  console.log(`\nPage overhead, ${EVENTS} events of ≈300 bytes, ${RUNS} runs (time with extension ÷ time without):`);
  verdict('no panel open', `median ${median(ratios.closed).toFixed(3)} (spread ${spread(ratios.closed)})`, median(ratios.closed) <= 1.02, '≤ 1.02');
  verdict('panel open and recording', `median ${median(ratios.open).toFixed(3)} (spread ${spread(ratios.open)})`, median(ratios.open) <= 1.05, '≤ 1.05');
  console.log(`Page main-thread CPU time, same ratio: no panel ${median(mainThread.closed).toFixed(3)}, panel open ${median(mainThread.open).toFixed(3)}`);
  if (other) {
    console.log(`The build in ${AGAINST}, same run: no panel ${median(ratios.otherClosed).toFixed(3)} (spread ${spread(ratios.otherClosed)}), panel open ${median(ratios.otherOpen).toFixed(3)} (spread ${spread(ratios.otherOpen)})`);
    console.log(`  its page main-thread CPU ratio: no panel ${median(mainThread.otherClosed).toFixed(3)}, panel open ${median(mainThread.otherOpen).toFixed(3)}`);
  }
} finally {
  await Promise.all([plain.close(), withExtension.close(), other?.close()]);
  await server.close();
}
