/**
 * The static site keeps working offline after the first visit: its service worker (`sw.js`, beside
 * the page, written by src/bundle/site.ts) holds every file of the site. Browsers run service
 * workers only for pages served over https or from 127.0.0.1/localhost; a page opened from a
 * folder (file://) needs none, its files are on the disk already.
 */
export function keepForOffline(): void {
  if (!('serviceWorker' in navigator) || !/^https?:$/.test(location.protocol)) return;
  // Relative to the page: the site works from any folder of a web server (GitHub Pages' /repo/).
  navigator.serviceWorker.register('sw.js').catch(() => {
    // Without it the page still works, only not offline; nothing for the clerk to do.
  });
}
