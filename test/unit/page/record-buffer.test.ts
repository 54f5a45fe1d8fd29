import { describe, expect, it } from 'vitest';
import { RecordBuffer } from '../../../src/page/record-buffer';
import type { PageRecord } from '../../../src/core/messages/records';
import { numbered } from '../../fixtures/records';

const frames = (count: number, text = 'x') =>
  numbered(Array.from({ length: count }, () => ({ type: 'frame' as const, sid: 1, dir: 'in' as const, text })));

describe('RecordBuffer', () => {
  it('keeps everything within bounds, in order', () => {
    const buffer = new RecordBuffer({ records: 10, chars: 1_000_000 });
    for (const record of frames(5)) buffer.push(record);
    expect(buffer.toArray().map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
  });

  it('drops the oldest past the record bound', () => {
    const buffer = new RecordBuffer({ records: 1_000, chars: 1e9 });
    for (const record of frames(5_000)) buffer.push(record);
    const kept = buffer.toArray();
    expect(kept).toHaveLength(1_000);
    expect(kept[0]?.seq).toBe(4_001);
    expect(kept.at(-1)?.seq).toBe(5_000);
  });

  it('drops the oldest past the size bound, and keeps the weight in step', () => {
    const buffer = new RecordBuffer({ records: 1_000, chars: 10_000 });
    for (const record of frames(100, 'y'.repeat(936))) buffer.push(record); // 936 + 64 overhead = 1,000 each
    expect(buffer.size).toBe(10);
    expect(buffer.weight).toBe(10_000);
    expect(buffer.toArray()[0]?.seq).toBe(91);
  });

  it('keeps a single record bigger than the whole bound', () => {
    const buffer = new RecordBuffer({ records: 10, chars: 100 });
    for (const record of frames(3, 'z'.repeat(500))) buffer.push(record);
    expect(buffer.toArray().map((r) => r.seq)).toEqual([3]);
  });

  it('agrees with a plain list through many wraps of its ring, both bounds at work, frames kept as parts or whole', () => {
    const limits = { records: 7, chars: 400 };
    const buffer = new RecordBuffer(limits);
    let model: Array<{ record: PageRecord; weight: number }> = [];
    const sizes = [1, 250, 3, 90, 40, 300, 10, 5, 120, 2];
    const records = numbered(
      Array.from({ length: 200 }, (_, i) =>
        i % 5 === 4
          ? { type: 'socket' as const, sid: i, url: 'u'.repeat(sizes[i % sizes.length] ?? 1) }
          : { type: 'frame' as const, sid: i % 3, dir: i % 7 === 0 ? ('out' as const) : ('in' as const), text: 'w'.repeat(sizes[i % sizes.length] ?? 1) },
      ),
      1,
      1_700_000_000_000.25,
    );
    for (const record of records) {
      // A received text frame goes through the hot path, as the outbox sends it; any other record whole.
      const returned = record.type === 'frame' && record.dir === 'in' && record.text !== undefined
        ? buffer.pushFrameIn(record.sid, record.text, record.seq, record.t)
        : buffer.push(record);
      const w = 64 + (record.type === 'frame' ? (record.text?.length ?? 0) : record.type === 'socket' ? record.url.length : 0);
      expect(returned).toBe(w);
      model.push({ record, weight: w });
      if (model.length > limits.records) model = model.slice(1);
      while (model.reduce((n, r) => n + r.weight, 0) > limits.chars && model.length > 1) model = model.slice(1);
      expect(buffer.toArray()).toEqual(model.map((r) => r.record));
      expect(buffer.weight).toBe(model.reduce((n, r) => n + r.weight, 0));
    }
  });
});
