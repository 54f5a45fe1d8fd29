import { describe, expect, it } from 'vitest';
import manifest from '../../../manifest.json' with { type: 'json' };
import { FIREFOX_MIN_VERSION, GECKO_ID, manifestFor } from '../../../scripts/manifest-for';

describe('manifestFor', () => {
  it('keeps the Chrome manifest as written, with the version given', () => {
    const chrome = manifestFor('chrome', manifest, '9.8.7');
    expect(chrome).toEqual({ ...manifest, version: '9.8.7' });
  });

  it('gives Firefox an event page, a gecko id, its minimum version and a data-collection declaration', () => {
    const firefox = manifestFor('firefox', manifest, '9.8.7');
    expect(firefox.version).toBe('9.8.7');
    expect(firefox.background).toEqual({ scripts: [manifest.background.service_worker], type: 'module' });
    expect(firefox).not.toHaveProperty('minimum_chrome_version');
    expect(firefox['browser_specific_settings']).toEqual({
      gecko: { id: GECKO_ID, strict_min_version: FIREFOX_MIN_VERSION, data_collection_permissions: { required: ['none'] } },
    });
    // Everything else (content scripts in the MAIN world, host permissions, the DevTools page) is shared.
    expect(firefox['content_scripts']).toEqual(manifest.content_scripts);
    expect(firefox['host_permissions']).toEqual(manifest.host_permissions);
    expect(firefox['devtools_page']).toBe(manifest.devtools_page);
  });
});
