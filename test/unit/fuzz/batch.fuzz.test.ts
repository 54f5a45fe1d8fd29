import { describe, expect, it } from 'vitest';
import { decodeBatch, encodeBatch } from '../../../src/core/messages/batch';
import type { PageRecord } from '../../../src/core/messages/records';
import { reduceSession } from '../../../src/core/session/reduce';
import { emptySession } from '../../../src/core/session/state';
import { Failures, noThrow, stateProblem, withShortStacks } from './checks';
import { AWKWARD_STRINGS, binaryGarbage, createRng, mutateText, numberRecords, randomJson, report, validRecordDraft, type Rng } from './generate';

const SEED = 0xba7c4ed;
const BATCHES = 25_000;
// A fresh session now and then: one that holds every batch would measure the session's growth, not the decoder.
const SESSION_EVERY = 1_000;
const TIMEOUT = 120_000;
const origin = { frameId: 0, url: 'https://app.example/' };

/** A valid batch of 1–8 records, as the hook would send it. */
function validBatch(rng: Rng, seq: number): PageRecord[] {
  return numberRecords(Array.from({ length: 1 + rng.int(8) }, () => validRecordDraft(rng)), seq);
}

/** What a page (or a broken hop) could put where a batch goes: mutated batches, lengths that lie, no batch at all. */
function hostileBatch(rng: Rng, i: number, seq: number): string {
  const encoded = encodeBatch(validBatch(rng, seq), JSON.stringify) as string;
  switch (i % 5) {
    case 0:
      return mutateText(rng, encoded);
    case 1: {
      // Frame lengths off by a little, or wildly.
      return encoded.replace(/"text":(\d+)/g, (_, n: string) => `"text":${rng.pick([Number(n) + 1, Number(n) - 1, 1e9, -1, 0.5, '"x"', 'null'])}`);
    }
    case 2:
      return `${JSON.stringify(randomJson(rng, 3))}\n${binaryGarbage(rng, rng.int(40))}`;
    case 3:
      return rng.chance(0.5) ? binaryGarbage(rng, rng.int(80)) : rng.pick(AWKWARD_STRINGS);
    default:
      return encoded.slice(0, rng.int(encoded.length + 1));
  }
}

describe('fuzz: page message batches', () => {
  it(`decodeBatch: ${BATCHES.toLocaleString('en-US')} valid batches come back exactly, as many hostile ones never throw and fold into the session`, () => {
    const started = performance.now();
    const rng = createRng(SEED);
    const failures = new Failures();
    let state = emptySession();
    let rejected = 0;
    let inputs = 0;
    let seq = 1;
    withShortStacks(() => {
      for (let i = 0; i < BATCHES; i++) {
        if (i % SESSION_EVERY === 0 && i > 0) {
          failures.add(`the session after batch ${i}`, stateProblem(state));
          rejected += state.rejected;
          state = emptySession();
        }
        const records = validBatch(rng, seq);
        seq += records.length;
        inputs++;
        failures.add(`valid batch ${i}`, noThrow(() => {
          const back = decodeBatch(encodeBatch(records, JSON.stringify));
          return JSON.stringify(back) === JSON.stringify(records) ? null : 'did not come back as sent';
        }));
        const text = hostileBatch(rng, i, seq);
        inputs++;
        failures.add(() => `hostile batch ${i} ${JSON.stringify(text.slice(0, 120))}`, noThrow(() => {
          const items = decodeBatch(text);
          if (!Array.isArray(items)) return 'not an array';
          state = reduceSession(state, { kind: 'records', origin, pageId: `p${i % 7}`, records: items });
          return null;
        }));
      }
    });
    failures.add('the last session', stateProblem(state));
    rejected += state.rejected;
    report('page message batches (decodeBatch + session)', inputs, started);
    expect(failures.list).toEqual([]);
    // Hostile batches are counted as rejected records, never dropped silently.
    expect(rejected).toBeGreaterThan(0);
  }, TIMEOUT);
});
