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
 * command does not need (pdfmake, docx, fonts) is a chunk it never loads. The validators and the
 * templates are compiled here (`codegen.ts`), not when the program starts.
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
 * its files. The same sources give the same bytes. `entries` other than the program's: a test's
 * modules of the engine built as the program has them.
 */
export async function buildProgram(root: string, outDir = 'dist', entries: Record<string, string> = ENTRIES): Promise<string[]> {
  const target = path.resolve(root, outDir);
  const staging = `${target}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: entries,
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
    // The data and framework validators (ajv) and the templates (Handlebars) compiled at build
    // time: nothing to compile when the program starts (src/bundle/codegen.ts).
    plugins: [await codegen(root)],
    write: true,
  });
  writeFileSync(path.join(staging, STAMP), 'dist/ is compiled from src/ by `npm run build`; delete it to run the sources.\n');
  const old = `${target}.old-${process.pid}`;
  if (existsSync(target)) renameSync(target, old);
  renameSync(staging, target);
  rmSync(old, { recursive: true, force: true });
  return Object.keys(result.metafile.outputs).map((f) => path.relative(staging, path.resolve(root, f))).sort();
}

/**
 * The plugin of `codegen.ts`, loaded when a build runs: it brings ajv's and Handlebars' compilers,
 * which a command that only imports this module (the program's commands, through the server)
 * should not load.
 */
async function codegen(root: string): Promise<import('esbuild').Plugin> {
  return (await import('./codegen.ts')).codegenPlugin(root);
}
