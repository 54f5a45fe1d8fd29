import { describe, expect, it } from 'vitest';
import { decodeBatch, encodeBatch } from '../../../../src/core/messages/batch';
import type { PageRecord } from '../../../../src/core/messages/records';

const records: PageRecord[] = [
  { type: 'socket', seq: 1, t: 10, sid: 1, url: 'ws://127.0.0.1/app/key' },
  { type: 'frame', seq: 2, t: 11, sid: 1, dir: 'in', text: '{"event":"a","data":"{\\"x\\":\\"</script>\\u2028 é 😀\\"}"}' },
  { type: 'frame', seq: 3, t: 12, sid: 1, dir: 'out', text: '' },
  { type: 'frame', seq: 4, t: 13, sid: 1, dir: 'in', binaryBytes: 12 },
  { type: 'frame', seq: 5, t: 14, sid: 1, dir: 'in', text: 'line\nbreak and \ud800 a lone surrogate', fullBytes: 9_000_000, replayed: true },
  { type: 'open', seq: 6, t: 15, sid: 1 },
];

describe('page message batches', () => {
  it('travel as one string and come back as the same records, texts exactly as they were', () => {
    const batch = encodeBatch(records, JSON.stringify);
    expect(typeof batch).toBe('string');
    expect(decodeBatch(batch)).toEqual(records);
  });

  it('carry frame texts raw, not JSON-escaped, so the port escapes them only once', () => {
    const batch = encodeBatch(records, JSON.stringify) as string;
    expect(batch).toContain(records[1]?.type === 'frame' ? records[1].text : 'unreachable');
  });

  it('come back empty when empty', () => {
    expect(decodeBatch(encodeBatch([], JSON.stringify))).toEqual([]);
  });

  it('stay an array when the page put a toJSON on a built-in prototype', () => {
    const polluted = { toJSON: () => 'not a record' };
    expect(encodeBatch(records, JSON.stringify, [polluted])).toBe(records);
    expect(decodeBatch(records)).toEqual(records);
  });

  it('turn what cannot be read back into unusable items, so they are counted, not lost', () => {
    expect(decodeBatch('{"type":"socket"')).toEqual([null]);
    expect(decodeBatch('42')).toEqual([42]);
    expect(decodeBatch('')).toEqual([null]);
    // A length that runs past the end, a negative one, and text left over after the last frame.
    expect(decodeBatch('[{"type":"frame","text":5}]\nabc')).toEqual([null]);
    expect(decodeBatch('[{"type":"frame","text":-1}]\n')).toEqual([null]);
    expect(decodeBatch('[{"type":"frame","text":1}]\nab')).toEqual([{ type: 'frame', text: 'a' }, null]);
    // No separator: a header alone cannot hold frame texts.
    expect(decodeBatch('[{"type":"frame","text":0}]')).toEqual([null]);
  });
});
