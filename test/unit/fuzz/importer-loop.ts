// The loop both importer fuzz suites run (HAR files and session files): mutants of valid files, values that only
// structured clone makes, unrelated text, then a few large hostile files.
import { importFile } from '../../../src/core/recording/import-file';
import type { Imported } from '../../../src/core/recording/session-file';
import { asText, Failures, IMPORT_ERROR, importProblem, noThrow, withShortStacks } from './checks';
import { mutateText, mutateValue, type Rng } from './generate';

export interface ImporterFuzz {
  seed: number;
  count: number;
  /** Valid files to mutate. */
  files: ReadonlyArray<{ value: unknown; text: string }>;
  /** The format's own parser, given a value straight (NaN, BigInt, undefined…), and the form of its rejections. */
  parseValue: (value: unknown) => Imported;
  valueError: RegExp;
  /** A text that is no mutant of a valid file. */
  other: (rng: Rng) => string;
  large: ReadonlyArray<[string, string]>;
  /** What is wrong with how an accepted file accounts for what it held (`value`: the file's JSON, or null). */
  accounting: (result: Imported, value: unknown) => string | null;
  /** How much of a failing input the report quotes. */
  excerpt: number;
}

export function fuzzImporter(rng: Rng, fuzz: ImporterFuzz): { inputs: number; accepted: number; failures: string[] } {
  const failures = new Failures();
  let inputs = 0;
  let accepted = 0;
  // Folds into a session as the panel does (every view must still work) each large file and one accepted file in
  // eight of the rest.
  const check = (text: string, alwaysFold: boolean) => {
    const result = importFile(text);
    if (result.ok) accepted++;
    const fold = alwaysFold || (result.ok && accepted % 8 === 0);
    return importProblem(result, text, IMPORT_ERROR, fold) ?? (result.ok ? fuzz.accounting(result, parseOrNull(text)) : null);
  };
  withShortStacks(() => {
    for (let i = 0; i < fuzz.count; i++) {
      const base = rng.pick(fuzz.files);
      const kind = i % 8;
      inputs++;
      if (kind === 7) {
        const value = mutateValue(rng, base.value, true);
        failures.add(
          () => `seed ${fuzz.seed} input ${i} (value) ${asText(value).slice(0, fuzz.excerpt)}`,
          noThrow(() => importProblem(fuzz.parseValue(value), () => asText(value), fuzz.valueError, false)),
        );
        continue;
      }
      const text =
        kind < 4 ? JSON.stringify(mutateValue(rng, base.value)) :
        kind < 6 ? mutateText(rng, kind === 4 ? base.text : JSON.stringify(mutateValue(rng, base.value))) :
        fuzz.other(rng);
      failures.add(() => `seed ${fuzz.seed} input ${i} ${JSON.stringify(text.slice(0, fuzz.excerpt))}`, noThrow(() => check(text, false)));
    }
    for (const [name, text] of fuzz.large) {
      inputs++;
      failures.add(name, noThrow(() => check(text, true)));
    }
  });
  return { inputs, accepted, failures: failures.list };
}

function parseOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
