import { useEffect, useState } from 'preact/hooks';
import type { SessionState } from '../core/session/state';
import type { Store } from './store';

export function useSession(store: Store): SessionState {
  const [state, setState] = useState(store.getState());
  useEffect(() => store.subscribe(setState), [store]);
  return state;
}
