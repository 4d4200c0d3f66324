import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleScript, type Bundle } from '../../src/bundle/bundle.ts';
import { createAppServer, listen } from '../../src/serve/server.ts';

/**
 * The web page's script: TypeScript (src/serve/page/app.ts and its parts) bundled by the server into
 * the one /app.js the browser loads, with the rules it shares with the server taken from the core's
 * modules. What the page does with it is test/serve/browser.test.ts's.
 */

const APP = new URL('../../src/serve/page/app.ts', import.meta.url);

let bundle: Bundle;
let server: Server;
let base: string;

beforeAll(async () => {
  bundle = await bundleScript(APP);
  const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'ita-bundle-')), 'data');
  mkdirSync(dataDir);
  server = createAppServer({ dataDir, port: 0 });
  base = `http://127.0.0.1:${await listen(server, { dataDir, port: 0 })}`;
}, 60_000);

afterAll(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

describe('the page\'s script, bundled', () => {
  it('is built from the page\'s parts and the core\'s rules it shares with the server', () => {
    expect(bundle.inputs).toEqual(expect.arrayContaining(['src/serve/page/app.ts', 'src/thai/digits.ts', 'src/thai/fiscal.ts', 'src/data/new-file.ts']));
    // Of the server only types, which leave nothing in the script.
    expect(bundle.inputs.filter((f) => f.startsWith('src/serve/') && !f.startsWith('src/serve/page/'))).toEqual([]);
    expect(bundle.code).not.toMatch(/\bfrom\s*["']node:|\bimport\(\s*["']node:/);
    // One module, no imports left for the browser to fetch.
    expect(bundle.code).not.toMatch(/^\s*import\s/m);
  });

  it('is the same bytes every time', async () => {
    expect((await bundleScript(APP)).code).toBe(bundle.code);
  });

  it('is what the server serves as /app.js, under the page\'s content security policy; the sources are not served', async () => {
    const res = await fetch(`${base}/app.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await res.text()).toBe(bundle.code);
    for (const source of ['/app.ts', '/state.ts', '/tsconfig.json', '/page/app.ts']) expect((await fetch(`${base}${source}`)).status).toBe(404);
  });

  it('refuses a script that imports Node (no browser has node:fs)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ita-bundle-node-'));
    writeFileSync(path.join(dir, 'entry.ts'), "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n");
    await expect(bundleScript(pathToFileURL(path.join(dir, 'entry.ts')))).rejects.toThrow(/node:fs/);
  });
});
