import { execFile, spawn } from 'node:child_process';
import { isBuiltin } from 'node:module';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProgram, ENTRIES, UNBUNDLED, type CompiledProgram } from '../../src/bundle/program.ts';
import { parse } from 'yaml';
import { pdfText } from '../helpers/pdf.ts';
import { SAMPLE, sampleText } from '../helpers/sample.ts';

/**
 * The compiled program (what `npm ci` builds into dist/ and bin/ita-report.js runs): built here
 * into a folder of its own beside dist/, so that the tests never replace the dist/ other tests may
 * be running, then run as a user runs it and compared with the sources run through tsx.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const OUT = `dist-test-${process.pid}`;
const compiledDir = path.join(ROOT, OUT);
const run = promisify(execFile);

async function node(args: string[], cwd = tmpdir()): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, args, { cwd, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
const compiled = (...args: string[]) => node([path.join(compiledDir, 'cli.js'), ...args]);
// From the package's folder, where `--import tsx` finds tsx.
const sources = (...args: string[]) => node(['--import', 'tsx', path.join(ROOT, 'src/cli/main.ts'), ...args], ROOT);

/** Every file under a folder with its bytes, by path relative to it. */
function filesOf(dir: string): Map<string, Buffer> {
  return new Map(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && !e.name.startsWith('.'))
      .map((e) => path.join(e.parentPath, e.name))
      .sort()
      .map((f) => [path.relative(dir, f), readFileSync(f)] as const),
  );
}

let program: CompiledProgram;
let outputs: string[];
beforeAll(async () => {
  program = await buildProgram(ROOT, OUT);
  outputs = program.files;
}, 60_000);
afterAll(() => rmSync(compiledDir, { recursive: true, force: true }));

describe('the compiled program', () => {
  it('has one module per entry and transpiles nothing at run time (no tsx in it)', () => {
    for (const entry of Object.keys(ENTRIES)) expect(outputs).toContain(`${entry}.js`);
    for (const file of outputs) expect(readFileSync(path.join(compiledDir, file), 'utf8'), file).not.toMatch(/from ["']tsx|import\(["']tsx/);
  });

  it('--help loads none of the engine: what cli.js imports statically holds no package but commander', () => {
    const seen = new Set<string>();
    const packages = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const module = program.modules[file]!;
      for (const input of module.inputs) {
        const name = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1];
        if (name) packages.add(name);
      }
      module.imports.forEach(visit);
    };
    visit('cli.js');
    expect([...packages]).toEqual(['commander']);
    // …and the engine is there, behind a dynamic import.
    expect(readFileSync(path.join(compiledDir, 'cli.js'), 'utf8')).toMatch(/import\(["']\.\/commands-\w+\.js["']\)/);
  });

  it("has the engine's packages compiled in: they are not read from node_modules when it runs", () => {
    const compiledIn = new Set(Object.values(program.modules).flatMap((m) => m.inputs.map((i) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(i)?.[1])));
    for (const name of ['pdfmake', 'pdfkit', 'fontkit', 'docx', 'echarts', 'yaml', 'handlebars', 'fflate']) expect(compiledIn, name).toContain(name);
    const unbundled = (spec: string) => UNBUNDLED.some((u) => (u.endsWith('/*') ? spec.startsWith(u.slice(0, -1)) : spec === u));
    for (const [file, module] of Object.entries(program.modules)) {
      for (const spec of module.external) expect(isBuiltin(spec) || unbundled(spec), `${file} imports ${spec}`).toBe(true);
    }
  });

  it('answers --help and a usage error as the sources do', async () => {
    const help = await compiled('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toBe((await sources('--help')).stdout);
    expect(help.stdout).toContain('batch');
    const usage = await compiled('batch', 'data', '--jobs', '0');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('ต้องเป็นจำนวนเต็มบวก');
  });

  // The compiled program starts with the words of the sample's documents shaped at build time
  // (src/fonts/shaped-at-build.ts); the sources shape every word: both give the same bytes, for
  // the sample whose words were saved and for files with words of their own.
  it('carries the words the build shaped', () => {
    const chunk = outputs.map((f) => readFileSync(path.join(compiledDir, f), 'utf8')).find((text) => /\bSHAPED_AT_BUILD = '\{"fonts"/.test(text));
    expect(chunk, 'no module of dist/ holds the saved runs').toBeDefined();
    expect(chunk).toContain('"Laksaman/');
  });

  it.each([
    [SAMPLE, ['2566/nakhon-pathom/announcement.docx', '2566/nakhon-pathom/announcement.pdf', '2566/nakhon-pathom/report.docx', '2566/nakhon-pathom/report.pdf']],
    [path.join(ROOT, 'test/fixtures/followup/progress.yaml'), ['2566/progress/announcement.pdf', '2566/progress/followup-12-months.pdf', '2566/progress/followup-6-months.pdf', '2566/progress/report.pdf']],
  ])('builds %s to the same bytes as the sources', async (file, expected) => {
    const [a, b] = [mkdtempSync(path.join(tmpdir(), 'ita-compiled-')), mkdtempSync(path.join(tmpdir(), 'ita-sources-'))];
    const formats = expected.some((f) => f.endsWith('.docx')) ? [] : ['--format', 'pdf'];
    expect((await compiled('build', file, '--out', a, ...formats)).code).toBe(0);
    expect((await sources('build', file, '--out', b, ...formats)).code).toBe(0);
    const [fromCompiled, fromSources] = [filesOf(a), filesOf(b)];
    expect([...fromCompiled.keys()]).toEqual(expected);
    for (const [name, bytes] of fromCompiled) expect(bytes.equals(fromSources.get(name)!), name).toBe(true);
  });

  it('runs the batch in its compiled worker threads', async () => {
    const data = mkdtempSync(path.join(tmpdir(), 'ita-compiled-data-'));
    mkdirSync(path.join(data, '2566'));
    for (const i of [1, 2, 3]) writeFileSync(path.join(data, '2566', `agency-${i}.yaml`), sampleText().replace('agency: จังหวัดนครปฐม', `agency: หน่วยงานที่ ${i}`));
    const out = mkdtempSync(path.join(tmpdir(), 'ita-compiled-out-'));
    const { code, stderr } = await compiled('batch', data, '--out', out, '--jobs', '2', '--format', 'pdf');
    expect(stderr).toContain('เขียน 3 (written)');
    expect(code).toBe(0);
    expect([...filesOf(out).keys()].filter((f) => f.endsWith('.pdf'))).toHaveLength(6);
    expect(existsSync(path.join(out, '2566', 'agency-2', 'report.pdf'))).toBe(true);
  });

  it('serves the web page: the page script bundled, a preview rendered in its compiled worker thread', async () => {
    const data = mkdtempSync(path.join(tmpdir(), 'ita-compiled-serve-'));
    mkdirSync(path.join(data, '2566'));
    writeFileSync(path.join(data, '2566', 'nakhon-pathom.yaml'), sampleText());
    // A port of its own: the program prints the address it listens on.
    const port = 20_000 + (process.pid % 20_000);
    const child = spawn(process.execPath, [path.join(compiledDir, 'cli.js'), 'serve', '--data', data, '--port', String(port)], { cwd: tmpdir(), stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => d.toString().includes(`127.0.0.1:${port}`) && resolve());
        child.on('exit', (code) => reject(new Error(`serve exited ${code}`)));
      });
      const base = `http://127.0.0.1:${port}`;
      const script = await fetch(`${base}/app.js`);
      expect(script.status).toBe(200);
      expect(await script.text()).toContain('บันทึกแล้ว');
      const raw = parse(sampleText()) as unknown;
      const render = await fetch(`${base}/api/render`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ raw, kind: 'report', format: 'pdf' }) });
      expect(render.status).toBe(200);
      expect(await pdfText(new Uint8Array(await render.arrayBuffer()))).toContain('จังหวัดนครปฐม ประจำปีงบประมาณ พ.ศ. ๒๕๖๖');
    } finally {
      child.kill();
    }
  });
});
