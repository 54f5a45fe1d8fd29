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
 *
 * A ring of fixed size: it is written once per frame the page receives, DevTools open or not, so a push must cost
 * the page as little as possible (no growing, no compacting, each record's weight computed once).
 */
export class RecordBuffer {
  // Made at the first push: a page that never opens a Pusher socket keeps nothing, not even empty slots.
  private items: Array<PageRecord | undefined> = [];
  private weights = new Uint32Array(0);
  /** Slot of the oldest record. */
  private first = 0;
  private count = 0;
  private chars = 0;

  constructor(private readonly limits: BufferLimits = DEFAULT_LIMITS) {}

  /** Keeps `record`, the oldest going first past either bound; returns its weight. */
  push(record: PageRecord): number {
    if (this.items.length === 0) {
      const slots = Math.max(1, this.limits.records);
      this.items = Array.from({ length: slots }, () => undefined);
      this.weights = new Uint32Array(slots);
    }
    if (this.count === this.items.length) this.evictOldest();
    const slot = (this.first + this.count) % this.items.length;
    const w = weight(record);
    this.items[slot] = record;
    this.weights[slot] = w;
    this.count++;
    this.chars += w;
    while (this.chars > this.limits.chars && this.count > 1) this.evictOldest();
    return w;
  }

  get size(): number {
    return this.count;
  }

  get weight(): number {
    return this.chars;
  }

  toArray(): PageRecord[] {
    const slots = this.items.length;
    const out: PageRecord[] = new Array(this.count);
    for (let i = 0; i < this.count; i++) out[i] = this.items[(this.first + i) % slots] as PageRecord;
    return out;
  }

  private evictOldest(): void {
    this.chars -= this.weights[this.first] ?? 0;
    this.items[this.first] = undefined;
    this.first = this.first + 1 === this.items.length ? 0 : this.first + 1;
    this.count--;
  }
}

/** What a record counts against a character bound. */
export function weight(record: PageRecord): number {
  return RECORD_OVERHEAD + (record.type === 'frame' ? (record.text?.length ?? 0) : record.type === 'socket' ? record.url.length : 0);
}
