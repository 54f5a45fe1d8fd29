import type { PageRecord } from '../core/messages/records';

export interface BufferLimits {
  records: number;
  /** Characters of frame text kept (≈ bytes for the ASCII JSON Pusher sends). */
  chars: number;
}

export const DEFAULT_LIMITS: BufferLimits = { records: 5_000, chars: 20 * 1024 * 1024 };

// Fixed cost counted for every record, so a flood of tiny frames is bounded by chars too.
const RECORD_OVERHEAD = 64;

/**
 * The page-side history kept until (and while) a panel is attached: the newest records within both bounds.
 * Evicted records are not counted here: the panel sees the gap in `seq` and says how many it missed.
 */
export class RecordBuffer {
  private items: PageRecord[] = [];
  private start = 0;
  private chars = 0;

  constructor(private readonly limits: BufferLimits = DEFAULT_LIMITS) {}

  push(record: PageRecord): void {
    this.items.push(record);
    this.chars += weight(record);
    while (this.size > this.limits.records || (this.chars > this.limits.chars && this.size > 1)) this.evictOldest();
  }

  get size(): number {
    return this.items.length - this.start;
  }

  get weight(): number {
    return this.chars;
  }

  toArray(): PageRecord[] {
    return this.items.slice(this.start);
  }

  private evictOldest(): void {
    const oldest = this.items[this.start];
    if (oldest) this.chars -= weight(oldest);
    this.items[this.start] = undefined as unknown as PageRecord;
    this.start++;
    // Compact now and then instead of shifting on every eviction.
    if (this.start > 1024 && this.start * 2 > this.items.length) {
      this.items = this.items.slice(this.start);
      this.start = 0;
    }
  }
}

/** What a record counts against a character bound. */
export function weight(record: PageRecord): number {
  return RECORD_OVERHEAD + (record.type === 'frame' ? (record.text?.length ?? 0) : record.type === 'socket' ? record.url.length : 0);
}
