// @ts-check
// Heap bytes per received frame the page's buffer keeps, for three ways of keeping one: a literal stamped with seq
// and t afterwards, one literal with every field, and the frame's parts (its text in an array, its numbers in typed
// arrays, as src/page/record-buffer.ts keeps it since the third 2026-12-01 session). Counts the V8 heap and the typed
// arrays' memory (in Node, whose heap differs from Chromium's: the ratios are what carries over).
// Run: `node --expose-gc bench/record-shape.mjs`.
const gc = /** @type {() => void} */ (globalThis.gc);
if (!gc) throw new Error('run with node --expose-gc');
const text = 'shared text';
const N = 100_000;
/** @param {number} seq */
function stamped(seq) {
  /** @type {Record<string, unknown>} */
  const record = { type: 'frame', sid: 1, dir: 'in', text };
  record.seq = seq;
  record.t = Date.now();
  return record;
}
/** @param {number} seq */
const whole = (seq) => ({ type: 'frame', sid: 1, dir: 'in', text, seq, t: Date.now() });
/** Each way keeps N frames and returns what it holds. */
const ways = {
  stamped: () => Array.from({ length: N }, (_, i) => stamped(i)),
  whole: () => Array.from({ length: N }, (_, i) => whole(i)),
  parts: () => {
    const texts = new Array(N).fill(undefined);
    const sids = new Float64Array(N);
    const seqs = new Float64Array(N);
    const times = new Float64Array(N);
    for (let i = 0; i < N; i++) {
      texts[i] = text;
      sids[i] = 1;
      seqs[i] = i;
      times[i] = Date.now();
    }
    return { texts, sids, seqs, times };
  },
};
const memory = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};
const held = [];
for (const name of ['stamped', 'whole', 'parts', 'stamped', 'whole', 'parts']) {
  gc();
  const before = memory();
  held.push(ways[/** @type {keyof typeof ways} */ (name)]());
  gc();
  console.log(`${name.padEnd(8)} ${((memory() - before) / N).toFixed(1)} bytes per frame kept (its slots included)`);
}
