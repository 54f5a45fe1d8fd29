import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import manifest from './manifest.json' with { type: 'json' };
import pkg from './package.json' with { type: 'json' };
import { manifestFor, type Browser } from './scripts/manifest-for';

// `vite build` makes the Chrome package in dist/, `vite build --mode firefox` the Firefox one in dist-firefox/.
export default defineConfig(({ mode }) => {
  const browser: Browser = mode === 'firefox' ? 'firefox' : 'chrome';
  return {
    plugins: [preact(), crx({ browser, manifest: manifestFor(browser, manifest, pkg.version) as unknown as ManifestV3Export })],
    build: {
      // Separate output folders let parallel builds (and the two browsers) not overwrite each other.
      outDir: process.env.PUSHER_DEVTOOLS_OUT ?? (browser === 'firefox' ? 'dist-firefox' : 'dist'),
      emptyOutDir: true,
      target: browser === 'firefox' ? 'firefox128' : 'chrome111',
      sourcemap: true,
      // Referenced only from code (devtools.panels.create), so crxjs cannot find it by itself.
      rollupOptions: { input: { panel: 'src/panel/panel.html' } },
    },
  };
});
