import { useState } from 'preact/hooks';
import { DEFAULT_LIMITS, type SizeLimits } from '../core/protocol/size-limits';

const KEY = 'pusher-devtools:size-limit';

/** The event size limit, kept across sessions: dedicated clusters may allow more than 10,240 bytes. */
export function useLimits(): [SizeLimits, (limit: number) => void] {
  const [limits, setLimits] = useState<SizeLimits>(() => {
    const stored = Number(localStorage.getItem(KEY));
    return Number.isInteger(stored) && stored > 0 ? { ...DEFAULT_LIMITS, limit: stored } : DEFAULT_LIMITS;
  });
  const setLimit = (limit: number) => {
    if (!Number.isInteger(limit) || limit <= 0) return;
    localStorage.setItem(KEY, String(limit));
    setLimits({ ...limits, limit });
  };
  return [limits, setLimit];
}
