// @ts-check
// Heap bytes per frame record kept by the page's buffer, for the two ways of making one: a literal stamped with seq
// and t afterwards, and one literal with every field (src/page/outbox.ts, frameIn). Run: `node --expose-gc bench/record-shape.mjs`.
const gc = /** @type {() => void} */ (globalThis.gc);
if (!gc) throw new Error('run with node --expose-gc');
const text = 'shared text';
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
const N = 100_000;
const held = [];
for (const make of [stamped, whole, stamped, whole]) {
  gc();
  const before = process.memoryUsage().heapUsed;
  const records = [];
  for (let i = 0; i < N; i++) records.push(make(i));
  held.push(records);
  gc();
  console.log(`${make.name.padEnd(8)} ${((process.memoryUsage().heapUsed - before) / N).toFixed(1)} bytes per record kept (the array's slot included)`);
}
