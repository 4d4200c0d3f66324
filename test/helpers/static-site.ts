import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';

/**
 * A plain static file server for a built site (dist/web), as any web server would serve it: under
 * `subPath` (GitHub Pages' /<repo>/), the folder's files as they are and index.html for the folder,
 * 404 for anything else. `down()` true: it answers nothing but 503 (the network gone, whatever the
 * browser thinks). Used by the static site's tests and the bench.
 */
export function staticSiteServer(dir: string, subPath = '/', down: () => boolean = () => false): Server {
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
  return createServer((req, res) => {
    if (down()) return void res.writeHead(503).end('down');
    const url = new URL(req.url ?? '/', 'http://x');
    const name = url.pathname === subPath ? 'index.html' : url.pathname.startsWith(subPath) ? url.pathname.slice(subPath.length) : '';
    if (!name || name.includes('/') || !readdirSync(dir).includes(name)) return void res.writeHead(404).end('not found');
    const bytes = readFileSync(path.join(dir, name));
    res.writeHead(200, { 'content-type': `${types[path.extname(name)] ?? 'application/octet-stream'}; charset=utf-8`, 'content-length': bytes.length });
    res.end(bytes);
  });
}

/** Listens on 127.0.0.1 at a free port; the site's address under `subPath`. */
export async function listenLocally(server: Server, subPath = '/'): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}${subPath}`;
}
