import { render } from 'preact';
import { App } from './App';
import { connectToTab } from './connection';
import { loadPreserveLog, watchNavigation } from './navigation';
import { loadHoldFloods, loadRetention } from './settings';
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
  store.dispatch({ kind: 'set-preserve-log', preserve: loadPreserveLog() });
  store.dispatch({ kind: 'set-retention', retention: loadRetention() });
  watchNavigation(tabId, store.dispatch);
  const holdFloods = loadHoldFloods();
  const connection = connectToTab(tabId, store.dispatch, holdFloods);
  render(<App store={store} tabId={tabId} send={connection.send} holdFloods={holdFloods} setHoldFloods={connection.setHoldFloods} />, root);
}
