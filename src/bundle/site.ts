import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleScript } from './bundle.ts';
import { thirdPartyNotices } from './notices.ts';

/**
 * The static site of issue 16 (`npm run build:web`): the clerk's page with the whole engine in the
 * browser, as a folder of plain files that any web server can serve, from any folder of it
 * (GitHub Pages' /<repo>/), or that a clerk opens from disk:
 *
 * - index.html: the page of `ita-report serve` (src/serve/page/index.html) told to use the engine
 *   in the browser (`ita-report-backend` = local) and to load nothing from anywhere but its own
 *   folder (a content security policy);
 * - app.js: the page's script (src/serve/page/app.ts), as a classic script (file:// loads no
 *   modules);
 * - style.css: the page's;
 * - engine.js: the engine, from `bundleWebEngine` of src/bundle/web-engine.ts (ENGINE_MODULE);
 * - sw.js: a service worker that keeps every file above, so that after the first visit the page
 *   works offline; its cache is named by a hash of the files, so a new build replaces it.
 *
 * Every path is relative and nothing depends on the clock or the machine: the same sources give
 * the same bytes.
 */

/** The module and function that bundle the engine for the browser (one IIFE, a Worker and a classic script alike). */
export const ENGINE_MODULE = 'src/bundle/web-engine.ts';
export const ENGINE_FUNCTION = 'bundleWebEngine';

export interface SiteOptions {
  /** The engine script's text; by default ENGINE_FUNCTION of ENGINE_MODULE (the tests give a stand-in). */
  engineScript?: () => Promise<string>;
}

export interface SiteFile {
  name: string;
  bytes: number;
}

const PAGE = 'src/serve/page';

/**
 * What the page may load: its own folder only (script, style, the engine's worker, the service
 * worker), the documents it makes (blob:), and WebAssembly compiled from its own files should the
 * engine use any. On a file:// page Chrome lets 'self' stand for files beside it.
 */
export const SITE_CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "connect-src 'self' blob: data:",
  "img-src 'self' blob: data:",
  "font-src 'self' data:",
  "frame-src 'self' blob:",
  "object-src 'self' blob:",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

/** The engine's script, and what it was made of: the files esbuild took code from, the tool's files it carries. */
export interface EngineScript {
  code: string;
  bundled: string[];
  toolFiles: string[];
}

/** The engine script of ENGINE_MODULE, or an error that says what is missing. */
export async function webEngineScript(root: string): Promise<string> {
  return (await webEngine(root)).code;
}

async function webEngine(root: string): Promise<EngineScript> {
  const file = path.join(root, ENGINE_MODULE);
  if (!existsSync(file)) {
    throw new Error(`The static site needs the engine for the browser: ${ENGINE_MODULE} exporting ${ENGINE_FUNCTION}(root) is not there yet (issue 16, the engine's half).`);
  }
  // Named at run time: the site builds without the module as far as the missing-engine error.
  const engine = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  const bundle = engine[ENGINE_FUNCTION];
  if (typeof bundle !== 'function') throw new Error(`${ENGINE_MODULE} does not export a function ${ENGINE_FUNCTION}(root)`);
  // Whatever it returns: the script's text, or a Bundle ({ code }) as bundleScript gives.
  // Minified: a quarter less to download (8 MB instead of 10.4; gzip 2.9 instead of 3.1), the same
  // documents (test/web/engine-browser.test.ts renders with both).
  const made: unknown = await (bundle as (root: string, options: { minify: boolean }) => unknown)(root, { minify: true });
  if (typeof made === 'string') return { code: made, bundled: [], toolFiles: [] };
  if (typeof made === 'object' && made !== null && typeof (made as { code?: unknown }).code === 'string') {
    const { code, bundled, toolFiles } = made as { code: string; bundled?: string[]; toolFiles?: string[] };
    return { code, bundled: bundled ?? [], toolFiles: toolFiles ?? [] };
  }
  throw new Error(`${ENGINE_MODULE}'s ${ENGINE_FUNCTION} gave neither a script nor { code }`);
}

/** The licences of what the site's scripts are made of (src/bundle/notices.ts), linked from the page. */
export const NOTICES = 'THIRD-PARTY-NOTICES.txt';

/** index.html of `serve`, for the static site. Fails if the page no longer has what is changed in it. */
export function siteIndexHtml(served: string): string {
  const edits: [string, string][] = [
    ['<meta name="ita-report-backend" content="server">', `<meta name="ita-report-backend" content="local">\n<meta http-equiv="Content-Security-Policy" content="${SITE_CSP}">`],
    ['<script type="module" src="app.js"></script>', '<script defer src="app.js"></script>'],
    ['</body>', `<p class="notices"><a href="${NOTICES}">สัญญาอนุญาตของซอฟต์แวร์และฟอนต์ที่ใช้ (third-party licences)</a></p>\n</body>`],
  ];
  return edits.reduce((html, [from, to]) => {
    if (!html.includes(from)) throw new Error(`${PAGE}/index.html has no ${from}: src/bundle/site.ts must follow the page`);
    return html.replace(from, to);
  }, served);
}

/**
 * The service worker: on install it caches every file of the site (a failed file fails the
 * install, so a half-cached site never takes over); it answers from that cache first and the
 * network only for what the cache lacks; on activation it removes the caches of earlier builds of
 * the same site (another site on the same origin, e.g. another GitHub Pages repository, keeps its
 * own). The page's address with or without index.html, and with a query, is index.html.
 */
export function serviceWorker(files: string[], version: string): string {
  return `// The service worker of the ita-report static site (src/bundle/site.ts), build ${version}.
'use strict';
const FILES = ${JSON.stringify(files)};
const SITE = 'ita-report ' + self.registration.scope + ' ';
const CACHE = SITE + ${JSON.stringify(version)};

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(FILES.map((file) => new Request(file, { cache: 'reload' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name.startsWith(SITE) && name !== CACHE).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const scope = new URL(self.registration.scope);
  const url = new URL(request.url);
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return;
  const inSite = url.pathname.slice(scope.pathname.length);
  const file = inSite === '' ? 'index.html' : inSite;
  if (!FILES.includes(file)) return;
  event.respondWith(
    caches
      .open(CACHE)
      .then((cache) => cache.match(file))
      .then((cached) => cached || fetch(request)),
  );
});
`;
}

/**
 * Writes the static site into `outDir` (relative to the package root `root`), replacing what was
 * there only once the whole site is written. Returns its files and their sizes.
 */
export async function buildSite(root: string, outDir = 'dist/web', options: SiteOptions = {}): Promise<SiteFile[]> {
  const page = (name: string) => readFileSync(path.join(root, PAGE, name), 'utf8');
  const script = await bundleScript(pathToFileURL(path.join(root, PAGE, 'app.ts')), { format: 'iife' });
  const engine: EngineScript = options.engineScript ? { code: await options.engineScript(), bundled: [], toolFiles: [] } : await webEngine(root);
  const files = new Map<string, string>([
    ['index.html', siteIndexHtml(page('index.html'))],
    ['app.js', script.code],
    ['style.css', page('style.css')],
    ['engine.js', engine.code],
    [NOTICES, thirdPartyNotices(root, [...script.inputs, ...engine.bundled], engine.toolFiles)],
  ]);
  const hash = createHash('sha256');
  for (const [name, text] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) hash.update(`${name}\0${text.length}\0`).update(text);
  const version = hash.digest('hex').slice(0, 16);
  files.set('sw.js', serviceWorker([...files.keys()], version));

  const target = path.resolve(root, outDir);
  const staging = `${target}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  for (const [name, text] of files) writeFileSync(path.join(staging, name), text);
  const old = `${target}.old-${process.pid}`;
  if (existsSync(target)) renameSync(target, old);
  renameSync(staging, target);
  rmSync(old, { recursive: true, force: true });
  return [...files].map(([name, text]) => ({ name, bytes: Buffer.byteLength(text) }));
}
