import { expect, it } from 'vitest';
import { debuggingPort, evaluateIn, listTargets, until } from './harness/cdp';
import { useServerAndBrowser } from './harness/setup';

const env = useServerAndBrowser(['--auto-open-devtools-for-tabs', '--remote-debugging-port=0']);

it('the real DevTools window has a Pusher panel showing the inspected page', async () => {
  const page = await env.browser.context.newPage();
  await page.goto(`${env.server.origin}/e2e/basic.html?channel=devtools-channel`);
  const port = await until(() => debuggingPort(env.browser.userDataDir), 'the debugging port');

  // DevTools internals (not an API): ask every DevTools window to show our panel, which loads its page, until the
  // panel's page shows the subscription. Showing is retried because the extension registers its panel late.
  const panelId = `chrome-extension://${env.browser.extensionId}Pusher`;
  const show = `(async () => {
    const { InspectorView } = await import('./ui/legacy/legacy.js');
    await InspectorView.InspectorView.instance().showPanel(${JSON.stringify(panelId)});
    return true;
  })()`;
  const readRows = `[...document.querySelectorAll('.event-log [role=row][data-id]')]
    .map((row) => row.querySelector('.cell.event').textContent + ' ' + row.querySelector('.cell.channel').textContent)`;
  const panelUrl = `chrome-extension://${env.browser.extensionId}/src/panel/panel.html`;

  const rows = await until(async () => {
    const targets = await listTargets(port);
    // Every tab has a DevTools window (the first blank tab too): show the panel in each.
    const windows = targets.filter((t) => t.url.startsWith('devtools://devtools'));
    await Promise.all(windows.map((target) => evaluateIn(target, show).catch(() => false)));
    for (const target of targets.filter((t) => t.url.startsWith(panelUrl))) {
      const events = (await evaluateIn(target, readRows).catch(() => [])) as string[];
      if (events.includes('pusher_internal:subscription_succeeded devtools-channel')) return events;
    }
    return undefined;
  }, 'the Pusher panel in DevTools to show the subscription');

  expect(rows).toContain('pusher:connection_established ');
  expect(rows).toContain('pusher:subscribe devtools-channel');
});
