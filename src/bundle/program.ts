import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { codegen } from './bundle.ts';

/**
 * The command-line program compiled to JavaScript: `npm run build` (which `npm ci` runs through
 * `prepare`) writes dist/, and bin/ita-report.js runs it, so that nothing is transpiled when the
 * program starts. One module per entry (the program, the batch's and the web server's worker
 * threads) and shared chunks, all in one folder: the workers are found beside the chunk that starts
 * them (src/threads), the package's files by walking up to package.json (src/resources). The
 * packages the engine runs are compiled in with our code: Node then reads a few large modules
 * instead of resolving, reading and scanning some two hundred files of node_modules at every start
 * (a cold one-file build 60 ms less). What a command does not need (pdfmake, docx, fonts) is a
 * chunk it never loads. The validators and the templates are compiled here (`codegen.ts`), not when
 * the program starts.
 */

/**
 * Packages left in node_modules: a native module (resvg's, found by its platform's package), and
 * the build tools that only `serve` (bundling the page's script) and the build itself load.
 */
export const UNBUNDLED = ['@resvg/resvg-js', 'esbuild', 'ajv', 'ajv/*'] as const;

/**
 * The packages are CommonJS: in an ES module their `require` of Node's own modules needs a
 * `require`, which an ES module does not have.
 */
const REQUIRE_FOR_PACKAGES = "import { createRequire as __itaCreateRequire } from 'node:module';\nconst require = __itaCreateRequire(import.meta.url);";

export const ENTRIES = {
  cli: 'src/cli/main.ts',
  'batch-worker': 'src/batch/worker.ts',
  'serve-worker': 'src/serve/worker.ts',
} as const;

/** Written last: its time is the build's, which bin/ita-report.js compares with the sources'. */
export const STAMP = 'built';

export interface CompiledProgram {
  /** The files written, relative to the output folder, sorted. */
  files: string[];
  /**
   * Each JavaScript file's static imports of the others (relative to the folder), what was
   * compiled into it (paths from the package root), and what it imports from outside (Node's
   * modules, the packages left in node_modules).
   */
  modules: Record<string, { imports: string[]; inputs: string[]; external: string[] }>;
}

/**
 * Compiles the program into `outDir` (relative to the package root `root`), replacing what was
 * there only once the whole build is written, so that a program running from it meanwhile keeps
 * its files. The same sources give the same bytes. `entries` other than the program's: a test's
 * modules of the engine built as the program has them.
 */
export async function buildProgram(root: string, outDir = 'dist', entries: Record<string, string> = ENTRIES): Promise<CompiledProgram> {
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
    external: [...UNBUNDLED],
    banner: { js: REQUIRE_FOR_PACKAGES },
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
  const relative = (f: string) => path.relative(staging, path.resolve(root, f));
  const modules: CompiledProgram['modules'] = {};
  for (const [file, output] of Object.entries(result.metafile.outputs)) {
    if (!file.endsWith('.js')) continue;
    modules[relative(file)] = {
      imports: output.imports.filter((i) => i.kind === 'import-statement' && !i.external).map((i) => relative(i.path)),
      inputs: Object.keys(output.inputs),
      external: [...new Set(output.imports.filter((i) => i.external).map((i) => i.path))].sort(),
    };
  }
  return { files: Object.keys(result.metafile.outputs).map(relative).sort(), modules };
}

