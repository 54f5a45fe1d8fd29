import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import manifest from './manifest.json' with { type: 'json' };
import pkg from './package.json' with { type: 'json' };

export default defineConfig({
  plugins: [preact(), crx({ manifest: { ...manifest, version: pkg.version } as ManifestV3Export })],
  build: {
    // Separate output folders let parallel builds (and the Firefox build) not overwrite each other.
    outDir: process.env.PUSHER_DEVTOOLS_OUT ?? 'dist',
    emptyOutDir: true,
    target: 'chrome111',
    sourcemap: true,
    // Referenced only from code (chrome.devtools.panels.create), so crxjs cannot find it by itself.
    rollupOptions: { input: { panel: 'src/panel/panel.html' } },
  },
});
