import { status } from './dom.ts';

/**
 * The static site keeps working offline after the first visit: its service worker (`sw.js`, beside
 * the page, written by src/bundle/site.ts) holds every file of the site. Browsers run service
 * workers only for pages served over https or from 127.0.0.1/localhost; a page opened from a
 * folder (file://) needs none, its files are on the disk already.
 */
export function keepForOffline(): void {
  if (!('serviceWorker' in navigator) || !/^https?:$/.test(location.protocol)) return;
  // A page shown by an earlier build's service worker: when a new build's takes over (the site was
  // updated), the page itself is still the earlier one until it is loaded again.
  const shownByEarlierBuild = navigator.serviceWorker.controller !== null;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (shownByEarlierBuild) status('หน้าเว็บมีรุ่นใหม่แล้ว: บันทึกงานที่ทำอยู่ แล้วโหลดหน้าเว็บใหม่ (a new version of the page is ready: save your work, then reload the page)');
  });
  // Relative to the page: the site works from any folder of a web server (GitHub Pages' /repo/).
  navigator.serviceWorker.register('sw.js').catch(() => {
    // Without it the page still works, only not offline; nothing for the clerk to do.
  });
}
