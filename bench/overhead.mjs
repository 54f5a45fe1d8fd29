// @ts-check
// Page overhead: time for real pusher-js to receive N events, with the extension ÷ without it, in the same
// Chromium build and the same run. Prints the median ratio and its spread over several runs. With no panel open the
// browser runs with no debugger attached (plain-run.mjs says why); with the panel open, in a real DevTools window
// (devtools-window.mjs), against the same window showing DevTools' Elements panel without the extension. Until the
// sixth 2026-11-30 session Playwright's session stood in for that window (`--under-playwright`: those runs too).
import { resolve } from 'node:path';
import { arg, DIST, launch, median, medianInterval, openPanelFor, PAYLOAD, rotate, SMOKE, spread, startBenchServer, verdict } from './lib.mjs';
import { openWithDevTools } from './devtools-window.mjs';
import { openPlain, startReports } from './plain-run.mjs';
import { chromiumTree, processes } from './proc-cpu.mjs';

const EVENTS = arg('events', SMOKE ? 2_000 : 50_000);
const RUNS = arg('runs', SMOKE ? 1 : 5);
const PERFORMANCE_DOMAIN = process.argv.includes('--performance-domain');
// `--live`: the panel's "Hold floods" unchecked, so the page relays the burst as it comes (what a user opts into).
const LIVE = process.argv.includes('--live');

/**
 * One measurement: open the page, publish EVENTS as fast as the server can, read the page's own timing.
 * `standIn`: a blank tab where the panel's would be. The panel lives in a DevTools window, open with or without our
 * extension; a second tab alone costs this page about a fifth of its time here (BENCHMARKS.md §1), which is not the
 * extension's doing. A blank tab is a lighter stand-in than DevTools' own panels, so the comparison stays strict.
 */
async function measure(server, browser, withPanel, standIn = false) {
  const page = await browser.context.newPage();
  await page.goto(`${server.origin}/bench/page.html?n=${EVENTS}`);
  await page.waitForFunction(() => window.bench.subscribed);
  let panel = null;
  if (standIn) {
    panel = await browser.context.newPage();
    await panel.goto('about:blank');
  }
  if (withPanel) {
    panel = await openPanelFor(browser, page);
    await panel.waitForFunction(() => /pusher_internal:subscription_succeeded/.test(document.body.textContent ?? ''));
    if (LIVE) await panel.uncheck('.status-bar .hold-floods input');
  }
  // CPU from /proc, not from the page's Performance domain: with that domain enabled Chromium times every callback
  // into script, so each listener the hook adds costs the page more than it does under DevTools (BENCHMARKS.md §1).
  // `--performance-domain`: enabled all the same, as this script did until the fifth 2026-11-30 session, to compare.
  if (PERFORMANCE_DOMAIN) await (await page.context().newCDPSession(page)).send('Performance.enable');
  const before = processes();
  for (let i = 0; i < EVENTS; i++) server.trigger('bench', 'tick', PAYLOAD);
  await page.waitForFunction((n) => window.bench.count === n, EVENTS, { timeout: 120_000, polling: 100 });
  const ms = await page.evaluate(() => window.bench.end - window.bench.start);
  const after = processes();
  const deltas = [...chromiumTree(after, browser.dir)].map(([pid, role]) => ({ role, cpu: (after.get(pid)?.cpu ?? 0) - (before.get(pid)?.cpu ?? 0) }));
  // The page's renderer is the renderer that worked the most (a blank tab idles; the panel's is the extension's).
  const renderer = Math.max(0, ...deltas.filter((d) => d.role === 'renderer').map((d) => d.cpu));
  const extension = deltas.filter((d) => d.role.startsWith('extension')).reduce((n, d) => n + d.cpu, 0);
  // What the page did not pay for during its burst, the panel still has to get: how long after the page's last
  // event the panel has them all (records held while the page was busy come once it is idle).
  let catchUp = null;
  let duringBurst = null;
  if (withPanel) {
    const done = Date.now();
    // Frames the panel already had when the page had its last: what was relayed during the burst, not held.
    duringBurst = Number(/(\d+) frames/.exec((await panel.textContent('.status-bar')) ?? '')?.[1]);
    await panel.waitForFunction((n) => Number(/(\d+) frames/.exec(document.querySelector('.status-bar')?.textContent ?? '')?.[1]) >= n, EVENTS, { timeout: 120_000, polling: 50 });
    catchUp = Date.now() - done;
  }
  await Promise.all([page.close(), panel?.close()]);
  // CPU time, unlike wall-clock durations, does not grow when other processes take the cores: it tells the hook's and
  // relay's own cost apart from contention. Counted during the burst only (the panel's catch-up comes after).
  return { ms, catchUp, duringBurst, renderer, extension };
}

/** @template T @param {Promise<T>} promise @returns {Promise<T>} */
const within = (promise) => Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error('the page did not report within 120 s')), 120_000))]);

/**
 * Publishes EVENTS to a page that has subscribed and reports over HTTP; returns the page's own timing and the CPU time
 * each process of its browser (profile `dir`) used meanwhile.
 * @param {string} dir
 */
async function burst(server, reports, dir) {
  const before = processes();
  const done = reports.next();
  for (let i = 0; i < EVENTS; i++) server.trigger('bench', 'tick', PAYLOAD);
  const ms = Number(new URL(await within(done), 'http://x').searchParams.get('ms'));
  const after = processes();
  const deltas = [...chromiumTree(after, dir)].map(([pid, role]) => ({ role, cpu: (after.get(pid)?.cpu ?? 0) - (before.get(pid)?.cpu ?? 0) }));
  return { ms, deltas };
}

/**
 * One measurement with no debugger: Chromium opened on the page, EVENTS published once it has subscribed, the page's
 * own timing reported back; also the CPU time of its renderer and of the whole browser, from /proc.
 * @param {string | null} dist the extension to load, or none
 */
async function measurePlain(server, reports, dist) {
  const ready = reports.next();
  const browser = await openPlain(`${server.origin}/bench/page.html?n=${EVENTS}&report=${encodeURIComponent(reports.url)}`, dist);
  try {
    await within(ready);
    const { ms, deltas } = await burst(server, reports, browser.dir);
    // The page's renderer is the renderer that worked the most.
    const renderer = Math.max(0, ...deltas.filter((d) => d.role === 'renderer').map((d) => d.cpu));
    return { ms, renderer, all: deltas.reduce((n, d) => n + d.cpu, 0) };
  } finally {
    await browser.close();
  }
}

/**
 * One measurement in a real DevTools window (devtools-window.mjs): Chromium opened on the page with DevTools open on
 * it, showing our panel (with the extension in `dist`) or the Elements panel DevTools opens on (without it, or with
 * `ours` false). The window receives every frame of the page either way, as it does for a user.
 * @param {string | null} dist
 */
async function measureInDevTools(server, reports, dist, ours = dist !== null) {
  const ready = reports.next();
  const devtools = await openWithDevTools(`${server.origin}/bench/page.html?n=${EVENTS}&report=${encodeURIComponent(reports.url)}`, dist);
  try {
    await within(ready);
    await devtools.showPanel(ours ? 'pusher' : 'elements');
    if (ours) {
      await devtools.untilInPanel('the subscription in our panel', `/pusher_internal:subscription_succeeded/.test(document.body.textContent ?? '')`);
      if (LIVE) await devtools.inPanel(`(() => { const box = document.querySelector('.status-bar .hold-floods input'); if (box.checked) box.click(); return !box.checked; })()`);
    }
    const { ms, deltas } = await burst(server, reports, devtools.dir);
    let catchUp = null;
    let duringBurst = null;
    if (ours) {
      const finished = Date.now();
      const count = `Number(/(\\d+) frames/.exec(document.querySelector('.status-bar')?.textContent ?? '')?.[1])`;
      duringBurst = await devtools.inPanel(count);
      await devtools.untilInPanel('every event in our panel', `${count} >= ${EVENTS}`);
      catchUp = Date.now() - finished;
    }
    return {
      ms,
      catchUp,
      duringBurst,
      all: deltas.reduce((n, d) => n + d.cpu, 0),
      extension: deltas.filter((d) => d.role.startsWith('extension')).reduce((n, d) => n + d.cpu, 0),
    };
  } finally {
    await devtools.close();
  }
}

// `--against=<dir>`: another build of the extension (say, before a change) measured in the same run, for before/after.
// The no-panel runs take several (`--against=<dir>,<dir>`), the others only the first.
const AGAINST_ALL = process.argv.find((a) => a.startsWith('--against='))?.slice('--against='.length).split(',') ?? [];
const AGAINST = AGAINST_ALL[0];

// `--no-panel-only`: only the debugger-free no-panel runs (more of them fit in the same time).
const NO_PANEL_ONLY = process.argv.includes('--no-panel-only');
// `--under-playwright`: also the Playwright-driven runs (its session on the page standing in for the DevTools window,
// as until the sixth 2026-11-30 session); `--under-playwright-only`: only those.
const PLAYWRIGHT_ONLY = process.argv.includes('--under-playwright-only');
const UNDER_PLAYWRIGHT = process.argv.includes('--under-playwright');
// `--panel-hidden`: in the DevTools window's runs, also the extension loaded with DevTools on its Elements panel.
const PANEL_HIDDEN = process.argv.includes('--panel-hidden');
// `--hidden-only`: in those runs, our panel never shown, for this build and the one of --against (say, one whose hook
// does nothing): what the extension costs under DevTools without recording.
const HIDDEN_ONLY = process.argv.includes('--hidden-only');
// `--devtools-only`: only the runs in a real DevTools window.
const DEVTOOLS_ONLY = process.argv.includes('--devtools-only');
const server = await startBenchServer();
const reports = await startReports();
const AGAINST_DIST = AGAINST ? resolve(AGAINST) : null;
if (!PLAYWRIGHT_ONLY && !DEVTOOLS_ONLY) {
  // No panel, no debugger: a fresh browser per measurement, alternating without / with (/ the other build).
  await measurePlain(server, reports, null);
  await measurePlain(server, reports, DIST);
  const plainRatios = { time: [], renderer: [], all: [] };
  // Per other build: its time and renderer CPU against the baseline, and its time against this build's, same run.
  const others = AGAINST_ALL.map((dir) => ({ dir, dist: resolve(dir), time: [], renderer: [], vsThis: [] }));
  for (let run = 0; run < RUNS; run++) {
    // Each run measures the builds in another order: a browser started second (a warmer disk cache, a machine just
    // woken by the first) must not favour one side of the ratio.
    const builds = rotate([null, DIST, ...others.map((o) => o.dist)], run);
    const measured = new Map();
    for (const dist of builds) measured.set(dist, await measurePlain(server, reports, dist));
    const base = measured.get(null);
    const closed = measured.get(DIST);
    plainRatios.time.push(closed.ms / base.ms);
    plainRatios.renderer.push(closed.renderer / base.renderer);
    plainRatios.all.push(closed.all / base.all);
    const show = (m) => `${m.ms.toFixed(0)} ms (page renderer CPU ${m.renderer.toFixed(0)} ms, browser in all ${m.all.toFixed(0)} ms)`;
    let line = `no debugger, run ${run + 1}: without ${show(base)} | with, no panel ${show(closed)}`;
    for (const o of others) {
      const other = measured.get(o.dist);
      o.time.push(other.ms / base.ms);
      o.renderer.push(other.renderer / base.renderer);
      o.vsThis.push(other.ms / closed.ms);
      line += ` | ${o.dir} ${show(other)}`;
    }
    console.log(line);
  }
  console.log(`\nPage overhead with no panel open and no debugger attached, ${EVENTS} events of ≈300 bytes, ${RUNS} runs (with extension ÷ without):`);
  verdict('no panel open', `median ${median(plainRatios.time).toFixed(3)} (spread ${spread(plainRatios.time)}; 95 % interval of the median ${medianInterval(plainRatios.time)})`, median(plainRatios.time) <= 1.02, '≤ 1.02');
  console.log(`  CPU time, same ratio: page renderer ${median(plainRatios.renderer).toFixed(3)} (spread ${spread(plainRatios.renderer)}), all of the browser's processes ${median(plainRatios.all).toFixed(3)}`);
  for (const o of others) console.log(`  the build in ${o.dir}: ${median(o.time).toFixed(3)} (spread ${spread(o.time)}), page renderer CPU ${median(o.renderer).toFixed(3)}; its time ÷ this build's, same run: median ${median(o.vsThis).toFixed(3)} (95 % interval ${medianInterval(o.vsThis)})`);
  console.log('');
}
if (!PLAYWRIGHT_ONLY && !NO_PANEL_ONLY) {
  // Panel open in a real DevTools window: a fresh browser per measurement, alternating without / with (/ the other).
  await measureInDevTools(server, reports, null);
  await measureInDevTools(server, reports, DIST);
  const ratios = { open: [], all: [], otherOpen: [], hidden: [] };
  const catchUps = { open: [], otherOpen: [] };
  const show = (m) => `${m.ms.toFixed(0)} ms (browser in all ${m.all.toFixed(0)} ms of CPU${m.catchUp === null ? '' : `, the extension's process ${m.extension.toFixed(0)} ms; the panel had ${m.duringBurst} when the page had all, all ${m.catchUp} ms later`})`;
  for (let run = 0; run < RUNS; run++) {
    // In another order each run, as above.
    const sides = [
      ['base', () => measureInDevTools(server, reports, null)],
      ['open', () => measureInDevTools(server, reports, DIST, !HIDDEN_ONLY)],
      ...(PANEL_HIDDEN ? [['hidden', () => measureInDevTools(server, reports, DIST, false)]] : []),
      ...(AGAINST_DIST ? [['other', () => measureInDevTools(server, reports, AGAINST_DIST, !HIDDEN_ONLY)]] : []),
    ];
    const measured = new Map();
    for (const [side, measureSide] of rotate(sides, run)) measured.set(side, await measureSide());
    const base = measured.get('base');
    const open = measured.get('open');
    ratios.open.push(open.ms / base.ms);
    ratios.all.push(open.all / base.all);
    catchUps.open.push(open.catchUp);
    let line = `DevTools open, run ${run + 1}: without (Elements panel) ${show(base)} | with, ${HIDDEN_ONLY ? 'Elements panel shown' : 'our panel'} ${show(open)}`;
    if (PANEL_HIDDEN) {
      const hidden = measured.get('hidden');
      ratios.hidden.push(hidden.ms / base.ms);
      line += ` | with, Elements panel shown ${show(hidden)}`;
    }
    if (AGAINST_DIST) {
      const other = measured.get('other');
      ratios.otherOpen.push(other.ms / base.ms);
      catchUps.otherOpen.push(other.catchUp);
      line += ` | --against ${show(other)}`;
    }
    console.log(line);
  }
  console.log(`\nPage overhead with our panel open and recording in a real DevTools window, ${EVENTS} events of ≈300 bytes, ${RUNS} runs (with extension ÷ without, DevTools open on the page both ways):`);
  if (HIDDEN_ONLY) console.log(`  (--hidden-only: our panel never shown, so never recording; the figure below is not the target's)`);
  verdict('panel open and recording', `median ${median(ratios.open).toFixed(3)} (spread ${spread(ratios.open)}; 95 % interval of the median ${medianInterval(ratios.open)})`, median(ratios.open) <= 1.05, '≤ 1.05');
  console.log(`  CPU time of all of the browser's processes during the burst, same ratio: ${median(ratios.all).toFixed(3)} (spread ${spread(ratios.all)})`);
  if (!HIDDEN_ONLY) console.log(`  the panel had every event a median ${median(catchUps.open)} ms after the page's last (spread ${Math.min(...catchUps.open)}–${Math.max(...catchUps.open)} ms)`);
  if (AGAINST_DIST) console.log(`  the build in ${AGAINST}: ${median(ratios.otherOpen).toFixed(3)} (spread ${spread(ratios.otherOpen)})${HIDDEN_ONLY ? '' : `, every event ${median(catchUps.otherOpen)} ms after`}`);
  if (PANEL_HIDDEN) console.log(`  the extension loaded, DevTools on its Elements panel (ours never shown, so never recording): ${median(ratios.hidden).toFixed(3)} (spread ${spread(ratios.hidden)})`);
  console.log('');
}
// Under Playwright (its session on the page standing in for the DevTools window, as until the sixth 2026-11-30
// session): `--under-playwright` or `--under-playwright-only`; smoke runs take it too, so that it keeps working.
if (NO_PANEL_ONLY || DEVTOOLS_ONLY || !(PLAYWRIGHT_ONLY || UNDER_PLAYWRIGHT || SMOKE)) {
  await server.close();
  await reports.close();
  process.exit(0);
}
const [plain, withExtension] = [await launch(false), await launch(true)];
const other = AGAINST ? await launch(true, resolve(AGAINST)) : null;
try {
  // Warm up both browsers (JIT, caches), then alternate so drift hits both sides alike.
  await measure(server, plain, false);
  await measure(server, withExtension, false);
  if (other) await measure(server, other, false);
  const ratios = { closed: [], open: [], openAlone: [], otherClosed: [], otherOpen: [] };
  const rendererCpu = { closed: [], open: [], otherClosed: [], otherOpen: [] };
  const catchUps = { open: [], otherOpen: [] };
  for (let run = 0; run < RUNS; run++) {
    const base = await measure(server, plain, false);
    const closed = await measure(server, withExtension, false);
    const base2 = await measure(server, plain, false, true);
    const open = await measure(server, withExtension, true);
    ratios.closed.push(closed.ms / base.ms);
    ratios.open.push(open.ms / base2.ms);
    ratios.openAlone.push(open.ms / base.ms);
    rendererCpu.closed.push(closed.renderer / base.renderer);
    rendererCpu.open.push(open.renderer / base2.renderer);
    catchUps.open.push(open.catchUp);
    const show = (m) => `${m.ms.toFixed(0)} ms (page renderer CPU ${m.renderer.toFixed(0)} ms${m.extension ? `, extension ${m.extension.toFixed(0)} ms` : ''}${m.catchUp === null ? '' : `; the panel had ${m.duringBurst} when the page had all, all ${m.catchUp} ms later`})`;
    console.log(`run ${run + 1}: without ${show(base)} | with, no panel ${show(closed)} | without, a blank tab open ${show(base2)} | with, panel open ${show(open)}`);
    if (!other) continue;
    const base3 = await measure(server, plain, false);
    const otherClosed = await measure(server, other, false);
    const base4 = await measure(server, plain, false, true);
    const otherOpen = await measure(server, other, true);
    ratios.otherClosed.push(otherClosed.ms / base3.ms);
    ratios.otherOpen.push(otherOpen.ms / base4.ms);
    rendererCpu.otherClosed.push(otherClosed.renderer / base3.renderer);
    rendererCpu.otherOpen.push(otherOpen.renderer / base4.renderer);
    catchUps.otherOpen.push(otherOpen.catchUp);
    console.log(`       --against: without ${show(base3)} | with, no panel ${show(otherClosed)} | without, a blank tab open ${show(base4)} | with, panel open ${show(otherOpen)}`);
  }
  console.log(`\nPage overhead under Playwright (its protocol session receives every frame, as an open DevTools window does), ${EVENTS} events of ≈300 bytes, ${RUNS} runs (time with extension ÷ time without):`);
  console.log(`  no panel open (for comparison with the figure above): median ${median(ratios.closed).toFixed(3)} (spread ${spread(ratios.closed)})`);
  // The target's figure is the real DevTools window's, above; this one is kept to compare with earlier sessions.
  console.log(`  panel open and recording (against a blank tab where the panel is): median ${median(ratios.open).toFixed(3)} (spread ${spread(ratios.open)}; 95 % interval of the median ${medianInterval(ratios.open)})`);
  console.log(`  the same runs against the page alone (the second tab counted against us): median ${median(ratios.openAlone).toFixed(3)} (spread ${spread(ratios.openAlone)})`);
  console.log(`Page renderer CPU time during the burst, same ratio: no panel ${median(rendererCpu.closed).toFixed(3)}, panel open ${median(rendererCpu.open).toFixed(3)}`);
  console.log(`The panel had every event a median ${median(catchUps.open)} ms after the page's last (spread ${Math.min(...catchUps.open)}–${Math.max(...catchUps.open)} ms)${other ? `; the build in ${AGAINST}: ${median(catchUps.otherOpen)} ms` : ''}`);
  if (other) {
    console.log(`The build in ${AGAINST}, same run: no panel ${median(ratios.otherClosed).toFixed(3)} (spread ${spread(ratios.otherClosed)}), panel open ${median(ratios.otherOpen).toFixed(3)} (spread ${spread(ratios.otherOpen)})`);
    console.log(`  its page renderer CPU ratio: no panel ${median(rendererCpu.otherClosed).toFixed(3)}, panel open ${median(rendererCpu.otherOpen).toFixed(3)}`);
  }
} finally {
  await Promise.all([plain.close(), withExtension.close(), other?.close()]);
  await server.close();
  await reports.close();
}
