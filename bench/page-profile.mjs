// @ts-check
// Where the page's JavaScript spends its time while real pusher-js receives events: a V8 CPU profile of the page's
// renderer (main world and the content script's isolated world share its thread), self time by function.
// `node bench/page-profile.mjs none|closed|open [--events=N] [--top=N] [--callers] [--panel]`; with
// `--rate=R --seconds=S`, a steady stream instead of a burst (the latency benchmark's load).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SourceMapConsumer } from 'source-map-js';
import { arg, DIST, launch, openPanelFor, PAYLOAD, SMOKE, startBenchServer } from './lib.mjs';
import { stream } from './stream.mjs';
const RATE = arg('rate', 0);
const EVENTS = RATE ? Math.round(RATE * arg('seconds', 5)) : arg('events', SMOKE ? 500 : 20_000);
const mode = process.argv.find((a) => ['none', 'closed', 'open'].includes(a)) ?? 'open';
const server = await startBenchServer();
const browser = await launch(mode !== 'none');
const page = await browser.context.newPage();
await page.goto(RATE ? `${server.origin}/bench/stream.html` : `${server.origin}/bench/page.html?n=${EVENTS}`);
await page.waitForFunction(() => window.bench.subscribed);
let panel = null;
if (mode === 'open') {
  panel = await openPanelFor(browser, page);
  await panel.waitForFunction(() => /pusher_internal:subscription_succeeded/.test(document.body.textContent ?? ''));
}
// `--panel`: profile the panel's renderer instead of the page's.
const PANEL = process.argv.includes('--panel');
if (PANEL && !panel) throw new Error('--panel needs mode open');
const cdp = await page.context().newCDPSession(PANEL && panel ? panel : page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
await cdp.send('Profiler.start');
if (RATE) await stream(server, { rate: RATE, seconds: EVENTS / RATE, payload: PAYLOAD });
else for (let i = 0; i < EVENTS; i++) server.trigger('bench', 'tick', PAYLOAD);
await page.waitForFunction((n) => window.bench.count === n, EVENTS, { timeout: 120_000, polling: 100 });
const { profile } = await cdp.send('Profiler.stop');
// Where a function of our built files comes from: ` (src/…ts:line)`, read from the build's source map.
const maps = new Map();
function original(url, line, column) {
  const file = /^chrome-extension:\/\/[^/]+\/(.+)$/.exec(url)?.[1];
  if (!file) return '';
  if (!maps.has(file)) maps.set(file, existsSync(join(DIST, `${file}.map`)) ? new SourceMapConsumer(JSON.parse(readFileSync(join(DIST, `${file}.map`), 'utf8'))) : null);
  const at = maps.get(file)?.originalPositionFor({ line: line + 1, column });
  return at?.source ? ` (${at.source.replace(/^(\.\.\/)+/, '')}:${at.line}${at.name ? ` ${at.name}` : ''})` : '';
}
// Self time per node from the samples and their time deltas.
const self = new Map();
profile.samples?.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas?.[i] ?? 0)));
const byFn = new Map();
let total = 0;
for (const node of profile.nodes) {
  const t = self.get(node.id) ?? 0;
  if (!t) continue;
  const { functionName, url, lineNumber, columnNumber } = node.callFrame;
  const where = url ? `${url.replace(/^.*\//, '')}:${lineNumber + 1}:${columnNumber + 1}${original(url, lineNumber, columnNumber)}` : '';
  const key = `${functionName || '(anonymous)'} ${where}`;
  byFn.set(key, (byFn.get(key) ?? 0) + t);
  if (functionName !== '(idle)' && functionName !== '(program)') total += t;
}
console.log(`${EVENTS} events, ${mode}: ${(total / 1000).toFixed(0)} ms of JavaScript and GC (µs per event ${(total / EVENTS).toFixed(1)})`);
for (const [k, v] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, arg('top', 25))) console.log(`${(v / 1000).toFixed(1).padStart(8)} ms  ${k}`);
// `--callers`: the same self time by caller → function, for the native calls (postMessage, setTimeout) whose name alone
// does not say who made them.
if (process.argv.includes('--callers')) {
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node);
  const label = (node) => node ? `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.replace(/^.*\//, '')}:${node.callFrame.lineNumber + 1}:${node.callFrame.columnNumber + 1}` : '(root)';
  const byEdge = new Map();
  for (const node of profile.nodes) {
    const t = self.get(node.id) ?? 0;
    if (!t || node.callFrame.url) continue;
    const key = `${label(parent.get(node.id))} → ${node.callFrame.functionName}`;
    byEdge.set(key, (byEdge.get(key) ?? 0) + t);
  }
  console.log('native self time by caller:');
  for (const [k, v] of [...byEdge].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`${(v / 1000).toFixed(1).padStart(8)} ms  ${k}`);
}
await browser.close();
await server.close();
// `--inclusive=a,b`: the time spent in each named function including what it called (its outermost calls only).
const INCLUSIVE = process.argv.find((a) => a.startsWith('--inclusive='))?.slice(12).split(',') ?? [];
if (INCLUSIVE.length) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  /** @param {any} node @param {Set<string>} open */
  const walk = (node, open, sums) => {
    const name = node.callFrame.functionName;
    const counted = INCLUSIVE.includes(name) && !open.has(name);
    const next = counted ? new Set([...open, name]) : open;
    for (const named of next) sums.set(named, (sums.get(named) ?? 0) + (self.get(node.id) ?? 0));
    for (const child of node.children ?? []) walk(byId.get(child), next, sums);
  };
  const sums = new Map();
  walk(profile.nodes[0], new Set(), sums);
  for (const name of INCLUSIVE) console.log(`${((sums.get(name) ?? 0) / 1000).toFixed(1).padStart(8)} ms  ${name} (inclusive)`);
}
