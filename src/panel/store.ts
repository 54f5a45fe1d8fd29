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

  function commit() {
    if (!scheduled) return;
    scheduled = false;
    const inputs = pending;
    pending = [];
    for (const input of inputs) state = reduceSession(state, input);
    for (const listener of listeners) listener(state);
  }

  function dispatch(input: SessionInput) {
    pending.push(input);
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(commit);
    setTimeout(commit, FALLBACK_MS);
  }

  return {
    dispatch,
    getState: () => state,
    subscribe(listener: (state: SessionState) => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

export type Store = ReturnType<typeof createStore>;
