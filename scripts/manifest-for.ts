// One manifest.json for both browsers; Firefox differs in how it runs the background and names the add-on.
export type Browser = 'chrome' | 'firefox';

/** Firefox 128 is the first release that runs content scripts in the page's MAIN world. */
export const FIREFOX_MIN_VERSION = '128.0';
export const GECKO_ID = 'pusher-devtools@pusher-devtools.dev';

type Manifest = { manifest_version: number; name: string; version: string; background?: Record<string, unknown> } & Record<string, unknown>;

export function manifestFor(browser: Browser, base: Manifest, version: string): Manifest {
  const common: Manifest = { ...base, version };
  if (browser === 'chrome') return common;
  const { minimum_chrome_version: _chromeOnly, background, ...rest } = common;
  return {
    ...rest,
    // Firefox has no extension service workers: the same module runs as a (non-persistent) event page.
    background: { scripts: [background?.['service_worker']], type: background?.['type'] },
    browser_specific_settings: {
      gecko: {
        id: GECKO_ID,
        strict_min_version: FIREFOX_MIN_VERSION,
        // Nothing leaves the browser: captured traffic stays in the DevTools panel unless the user exports it.
        data_collection_permissions: { required: ['none'] },
      },
    },
  };
}
