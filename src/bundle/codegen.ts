import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { AnySchema, Options } from 'ajv';
import type { Plugin } from 'esbuild';
import { parse as parseYaml } from 'yaml';
import { COMPILE_OPTIONS, documentTemplatePieces } from '../compose/template-source.ts';
import { DATA_OPTIONS, DATA_SCHEMA, FRAMEWORK_OPTIONS, FRAMEWORK_SCHEMA } from '../data/schemas.ts';

/**
 * The engine's code generation done when bundling, not when the program runs: an esbuild plugin
 * that both the compiled program (`program.ts`) and the browser bundle (`bundle.ts`) use. Run
 * from the sources (tsx, vitest), the engine still compiles at run time; what the plugin puts in
 * gives the same results, without `new Function` (which the web page's CSP forbids) and without
 * the start-up time of compiling (ajv's and Handlebars' compilers).
 *
 * - `src/data/validators.ts` is replaced by ajv's standalone code (ES module) for the schemas and
 *   options of `src/data/schemas.ts`: `validateData`, `validateFramework`.
 * - `src/compose/precompiled.ts` is filled in with the Handlebars specs of every text of
 *   templates/ (document templates' front matter and body, partials, explanations), keyed by the
 *   text: the engine takes a spec only for the very text it reads through Resources, so a template
 *   edited after the build is still compiled, and the edit takes effect.
 *
 * ajv's and Handlebars' compilers are loaded only when one of these modules is bundled: the web
 * server's bundle of the page's script (which has neither) does not wait for them.
 */
export function codegenPlugin(root: string): Plugin {
  return {
    name: 'ita-report-codegen',
    setup(build) {
      build.onLoad({ filter: /[\\/]src[\\/]data[\\/]validators\.ts$/ }, () => ({
        contents:
          "export { default as validateData } from 'ita-report-codegen:validator/data';\n" +
          "export { default as validateFramework } from 'ita-report-codegen:validator/framework';\n",
        loader: 'js',
      }));
      build.onResolve({ filter: /^ita-report-codegen:/ }, (args) => ({ path: args.path.slice('ita-report-codegen:'.length), namespace: 'ita-report-codegen' }));
      build.onLoad({ filter: /^validator\//, namespace: 'ita-report-codegen' }, async (args) => {
        const [schema, options] = args.path === 'validator/data' ? [DATA_SCHEMA, DATA_OPTIONS] : [FRAMEWORK_SCHEMA, FRAMEWORK_OPTIONS];
        // The runtime modules the code imports are resolved from the package's node_modules.
        return { contents: await standaloneValidator(schema, options), loader: 'js', resolveDir: root };
      });
      build.onLoad({ filter: /[\\/]src[\\/]compose[\\/]precompiled\.ts$/ }, async () => ({ contents: await precompiledTemplates(root), loader: 'js' }));
      build.onLoad({ filter: /[\\/]src[\\/]fonts[\\/]shaped-at-build\.ts$/ }, async () => ({
        contents: `export const SHAPED_AT_BUILD = ${JSON.stringify(await shapedAtBuild(root))};\n`,
        loader: 'js',
      }));
    },
  };
}

/**
 * ajv's standalone validator for `schema` compiled with `options`, as an ES module whose default
 * export is the validator. ajv writes `require("ajv/dist/runtime/…")` even for ESM: each becomes
 * an ES import of that CommonJS module, of which the code wants the exports object (`.default`
 * is the helper): Node's ES import gives that as the namespace's default, esbuild's browser
 * interop gives a copy of it as the namespace itself; `exportsOf` takes whichever it is.
 */
export async function standaloneValidator(schema: AnySchema, options: Options): Promise<string> {
  const { Ajv } = await import('ajv');
  // ajv/dist/standalone is CommonJS whose module.exports is the function (and `.default` too).
  const standaloneModule: unknown = await import('ajv/dist/standalone/index.js');
  const standaloneCode = ((standaloneModule as { default?: unknown }).default ?? standaloneModule) as typeof import('ajv/dist/standalone/index.js').default;
  const ajv = new Ajv({ ...options, code: { source: true, esm: true } });
  const code = standaloneCode(ajv, ajv.compile(schema));
  const imports: string[] = [];
  const body = code.replace(/require\("(ajv\/dist\/runtime\/[\w/-]+)"\)/g, (_, module: string) => {
    const name = `__ajvRuntime${imports.length}`;
    imports.push(`import * as ${name} from ${JSON.stringify(`${module}.js`)};`);
    return `__exportsOf(${name})`;
  });
  if (/\brequire\(/.test(body)) throw new Error('ajv standalone code requires a module that is not ajv/dist/runtime/…');
  return [
    ...imports,
    'const __exportsOf = (ns) => (ns.default && ns.default.__esModule ? ns.default : ns);',
    body.replace(/^"use strict";/, ''),
    '',
  ].join('\n');
}

/**
 * The module `src/compose/precompiled.ts` with every text of templates/ precompiled (sorted, so
 * that the same templates give the same bytes). A text that does not compile is left out: the
 * engine compiles it when it runs and reports its error with the file and line as before.
 */
export async function precompiledTemplates(root: string): Promise<string> {
  const { default: Handlebars } = await import('handlebars');
  const texts = new Set<string>();
  const dir = (sub: string): string[] => readdirSync(path.join(root, sub)).sort();
  const read = (file: string): string => readFileSync(path.join(root, file), 'utf8');
  for (const file of dir('templates').filter((f) => f.endsWith('.hbs'))) {
    const pieces = documentTemplatePieces(read(`templates/${file}`));
    for (const piece of [pieces.title, pieces.subject, ...pieces.keywords, pieces.body]) texts.add(piece.text);
  }
  for (const file of dir('templates/partials').filter((f) => f.endsWith('.hbs'))) texts.add(read(`templates/partials/${file}`));
  for (const file of dir('templates/explanations').filter((f) => f.endsWith('.yaml'))) {
    collectStrings(parseYaml(read(`templates/explanations/${file}`)), texts);
  }
  const entries: string[] = [];
  for (const text of [...texts].sort()) {
    let spec: string;
    try {
      // precompile's declared type is the spec; what it returns is the spec's source text.
      spec = Handlebars.precompile(text, COMPILE_OPTIONS) as unknown as string;
    } catch {
      continue;
    }
    entries.push(`  [${JSON.stringify(text)}, ${spec}],`);
  }
  return `export const PRECOMPILED = new Map([\n${entries.join('\n')}\n]);\n`;
}

/** The data file whose documents' words the build shapes: the sample `npm start` builds. */
export const SHAPING_SAMPLE = 'data/2566/nakhon-pathom.yaml';

const shaping = new Map<string, Promise<string>>();

/**
 * The words the sample's PDFs shape, shaped, for src/fonts/shaped-at-build.ts (JSON of
 * src/fonts/saved-runs.ts): the texts the rendering asks the shaper for, which are the same
 * whatever this process rendered before, so the same sources give the same bytes. Once per process
 * and package folder. Without the sample (deleted, or no longer valid) the program is built
 * without them, only slower to start, and the build says so: `npm ci` must not fail for it.
 */
export function shapedAtBuild(root: string, warn: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): Promise<string> {
  let saved = shaping.get(root);
  if (!saved) shaping.set(root, (saved = shapeSample(root, warn)));
  return saved;
}

async function shapeSample(root: string, warn: (line: string) => void): Promise<string> {
  const file = path.join(root, SHAPING_SAMPLE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    warn(`${SHAPING_SAMPLE} is not there: the program is built without the sample's words shaped ahead (it starts slower)`);
    return '';
  }
  (await import('../resources/node.ts')).installNodeResources();
  const { checkReportText, hasErrors, renderChecked } = await import('../engine.ts');
  const { recordShaping } = await import('../fonts/shaping.ts');
  const { saveRuns } = await import('../fonts/saved-runs.ts');
  const checked = checkReportText(text, file);
  if (hasErrors(checked.findings)) {
    warn(`${SHAPING_SAMPLE} has errors: the program is built without the sample's words shaped ahead (it starts slower)`);
    return '';
  }
  return saveRuns(await recordShaping(() => renderChecked(checked, { formats: ['pdf'], digits: 'thai' })));
}

function collectStrings(value: unknown, into: Set<string>): void {
  if (typeof value === 'string') into.add(value);
  else if (Array.isArray(value)) value.forEach((v) => collectStrings(v, into));
  else if (value !== null && typeof value === 'object') Object.values(value).forEach((v) => collectStrings(v, into));
}
