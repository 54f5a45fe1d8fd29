// Inputs the fuzz suites found crashing or misreading, kept as plain regression tests.
import { describe, expect, it } from 'vitest';
import { parseFrame } from '../../../src/core/protocol/frame';
import { deepNesting } from './generate';

describe('found by fuzzing', () => {
  it('parseFrame measures object data nested 100k levels deep (JSON.stringify overflowed the stack)', () => {
    expect(parseFrame(`{"event":"x","data":${deepNesting(100_000)}}`)).toMatchObject({ ok: true, event: 'x', encoding: 'object', dataBytes: 200_001 });
    expect(parseFrame(`{"event":"x","data":${deepNesting(100_000, 'object')}}`)).toMatchObject({ ok: true, dataBytes: 600_001 });
    // Wide and deep at once, with keys and strings that need escaping: the same count JSON.stringify gives when it can.
    const wide = `[${'{"k\\"é":"\\ud800👋"},'.repeat(10_000)}1]`;
    const shallow = JSON.parse(wide) as unknown;
    expect(parseFrame(`{"event":"x","data":${deepNesting(20_000).replace('1', wide)}}`)).toMatchObject({
      ok: true,
      dataBytes: 40_000 + Buffer.byteLength(JSON.stringify(shallow)),
    });
  });
});
