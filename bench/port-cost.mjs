// @ts-check
// What `runtime.Port.postMessage` costs the sending thread per record, for one batch of 500 frame records in the
// forms the hook could send: the string form (`src/core/messages/batch.ts`), an array of records, and for scale a
// string of the same length with nothing to escape and JSON.stringify alone. Run in an extension page, as the
// content script's port works the same way. `node bench/port-cost.mjs [--batches=N]`
import { arg, launch } from './lib.mjs';

const BATCHES = arg('batches', 40);
const browser = await launch(true);
try {
  const id = new URL(/** @type {any} */ (browser.worker).url()).host;
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${id}/src/panel/panel.html`);
  const result = await page.evaluate((batches) => {
    const frame = JSON.stringify({ event: 'tick', channel: 'bench', data: JSON.stringify({ symbol: 'PSH', price: 101.5, book: 'x'.repeat(240) }) });
    const heads = () => JSON.stringify(Array.from({ length: 500 }, (_, i) => ({ type: 'frame', sid: 1, dir: 'in', text: frame.length, seq: i, t: 1.5 })));
    const forms = {
      'string form': () => ({ records: `${heads()}\n${frame.repeat(500)}` }),
      'array of records': () => ({ records: Array.from({ length: 500 }, (_, i) => ({ type: 'frame', sid: 1, dir: 'in', text: frame, seq: i, t: 1.5 })) }),
      'same length, nothing to escape': () => ({ records: 'a'.repeat(heads().length + 1 + frame.length * 500) }),
    };
    // The background answers nothing on this port: the cost measured is the sender's.
    const port = chrome.runtime.connect({ name: 'bench:port-cost' });
    /** @type {Record<string, string>} */
    const out = {};
    for (const round of [0, 1]) {
      for (const [name, make] of Object.entries(forms)) {
        const messages = Array.from({ length: batches }, make);
        const t0 = performance.now();
        for (const message of messages) port.postMessage(message);
        if (round === 1) out[name] = `${(((performance.now() - t0) / (batches * 500)) * 1000).toFixed(2)} µs per record`;
      }
    }
    const strings = Array.from({ length: batches }, forms['string form']);
    const t0 = performance.now();
    for (const message of strings) JSON.stringify(message);
    out['JSON.stringify of the string form alone'] = `${(((performance.now() - t0) / (batches * 500)) * 1000).toFixed(2)} µs per record`;
    return out;
  }, BATCHES);
  console.log(`runtime.Port.postMessage, ${BATCHES} batches of 500 frame records (second of two rounds):`);
  for (const [name, cost] of Object.entries(result)) console.log(`  ${name}: ${cost}`);
} finally {
  await browser.close();
}
