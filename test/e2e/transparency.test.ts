import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CHROMIUM, chromiumArgs } from './harness/browser';
import { useServerAndBrowser } from './harness/setup';

const env = useServerAndBrowser();
let plain: BrowserContext;
let plainDir: string;

beforeAll(async () => {
  plainDir = await mkdtemp(join(tmpdir(), 'pusher-devtools-plain-'));
  // The same Chromium with the same flags, without the extension.
  const args = chromiumArgs('').filter((a) => !a.includes('extension'));
  plain = await chromium.launchPersistentContext(plainDir, { executablePath: CHROMIUM, headless: true, args });
});
afterAll(async () => {
  await plain?.close();
  await rm(plainDir, { recursive: true, force: true });
});

async function probe(context: BrowserContext): Promise<unknown> {
  const page = await context.newPage();
  await page.goto(`${env.server.origin}/e2e/transparency.html`);
  const result = await page.evaluate(() => (window as unknown as { probe(): Promise<unknown> }).probe());
  await page.close();
  return result;
}

it('the page sees the same WebSocket with and without the extension', async () => {
  const without = await probe(plain);
  const withExtension = await probe(env.browser.context);
  expect(withExtension).toEqual(without);
  // And the probe really looked: a sanity check on what it saw.
  expect(without).toMatchObject({ name: 'WebSocket', length: 1, instanceOf: true, constructorSame: true, order: ['listener-1', 'onmessage', 'listener-2'] });
});
