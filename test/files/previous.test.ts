import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { previousYearFile } from '../../src/files/previous.ts';
import { besideName, previousYearNames, writtenInFolder } from '../../src/data/previous-name.ts';
import { docxTables, docxText } from '../helpers/docx.ts';

/** One convention for "last year's file" (issue 16): a folder per year, or the year at the end of the name. */

describe('previousYearNames', () => {
  const table: [file: string, fiscalYear: number | undefined, expected: string[]][] = [
    ['data/2567/nakhon-pathom.yaml', 2567, ['../2566/nakhon-pathom.yaml']],
    ['data/2567/nakhon-pathom.yaml', undefined, ['../2566/nakhon-pathom.yaml']],
    ['nakhon-pathom-2567.yaml', 2567, ['nakhon-pathom-2566.yaml']],
    ['nakhon-pathom-2567.yml', undefined, ['nakhon-pathom-2566.yml']],
    ['C:\\Users\\clerk\\ITA\\nakhon-pathom_2567.YAML', 2567, ['nakhon-pathom_2566.YAML']],
    ['ita2567.yaml', 2567, ['ita2566.yaml']],
    ['2567.yaml', 2567, ['2566.yaml']],
    // Both at once: the folder first, as before.
    ['data/2567/x-2567.yaml', 2567, ['../2566/x-2567.yaml', 'x-2566.yaml']],
    // A year that is not the file's is no clue.
    ['data/2567/nakhon-pathom.yaml', 2568, []],
    ['nakhon-pathom-2566.yaml', 2567, []],
    // Part of a longer number, or not at the end: not a year.
    ['code-12567.yaml', undefined, []],
    ['2567-nakhon-pathom.yaml', 2567, []],
    ['nakhon-pathom.yaml', 2567, []],
    ['notes-2567.txt', 2567, []],
  ];
  it.each(table)('%s (fiscal year %s) → %j', (file, year, expected) => {
    expect(previousYearNames(file, year)).toEqual(expected);
  });

  const joined: [file: string, candidate: string, expected: string | undefined][] = [
    ['nakhon-pathom-2567.yaml', 'nakhon-pathom-2566.yaml', 'nakhon-pathom-2566.yaml'],
    ['2567/x.yaml', '../2566/x.yaml', '2566/x.yaml'],
    ['a/2567/x.yaml', '../2566/x.yaml', 'a/2566/x.yaml'],
    ['x.yaml', '../2566/x.yaml', undefined],
    ['sub/x-2567.yaml', 'x-2566.yaml', 'sub/x-2566.yaml'],
  ];
  it.each(joined)('besideName(%s, %s) → %s', (file, candidate, expected) => {
    expect(besideName(file, candidate)).toBe(expected);
  });

  // A file the data names, in the static site's folder: outside it (absolute, a drive, above it) is none.
  const written: [file: string, written: string, expected: string | undefined][] = [
    ['2567/x.yaml', 'emblems/seal.svg', '2567/emblems/seal.svg'],
    ['2567/x.yaml', '..\\emblems\\seal.svg', 'emblems/seal.svg'],
    ['x-2567.yaml', './seal.svg', 'seal.svg'],
    ['2567/x.yaml', '../../seal.svg', undefined],
    ['x-2567.yaml', '/etc/seal.svg', undefined],
    ['x-2567.yaml', 'C:\\seal.svg', undefined],
  ];
  it.each(written)('writtenInFolder(%s, %s) → %s', (file, path, expected) => {
    expect(writtenInFolder(file, path)).toBe(expected);
  });
});

describe('previousYearFile on disk', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ita-previous-'));
  for (const f of ['2566/a.yaml', '2567/a.yaml', 'b-2566.yaml', 'b-2567.yaml', '2567/c-2567.yaml', '2567/c-2566.yaml', 'd-2567.yaml']) {
    mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    writeFileSync(path.join(dir, f), '');
  }
  const table: [file: string, fiscalYear: number | undefined, expected: string | undefined][] = [
    ['2567/a.yaml', 2567, '2566/a.yaml'],
    ['b-2567.yaml', 2567, 'b-2566.yaml'],
    ['b-2567.yaml', undefined, 'b-2566.yaml'],
    // No 2566/c-2567.yaml: the name beside it.
    ['2567/c-2567.yaml', 2567, '2567/c-2566.yaml'],
    ['d-2567.yaml', 2567, undefined],
    ['2566/a.yaml', 2566, undefined],
    ['b-2567.yaml', 2568, undefined],
  ];
  it.each(table)('%s (fiscal year %s) → %s', (file, year, expected) => {
    expect(previousYearFile(path.join(dir, file), year)).toBe(expected === undefined ? undefined : path.join(dir, expected));
  });
});

const bin = new URL('../../bin/ita-report.js', import.meta.url).pathname;
const run = promisify(execFile);
const FIXTURE = new URL('../fixtures/two-years/', import.meta.url).pathname;

/** Every file under a folder, relative to it. */
const filesUnder = (dir: string): string[] => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name))).sort();

describe('the command line and the batch compare files kept side by side', () => {
  it('build and batch give the comparison for name-2567.yaml from name-2566.yaml, the same bytes as from year folders', async () => {
    const flat = mkdtempSync(path.join(tmpdir(), 'ita-flat-'));
    copyFileSync(path.join(FIXTURE, '2566/sample-agency.yaml'), path.join(flat, 'sample-agency-2566.yaml'));
    copyFileSync(path.join(FIXTURE, '2567/sample-agency.yaml'), path.join(flat, 'sample-agency-2567.yaml'));
    const outFlat = mkdtempSync(path.join(tmpdir(), 'ita-flat-out-'));
    const outTree = mkdtempSync(path.join(tmpdir(), 'ita-tree-out-'));
    const outBatch = mkdtempSync(path.join(tmpdir(), 'ita-flat-batch-'));
    const opts = { cwd: tmpdir(), maxBuffer: 16 * 1024 * 1024 };
    await run(process.execPath, [bin, 'build', path.join(flat, 'sample-agency-2567.yaml'), '--out', outFlat, '--format', 'docx'], opts);
    await run(process.execPath, [bin, 'build', path.join(FIXTURE, '2567/sample-agency.yaml'), '--out', outTree, '--format', 'docx'], opts);
    await run(process.execPath, [bin, 'batch', flat, '--out', outBatch, '--format', 'docx'], opts);
    const report = (dir: string): Uint8Array => readFileSync(path.join(dir, filesUnder(dir).find((f) => f.endsWith('report.docx') && !/2566/.test(path.basename(path.dirname(f))))!));
    const text = (await docxText(report(outFlat))).join(' ');
    expect(text).toContain('เปลี่ยนแปลง');
    expect(Buffer.from(report(outFlat)).equals(Buffer.from(report(outTree)))).toBe(true);
    const comparisonTable = (bytes: Uint8Array) => docxTables(bytes).find((t) => t[0]?.includes('เปลี่ยนแปลง'));
    expect(comparisonTable(report(outFlat))).toBeDefined();
    expect(filesUnder(outBatch).filter((f) => f.endsWith('report.docx'))).toEqual(['sample-agency-2566/report.docx', 'sample-agency-2567/report.docx']);
    const later = readFileSync(path.join(outBatch, 'sample-agency-2567/report.docx'));
    expect(Buffer.from(later).equals(Buffer.from(report(outFlat)))).toBe(true);
    // The earlier year has nothing before it.
    expect(comparisonTable(readFileSync(path.join(outBatch, 'sample-agency-2566/report.docx')))).toBeUndefined();
  }, 120_000);
});
