// Registers the Pusher panel; the panel page finds its tab through chrome.devtools.inspectedWindow.
import browser from 'webextension-polyfill';

browser.devtools.panels.create('Pusher', '/icons/icon-32.png', '/src/panel/panel.html');
