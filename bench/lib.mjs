// @ts-check
// Shared by the benchmarks: real Chromium with or without the built extension, the local Pusher server, statistics.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { startPusherServer } from '../demo/server/pusher-server.mjs';

export const ROOT = resolve(import.meta.dirname, '..');
export const DIST = resolve(ROOT, process.env.PUSHER_DEVTOOLS_OUT ?? 'dist');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** `--name=value` from the command line, as a number. @param {string} name @param {number} fallback */
export const arg = (name, fallback) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
/** `--smoke`: tiny counts, only to show in CI that a benchmark still runs. */
/** The data of every streamed or flooded event: ≈ 300 bytes, as issue #5 sets them. */
export const PAYLOAD = JSON.stringify({ symbol: 'PSH', price: 101.5, book: 'x'.repeat(240) });
export const SMOKE = process.argv.includes('--smoke');

export const COMMON_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
  '--disable-background-timer-throttling', '--disable-renderer-backgrounding', '--disable-backgrounding-occluded-windows'];

/** @param {boolean} withExtension @param {string} dist the unpacked extension to load */
export async function launch(withExtension, dist = DIST) {
  const dir = await mkdtemp(join(tmpdir(), 'pusher-bench-'));
  const args = withExtension ? [...COMMON_FLAGS, `--disable-extensions-except=${dist}`, `--load-extension=${dist}`] : [...COMMON_FLAGS, '--disable-extensions'];
  const context = await chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, headless: true, args, viewport: { width: 1280, height: 900 } });
  const worker = withExtension ? (context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'))) : null;
  return { context, worker, dir, close: async () => (await context.close(), await rm(dir, { recursive: true, force: true })) };
}

/**
 * Opens the panel as an extension page inspecting `page`'s tab: the same code as the DevTools panel, in a tab of its
 * own so that Playwright can measure it; `beforeLoad` runs in it before its scripts. @param {Awaited<ReturnType<typeof launch>>} browser @param {import('playwright-core').Page} page
 * @param {() => void} [beforeLoad]
 */
export async function openPanelFor(browser, page, beforeLoad) {
  if (!browser.worker) throw new Error('the panel needs the extension');
  const id = new URL(browser.worker.url()).host;
  const tabId = await browser.worker.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id, page.url());
  const panel = await browser.context.newPage();
  if (beforeLoad) await panel.addInitScript(beforeLoad);
  await panel.goto(`chrome-extension://${id}/src/panel/panel.html?tabId=${tabId}`);
  return panel;
}

/** The local Pusher-protocol server, serving bench/ pages under /bench/. */
export const startBenchServer = () => startPusherServer({ staticRoots: [{ prefix: '/bench/', dir: resolve(ROOT, 'bench') }] });

/** @param {number[]} xs */
export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
/** @param {number[]} xs @param {number} p 0..1 */
export const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? NaN;
/** @param {number[]} xs */
export const spread = (xs, digits = 3) => `${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)}`;
/**
 * A 95 % confidence interval for the median of `xs`, by resampling the runs (a fixed seed: the same runs give the
 * same interval). Says how far the median of this many noisy runs can be trusted. @param {number[]} xs
 */
export function medianInterval(xs, digits = 3, rounds = 2_000) {
  let seed = 12345;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
  const medians = [];
  for (let r = 0; r < rounds; r++) medians.push(median(xs.map(() => xs[Math.floor(random() * xs.length)] ?? NaN)));
  return `${percentile(medians, 0.025).toFixed(digits)}–${percentile(medians, 0.975).toFixed(digits)}`;
}
/** `xs` started at its `n`-th item (wrapping): run n of an interleaved benchmark measures its sides in this order. */
export const rotate = (xs, n) => xs.map((_, i) => xs[(i + n) % xs.length]);

/** A line of the report with its target and whether it is met. @param {string} label @param {string} value @param {boolean} met @param {string} target */
export const verdict = (label, value, met, target) => console.log(`  ${met ? 'MET   ' : 'MISSED'} ${label}: ${value}  (target ${target})`);
