// @ts-check
// Who uses the two cores while real pusher-js receives events: CPU time (user + system, from /proc) of each Chromium
// process by role (browser, the page's renderer, the extension's process with the service worker and the panel,
// others) and of this Node process, which runs the local Pusher server. Splits the page's own cost from contention.
// `node bench/cpu-split.mjs none|closed|open [--events=N]`: N events as fast as the server sends them; with
// `--rate=R --seconds=S`, a steady stream instead (the latency benchmark's load).
import { arg, launch, openPanelFor, PAYLOAD, SMOKE, startBenchServer } from './lib.mjs';
import { chromiumTree, processes, threads } from './proc-cpu.mjs';
import { stream } from './stream.mjs';

const EVENTS = arg('events', SMOKE ? 500 : 20_000);
const mode = process.argv.find((a) => ['none', 'closed', 'open'].includes(a)) ?? 'open';
const RATE = arg('rate', 0);
const SECONDS = arg('seconds', 5);

const THREADS = process.argv.includes('--threads');

const server = await startBenchServer();
const browser = await launch(mode !== 'none');
const page = await browser.context.newPage();
await page.goto(RATE ? `${server.origin}/bench/stream.html` : `${server.origin}/bench/page.html?n=${EVENTS}`);
await page.waitForFunction(() => window.bench.subscribed);
if (mode === 'open') {
  const panel = await openPanelFor(browser, page);
  await panel.waitForFunction(() => /pusher_internal:subscription_succeeded/.test(document.body.textContent ?? ''));
}
const before = processes();
const threadsBefore = new Map([...chromiumTree(before, browser.dir)].map(([pid]) => [pid, threads(pid)]));
const serverBefore = process.cpuUsage();
let ms = 0;
let events = EVENTS;
if (RATE) {
  const started = performance.now();
  events = (await stream(server, { rate: RATE, seconds: SECONDS, payload: PAYLOAD })).sent;
  await page.waitForFunction((n) => window.bench.count === n, events, { timeout: 300_000, polling: 100 });
  ms = performance.now() - started;
} else {
  for (let i = 0; i < EVENTS; i++) server.trigger('bench', 'tick', PAYLOAD);
  await page.waitForFunction((n) => window.bench.count === n, EVENTS, { timeout: 300_000, polling: 100 });
  ms = await page.evaluate(() => window.bench.end - window.bench.start);
}
const serverCpu = process.cpuUsage(serverBefore);
const after = processes();
const threadsAfter = new Map([...chromiumTree(after, browser.dir)].map(([pid]) => [pid, threads(pid)]));
const roles = new Map([['node (server + this script)', (serverCpu.user + serverCpu.system) / 1000]]);
// The page's renderer is the (non-extension) renderer that worked the most; other renderers are blank tabs.
const deltas = [...chromiumTree(after, browser.dir)].map(([pid, role]) => ({ role, cpu: (after.get(pid)?.cpu ?? 0) - (before.get(pid)?.cpu ?? 0) }));
const renderers = deltas.filter((d) => d.role === 'renderer').sort((a, b) => b.cpu - a.cpu);
if (renderers[0]) renderers[0].role = 'page renderer';
for (const d of deltas) roles.set(d.role, (roles.get(d.role) ?? 0) + d.cpu);
const total = [...roles.values()].reduce((a, b) => a + b, 0);
console.log(`${events} events${RATE ? ` at ${RATE}/s` : ''}, ${mode}: ${ms.toFixed(0)} ms wall-clock in the page; CPU ${total.toFixed(0)} ms in all (${(total / ms).toFixed(2)} cores busy)`);
for (const [role, cpu] of [...roles].sort((a, b) => b[1] - a[1])) if (cpu > 0) console.log(`${cpu.toFixed(0).padStart(8)} ms  ${(cpu / events * 1000).toFixed(1).padStart(6)} µs/event  ${role}`);
if (THREADS) {
  for (const [pid, role] of chromiumTree(after, browser.dir)) {
    const was = threadsBefore.get(pid) ?? new Map();
    const rows = [...(threadsAfter.get(pid) ?? [])].map(([name, cpu]) => [name, cpu - (was.get(name) ?? 0)]).filter(([, cpu]) => cpu > 0);
    if (!rows.length) continue;
    console.log(`  ${role} (${pid}) by thread: ${rows.sort((a, b) => b[1] - a[1]).map(([name, cpu]) => `${name} ${cpu.toFixed(0)}`).join(', ')}`);
  }
}
await browser.close();
await server.close();
