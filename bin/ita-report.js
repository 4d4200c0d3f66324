#!/usr/bin/env node
import { existsSync, readdirSync, statSync } from 'node:fs';

/**
 * Runs the compiled program in dist/ (`npm run build`, which `npm ci` runs) when it is newer than
 * every source file (and the schema it holds): nothing to transpile at start. Otherwise (a source edited since, or no build)
 * the TypeScript sources through tsx, so that an edit takes effect at once, only slower to start.
 */
const root = new URL('../', import.meta.url);

function newestUnder(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = new URL(entry.name + (entry.isDirectory() ? '/' : ''), dir);
    newest = Math.max(newest, entry.isDirectory() ? newestUnder(full) : statSync(full).mtimeMs);
  }
  return newest;
}

// The sources, and the JSON Schema the build takes into the program.
const stamp = new URL('dist/built', root);
const compiled = existsSync(stamp) && statSync(stamp).mtimeMs >= Math.max(newestUnder(new URL('src/', root)), statSync(new URL('data/ita-report.schema.json', root)).mtimeMs);
if (compiled) {
  // A stack printed for a bug names the sources' lines (the maps cost time only when asked for).
  if (process.argv.includes('--debug') || process.env.ITA_REPORT_DEBUG === '1') process.setSourceMapsEnabled(true);
  await import(new URL('dist/cli.js', root).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
