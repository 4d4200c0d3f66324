import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { bundleScript } from '../../src/bundle/bundle.ts';
import { buildProgram } from '../../src/bundle/program.ts';
import { composeDocuments } from '../../src/compose/compose.ts';
import { documentTemplate, compileDocumentTemplate } from '../../src/compose/engine.ts';
import { validateRaw } from '../../src/data/schema.ts';
import { validateData, validateFramework } from '../../src/data/validators.ts';
import { checkFile } from '../../src/pipeline.ts';
import { SAMPLE } from '../helpers/sample.ts';

/**
 * The code generation done when bundling (src/bundle/codegen.ts): the engine's modules compiled
 * with the plugin, as the compiled program and the browser bundle have them, against the same
 * modules run from the sources (which compile at run time).
 * - The validators: a table of invalid data files (and framework files) gives the same findings
 *   and the same ajv errors from the generated validator as from the one compiled at run time.
 * - The templates: the documents' models are the same, no code is generated at run time (the
 *   test takes `Function` away), an error names the template's file and line as from the sources,
 *   and a template edited after the build is compiled, so the edit takes effect.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const OUT = path.join(ROOT, `codegen-test-${process.pid}`);

// any: the bundled modules are plain JavaScript imported at run time; each is used as its source's twin.
type Bundled = Record<string, any>;

/** The engine's modules compiled into `OUT/<name>/` as the program is (`buildProgram`, with the plugin), imported. */
async function bundled(name: string): Promise<Bundled> {
  const dir = path.join(OUT, name);
  const entries = {
    resources: 'src/resources/resources.ts',
    'node-resources': 'src/resources/node.ts',
    schema: 'src/data/schema.ts',
    validators: 'src/data/validators.ts',
    engine: 'src/compose/engine.ts',
    compose: 'src/compose/compose.ts',
    precompiled: 'src/compose/precompiled.ts',
    pipeline: 'src/pipeline.ts',
  };
  await buildProgram(ROOT, path.relative(ROOT, dir), entries);
  const modules: Bundled = {};
  // The resources first: a test may install its own before the pipeline installs Node's.
  for (const entry of Object.keys(entries)) modules[entry] = await import(pathToFileURL(path.join(dir, `${entry}.js`)).href);
  return modules;
}

/**
 * Runs `f` with `Function` (what Handlebars' and ajv's compilers generate code with: `new
 * Function(…)`, `Function.apply(…)`) throwing when called; `instanceof Function` still holds.
 */
async function withoutFunction<T>(f: () => T | Promise<T>): Promise<T> {
  const original = globalThis.Function;
  const refuse = (): never => {
    throw new Error('code generated at run time (new Function)');
  };
  globalThis.Function = new Proxy(original, { construct: refuse, apply: refuse });
  try {
    return await f();
  } finally {
    globalThis.Function = original;
  }
}

/** Every variant of `value` with one node removed or replaced by a value of another type or size. */
function* mutations(value: unknown, at: (string | number)[] = []): Generator<[string, (root: unknown) => unknown]> {
  const replacements: [string, unknown][] = [
    ['null', null],
    ['text', 'x'],
    ['empty text', ''],
    ['long text', 'ก'.repeat(3000)],
    ['negative', -5],
    ['large', 1e9],
    ['fraction', 2.5],
    ['list', []],
    ['map', {}],
    ['list of maps', [{}, { a: 1 }]],
  ];
  const edit = (change: (parent: any, key: string | number) => void) => (root: unknown) => {
    const copy = structuredClone(root);
    let parent: any = copy;
    for (const step of at.slice(0, -1)) parent = parent[step];
    change(parent, at.at(-1)!);
    return copy;
  };
  if (at.length > 0) {
    for (const [label, replacement] of replacements) yield [`${at.join('.')} = ${label}`, edit((p, k) => (p[k] = structuredClone(replacement)))];
    yield [`${at.join('.')} removed`, edit((p, k) => (Array.isArray(p) ? p.splice(Number(k), 1) : delete p[k]))];
  }
  if (Array.isArray(value)) {
    yield [`${at.join('.')} x 300`, edit((p, k) => (p[k] = Array.from({ length: 300 }, () => structuredClone(value[0]))))];
    for (const [i, item] of value.slice(0, 2).entries()) yield* mutations(item, [...at, i]);
  } else if (value !== null && typeof value === 'object') {
    yield [`${at.join('.')} + unknown key`, edit((p, k) => ((at.length ? p[k] : p).not_a_key = 1))];
    yield [`${at.join('.')} + key 0`, edit((p, k) => ((at.length ? p[k] : p)['0x'] = 1))];
    for (const [key, child] of Object.entries(value)) yield* mutations(child, [...at, key]);
  }
}

let modules: Bundled;
let edited: Bundled;

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  modules = await bundled('as-built');
  edited = await bundled('edited');
}, 120_000);

afterAll(() => rmSync(OUT, { recursive: true, force: true }));

describe('the validators generated at build time (ajv standalone)', () => {
  it('replace the run-time compile: the bundled module is the generated code', () => {
    const code = readdirJs(path.join(OUT, 'as-built')).join('\n');
    expect(code).toContain('import * as __ajvRuntime0 from "ajv/dist/runtime/ucs2length.js"');
    expect(code).not.toMatch(/\brequire\(/);
    expect(code).not.toMatch(/from "ajv";/);
  });

  it('give the same findings and errors for a table of invalid data files', async () => {
    const sample = parse(readFileSync(SAMPLE, 'utf8'));
    const progress = parse(readFileSync(path.join(ROOT, 'test/fixtures/followup/progress.yaml'), 'utf8'));
    const codes = new Set<string>();
    let invalid = 0;
    await withoutFunction(() => {
      for (const base of [sample, progress]) {
        for (const [label, mutate] of mutations(base)) {
          const data = mutate(base);
          const fromSources = validateRaw(structuredClone(data));
          const generated = modules.schema.validateRaw(structuredClone(data));
          expect(generated, label).toEqual(fromSources);
          validateData(data);
          modules.validators.validateData(data);
          expect(modules.validators.validateData.errors, label).toEqual(validateData.errors);
          if (!fromSources.ok) {
            invalid++;
            for (const f of fromSources.findings) codes.add(f.code);
          }
        }
      }
    });
    expect(invalid).toBeGreaterThan(500);
    // The table reaches every kind of finding the schema gives.
    expect([...codes].sort()).toEqual(
      expect.arrayContaining(['schema.bad-key', 'schema.empty-list', 'schema.empty-text', 'schema.enum', 'schema.one-of', 'schema.range', 'schema.required', 'schema.too-long', 'schema.too-many', 'schema.type.string', 'schema.unknown-key']),
    );
  });

  it('give the same errors for a table of invalid framework files', () => {
    const framework = parse(readFileSync(path.join(ROOT, 'frameworks/2566.yaml'), 'utf8'));
    let invalid = 0;
    for (const [label, mutate] of mutations(framework)) {
      const data = mutate(framework);
      const valid = validateFramework(data);
      expect(modules.validators.validateFramework(data), label).toBe(valid);
      expect(modules.validators.validateFramework.errors, label).toEqual(validateFramework.errors);
      if (!valid) invalid++;
    }
    expect(invalid).toBeGreaterThan(200);
  });

  it('work in the browser bundle too (the runtime helpers bundled, their CommonJS interop esbuild\'s)', async () => {
    const entry = path.join(OUT, 'browser-entry.ts');
    writeFileSync(entry, `export { validateData, validateFramework } from ${JSON.stringify(path.join(ROOT, 'src/data/validators.ts'))};\n`);
    const { code } = await bundleScript(pathToFileURL(entry));
    // The runtime helper is bundled (its `.code` string names the module it is, for ajv's generator).
    expect(code).not.toMatch(/new Function|\bimport .* from "ajv/);
    const file = path.join(OUT, 'browser.mjs');
    writeFileSync(file, code);
    const browser = await import(pathToFileURL(file).href);
    const sample = parse(readFileSync(SAMPLE, 'utf8'));
    // Too long by code points (ucs2length, the runtime helper): Thai and an emoji.
    for (const name of ['ก'.repeat(3000), '😀'.repeat(501), 'ok']) {
      const data = { ...sample, agency: { ...sample.agency, name } };
      expect(browser.validateData(data)).toBe(validateData(data));
      expect(browser.validateData.errors).toEqual(validateData.errors);
    }
  });
});

describe('the templates precompiled at build time (Handlebars)', () => {
  it('carry a spec for every template text, and none is compiled when the documents are made', async () => {
    const precompiled: Map<string, unknown> = modules.precompiled.PRECOMPILED;
    expect(precompiled.size).toBeGreaterThan(40);
    expect(precompiled.has(readFileSync(path.join(ROOT, 'templates/partials/tool-scores.hbs'), 'utf8'))).toBe(true);
    for (const file of [SAMPLE, path.join(ROOT, 'test/fixtures/followup/progress.yaml')]) {
      const checked = await checkFile(file);
      const expected = composeDocuments(checked.data!, checked.framework!, checked.analysis!, { digits: 'thai' });
      const actual = await withoutFunction(async () => {
        const c = await modules.pipeline.checkFile(file);
        return modules.compose.composeDocuments(c.data, c.framework, c.analysis, { digits: 'thai' });
      });
      expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
      expect(JSON.parse(JSON.stringify(actual))).toEqual(JSON.parse(JSON.stringify(expected)));
    }
  });

  it('an error in a precompiled template names its file and line, as from the sources', async () => {
    const fromSources = errorOf(() => documentTemplate('report')({}));
    const generated = await withoutFunction(() => errorOf(() => modules.engine.documentTemplate('report')({})));
    expect(fromSources).toMatch(/^templates\/report\.hbs:\d+: /);
    expect(generated).toBe(fromSources);
  });

  it('a text not precompiled (a template edited after the build) is compiled when it is run', async () => {
    const text = '---\ntitle: "{{x}} edited"\n---\nbody {{x}}\n{{y}}';
    await withoutFunction(() => expect(() => modules.engine.compileDocumentTemplate('templates/t.hbs', text)({ x: 1, y: 2 }).markup).toThrow(/new Function/));
    const fromSources = compileDocumentTemplate('templates/t.hbs', text)({ x: 1, y: 2 });
    expect(modules.engine.compileDocumentTemplate('templates/t.hbs', text)({ x: 1, y: 2 })).toEqual(fromSources);
    expect(errorOf(() => modules.engine.compileDocumentTemplate('templates/t.hbs', text)({ x: 1 }))).toBe(errorOf(() => compileDocumentTemplate('templates/t.hbs', text)({ x: 1 })));
  });

  it('an edit to a file of templates/ takes effect in the bundled engine: the text read differs from the precompiled one', async () => {
    const node = edited['node-resources'].nodeResources;
    // The sample's announcement is the ประกาศ (proclamation.hbs).
    const announcement = readFileSync(path.join(ROOT, 'templates/proclamation.hbs'), 'utf8');
    const partial = readFileSync(path.join(ROOT, 'templates/partials/announcement-signature.hbs'), 'utf8');
    const sentence = 'จึงประกาศมาเพื่อทราบ';
    expect(announcement).toContain(sentence);
    const signature = /[ก-๙]{4,}/.exec(partial)![0];
    edited.resources.installResources({
      text: (file: string) =>
        file === 'templates/proclamation.hbs'
          ? announcement.replace(sentence, 'ถ้อยคำที่แก้ไข')
          : file === 'templates/partials/announcement-signature.hbs'
            ? partial.replace(signature, 'ลงนามแก้ไข')
            : node.text(file),
      list: (dir: string) => node.list(dir),
      userFile: (...args: unknown[]) => node.userFile(...args),
      svgDraws: (svg: string) => node.svgDraws(svg),
      bytes: (file: string) => node.bytes(file),
      svgRenderer: () => node.svgRenderer(),
    });
    const c = await edited.pipeline.checkFile(SAMPLE);
    const docs = edited.compose.composeDocuments(c.data, c.framework, c.analysis, { digits: 'thai' });
    const words = JSON.stringify(docs.announcement);
    expect(words).toContain('ถ้อยคำที่แก้ไข');
    expect(words).toContain('ลงนามแก้ไข');
    expect(JSON.stringify(docs.report)).not.toContain('ถ้อยคำที่แก้ไข');
  });
});

function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  return 'no error';
}

function readdirJs(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.js'))
    .map((f) => readFileSync(path.join(dir, f), 'utf8'));
}
