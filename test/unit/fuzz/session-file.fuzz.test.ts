import { describe, expect, it } from 'vitest';
import { importFile } from '../../../src/core/recording/import-file';
import { exportSession, parseSessionFile, SESSION_FORMAT } from '../../../src/core/recording/session-file';
import { IMPORT_ERROR } from './checks';
import { fuzzImporter } from './importer-loop';
import {
  AWKWARD_STRINGS,
  binaryGarbage,
  createRng,
  deepNesting,
  numberRecords,
  pool,
  randomJson,
  report,
  validRecordedPage,
  type Rng,
} from './generate';

const SEED = 0x5e55f11e;
const SMALL_FILES = 100_000;
const TIMEOUT = 120_000;

const sessionPool = (rng: Rng) =>
  pool(500, () => exportSession(Array.from({ length: 1 + rng.int(2) }, (_, i) => validRecordedPage(rng, i)), { redact: rng.chance(0.5), now: new Date(0) }));

/**
 * Accepted files keep every page and account for every record: each one is either imported or counted as skipped.
 * `value` is what the file held (null when it was not JSON).
 */
function accountingProblem(result: ReturnType<typeof importFile>, value: unknown): string | null {
  if (!result.ok || typeof value !== 'object' || value === null) return null;
  const pages = (value as { pages?: unknown }).pages;
  if (!Array.isArray(pages)) return 'accepted a file without a pages list';
  if (result.pages.length !== pages.length) return `${pages.length} pages in the file, ${result.pages.length} imported`;
  const inFile = pages.reduce((n: number, page: { records?: unknown[] }) => n + (page.records?.length ?? 0), 0);
  const imported = result.pages.reduce((n, page) => n + page.records.length, 0);
  return imported + result.skipped === inFile ? null : `${inFile} records in the file, ${imported} imported and ${result.skipped} skipped`;
}


const MB = 1024 * 1024;

function largeSessionTexts(rng: Rng): Array<[string, string]> {
  const file = (pages: unknown) => JSON.stringify({ format: SESSION_FORMAT, version: 1, exportedAt: '', redacted: false, pages });
  const page = (records: unknown) => ({ pageId: 'p', origin: { frameId: 0, url: 'http://h/' }, records });
  const deep = deepNesting(100_000);
  const manyRecords = numberRecords(Array.from({ length: 20_000 }, () => ({ type: 'frame', sid: 1, dir: 'in', text: '{"event":"e","channel":"c","data":"{}"}' })));
  return [
    ['100k levels of [ as the file', deep],
    ['100k levels of { as the file', deepNesting(100_000, 'object')],
    ['100k levels of [ unclosed', deepNesting(100_000, 'array', false)],
    ['100k levels as "format"', `{"format":${deep}}`],
    ['100k levels as "version"', `{"format":"${SESSION_FORMAT}","version":${deep}}`],
    ['100k levels as "pages"', `{"format":"${SESSION_FORMAT}","version":1,"pages":${deep}}`],
    ['100k levels as a page', `{"format":"${SESSION_FORMAT}","version":1,"pages":[${deep}]}`],
    ['100k levels as a record', `{"format":"${SESSION_FORMAT}","version":1,"pages":[{"pageId":"p","origin":{"frameId":0,"url":""},"records":[${deep}]}]}`],
    ['100k levels as a frame text', file([page(numberRecords([{ type: 'frame', sid: 1, dir: 'in', text: `{"event":"x","data":${deep}}` }]))])],
    ['5 MB "format" string', JSON.stringify({ format: 'f'.repeat(5 * MB) })],
    ['5 MB "version" number', `{"format":"${SESSION_FORMAT}","version":${'9'.repeat(5 * MB)}}`],
    ['5 MB page id', file([{ ...page([]), pageId: 'p'.repeat(5 * MB) }])],
    ['5 MB frame text', file([page(numberRecords([{ type: 'frame', sid: 1, dir: 'in', text: JSON.stringify({ event: 'big', channel: 'c', data: 'x'.repeat(5 * MB) }) }]))])],
    ['1,001 pages', file(Array.from({ length: 1_001 }, () => page([])))],
    ['300,000 nulls as pages', file(new Array(300_000).fill(null))],
    ['20,000 records', file([page(manyRecords)])],
    ['1 MB of binary garbage', binaryGarbage(rng, MB)],
    ['1 MB of lone surrogates in a string', JSON.stringify({ format: '\udc00'.repeat(MB) })],
    ['empty', ''],
    ['whitespace', ' \n\t'],
    ['a BOM then a session', `\ufeff${file([])}`],
  ];
}

describe('fuzz: the session-file importer', () => {
  it(`importFile and parseSessionFile: ${SMALL_FILES.toLocaleString('en-US')} hostile session files and large ones, no exception, clear rejections`, () => {
    const started = performance.now();
    const rng = createRng(SEED);
    const { inputs, accepted, failures } = fuzzImporter(rng, {
      seed: SEED,
      count: SMALL_FILES,
      files: sessionPool(rng),
      // Straight to parseSessionFile with values only structured clone makes (NaN, BigInt, Map, undefined, …).
      parseValue: parseSessionFile,
      valueError: IMPORT_ERROR,
      other: (r: Rng) => (r.chance(0.5) ? (JSON.stringify(randomJson(r, 4)) ?? '') : r.chance(0.5) ? binaryGarbage(r, r.int(64)) : r.pick(AWKWARD_STRINGS)),
      large: largeSessionTexts(rng),
      accounting: accountingProblem,
      excerpt: 200,
    });
    report(`session-file importer (importFile/parseSessionFile, ${accepted.toLocaleString('en-US')} accepted)`, inputs, started);
    expect(failures).toEqual([]);
    expect(inputs).toBeGreaterThanOrEqual(SMALL_FILES);
    // The mutants must reach past the first checks: some files are accepted, most are not.
    expect(accepted).toBeGreaterThan(SMALL_FILES / 20);
    expect(accepted).toBeLessThan(SMALL_FILES / 2);
  }, TIMEOUT);
});
