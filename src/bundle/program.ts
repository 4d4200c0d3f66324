import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

/**
 * The command-line program compiled to JavaScript: `npm run build` (which `npm ci` runs through
 * `prepare`) writes dist/, and bin/ita-report.js runs it, so that nothing is transpiled when the
 * program starts. One module per entry (the program, the batch's and the web server's worker
 * threads) and shared chunks, all in one folder: the workers are found beside the chunk that starts
 * them (src/threads), the package's files by walking up to package.json (src/resources). Packages
 * stay in node_modules, loaded by Node as they are: only our own code is compiled, and what a
 * command does not need (pdfmake, docx, fonts) is a chunk it never loads.
 */

export const ENTRIES = {
  cli: 'src/cli/main.ts',
  'batch-worker': 'src/batch/worker.ts',
  'serve-worker': 'src/serve/worker.ts',
} as const;

/** Written last: its time is the build's, which bin/ita-report.js compares with the sources'. */
export const STAMP = 'built';

/**
 * Compiles the program into `outDir` (relative to the package root `root`), replacing what was
 * there only once the whole build is written, so that a program running from it meanwhile keeps
 * its files. The same sources give the same bytes.
 */
export async function buildProgram(root: string, outDir = 'dist'): Promise<string[]> {
  const target = path.resolve(root, outDir);
  const staging = `${target}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: ENTRIES,
    outdir: staging,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    charset: 'utf8',
    legalComments: 'none',
    // Maps beside the modules, read only when a stack is asked for (--debug): the stack of a bug
    // then names src/…ts lines, as when the sources run.
    sourcemap: true,
    sourcesContent: false,
    metafile: true,
    logLevel: 'silent',
    write: true,
  });
  writeFileSync(path.join(staging, STAMP), 'dist/ is compiled from src/ by `npm run build`; delete it to run the sources.\n');
  const old = `${target}.old-${process.pid}`;
  if (existsSync(target)) renameSync(target, old);
  renameSync(staging, target);
  rmSync(old, { recursive: true, force: true });
  return Object.keys(result.metafile.outputs).map((f) => path.relative(staging, path.resolve(root, f))).sort();
}
