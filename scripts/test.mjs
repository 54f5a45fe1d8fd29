// @ts-check
// `npm test`: type-check, build the extension, run unit and end-to-end tests, and close with one plain summary line.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const REPORT = resolve(ROOT, '.tmp/vitest-report.json');
const extra = process.argv.slice(2);

/** @param {string} title @param {string[]} command */
function step(title, command) {
  console.log(`\n▶ ${title}`);
  const started = Date.now();
  const result = spawnSync(command[0] ?? '', command.slice(1), { cwd: ROOT, stdio: 'inherit' });
  console.log(`  (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return result.status === 0;
}

/** @param {string} name */
const bin = (name) => resolve(ROOT, 'node_modules/.bin', name);
if (!step('Type-check', [bin('tsc'), '--noEmit'])) process.exit(1);
if (!step('Build the extension for Chrome', [bin('vite'), 'build', '--logLevel', 'warn'])) process.exit(1);
if (!step('Build the extension for Firefox', [bin('vite'), 'build', '--mode', 'firefox', '--logLevel', 'warn'])) process.exit(1);
// Warnings are accepted (see README, "Firefox"); an error fails the run as it would fail review on addons.mozilla.org.
if (!step('Lint the Firefox build (web-ext)', [bin('web-ext'), 'lint', '--source-dir', 'dist-firefox', '--output', 'text', '--warnings-as-errors=false'])) process.exit(1);
rmSync(REPORT, { force: true });
const passed = step('Unit and end-to-end tests', [
  bin('vitest'), 'run', '--config', 'vitest.config.ts', '--reporter=default', '--reporter=json', `--outputFile=${REPORT}`, ...extra,
]);

if (existsSync(REPORT)) {
  const report = JSON.parse(readFileSync(REPORT, 'utf8'));
  const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  console.log(`\nTests: ${report.numPassedTests} passed, ${report.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`);
}
process.exit(passed ? 0 : 1);
