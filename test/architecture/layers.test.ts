import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The import graph of src/ against the layers of the README ("How it is built"). Every
 * `import … from '…'`, `export … from '…'` and `import('…')` of every file is read with a regular
 * expression; relative paths are resolved to the file they name. Two rules:
 * - an import between two parts of src is allowed only if ALLOWED says so;
 * - the core (data, analysis, compose, model, export, thai) imports nothing of Node (`node:…`) and
 *   reads no `process.…`, so that it can run in a browser;
 * - the web page's script (src/serve/page) and every file it imports run in the browser: none of
 *   them uses Node; of serve it imports only types (the API's, src/serve/api.ts), which are erased.
 * Known exceptions are listed below by file, each to be removed; a listed exception that no longer
 * occurs fails the test too, so the lists only ever shrink.
 */

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

/**
 * The part of src a file belongs to: its top-level folder, `pipeline` for src/pipeline.ts, and
 * within src/export each renderer on its own (`export/pdf`, `export/docx`, `export/text`,
 * `export/chart`) and `export/shared` for the file beside them (emblem.ts),
 * the web page's script (`serve/page`) apart from the server that serves it, and
 * `resources/node` for src/resources/node.ts, the Node implementation of the resources
 * (`resources`), which the core may not import.
 */
function partOf(file: string): string {
  const rel = path.relative(SRC, file).split(path.sep);
  if (rel.length === 1) return rel[0]!.replace(/\.ts$/, '');
  if (rel[0] === 'export') return rel.length === 2 ? 'export/shared' : `export/${rel[1]}`;
  if (rel[0] === 'serve' && rel[1] === 'page') return 'serve/page';
  if (rel[0] === 'resources' && rel[1] === 'node.ts') return 'resources/node';
  return rel[0]!;
}

const CORE = ['thai', 'style', 'data', 'analysis', 'model', 'compose', 'export/shared', 'export/chart', 'export/pdf', 'export/docx', 'export/text'];

/** Which part may import which (besides itself). Mirrors the diagram in the README. */
const ALLOWED: Record<string, string[]> = {
  // The core, bottom up.
  thai: [],
  data: ['thai', 'resources'],
  analysis: ['data', 'thai'],
  model: ['thai'],
  compose: ['data', 'analysis', 'model', 'thai', 'resources'],
  // The one style sheet of the page (points), read by the exporters and the font service.
  style: [],
  // The emblem reads resvg's WebAssembly module through the resources.
  'export/shared': ['model', 'thai', 'style', 'fonts', 'resources'],
  'export/chart': ['export/shared', 'model', 'thai', 'style', 'fonts'],
  'export/pdf': ['export/chart', 'export/shared', 'model', 'thai', 'style', 'fonts'],
  'export/docx': ['export/chart', 'export/shared', 'model', 'thai', 'style', 'fonts'],
  'export/text': ['export/shared', 'model', 'thai', 'style'],
  // Services. What the core reads (its own files, emblems, the SVG check) goes through `resources`
  // (pure, the interface); `resources/node` is its Node implementation, which the pipeline
  // installs (and the tests' setup), and where the package's folder is found for the Node services
  // (the bundled fonts, the batch's fingerprint of the tool).
  resources: [],
  'resources/node': ['resources'],
  // The fonts' bytes through the resources (a user's --pdf-font read by fonts/user.ts on Node).
  fonts: ['thai', 'style', 'resources'],
  // The pure rules of data files' names (src/data/previous-name.ts: last year's file) applied on disk.
  files: ['data'],
  // Starting worker threads from the sources or the compiled program (dist/).
  threads: [],
  // esbuild: the web page's script for the browser, the program into dist/ (npm run build); its
  // plugin compiles the validators and the templates at build time, from the definitions the
  // engine compiles at run time from the sources (src/data/schemas.ts, src/compose/template-source.ts),
  // and the words of the sample's documents shaped (the engine renders them, the fonts save them).
  bundle: ['resources/node', 'data', 'compose', 'engine', 'fonts'],
  // The engine's own work from a text to its documents (check, compare, compose, render), no Node:
  // the pipeline runs it on Node, the browser's worker (web) in a browser.
  engine: [...CORE, 'resources', 'fonts'],
  pipeline: [...CORE, 'engine', 'resources', 'resources/node', 'fonts', 'files'],
  messages: [...CORE, 'engine', 'pipeline'],
  // The one build function of the three entry points (check, render, write) and the options' fingerprint.
  build: [...CORE, 'fonts', 'files', 'messages', 'pipeline'],
  // Entry points: batch and serve never import cli or each other; cli (the program) starts them.
  batch: [...CORE, 'resources/node', 'fonts', 'files', 'messages', 'pipeline', 'build', 'threads'],
  serve: [...CORE, 'resources/node', 'fonts', 'files', 'messages', 'pipeline', 'build', 'bundle', 'threads'],
  // The web page's script, bundled for the browser: the core's pure rules (Thai digits, the fiscal
  // year, a new file), and of serve only types (TYPES_ALLOWED).
  'serve/page': ['thai', 'data'],
  cli: [...CORE, 'fonts', 'files', 'messages', 'pipeline', 'build', 'batch', 'serve'],
  // The engine in the browser (issue 16): the engine, the core, the resources' interface, the font
  // service and the messages (the answers the server gives too), answering the page's requests
  // (src/web/protocol.ts) in a Web Worker or a page's script.
  web: [...CORE, 'engine', 'resources', 'fonts', 'messages'],
};

/** Parts whose types a part may import (`import type`, erased when compiled) besides ALLOWED. */
const TYPES_ALLOWED: Record<string, string[]> = {
  // The API's answers, shared with the server (src/serve/api.ts).
  'serve/page': ['serve', 'web'],
  // The page's answers are the server's (src/serve/api.ts), whichever runs the engine.
  web: ['serve'],
  // The answers both the server and the browser's engine give (messages/answers.ts) have the API's types.
  messages: ['serve'],
};

/**
 * Single edges allowed against the parts' rule, each with its reason. `from -> to`, paths from src.
 */
const EDGE_EXCEPTIONS: Record<string, string> = {
  // (The one that was, the font service reading the 16 pt body size from the style sheet in
  // src/export, went when the style sheet moved to src/style, beneath both.)
};

/**
 * Core files that still use Node (`node:…` or `process.…`), each a known exception to remove.
 * None since issue 14, item 1: the core reads its files through src/resources, the data file is
 * read in src/pipeline.ts (src/files), and pdfmake, pdfkit and ECharts are ES imports.
 */
const NODE_IN_CORE: Record<string, string[]> = {};

/** Files outside src that the code imports as bundled data (from the repository's root). */
const BUNDLED_DATA = ['data/ita-report.schema.json'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|js)$/.test(entry.name) ? [full] : [];
  });
}

const IMPORT = /^\s*(?:import|export)\s(?:[^'";]*?\sfrom\s*)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm;

interface Import {
  from: string;
  specifier: string;
  /** The file a relative import names, absolute; undefined for a package. */
  target?: string;
  /** `import type …` or `export type …`: gone once compiled. */
  typeOnly: boolean;
}

function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT)].map((m) => {
    const specifier = (m[1] ?? m[2])!;
    const typeOnly = /^\s*(?:import|export)\s+type\s/.test(m[0]);
    return specifier.startsWith('.') ? { from: file, specifier, target: path.resolve(path.dirname(file), specifier), typeOnly } : { from: file, specifier, typeOnly };
  });
}

const rel = (file: string) => path.relative(SRC, file).split(path.sep).join('/');
const files = sourceFiles(SRC);
const imports = files.flatMap(importsOf);

describe('the import graph of src (README, "How it is built")', () => {
  it('reads the imports of every file', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(imports.filter((i) => i.target).length).toBeGreaterThan(150);
    // The regular expression sees both forms, and the dynamic imports of the engine.
    expect(imports.some((i) => rel(i.from) === 'engine.ts' && i.specifier === './export/pdf/pdf.ts')).toBe(true);
  });

  it('every part of src is in the table of layers', () => {
    const parts = [...new Set(files.map(partOf))];
    expect(parts.filter((p) => !(p in ALLOWED))).toEqual([]);
  });

  it('has no import against the layers', () => {
    const against: string[] = [];
    for (const i of imports) {
      if (!i.target) continue;
      if (!i.target.startsWith(SRC)) {
        if (BUNDLED_DATA.includes(path.relative(path.dirname(SRC), i.target).split(path.sep).join('/'))) continue;
        against.push(`${rel(i.from)} -> ${i.specifier} (outside src)`);
        continue;
      }
      const [from, to] = [partOf(i.from), partOf(i.target)];
      if (from === to || ALLOWED[from]?.includes(to)) continue;
      if (i.typeOnly && TYPES_ALLOWED[from]?.includes(to)) continue;
      const edge = `${rel(i.from)} -> ${rel(i.target)}`;
      if (!(edge in EDGE_EXCEPTIONS)) against.push(`${edge} (${from} may not import ${to})`);
    }
    expect(against).toEqual([]);
  });

  it('lists only exceptions that still occur', () => {
    const edges = new Set(imports.filter((i) => i.target).map((i) => `${rel(i.from)} -> ${rel(i.target!)}`));
    expect(Object.keys(EDGE_EXCEPTIONS).filter((e) => !edges.has(e))).toEqual([]);
  });

  it('the core imports nothing of Node, reads no process.* and makes no Buffer (but for the listed files)', () => {
    const found: Record<string, string[]> = {};
    for (const file of files) {
      if (!CORE.includes(partOf(file))) continue;
      const uses = importsOf(file)
        .map((i) => i.specifier)
        .filter((s) => s.startsWith('node:'));
      const code = readFileSync(file, 'utf8').replace(/\/\/.*|\/\*[\s\S]*?\*\//g, '');
      if (/(?<![\w.])process\.\w/.test(code)) uses.push('process');
      // Node's Buffer as a value (a browser has none; TextEncoder and Uint8Array do the work).
      if (/(?<![\w.])Buffer\.(?:from|alloc|allocUnsafe|concat|byteLength|isBuffer)\b/.test(code)) uses.push('Buffer');
      if (uses.length > 0) found[rel(file)] = [...new Set(uses)];
    }
    expect(found).toEqual(NODE_IN_CORE);
  });

  it('the web page\'s script and all it imports use nothing of Node: it is bundled for the browser', () => {
    const page = files.filter((f) => partOf(f) === 'serve/page');
    expect(page.map(rel)).toContain('serve/page/app.ts');
    const reached = reachedFrom(page);
    expect([...reached].filter(usesNode).map(rel)).toEqual([]);
    // The rules it shares with the server are the core's modules, not its own.
    expect([...reached].map(rel)).toEqual(expect.arrayContaining(['thai/digits.ts', 'thai/fiscal.ts', 'data/new-file.ts', 'serve/api.ts']));
    expect(imports.some((i) => rel(i.from) === 'serve/tasks.ts' && i.target && rel(i.target) === 'data/new-file.ts')).toBe(true);
    const own = page.filter((file) => /๐๑๒|\+\s*543|\[a-z0-9\]\[a-z0-9-\]/.test(readFileSync(file, 'utf8')));
    expect(own.map(rel)).toEqual([]);
  });

  it('the engine\'s browser worker and all it imports use nothing of Node: the whole engine runs in a browser', () => {
    const worker = path.join(SRC, 'web', 'engine-worker.ts');
    const reached = reachedFrom([worker]);
    // The engine itself, the exporters it loads when rendering, the answers it shares with the server.
    expect([...reached].map(rel)).toEqual(
      expect.arrayContaining(['engine.ts', 'export/pdf/pdf.ts', 'export/pdf/pdfkit-hooks.ts', 'export/docx/docx.ts', 'export/emblem.ts', 'fonts/fonts.ts', 'messages/answers.ts', 'data/yaml-update.ts', 'web/resources.ts']),
    );
    expect([...reached].filter(usesNode).map(rel)).toEqual([]);
    // Every file of src/web runs in a browser, the bundle's stand-ins for Node's modules included.
    expect(files.filter((f) => partOf(f) === 'web').filter(usesNode).map(rel)).toEqual([]);
    // Not the Node implementations of what it reads, nor the Node pipeline around the engine.
    expect([...reached].map(rel).filter((f) => ['resources/node.ts', 'pipeline.ts', 'fonts/user.ts'].includes(f))).toEqual([]);
    // Nothing of the server but types (its answers' shapes).
    const server = imports.filter((i) => reached.has(i.from) && i.target && partOf(i.target) === 'serve' && !i.typeOnly);
    expect(server.map((i) => `${rel(i.from)} -> ${i.specifier}`)).toEqual([]);
  });
});

/** Every file `start` reaches through its imports (types included: they are compiled without Node's types). */
function reachedFrom(start: string[]): Set<string> {
  const reached = new Set<string>();
  const todo = [...start];
  while (todo.length > 0) {
    const file = todo.pop()!;
    if (reached.has(file)) continue;
    reached.add(file);
    for (const i of importsOf(file)) if (i.target) todo.push(i.target);
  }
  return reached;
}

/** Whether a file imports Node (`node:…`, or a Node module by its bare name) or reads `process.…`. */
function usesNode(file: string): boolean {
  const text = readFileSync(file, 'utf8');
  const bare = /^(fs|path|os|url|util|module|crypto|stream|zlib|events|buffer|child_process|worker_threads|http|net)(\/|$)/;
  return importsOf(file).some((i) => i.specifier.startsWith('node:') || bare.test(i.specifier)) || /(?<![\w.])process\.\w/.test(text.replace(/\/\/.*|\/\*[\s\S]*?\*\//g, ''));
}
