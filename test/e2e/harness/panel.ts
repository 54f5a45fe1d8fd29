import type { Page } from 'playwright-core';

export interface RowView {
  dir: string;
  event: string;
  channel: string;
  size: string;
  conn: string;
}

/**
 * The rows the panel's log shows right now (virtualized: only those in view), top to bottom: in the DOM they sit in
 * the order of their slots, and `aria-rowindex` says where each shows.
 */
export function visibleRows(panel: Page): Promise<RowView[]> {
  return panel.$$eval('.event-log [role=row][data-id]', (rows) =>
    rows.sort((a, b) => Number(a.getAttribute('aria-rowindex')) - Number(b.getAttribute('aria-rowindex'))).map((row) => {
      const cell = (name: string) => row.querySelector(`.cell.${name}`)?.textContent ?? '';
      return { dir: cell('dir'), event: cell('event'), channel: cell('channel'), size: cell('size'), conn: cell('conn') };
    }),
  );
}

/** Waits until the log shows a row with this event (and channel, when given). */
export async function waitForRow(panel: Page, event: string, channel?: string, timeout = 15_000): Promise<void> {
  await panel.waitForFunction(
    ([e, c]) =>
      [...document.querySelectorAll('.event-log [role=row][data-id]')].some(
        (row) =>
          row.querySelector('.cell.event')?.textContent === e && (c === null || row.querySelector('.cell.channel')?.textContent === c),
      ),
    [event, channel ?? null] as const,
    { timeout },
  );
}

export async function setFilter(panel: Page, text: string): Promise<void> {
  await panel.fill('input.filter', text);
}

export async function statusText(panel: Page): Promise<string> {
  return (await panel.textContent('.status-bar')) ?? '';
}

export async function showView(panel: Page, view: string): Promise<void> {
  await panel.click(`.view-tabs [role=tab][data-view=${view}]`);
}

/** Waits until the element matching `selector` contains `text`, and returns its whole text. */
export async function waitForText(panel: Page, selector: string, text: string | RegExp, timeout = 15_000): Promise<string> {
  const pattern = typeof text === 'string' ? text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : text.source;
  const flags = typeof text === 'string' ? '' : text.flags;
  const read = () => panel.$$eval(selector, (els) => els.map((el) => el.textContent ?? '').join('\n'));
  await panel.waitForFunction(
    ([sel, source, sourceFlags]) => {
      const content = [...document.querySelectorAll(sel)].map((el) => el.textContent ?? '').join('\n');
      return new RegExp(source, sourceFlags).test(content);
    },
    [selector, pattern, flags] as const,
    { timeout },
  ).catch(async (error: unknown) => {
    // Say what the panel showed instead, so a failure in CI explains itself.
    throw new Error(`${selector} never showed ${String(text)}; it showed: ${(await read().catch(() => '(nothing)')).slice(0, 1500)}`, { cause: error });
  });
  return read();
}
