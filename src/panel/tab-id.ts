/** The inspected tab: `?tabId=N` when the panel runs as a page of its own, else the DevTools window's tab. */
export function resolveTabId(): number | null {
  const param = new URLSearchParams(location.search).get('tabId');
  if (param !== null) {
    const id = Number(param);
    return Number.isInteger(id) && id >= 0 ? id : null;
  }
  return typeof chrome !== 'undefined' && chrome.devtools?.inspectedWindow ? chrome.devtools.inspectedWindow.tabId : null;
}
