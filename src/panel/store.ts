import { Recorder } from '../core/recording/recorder';
import type { RecordedPage } from '../core/recording/session-file';
import { reduceSession, type SessionInput } from '../core/session/reduce';
import { emptySession, type SessionState } from '../core/session/state';

// Hidden panels get no animation frames; this bounds how long input can wait.
const FALLBACK_MS = 200;

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
    for (const input of inputs) state = reduceSession(state, input);
    for (const listener of listeners) listener(state);
  }

  function dispatch(input: SessionInput) {
    if (input.kind === 'records') recorder.add(input.origin, input.pageId, input.records);
    if (input.kind === 'clear') recorder.clear();
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
