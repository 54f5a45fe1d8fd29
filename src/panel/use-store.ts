import { useEffect, useState } from 'preact/hooks';
import type { SessionState } from '../core/session/state';
import type { Store } from './store';

export function useSession(store: Store): SessionState {
  const [state, setState] = useState(store.getState());
  useEffect(() => {
    const unsubscribe = store.subscribe(setState);
    // The store may have committed between the first render and this effect: catch up, or the panel would stay
    // stale until the next frame arrives.
    setState(store.getState());
    return unsubscribe;
  }, [store]);
  return state;
}
