// @ts-check
// `npm run bench`: every benchmark in turn, each in its own process; arguments (e.g. --smoke) go to all of them.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const ALL = ['overhead', 'sustained', 'scale', 'latency', 'rest'];
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const args = process.argv.slice(2).filter((a) => a.startsWith('--'));
let failed = 0;
for (const name of only.length ? only : ALL) {
  console.log(`\n━━ ${name} ━━`);
  const result = spawnSync(process.execPath, [resolve(import.meta.dirname, `${name}.mjs`), ...args], { stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
// A missed target is a figure to report, not a crash; only a benchmark that could not run fails this command.
process.exit(failed ? 1 : 0);
