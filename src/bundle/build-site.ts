import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { packageRoot } from '../resources/node.ts';
import { buildSite } from './site.ts';

/**
 * `npm run build:web`: writes the static site into dist/web/ (src/bundle/site.ts says what is in
 * it) and prints each file's size, raw and gzip-compressed (what a web server that compresses
 * sends), and the total.
 */
const OUT = 'dist/web';
const started = performance.now();
try {
  const files = await buildSite(packageRoot, OUT);
  let raw = 0;
  let gzip = 0;
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  for (const file of files) {
    const compressed = gzipSync(readFileSync(path.join(packageRoot, OUT, file.name)), { level: 9 }).length;
    raw += file.bytes;
    gzip += compressed;
    process.stdout.write(`  ${file.name.padEnd(12)} ${kb(file.bytes).padStart(10)} ${kb(compressed).padStart(10)} gzip\n`);
  }
  process.stdout.write(`${OUT}/: ${files.length} files, ${kb(raw)}, ${kb(gzip)} gzip, in ${Math.round(performance.now() - started)} ms\n`);
} catch (err) {
  process.stderr.write(`npm run build:web: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
}
