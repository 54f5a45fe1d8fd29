import { render } from 'preact';
import { App } from './App';
import { connectToTab } from './connection';
import { createStore } from './store';
import { TabPicker } from './TabPicker';
import { resolveTabId } from './tab-id';
import { applyTheme } from './theme';

applyTheme();
const tabId = resolveTabId();
const root = document.getElementById('app') as HTMLElement;
if (tabId === null) {
  render(<TabPicker />, root);
} else {
  const store = createStore();
  const connection = connectToTab(tabId, store.dispatch);
  render(<App store={store} tabId={tabId} send={connection.send} />, root);
}
