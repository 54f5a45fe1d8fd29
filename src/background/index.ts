// A stateless router: pairs the inspected tab's page ports with its panels. Everything it holds is a live port,
// rebuilt by reconnection when the service worker restarts.
import browser from 'webextension-polyfill';
import { PAGE_PORT, tabIdFromPanelPort } from '../core/messages/envelopes';
import { createRouter } from './router';

const router = createRouter({
  extensionOrigin: browser.runtime.getURL(''),
  broadcastToTab: (tabId, message) => {
    browser.tabs.sendMessage(tabId, message).catch(() => undefined); // frames without our relay
  },
});

browser.runtime.onConnect.addListener((port) => {
  const panelTab = tabIdFromPanelPort(port.name);
  if (panelTab !== null) router.addPanel(port, panelTab);
  else if (port.name === PAGE_PORT) router.addPage(port);
  else port.disconnect();
});
