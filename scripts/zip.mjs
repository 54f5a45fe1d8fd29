// @ts-check
// `npm run zip`: store-ready packages for Chrome and Firefox in packages/, after checking what goes in them.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = resolve(ROOT, 'packages');
const pkg = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8'));
const bin = (/** @type {string} */ name) => resolve(ROOT, 'node_modules/.bin', name);
/** The only permissions the extension asks for; the README says why each is needed. */
const ALLOWED_PERMISSIONS = new Set(['<all_urls>']);

/** @param {string[]} command */
function run(command) {
  const result = spawnSync(command[0] ?? '', command.slice(1), { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** @param {string} dir @returns {string[]} */
const filesIn = (dir) =>
  readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? filesIn(join(dir, name)) : [join(dir, name)]));

/** Stops with a message when a package would be wrong, rather than shipping it. @param {string} dir */
function check(dir) {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const problems = [];
  if (manifest.version !== pkg.version) problems.push(`version ${manifest.version} is not package.json's ${pkg.version}`);
  if (!manifest.description) problems.push('no description');
  for (const icon of Object.values(manifest.icons ?? {})) if (!existsSync(join(dir, String(icon)))) problems.push(`icon ${icon} is missing`);
  if (!manifest.icons?.['128']) problems.push('no 128 px icon (the stores require it)');
  const asked = [...(manifest.permissions ?? []), ...(manifest.host_permissions ?? []), ...(manifest.optional_permissions ?? [])];
  for (const permission of asked) if (!ALLOWED_PERMISSIONS.has(permission)) problems.push(`unexpected permission ${permission}`);
  if (problems.length) {
    console.error(`${relative(ROOT, dir)}: ${problems.join('; ')}`);
    process.exit(1);
  }
}

const targets = [
  { browser: 'chrome', dir: resolve(ROOT, 'dist-zip-chrome'), mode: 'production' },
  { browser: 'firefox', dir: resolve(ROOT, 'dist-zip-firefox'), mode: 'firefox' },
];
for (const { browser, dir, mode } of targets) {
  spawnSync(bin('vite'), ['build', '--mode', mode, '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, PUSHER_DEVTOOLS_OUT: relative(ROOT, dir) },
  }).status === 0 || process.exit(1);
  check(dir);
  if (browser === 'firefox') run([bin('web-ext'), 'lint', '--source-dir', dir, '--self-hosted=false']);
  const filename = `pusher-devtools-${browser}-${pkg.version}.zip`;
  // Source maps stay out of the stores' packages; .vite/ is the bundler's own bookkeeping.
  run([bin('web-ext'), 'build', '--source-dir', dir, '--artifacts-dir', OUT, '--filename', filename, '--overwrite-dest', '--ignore-files', '**/*.map', '.vite', '.vite/**']);
  const shipped = filesIn(dir).filter((file) => !file.endsWith('.map') && !relative(dir, file).startsWith('.vite'));
  console.log(`packages/${filename}: ${shipped.length} files, ${(statSync(join(OUT, filename)).size / 1024).toFixed(0)} KB`);
}
