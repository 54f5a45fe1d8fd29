import { Recorder } from '../core/recording/recorder';
import type { RecordedPage } from '../core/recording/session-file';
import { reduceSession, type SessionInput } from '../core/session/reduce';
import { normalizeRetention } from '../core/session/retention';
import { emptySession, type SessionState } from '../core/session/state';

// Hidden panels get no animation frames; this bounds how long input can wait.
const FALLBACK_MS = 200;
const FOLD_MEASURE = 'pusher-devtools:fold';

/**
 * Holds the session and folds inputs into it once per animation frame, so a burst of batches costs one render.
 */
export function createStore() {
  let state = emptySession();
  let pending: SessionInput[] = [];
  let scheduled = false;
  const listeners = new Set<(state: SessionState) => void>();
  const recorder = new Recorder();
  let imports = 0;

  function commit() {
    if (!scheduled) return;
    scheduled = false;
    const inputs = pending;
    pending = [];
    const start = performance.now();
    for (const input of inputs) state = reduceSession(state, input);
    // Shows in DevTools' Performance panel (and the scale benchmark): what folding a frame's inputs cost. Only the
    // latest is kept: the timeline buffer of user timings has no bound.
    performance.clearMeasures(FOLD_MEASURE);
    performance.measure(FOLD_MEASURE, { start, detail: { inputs: inputs.length, entries: state.entryCount } });
    for (const listener of listeners) listener(state);
  }

  function dispatch(input: SessionInput) {
    if (input.kind === 'records') recorder.add(input.origin, input.pageId, input.records);
    if (input.kind === 'clear') recorder.clear();
    // Exports keep what the log keeps: a bounded recorder, or memory would grow without end past the log's bound.
    if (input.kind === 'set-retention') recorder.setFrameBound(normalizeRetention(input.retention));
    pending.push(input);
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(commit);
    setTimeout(commit, FALLBACK_MS);
  }

  return {
    dispatch,
    recorded: () => recorder.snapshot(),
    /** Adds an imported session beside what is already there: nothing the panel holds is replaced. */
    importPages(pages: RecordedPage[]) {
      imports++;
      for (const page of pages) {
        dispatch({ kind: 'records', origin: page.origin, pageId: `import:${imports}:${page.pageId}`.slice(0, 64), records: page.records });
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
