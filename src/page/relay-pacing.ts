/**
 * When the page hands its records to the content script. Pure (time comes in), so it is unit tested in Node.
 *
 * What the open panel costs the page is paid when a batch is posted: the content script's port serializes every byte
 * on the page's own thread, and the extension's processes then take the same cores the page runs on (BENCHMARKS.md
 * §1). A quiet page gets its records to the panel within QUIET_DELAY_MS. A page receiving frames faster than
 * BUSY_RATE is busy with them: its records are held until the rate drops below CALM_RATE and the page is idle
 * (idleVerdict), at most HOLD_MS or HOLD_CHARS, so the page gets through its burst first and the panel catches up.
 * The panel is told how many are held, and the page hands them over before it unloads. The panel's user can turn the
 * hold off ("Hold floods"): a page then relays a flood as it would a quiet stream, and pays for it.
 */

export const QUIET_DELAY_MS = 20;
/** A quiet page posts early once this many records wait. */
export const QUIET_FLUSH_AT = 500;
const RATE_WINDOW_MS = 250;
/** Records per RATE_WINDOW_MS from which the page counts as busy: 2,000 a second. */
const BUSY_PER_WINDOW = 500;
export const BUSY_RATE = (BUSY_PER_WINDOW * 1_000) / RATE_WINDOW_MS;
/**
 * Records per RATE_WINDOW_MS below which a busy page is calm again: 500 a second. Not BUSY_RATE: relaying slows a
 * flooded page, and a page slowed below BUSY_RATE by the relay would count as calm, relay the rest of its flood as it
 * came and stay slow (one burst under DevTools took 17 s instead of 10, relaying 26,000 records; BENCHMARKS.md §1).
 */
const CALM_PER_WINDOW = BUSY_PER_WINDOW / 4;
export const CALM_RATE = (CALM_PER_WINDOW * 1_000) / RATE_WINDOW_MS;
/**
 * The longest records are held before they are sent anyway, a slice per task. With DevTools open the page gets through
 * a flood more slowly (the DevTools window receives every frame too): 50,000 events took it 8–12 s, and a 10 s bound
 * let go mid-burst, relaying ~45,000 records while the page was still flooded (BENCHMARKS.md §1). A user who wants
 * to see a long flood as it comes unchecks "Hold floods".
 */
export const HOLD_MS = 30_000;
/** Characters of frame text held at most; past it the records are sent anyway. */
export const HOLD_CHARS = 32 * 1024 * 1024;
/** Records per message while draining, so no single post (or task) carries a whole burst. */
export const DRAIN_SLICE = 250;

/**
 * Whether the page is flooded: it becomes busy receiving faster than BUSY_RATE and stays so until a whole window
 * brings fewer than CALM_RATE, judged over the current and the last window.
 */
export class RateMeter {
  private start = Number.NEGATIVE_INFINITY;
  private count = 0;
  private last = Number.NEGATIVE_INFINITY;
  busy = false;

  /** Counts one record seen at `now`; returns whether the page is busy. */
  note(now: number): boolean {
    if (now - this.start >= RATE_WINDOW_MS) {
      // A window that ended long ago says nothing about now.
      this.busy = now - this.start < 2 * RATE_WINDOW_MS && this.count >= (this.busy ? CALM_PER_WINDOW : BUSY_PER_WINDOW);
      this.start = now;
      this.count = 0;
    }
    if (++this.count >= BUSY_PER_WINDOW) this.busy = true;
    this.last = now;
    return this.busy;
  }

  /** Whether the page is still busy at `now` (no record for a window: no longer). */
  stillBusy(now: number): boolean {
    return this.busy && now - this.last < RATE_WINDOW_MS;
  }
}

/** What the outbox does after queueing a record. */
export type Pace = 'flush' | 'timer' | 'idle' | 'drain';

export function paceFor(busy: boolean, queued: number, queuedChars: number): Pace {
  if (!busy) return queued >= QUIET_FLUSH_AT ? 'flush' : 'timer';
  return queuedChars > HOLD_CHARS ? 'drain' : 'idle';
}

/**
 * How long records have been held: from the first held record until nothing is held, across the idle periods that
 * send some of them. Restarted at each such period, the count bounded nothing: a page whose idle periods are short
 * and far apart could go on holding records, a few slices at a time, past the HOLD_MS its panel says is the bound.
 */
export class HoldClock {
  private since: number | null = null;

  /** Records are held at `now`: starts the count unless a hold is under way; returns how long it has lasted. */
  hold(now: number): number {
    if (this.since === null) this.since = now;
    return now - this.since;
  }

  heldFor(now: number): number {
    return this.since === null ? 0 : now - this.since;
  }

  /** Nothing is held any more. */
  end(): void {
    this.since = null;
  }
}

/** What an idle callback does with held records. */
export type IdleVerdict = 'send' | 'wait' | 'drain';

/**
 * Held records go in the page's idle periods once records no longer come faster than BUSY_RATE. An idle period alone
 * does not end the hold: with DevTools open the browser process relays every frame to it, so the page's renderer
 * idles while waiting for the next ones, and our messages (through that same busy process) would slow the page still.
 * Held for HOLD_MS: sent anyway, a slice per task.
 */
export function idleVerdict(timedOut: boolean, stillBusy: boolean, heldForMs: number): IdleVerdict {
  if (timedOut || heldForMs >= HOLD_MS) return 'drain';
  return stillBusy ? 'wait' : 'send';
}
