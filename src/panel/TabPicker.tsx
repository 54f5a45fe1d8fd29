import { useEffect, useState } from 'preact/hooks';
import browser, { type Tabs } from 'webextension-polyfill';

/** Shown when the panel page is opened on its own without ?tabId=: pick the tab to inspect. */
export function TabPicker() {
  const [tabs, setTabs] = useState<Tabs.Tab[] | null>(null);
  useEffect(() => {
    browser.tabs.query({}).then(
      (all) => setTabs(all.filter((tab) => tab.id !== undefined && !tab.url?.startsWith(location.origin))),
      () => setTabs([]),
    );
  }, []);
  return (
    <div class="tab-picker">
      <h1>Pick a tab to inspect</h1>
      <p class="note">This page shows the Pusher traffic of one tab. In DevTools, the Pusher panel picks its tab by itself.</p>
      {tabs === null ? (
        <p class="note">Loading tabs…</p>
      ) : tabs.length === 0 ? (
        <p class="note">No other tab is open.</p>
      ) : (
        <ul>
          {tabs.map((tab) => (
            <li key={tab.id}>
              <a href={`?tabId=${tab.id}`}>{tab.title || tab.url || `Tab ${tab.id}`}</a>
              <span class="note mono"> {tab.url}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
