/** Follows DevTools' own theme inside DevTools, and the system's when the panel runs as a tab. */
export function applyTheme(): void {
  const devtoolsTheme = typeof chrome !== 'undefined' ? chrome.devtools?.panels?.themeName : undefined;
  const dark = devtoolsTheme ? devtoolsTheme === 'dark' : matchMedia('(prefers-color-scheme: dark)').matches;
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
}
