import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';

interface Props {
  count: number;
  rowHeight: number;
  /**
   * `key` names the row's slot: the DOM a row leaves behind is reused by the row that takes its place; `style`
   * places the row (rows sit in the DOM in slot order, not in the order they show).
   */
  renderRow: (index: number, key: number, style: { transform: string }) => ComponentChildren;
  /** Keep the newest row in view while the user is at the bottom, like the Network panel. */
  stickToBottom?: boolean;
  /** Index to bring into view (keyboard selection). */
  focusIndex?: number;
  class?: string;
}

const OVERSCAN = 6;

/**
 * Renders only the rows in view: the log may hold 100,000 entries. Rows have one height, so where they sit is
 * computed, never measured: scrolling re-renders only when another row comes to the top, and a list that follows
 * its newest row renders the bottom rows at once instead of rendering, scrolling, then rendering again.
 */
export function VirtualList({ count, rowHeight, renderRow, stickToBottom = true, focusIndex, class: className }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const [height, setHeight] = useState(400);
  const [, rerender] = useState(0);
  const atBottom = useRef(true);
  /** The first row in view as the user last scrolled, and as the last render showed it. */
  const scrolledFirst = useRef(0);
  const shownFirst = useRef(0);

  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    setHeight(element.clientHeight);
    const observer = new ResizeObserver(() => setHeight(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const bottomTop = Math.max(0, count * rowHeight - height);
  const follow = stickToBottom && atBottom.current;
  const firstInView = follow ? Math.floor(bottomTop / rowHeight) : Math.min(scrolledFirst.current, Math.max(0, count - 1));
  shownFirst.current = firstInView;

  useLayoutEffect(() => {
    const element = ref.current;
    if (element && follow) element.scrollTop = bottomTop;
  }, [follow, bottomTop]);

  useLayoutEffect(() => {
    const element = ref.current;
    if (!element || focusIndex === undefined || focusIndex < 0) return;
    const top = focusIndex * rowHeight;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + rowHeight > element.scrollTop + element.clientHeight) element.scrollTop = top + rowHeight - element.clientHeight;
  }, [focusIndex, rowHeight]);

  // Rows above the view are drawn for scrolling up: a list that follows its newest row renders a screenful of new rows
  // at every commit while frames stream, each costing layout and paint, so it draws none there, unless it has no
  // height yet (a panel not shown), when the last few rows are drawn instead of none.
  const first = Math.max(0, firstInView - (follow && height > 0 ? 0 : OVERSCAN));
  const last = Math.min(count, firstInView + Math.ceil(height / rowHeight) + 1 + OVERSCAN);
  // A row keeps its slot (its index modulo the rows drawn) and its place in the DOM: moving the window changes the rows
  // that show another entry and where each sits, never the order of the nodes (moving a node rebuilds its layout
  // objects: a screenful of them at each commit while frames stream). Scrolling by a row rewrites one row.
  const slots = Math.max(1, last - first);
  const rows: ComponentChildren[] = new Array(slots);
  for (let i = first; i < last; i++) rows[i % slots] = renderRow(i, i % slots, { transform: `translateY(${i * rowHeight}px)` });

  return (
    <div
      ref={ref}
      class={`virtual-list ${className ?? ''}`}
      onScroll={(event) => {
        const top = event.currentTarget.scrollTop;
        const wasAtBottom = atBottom.current;
        // From the known sizes: reading scrollHeight here would force a layout on every scroll event.
        atBottom.current = top >= count * rowHeight - height - rowHeight;
        scrolledFirst.current = Math.floor(top / rowHeight);
        if (scrolledFirst.current !== shownFirst.current || wasAtBottom !== atBottom.current) rerender((n) => n + 1);
      }}
    >
      <div class="virtual-space" style={{ height: `${count * rowHeight}px` }}>
        <div class="virtual-rows">{rows}</div>
      </div>
    </div>
  );
}
