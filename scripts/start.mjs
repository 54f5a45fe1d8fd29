// @ts-check
// `npm start`: build the extension, start the demo on the local Pusher-protocol server, and open Chromium with the
// extension loaded on the demo page, DevTools open. Without a display it says so and explains how to load dist/.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { build } from 'vite';
import { startDemo } from '../demo/server/main.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const DIST = resolve(ROOT, 'dist');
const PROFILE = resolve(ROOT, '.tmp/chromium-profile');
const noBrowser = process.argv.includes('--no-browser');

const chromiumPath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']
  .filter((p) => typeof p === 'string')
  .find((p) => existsSync(/** @type {string} */ (p)));

console.log('Building the extension into dist/ …');
await build({ configFile: resolve(ROOT, 'vite.config.ts'), logLevel: 'warn' });

const demo = await startDemo({ port: Number(process.env.PORT ?? 6001) });
console.log(`Demo app:   ${demo.url}`);

const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY || process.platform === 'darwin');
const manual = [
  'To load the extension by hand: open chrome://extensions, switch on Developer mode,',
  `click "Load unpacked" and choose ${DIST}; then open ${demo.url}, open DevTools (F12) and pick the "Pusher" panel.`,
].join('\n');

if (noBrowser || !chromiumPath || !hasDisplay) {
  if (!noBrowser) console.log(!chromiumPath ? '\nNo Chromium found (set CHROMIUM_PATH).' : '\nNo display available, so no browser window was opened.');
  console.log(manual);
  console.log('\nThe demo keeps running; press Ctrl+C to stop it.');
} else {
  await mkdir(PROFILE, { recursive: true });
  const args = [
    `--user-data-dir=${PROFILE}`,
    `--disable-extensions-except=${DIST}`,
    `--load-extension=${DIST}`,
    '--auto-open-devtools-for-tabs',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    demo.url,
  ];
  console.log(`Opening Chromium with the extension; in DevTools pick the "Pusher" panel (it may sit behind »).`);
  const browser = spawn(chromiumPath, args, { stdio: 'ignore' });
  browser.on('exit', () => {
    demo.stop().then(() => process.exit(0));
  });
}

for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.on(signal, () => {
    demo.stop().then(() => process.exit(0));
  });
}
