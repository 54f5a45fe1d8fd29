// The Firefox build, installed in Debian's Firefox ESR: frames a real pusher-js page receives reach the extension
// and show in its panel page.
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GECKO_ID } from '../../scripts/manifest-for';
import { firefoxInstalled, launchFirefox, type Firefox } from './harness/firefox';
import { startTestServer, type TestServer } from './harness/server';

const FIREFOX_DIST = resolve(import.meta.dirname, '../..', process.env.PUSHER_DEVTOOLS_FIREFOX_OUT ?? 'dist-firefox');

async function until<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Timed out waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
}

describe('Firefox ESR', () => {
  let server: TestServer;
  let firefox: Firefox;

  beforeAll(async () => {
    if (!firefoxInstalled()) throw new Error('Firefox ESR is missing: apt-get install firefox-esr (.ci/run does it)');
    server = await startTestServer();
    firefox = await launchFirefox(FIREFOX_DIST, GECKO_ID);
  }, 90_000);

  afterAll(async () => {
    await firefox?.close();
    await server?.close();
  });

  it('shows the frames of a real pusher-js page in the panel page', async () => {
    const tree = await firefox.send<{ contexts: { context: string }[] }>('browsingContext.getTree', {});
    const page = tree.contexts[0]!.context;
    await firefox.send('browsingContext.navigate', { context: page, url: `${server.origin}/e2e/client.html?channels=ff-news&events=ff-update`, wait: 'complete' });
    await until('pusher-js to connect', () => firefox.evaluate<boolean>(page, `window.states.includes('connected')`));

    const { context: panel } = await firefox.send<{ context: string }>('browsingContext.create', { type: 'tab' });
    await firefox.send('browsingContext.navigate', { context: panel, url: `${firefox.extensionOrigin}/src/panel/panel.html`, wait: 'complete' });
    // The panel page lists the open tabs; pick the pusher-js page as a user would.
    const href = await until('the tab picker to list the page', () =>
      firefox.evaluate<string | null>(panel, `[...document.querySelectorAll('.tab-picker a')].find((a) => a.textContent === 'client')?.href ?? null`),
    );
    await firefox.send('browsingContext.navigate', { context: panel, url: href, wait: 'complete' });

    // The subscription happened before the panel opened: the page-side buffer replays it.
    await until('the earlier subscribe frame in the panel', () => firefox.evaluate<boolean>(panel, `document.body.innerText.includes('pusher:subscribe')`));
    server.trigger('ff-news', 'ff-update', { price: 4217 });
    await until('the triggered event in the panel', () => firefox.evaluate<boolean>(panel, `document.body.innerText.includes('ff-update')`));
    const received = await firefox.evaluate<{ event: string; data: unknown }[]>(page, 'window.received');
    expect(received).toEqual([{ channel: 'ff-news', event: 'ff-update', data: { price: 4217 } }]);
  }, 90_000);
});
