import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';
import { BROWSER_BUILD, codegen } from './bundle.ts';

/**
 * The engine for the browser (issue 16): src/web/engine-worker.ts and everything it reaches (the
 * core, pdfmake, pdfkit, fontkit, docx, ECharts, yaml, Handlebars' runtime, resvg's WebAssembly),
 * with the tool's files (frameworks/, templates/, assets/, fonts/*.ttf) and resvg's module in it,
 * as one classic script (an IIFE): a Web Worker's script and a page's `<script>` alike, nothing
 * fetched when it runs. Built in memory with esbuild; the same sources give the same bytes.
 *
 * What pdfkit and pdfmake take from Node is put in from src/web/shims (ours, no package added):
 * `buffer` (and the global Buffer), `events`, `stream` (Readable), `zlib` (fflate), and for `fs`
 * and `crypto`, which the engine never calls in a browser, functions that fail by name; for png-js
 * (PNG pictures in a PDF, which the engine never draws) a class that fails by name. pdfmake,
 * pdfkit and fontkit are taken in the CommonJS builds Node runs (pdfmake's "browser" field names a
 * prebuilt bundle with a pdfkit of its own, which the hooks of pdfkit-hooks.ts would not reach).
 */

export interface WebEngineBundle {
  /** The script, UTF-8. */
  code: string;
  /** The source files it was built from, relative to the package root (packages and generated modules left out). */
  inputs: string[];
  /** The tool's files it carries, by path from the package root. */
  toolFiles: string[];
  /** Every file esbuild took code from, packages included (their notices: src/bundle/notices.ts). */
  bundled: string[];
}

const SHIMS: Record<string, string> = {
  buffer: 'src/web/shims/buffer.ts',
  events: 'src/web/shims/events.ts',
  stream: 'src/web/shims/stream.ts',
  zlib: 'src/web/shims/zlib.ts',
  fs: 'src/web/shims/unavailable.ts',
  crypto: 'src/web/shims/unavailable.ts',
  'png-js': 'src/web/shims/png.ts',
};

/** The folders of the tool read as text, and the fonts read as bytes (src/web/tool-files.ts). */
const TEXT_FOLDERS = ['frameworks', 'templates', 'assets'];
const FONT_FOLDER = 'fonts';

function filesUnder(root: string, dir: string): string[] {
  return readdirSync(path.join(root, dir))
    .sort()
    .flatMap((name) => {
      const file = `${dir}/${name}`;
      return statSync(path.join(root, file)).isDirectory() ? filesUnder(root, file) : [file];
    });
}

/** The module src/web/tool-files.ts with the tool's files in it (sorted: the same files, the same bytes). */
function toolFilesModule(root: string): { contents: string; files: string[] } {
  const require = createRequire(path.join(root, 'package.json'));
  const text = TEXT_FOLDERS.flatMap((dir) => filesUnder(root, dir));
  const fonts = filesUnder(root, FONT_FOLDER).filter((f) => f.endsWith('.ttf'));
  const wasm = readFileSync(require.resolve('@resvg/resvg-wasm/index_bg.wasm')).toString('base64');
  const entries = (files: string[], read: (file: string) => string): string => files.map((f) => `    ${JSON.stringify(f)}: ${JSON.stringify(read(f))},`).join('\n');
  const contents = [
    'export const TOOL_FILES = {',
    '  text: {',
    entries(text, (f) => readFileSync(path.join(root, f), 'utf8')),
    '  },',
    '  binary: {',
    entries(fonts, (f) => readFileSync(path.join(root, f)).toString('base64')),
    '  },',
    `  resvgWasm: ${JSON.stringify(wasm)},`,
    '};',
    '',
  ].join('\n');
  return { contents, files: [...text, ...fonts] };
}

function webPlugin(root: string, files: string[]): Plugin {
  // The builds Node loads (see above), by file. esbuild finds them as it finds the files the hooks
  // import (pdfmake/js/PDFDocument): one path for each file, so one copy of each module in the
  // bundle, even where node_modules is a symbolic link (Node's require.resolve would give the real
  // path, and the hooks would patch a second copy that pdfmake never uses).
  const packages: Record<string, string> = { pdfmake: 'pdfmake/js/index.js', pdfkit: 'pdfkit/js/pdfkit.js' };
  return {
    name: 'ita-report-web-engine',
    setup(b) {
      b.onResolve({ filter: /^(buffer|events|stream|zlib|fs|crypto|png-js)$/ }, (args) => ({ path: path.join(root, SHIMS[args.path]!) }));
      b.onResolve({ filter: /^(pdfmake|pdfkit)$/ }, async (args) => {
        const found = await b.resolve(packages[args.path]!, { resolveDir: root, kind: args.kind });
        return found.errors.length > 0 ? { errors: found.errors } : { path: found.path };
      });
      b.onLoad({ filter: /[\\/]src[\\/]web[\\/]tool-files\.ts$/ }, () => {
        const generated = toolFilesModule(root);
        files.push(...generated.files);
        return { contents: generated.contents, loader: 'js' };
      });
    },
  };
}

export interface WebEngineOptions {
  /**
   * esbuild's minifying (names kept: `keepNames`, as some packages read a class's name): a third
   * smaller, the same documents (test/web/engine-browser.test.ts renders with both).
   */
  minify?: boolean;
}

/** Bundles the engine for the browser from the package at `root`. */
export async function bundleWebEngine(root: string, options: WebEngineOptions = {}): Promise<WebEngineBundle> {
  const toolFiles: string[] = [];
  const result = await build({
    ...BROWSER_BUILD,
    entryPoints: [path.join(root, 'src/web/engine-worker.ts')],
    absWorkingDir: root,
    format: 'iife',
    minify: options.minify ?? false,
    keepNames: options.minify ?? false,
    // Node's name of the global object, which pdfmake's code uses.
    define: { global: 'globalThis' },
    // Node's Buffer where pdfkit and pdfmake use it as a global.
    inject: [path.join(root, 'src/web/shims/buffer-global.ts')],
    plugins: [webPlugin(root, toolFiles), await codegen(root)],
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error('esbuild gave no output for src/web/engine-worker.ts');
  const inputs = Object.keys(result.metafile.inputs)
    .filter((f) => !f.includes('node_modules/') && !f.includes(':'))
    .sort();
  return { code: output.text, inputs, toolFiles: [...new Set(toolFiles)].sort(), bundled: Object.keys(result.metafile.inputs).sort() };
}
