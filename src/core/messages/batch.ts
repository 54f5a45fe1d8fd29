import type { PageRecord } from './records';

// A batch of records crosses page → content script → background → panel. The content script's port serializes
// everything as JSON on the page's own thread, so the page should hand over as few passes over the bytes as it can:
// one string (cloned by a copy, not object by object), whose frame texts are appended raw after a JSON header
// instead of being JSON-escaped twice (once by us, once by the port). A frame record in the header carries its
// text's length in place of the text.

/** The prototypes whose `toJSON` would change what JSON.stringify makes of a record (old libraries add them). */
const PROTOTYPES = [Object.prototype, Array.prototype, String.prototype, Number.prototype, Boolean.prototype];

/**
 * The wire form of `records`: a string when the realm's JSON can be trusted with them, else the array itself
 * (structured clone copes with any prototype). `stringify` is the JSON.stringify captured before page scripts ran.
 */
export function encodeBatch(records: readonly PageRecord[], stringify: (value: unknown) => string, prototypes: readonly object[] = PROTOTYPES): string | readonly PageRecord[] {
  for (const prototype of prototypes) if ('toJSON' in prototype) return records;
  const heads: unknown[] = new Array(records.length);
  const texts: string[] = [];
  for (let i = 0; i < records.length; i++) {
    const record = records[i] as PageRecord;
    if (record.type === 'frame' && typeof record.text === 'string') {
      texts.push(record.text);
      heads[i] = { ...record, text: record.text.length };
    } else heads[i] = record;
  }
  return `${stringify(heads)}\n${texts.join('')}`;
}

/**
 * The records of a page message, for the panel to check one by one. Whatever cannot be read back (a header that is
 * not a JSON array, a length that runs past the end) comes back as an unusable item, so it is counted, not lost.
 */
export function decodeBatch(batch: string | readonly unknown[]): unknown[] {
  // A copy either way: the panel folds batches together in place.
  if (typeof batch !== 'string') return batch.slice();
  const split = batch.indexOf('\n');
  let heads: unknown;
  try {
    heads = JSON.parse(split < 0 ? batch : batch.slice(0, split));
  } catch {
    return [null];
  }
  if (!Array.isArray(heads)) return [heads];
  let offset = split + 1;
  let lost = false;
  const records: unknown[] = new Array(heads.length);
  for (let i = 0; i < heads.length; i++) {
    const head: unknown = heads[i];
    const length = typeof head === 'object' && head !== null && (head as { type?: unknown }).type === 'frame' ? (head as { text?: unknown }).text : undefined;
    if (typeof length !== 'number') {
      records[i] = head;
    } else if (split >= 0 && Number.isInteger(length) && length >= 0 && offset + length <= batch.length) {
      records[i] = { ...(head as object), text: batch.slice(offset, offset + length) };
      offset += length;
    } else {
      records[i] = null;
      lost = true;
    }
  }
  // Text left over means the lengths were wrong: say so with one unusable item.
  if (!lost && split >= 0 && offset !== batch.length) records.push(null);
  return records;
}
