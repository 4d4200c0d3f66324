import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { FieldPath, Finding, RawData } from '../../src/data/types.ts';
import { formatFinding } from '../../src/messages/findings.ts';
import { bundledGlyphCoverage } from '../../src/fonts/fonts.ts';
import { normalizeThai } from '../../src/thai/normalize.ts';
import { checkFile, renderDocuments, type Checked, type RenderedDocument } from '../../src/pipeline.ts';
import type { RenderChoice } from './arbitraries.ts';
import type { BrokenCase, ExpectedError } from './broken.ts';
import { expectedKinds, expectedStrings, inDocument, type Kind } from './expected.ts';
import { docxBodyText, findInPages, findInText, pdfBodyPages } from './extract.ts';

/**
 * The properties, as functions that throw a PropertyFailure saying what went wrong, so that the
 * seeded tests, the fuzz runner and the regression tests check exactly the same things.
 */

export class PropertyFailure extends Error {
  constructor(
    /** Which property: exception | rejected | content | documents | located | expected-error | cli | deterministic. */
    readonly property: string,
    message: string,
  ) {
    super(`[${property}] ${message}`);
  }
}

let workDir: string | undefined;
let counter = 0;

/** A fresh folder for one case, inside one temporary folder per process. */
function caseDir(): string {
  workDir ??= mkdtempSync(path.join(tmpdir(), 'ita-property-'));
  const dir = path.join(workDir, `case-${++counter}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Writes the file as a clerk's data file would sit: <dir>/<fiscal year>/<name>.yaml. */
function writeCase(bytes: Uint8Array | string, name = 'agency.yaml'): { dir: string; file: string } {
  const dir = caseDir();
  const file = path.join(dir, 'data', name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, bytes);
  return { dir, file };
}

const describeError = (err: unknown): string => (err instanceof Error ? `${err.name}: ${err.message}\n${err.stack?.split('\n').slice(1, 6).join('\n') ?? ''}` : String(err));

/** (a) Checking never throws; whatever is wrong comes back as findings. */
async function checkWithoutException(file: string): Promise<Checked> {
  try {
    return await checkFile(file, { previous: false });
  } catch (err) {
    throw new PropertyFailure('exception', `checkFile threw instead of reporting a finding: ${describeError(err)}`);
  }
}

const findingLine = (checked: Checked, f: Finding): string => {
  try {
    return formatFinding(checked, f);
  } catch (err) {
    return `${f.code} at ${f.path.join('.')} (formatFinding threw: ${describeError(err)})`;
  }
};

export interface RenderResult {
  checked: Checked;
  documents: RenderedDocument[];
}

/** (a) Rendering a checked file never throws. */
async function renderWithoutException(checked: Checked, render: RenderChoice): Promise<RenderedDocument[]> {
  try {
    return await renderDocuments(checked, { formats: ['docx', 'pdf'], previousYear: false, ...render });
  } catch (err) {
    throw new PropertyFailure('exception', `renderDocuments threw: ${describeError(err)}`);
  }
}

/**
 * (a) and (b): a valid file checks without errors, renders without an exception into its
 * documents (the report, the announcement, and a follow-up report for each round of `followup:`),
 * and every string of the data that belongs in a document is in its text, in both formats. (d)
 * when `twice`: rendering again gives the same bytes.
 */
export async function validFileProperty(
  c: { data: RawData; yaml: string; render: RenderChoice },
  options: { render?: boolean; content?: boolean; twice?: boolean; cold?: boolean } = {},
): Promise<void> {
  const { dir, file } = writeCase(c.yaml);
  try {
    const checked = await checkWithoutException(file);
    const errors = checked.findings.filter((f) => f.severity === 'error');
    if (errors.length > 0 || !checked.analysis) {
      throw new PropertyFailure('rejected', `a valid file got errors:\n${errors.map((f) => findingLine(checked, f)).join('\n')}`);
    }
    if (options.render === false) return;
    const documents = await renderWithoutException(checked, c.render);
    const kinds = documents.map((d) => `${d.kind}.${d.format}`).sort();
    const want = expectedKinds(c.data).flatMap((k) => [`${k}.docx`, `${k}.pdf`]).sort();
    if (kinds.join() !== want.join() || documents.some((d) => d.bytes.length === 0)) {
      throw new PropertyFailure('documents', `expected ${want.join(', ')}, got ${kinds.join(', ')}`);
    }
    if (options.content !== false) await contentProperty(c.data, documents, c.render, checked.findings);
    if (options.twice) {
      const again = await renderWithoutException(checked, c.render);
      for (const d of documents) {
        const other = again.find((a) => a.kind === d.kind && a.format === d.format);
        if (!other || Buffer.compare(Buffer.from(d.bytes), Buffer.from(other.bytes)) !== 0) {
          throw new PropertyFailure('deterministic', `${d.kind}.${d.format} differs between two renders of the same file in one process`);
        }
      }
    }
    if (options.cold) {
      const cold = (await renderCold([file], c.render))[file] ?? {};
      for (const d of documents) {
        const name = `${d.kind}.${d.format}`;
        if (cold[name] !== sha256(d.bytes)) {
          throw new PropertyFailure('deterministic', `${name} differs from the same file rendered in a fresh process (this process rendered other files before it)`);
        }
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

const RENDER_COLD = fileURLToPath(new URL('./render-cold.ts', import.meta.url));

/** Document hashes of files rendered one after the other in a fresh Node process. */
export async function renderCold(files: string[], render: RenderChoice): Promise<Record<string, Record<string, string>>> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', RENDER_COLD, JSON.stringify({ files, render })], {
    maxBuffer: 16 * 1024 * 1024,
    cwd: fileURLToPath(new URL('../../', import.meta.url)),
  });
  return JSON.parse(stdout) as Record<string, Record<string, string>>;
}

/**
 * (d) across documents: a file rendered after other files in one process gives the same bytes as
 * the file rendered alone in a fresh process (a batch worker renders many agencies in a row).
 */
export async function historyProperty(target: string, before: string[], render: RenderChoice): Promise<void> {
  const [alone, after] = await Promise.all([renderCold([target], render), renderCold([...before, target], render)]);
  for (const [name, hash] of Object.entries(alone[target] ?? {})) {
    if (after[target]?.[name] !== hash) {
      throw new PropertyFailure('deterministic', `${name} of ${path.basename(target)} differs when ${before.map((b) => path.basename(b)).join(', ')} was rendered before it in the same process`);
    }
  }
}

const RUN_ONE = fileURLToPath(new URL('./run-one.ts', import.meta.url));

/**
 * The valid-file property (a, b) on a data file in a fresh process, after `before` files if any:
 * what one file does, whatever this process rendered before (see historyProperty).
 */
export async function validFileInFreshProcess(file: string, render: RenderChoice, before: string[] = []): Promise<void> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', RUN_ONE, JSON.stringify({ file, render, before })], {
    maxBuffer: 16 * 1024 * 1024,
    cwd: fileURLToPath(new URL('../../', import.meta.url)),
  });
  const outcome = JSON.parse(stdout) as { ok: boolean; property?: string; message?: string };
  if (!outcome.ok) throw new PropertyFailure(outcome.property ?? 'exception', (outcome.message ?? '').replace(/^\[[a-z-]+\] /, ''));
}

export interface Missing {
  document: string;
  field: string;
  text: string;
  detail: string;
}

/**
 * The characters of a field the PDF draws as boxes, when `check` warned about them there
 * (text.no-pdf-glyph: no bundled face has them, e.g. most emoji and CJK): pdf.js reads a box as
 * U+0000, so they are not looked for in the PDF; the rest of the field must be there, and the DOCX
 * must hold all of it. The characters are those of the text as shown (normalised), which the
 * bundled faces lack: the warning names them as typed (a letter and its nukta, before NFC joins them).
 */
function undrawableWarned(findings: readonly Finding[], path: FieldPath | undefined, text: string): Set<string> {
  const warned = path !== undefined && findings.some((f) => f.code === 'text.no-pdf-glyph' && samePath(f.path, path));
  if (!warned) return new Set();
  const covered = bundledGlyphCoverage();
  // In NFD, as the comparison sees the text (expected.ts, canonicalMarks).
  return new Set(Array.from(normalizeThai(text).normalize('NFD')).filter((ch) => !/[\s\p{Default_Ignorable_Code_Point}]/u.test(ch) && !covered(ch.codePointAt(0)!)));
}

/** (b) Every string that belongs in a document is in its text (PDF via pdf.js, DOCX via its XML). */
export async function missingStrings(data: RawData, documents: RenderedDocument[], render: RenderChoice, findings: readonly Finding[] = []): Promise<Missing[]> {
  const expected = expectedStrings(data);
  const missing: Missing[] = [];
  for (const d of documents) {
    const list = expected[d.kind as Kind];
    if (!list) {
      missing.push({ document: `${d.kind}.${d.format}`, field: '(the whole document)', text: '', detail: 'a document of a kind the data file should not give' });
      continue;
    }
    if (d.format === 'pdf') {
      // A box (U+0000 in pdf.js, left out by pdfBodyPages) stands where a warned character was.
      const pages = await pdfBodyPages(d.bytes);
      for (const e of list) {
        const found = findInPages(pages, inDocument(e.text, render.digits, 'pdf', undrawableWarned(findings, e.path, e.text)));
        if (!found.found) missing.push({ document: `${d.kind}.pdf`, field: e.field, text: e.text, detail: found.detail ?? '' });
      }
    } else {
      const text = docxBodyText(d.bytes);
      for (const e of list) {
        const found = findInText(text, inDocument(e.text, render.digits, 'docx'));
        if (!found.found) missing.push({ document: `${d.kind}.docx`, field: e.field, text: e.text, detail: found.detail ?? '' });
      }
    }
  }
  return missing;
}

async function contentProperty(data: RawData, documents: RenderedDocument[], render: RenderChoice, findings: readonly Finding[]): Promise<void> {
  const missing = await missingStrings(data, documents, render, findings);
  if (missing.length === 0) return;
  const shown = missing
    .slice(0, 12)
    .map((m) => `  ${m.document}: ${m.field} (${Array.from(m.text).length} characters, "${Array.from(m.text).slice(0, 50).join('')}${Array.from(m.text).length > 50 ? '…' : ''}"): ${m.detail}`);
  throw new PropertyFailure('content', `${missing.length} string(s) of the data file missing from the documents:\n${shown.join('\n')}${missing.length > 12 ? `\n  … and ${missing.length - 12} more` : ''}`);
}

const samePath = (a: FieldPath, b: FieldPath): boolean => a.length === b.length && a.every((s, i) => String(s) === String(b[i]));

const codeMatches = (code: string, wanted: string): boolean => (wanted.endsWith('.') ? code.startsWith(wanted) : code === wanted);

/** Codes of problems with the file as a whole, which have no line to point at. */
const FILE_LEVEL = new Set(['file.not-utf8', 'file.unreadable']);

/**
 * (a) and (c): a broken file is checked without an exception, gets an error (the one the case
 * expects, on the expected field and line), and every error points at a line and column of the
 * file (except a file that cannot be read as text at all).
 */
export async function brokenFileProperty(c: BrokenCase): Promise<void> {
  const { dir, file } = writeCase(c.bytes);
  try {
    const checked = await checkWithoutException(file);
    assertBrokenFindings(checked, c.expect, c.bytes);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * (a) for any text at all (a data file with random edits): checking does not throw, and what it
 * reports as errors is located, as for a broken file; a file that is still valid may pass.
 */
export async function anyTextProperty(c: { bytes: Uint8Array }): Promise<void> {
  const { dir, file } = writeCase(c.bytes);
  try {
    const checked = await checkWithoutException(file);
    if (checked.findings.some((f) => f.severity === 'error')) assertBrokenFindings(checked, [], c.bytes);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function assertBrokenFindings(checked: Checked, expect: readonly ExpectedError[], bytes: Uint8Array): void {
  const errors = checked.findings.filter((f) => f.severity === 'error');
  if (errors.length === 0 || checked.analysis) {
    throw new PropertyFailure('expected-error', `a broken file passed (findings: ${checked.findings.map((f) => f.code).join(', ') || 'none'})`);
  }
  const lines = Buffer.from(bytes).toString('utf8').split(/\r\n|\n|\r/).length;
  const located = (f: Finding): { line: number; col: number } | undefined => f.at ?? checked.source?.locate(f.path);
  for (const f of errors) {
    if (FILE_LEVEL.has(f.code)) continue;
    const at = located(f);
    if (!at || !(at.line >= 1 && at.line <= lines) || !(at.col >= 1)) {
      throw new PropertyFailure('located', `error ${f.code} at ${f.path.join('.') || '(no field)'} has no place in the file (got ${JSON.stringify(at)}, file has ${lines} lines)`);
    }
    const line = findingLine(checked, f);
    if (!/^.+:\d+:\d+: /.test(line)) throw new PropertyFailure('located', `message without file:line:col: ${line}`);
    // A schema or analysis error names its field; YAML syntax errors have a place instead.
    if (!f.code.startsWith('yaml.') && f.code !== 'file.not-a-mapping' && f.path.length === 0) {
      throw new PropertyFailure('located', `error ${f.code} names no field: ${line}`);
    }
  }
  for (const e of expect) {
    const match = errors.find((f) => (!e.codes || e.codes.some((c) => codeMatches(f.code, c))) && (!e.path || samePath(f.path, e.path)));
    if (!match) {
      throw new PropertyFailure(
        'expected-error',
        `expected ${e.codes?.join(' or ') ?? 'an error'}${e.path ? ` at ${e.path.join('.')}` : ''}, got:\n${errors.map((f) => `  ${f.code} at ${f.path.join('.') || '(no field)'}`).join('\n')}`,
      );
    }
    if (e.line !== undefined) {
      const at = located(match);
      if (at?.line !== e.line) {
        throw new PropertyFailure('located', `${match.code} at ${match.path.join('.')} points at line ${at?.line}, the mistake is on line ${e.line}`);
      }
    }
  }
}

/**
 * (c) through the command line: `ita-report build` of a broken file exits 1, prints its errors
 * as file:line:col, and writes nothing at all into --out.
 */
export async function cliWritesNothingProperty(c: BrokenCase): Promise<void> {
  const { dir, file } = writeCase(c.bytes);
  const out = path.join(dir, 'out');
  const { main } = await import('../../src/cli/main.ts');
  const stderr: string[] = [];
  const writes = { out: process.stdout.write, err: process.stderr.write };
  const exitCode = process.exitCode;
  let code: number;
  try {
    // The CLI writes its messages to stdout and stderr; capture them for this call.
    process.stdout.write = (() => true) as typeof process.stdout.write;
    process.stderr.write = ((chunk: string | Uint8Array) => {
      stderr.push(String(chunk));
      return true;
    }) as typeof process.stderr.write;
    try {
      code = await main(['node', 'ita-report', 'build', file, '--out', out, '--no-previous-year']);
    } catch (err) {
      throw new PropertyFailure('exception', `ita-report build threw: ${describeError(err)}`);
    }
  } finally {
    process.stdout.write = writes.out;
    process.stderr.write = writes.err;
    process.exitCode = exitCode;
  }
  try {
    const written = listFiles(out);
    if (written.length > 0) throw new PropertyFailure('cli', `build of a broken file wrote ${written.join(', ')}`);
    if (code !== 1) throw new PropertyFailure('cli', `build of a broken file exited ${code}, not 1; stderr:\n${stderr.join('')}`);
    const errorLines = stderr.join('').split('\n').filter((l) => l.includes('ข้อผิดพลาด (error)'));
    if (errorLines.length === 0) throw new PropertyFailure('cli', `no error message; stderr:\n${stderr.join('')}`);
    const fileLevel = errorLines.every((l) => /ไม่ได้บันทึกเป็น UTF-8|เปิดไฟล์ไม่ได้/.test(l));
    if (!fileLevel && !errorLines.some((l) => /^[^:]+\.yaml:\d+:\d+: /.test(l))) {
      throw new PropertyFailure('cli', `no error with file:line:col; stderr:\n${stderr.join('')}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function listFiles(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.join(e.parentPath, e.name));
  } catch {
    return [];
  }
}

/** Whether a failure is a PropertyFailure of the expected kind (used by regression tests). */
export const isProperty = (err: unknown, property?: string): boolean => err instanceof PropertyFailure && (property === undefined || err.property === property);

