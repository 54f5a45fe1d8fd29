import type { FrameOrigin } from '../messages/envelopes';
import { isPageRecord } from '../messages/guards';
import type { PageRecord } from '../messages/records';
import type { RecordedPage } from './session-file';

/** Keeps the valid records the panel received, per page, once each: what an export writes. */
export class Recorder {
  private pages = new Map<string, RecordedPage>();
  private lastSeq = new Map<string, number>();

  add(origin: FrameOrigin, pageId: string, records: readonly unknown[]): void {
    let page = this.pages.get(pageId);
    let last = this.lastSeq.get(pageId) ?? 0;
    for (const record of records) {
      if (!isPageRecord(record) || record.seq <= last) continue;
      last = record.seq;
      if (!page) this.pages.set(pageId, (page = { pageId, origin, records: [] }));
      page.records.push(record as PageRecord);
    }
    this.lastSeq.set(pageId, last);
  }

  /** Forgets the records but not the sequence numbers, so a buffer replay does not bring them back. */
  clear(): void {
    this.pages.clear();
  }

  snapshot(): RecordedPage[] {
    return [...this.pages.values()].map((page) => ({ ...page, records: [...page.records] }));
  }
}
