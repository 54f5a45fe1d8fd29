import { Recorder } from '../core/recording/recorder';
import type { RecordedPage } from '../core/recording/session-file';
import { reduceSession, type SessionInput } from '../core/session/reduce';
import { normalizeRetention } from '../core/session/retention';
import { emptySession, type SessionState } from '../core/session/state';
import { MIN_COMMIT_INTERVAL_MS, commitInterval, sliceInputs } from './commit-pacing';

// Hidden panels get no animation frames; this bounds how long input can wait.
const FALLBACK_MS = 200;
const FOLD_MEASURE = 'pusher-devtools:fold';
const COMMIT_MEASURE = 'pusher-devtools:commit';

/**
 * Holds the session and folds inputs into it at most once per animation frame, so a burst of batches costs one
 * render; while renders are expensive, fewer of them (commit-pacing.ts).
 */
export function createStore() {
  let state = emptySession();
  let pending: SessionInput[] = [];
  let scheduled = false;
  const listeners = new Set<(state: SessionState) => void>();
  const recorder = new Recorder();
  let imports = 0;
  /** When the next commit may start, from how long the last one took to reach the screen. */
  let notBefore = 0;
  let lastStart = -Infinity;

  function commit() {
    if (!scheduled) return;
    const start = performance.now();
    // A fallback timer left from earlier, too soon after an expensive render: the timers of schedule() come later.
    if (start < notBefore) return;
    // A backlog (a flood the page held, handed over at once) is folded a slice per commit.
    const { now: inputs, later } = sliceInputs(pending);
    pending = later;
    const backlog = later.length > 0;
    scheduled = backlog;
    notBefore = Infinity;
    // A task queued now runs once this frame has been rendered and painted: that is the commit's whole cost. Queued
    // first, so that a render that throws cannot leave the store waiting for a cost it never hears of.
    const records = inputs.reduce((n, input) => n + (input.kind === 'records' ? input.records.length : 0), 0);
    // A backlog has already arrived: spacing its slices out like a burst would only make it later (the page paid for
    // sending it already), so the next slice comes at the streaming pace.
    const rate = backlog ? 0 : (records * 1000) / Math.max(MIN_COMMIT_INTERVAL_MS, start - lastStart);
    lastStart = start;
    setTimeout(() => {
      const end = performance.now();
      notBefore = start + commitInterval(end - start, rate);
      performance.clearMeasures(COMMIT_MEASURE);
      performance.measure(COMMIT_MEASURE, { start, end, detail: { records } });
      if (scheduled) schedule();
    }, 0);
    for (const input of inputs) state = reduceSession(state, input);
    // Shows in DevTools' Performance panel (and the benchmarks): what folding a frame's inputs cost, and (above) the
    // whole commit until painted. Only the latest of each is kept: the timeline buffer of user timings has no bound.
    performance.clearMeasures(FOLD_MEASURE);
    performance.measure(FOLD_MEASURE, { start, detail: { inputs: inputs.length, entries: state.entryCount } });
    for (const listener of listeners) listener(state);
  }

  function schedule() {
    const wait = Math.max(0, notBefore - performance.now());
    if (wait > 0) setTimeout(() => requestAnimationFrame(commit), wait);
    else requestAnimationFrame(commit);
    setTimeout(commit, wait + FALLBACK_MS);
  }

  function dispatch(input: SessionInput) {
    if (input.kind === 'records') recorder.add(input.origin, input.pageId, input.records);
    if (input.kind === 'clear') recorder.clear();
    // Exports keep what the log keeps: a bounded recorder, or memory would grow without end past the log's bound.
    if (input.kind === 'set-retention') recorder.setFrameBound(normalizeRetention(input.retention));
    pending.push(input);
    if (scheduled) return;
    scheduled = true;
    // The commit in flight schedules the next one once it knows what it cost.
    if (notBefore !== Infinity) schedule();
  }

  return {
    dispatch,
    recorded: () => recorder.snapshot(),
    /** Adds an imported session beside what is already there: nothing the panel holds is replaced. */
    importPages(pages: RecordedPage[]) {
      imports++;
      for (const page of pages) {
        dispatch({ kind: 'records', origin: page.origin, pageId: `import:${imports}:${page.pageId}`.slice(0, 64), records: page.records, imported: true });
      }
    },
    getState: () => state,
    subscribe(listener: (state: SessionState) => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

export type Store = ReturnType<typeof createStore>;
