import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkFile, renderDocuments, type Checked, type RenderedDocument } from '../../src/pipeline.ts';
import { toThaiDigits } from '../../src/thai/digits.ts';
import { formatScore } from '../../src/thai/numbers.ts';
import { docxPart, docxTables, docxText } from '../helpers/docx.ts';
import { drawnGlyphs, inflatedStreams, pdfFonts, pdfPages, pdfText, squash } from '../helpers/pdf.ts';
import { SAMPLE } from '../helpers/sample.ts';

/**
 * Issue 6 end to end on the two-year TEST fixture (test/fixtures/two-years, invented data): every
 * number of the comparison table, its sentences and the chart is traced back to the two YAML
 * files, read here independently of the tool.
 */

const FIXTURE = new URL('../fixtures/two-years/', import.meta.url).pathname;
const NAMES = ['การปฏิบัติหน้าที่', 'การใช้งบประมาณ', 'การใช้อำนาจ', 'การใช้ทรัพย์สินของราชการ', 'การแก้ไขปัญหาการทุจริต', 'คุณภาพการดำเนินงาน', 'ประสิทธิภาพการสื่อสาร', 'การปรับปรุงระบบการทำงาน', 'การเปิดเผยข้อมูล', 'การป้องกันการทุจริต'];

interface YearFile {
  scores: Record<string, number>;
  overall: { score: number };
  assessment_year: number;
  threshold: number;
}

const th = (n: number): string => toThaiDigits(formatScore(n));

/** A fresh copy of the fixture tree, so tests can change files. */
function copyFixture(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ita-yoy-'));
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

const readYear = (dir: string, year: number): YearFile => parse(readFileSync(path.join(dir, String(year), 'sample-agency.yaml'), 'utf8')) as YearFile;

/** Expected change cell, computed here in hundredths from the two files. */
function changeCell(previous: number, current: number): string {
  const delta = Math.round(current * 100) - Math.round(previous * 100);
  return delta > 0 ? `▲ ${th(delta / 100)}` : delta < 0 ? `▼ ${th(-delta / 100)}` : 'เท่าเดิม';
}

let dir: string;
let before: YearFile;
let now: YearFile;
let checked: Checked;
let docs: RenderedDocument[];
const doc = (kind: string, format: string): Uint8Array => docs.find((d) => d.kind === kind && d.format === format)!.bytes;

beforeAll(async () => {
  dir = copyFixture();
  before = readYear(dir, 2566);
  now = readYear(dir, 2567);
  checked = await checkFile(path.join(dir, '2567', 'sample-agency.yaml'));
  docs = await renderDocuments(checked, { formats: ['docx', 'pdf'], digits: 'thai' });
});

describe('the previous year found in the data tree', () => {
  it('is compared with, without a warning', () => {
    expect(checked.previousFile).toBe(path.join(dir, '2566', 'sample-agency.yaml'));
    expect(checked.comparison?.previousAssessmentYear).toBe(before.assessment_year);
    expect(checked.findings.filter((f) => f.code.startsWith('previous.'))).toEqual([]);
  });

  it('gives the comparison table in the DOCX, every number from the two files', () => {
    const table = docxTables(doc('report', 'docx')).find((t) => t[0]?.includes('เปลี่ยนแปลง'))!;
    expect(table[0]).toEqual(['ตัวชี้วัด', `พ.ศ. ${toThaiDigits(String(before.assessment_year))}`, `พ.ศ. ${toThaiDigits(String(now.assessment_year))}`, 'เปลี่ยนแปลง']);
    NAMES.forEach((name, i) => {
      const n = i + 1;
      expect(table[n]).toEqual([`${toThaiDigits(String(n))}. ${name}`, th(before.scores[n]!), th(now.scores[n]!), changeCell(before.scores[n]!, now.scores[n]!)]);
    });
    expect(table[11]).toEqual(['คะแนนภาพรวม', th(before.overall.score), th(now.overall.score), changeCell(before.overall.score, now.overall.score)]);
    // Both arrows and an unchanged row occur, so the test sees every kind of cell.
    expect(table.flat().join(' ')).toMatch(/▲[\s\S]*▼[\s\S]*เท่าเดิม/);
  });

  it('gives the same table in the PDF, row by row', async () => {
    const text = squash(await pdfText(doc('report', 'pdf'), ''));
    NAMES.forEach((name, i) => {
      const n = i + 1;
      expect(text).toContain(squash(`${toThaiDigits(String(n))}. ${name}${th(before.scores[n]!)}${th(now.scores[n]!)}${changeCell(before.scores[n]!, now.scores[n]!)}`));
    });
  });

  it('writes the sentences from the comparison, in both formats', async () => {
    const up = Math.round(now.overall.score * 100) - Math.round(before.overall.score * 100);
    expect(up).toBeGreaterThan(0);
    const year = toThaiDigits(String(before.assessment_year));
    const sentences = [
      `เพิ่มขึ้นจากปีงบประมาณ พ.ศ. ${year} จำนวน ${th(up / 100)} คะแนน`,
      'มีตัวชี้วัดที่ได้คะแนนเพิ่มขึ้น ๘ ตัวชี้วัด ได้คะแนนลดลง ๑ ตัวชี้วัด และได้คะแนนเท่าเดิม ๑ ตัวชี้วัด',
      // 9 and 10 both rose by 5.00: a tie reads as one phrase.
      'โดยตัวชี้วัดที่ ๙ การเปิดเผยข้อมูล และตัวชี้วัดที่ ๑๐ การป้องกันการทุจริต ได้คะแนนเพิ่มขึ้นมากที่สุด จำนวน ๕ คะแนน',
      'ส่วนตัวชี้วัดที่ ๒ การใช้งบประมาณ ได้คะแนนลดลงมากที่สุด จำนวน ๒.๖๕ คะแนน',
      'ทั้งนี้ตัวชี้วัดที่ ๓ การใช้อำนาจ และตัวชี้วัดที่ ๘ การปรับปรุงระบบการทำงาน ได้คะแนนถึงร้อยละ ๘๕ ในปีนี้ ซึ่งปีก่อนยังต่ำกว่าเกณฑ์',
      'และตัวชี้วัดที่ ๒ การใช้งบประมาณ ได้คะแนนต่ำกว่าร้อยละ ๘๕ ในปีนี้ ซึ่งปีก่อนถึงเกณฑ์',
    ];
    const docx = (await docxText(doc('report', 'docx'))).join('\n');
    const pdf = squash(await pdfText(doc('report', 'pdf'), ''));
    for (const s of sentences) {
      expect(docx).toContain(s);
      expect(pdf).toContain(squash(s));
    }
    // The counts and extremes above, recomputed from the files.
    const deltas = NAMES.map((_, i) => Math.round(now.scores[i + 1]! * 100) - Math.round(before.scores[i + 1]! * 100));
    expect([deltas.filter((d) => d > 0).length, deltas.filter((d) => d < 0).length, deltas.filter((d) => d === 0).length]).toEqual([8, 1, 1]);
    expect(Math.max(...deltas)).toBe(500);
    expect(deltas.map((d, i) => (d === 500 ? i + 1 : 0)).filter(Boolean)).toEqual([9, 10]);
    expect(Math.min(...deltas)).toBe(-265);
  });
});

describe('the indicator chart', () => {
  it('is drawn in the PDF as vectors, with real Thai text for every label and both years', async () => {
    const pdf = doc('report', 'pdf');
    const pages = await pdfPages(pdf);
    const page = pages.findIndex((p) => p.some((l) => l.includes('เกณฑ์ผ่าน ๘๕')));
    expect(page).toBeGreaterThanOrEqual(0);
    const text = pages[page]!.join('\n');
    NAMES.forEach((name, i) => {
      expect(text).toContain(`${toThaiDigits(String(i + 1))}. ${name}`);
      expect(text).toContain(th(before.scores[i + 1]!));
      expect(text).toContain(th(now.scores[i + 1]!));
    });
    for (const legend of [`ปีงบประมาณ พ.ศ. ${toThaiDigits(String(before.assessment_year))}`, `ปีงบประมาณ พ.ศ. ${toThaiDigits(String(now.assessment_year))}`, 'ต่ำกว่าเกณฑ์ผ่าน']) {
      expect(text).toContain(legend);
    }
    // No picture: the file holds no image XObject, the bars are paths.
    expect(Buffer.from(pdf).toString('latin1')).not.toMatch(/\/Subtype\s*\/Image/);
    // No missing-glyph box anywhere on the page, labels included.
    const glyphs = await drawnGlyphs(pdf, page + 1);
    expect(glyphs.length).toBeGreaterThan(300);
    expect(glyphs.filter((g) => g.cid === 0)).toEqual([]);
  });

  it('marks exactly the bars below the pass mark', () => {
    // The marked colour #e67e22 is filled once per marked bar and once for its legend swatch.
    const below = Object.values(now.scores).filter((s) => s < 85).length;
    expect(below).toBe(2);
    const fills = inflatedStreams(doc('report', 'pdf'))
      .join('\n')
      .match(/0\.90196\d* 0\.49411\d* 0\.13333\d* scn/g);
    expect(fills?.length).toBe(below + 1);
  });

  it('is a native chart in the DOCX with both years as series, described for screen readers', () => {
    const bytes = doc('report', 'docx');
    const files = unzipSync(bytes);
    expect(Object.keys(files).filter((name) => name.startsWith('word/media/'))).toEqual([]);
    const chart = docxPart(bytes, 'word/charts/chart1.xml');
    const bars = /<c:barChart>[\s\S]*?<\/c:barChart>/.exec(chart)![0];
    const series = bars.match(/<c:ser>[\s\S]*?<\/c:ser>/g)!;
    expect(series).toHaveLength(2);
    const values = (ser: string): number[] =>
      [.../<c:numCache>[\s\S]*?<\/c:numCache>/.exec(ser)![0].matchAll(/<c:v>([^<]*)<\/c:v>/g)].map((m) => Number(m[1]));
    expect(values(series[0]!)).toEqual(NAMES.map((_, i) => before.scores[i + 1]));
    expect(values(series[1]!)).toEqual(NAMES.map((_, i) => now.scores[i + 1]));
    expect(series[0]).toContain(`<c:v>ปีงบประมาณ พ.ศ. ${toThaiDigits(String(before.assessment_year))}</c:v>`);
    expect(series[1]).toContain(`<c:v>ปีงบประมาณ พ.ศ. ${toThaiDigits(String(now.assessment_year))}</c:v>`);
    // Only this year's bars below the mark are marked.
    const marked = [...series[1]!.matchAll(/<c:dPt><c:idx val="(\d+)"\/>/g)].map((m) => Number(m[1]));
    expect(marked).toEqual(NAMES.flatMap((_, i) => (now.scores[i + 1]! < 85 ? [i] : [])));
    expect(series[0]).not.toContain('<c:dPt>');
    const xml = docxPart(bytes, 'word/document.xml');
    expect(xml).not.toContain('svgBlip');
    expect(xml).toMatch(/descr="แผนภูมิแท่งแสดงคะแนนรายตัวชี้วัดขององค์การบริหารส่วนจังหวัดตัวอย่าง/);
  });

  it('is left out with charts: false, and the comparison stays', async () => {
    const without = await renderDocuments(checked, { formats: ['docx', 'pdf'], digits: 'thai', charts: false });
    const pdf = without.find((d) => d.kind === 'report' && d.format === 'pdf')!.bytes;
    const docx = without.find((d) => d.kind === 'report' && d.format === 'docx')!.bytes;
    const text = await pdfText(pdf);
    expect(text).not.toContain('เกณฑ์ผ่าน ๘๕');
    expect(text).not.toContain('แผนภูมิที่');
    expect(Object.keys(unzipSync(docx)).filter((n) => n.startsWith('word/media/') || n.startsWith('word/charts/'))).toEqual([]);
    expect(docxTables(docx).some((t) => t[0]?.includes('เปลี่ยนแปลง'))).toBe(true);
  });

  it('follows --digits arabic: values, axis and mark in Arabic digits', async () => {
    const [pdf] = await renderDocuments(checked, { formats: ['pdf'], digits: 'arabic' });
    const pages = await pdfPages(pdf!.bytes);
    const chartPage = pages.find((p) => p.some((l) => l.includes('เกณฑ์ผ่าน 85')))!.join('\n');
    for (const n of [1, 4, 10]) expect(chartPage).toContain(formatScore(now.scores[n]!));
    // Axis ticks: 40 and 60 are nobody's score here.
    for (const tick of ['40', '60']) expect(chartPage).toMatch(new RegExp(`(^|\\s)${tick}(\\s|$)`));
    expect(chartPage).not.toMatch(/[๐-๙]/);
  });

  it('sets ▲ and ▼ in the fallback face, never as a missing glyph', async () => {
    const pdf = doc('report', 'pdf');
    expect((await pdfFonts(pdf)).some((f) => f.name.includes('DejaVuSans'))).toBe(true);
    const pages = await pdfPages(pdf);
    const page = pages.findIndex((p) => p.some((l) => l.includes('▼')));
    const glyphs = await drawnGlyphs(pdf, page + 1);
    expect(glyphs.some((g) => g.unicode === '▼')).toBe(true);
    expect(glyphs.filter((g) => g.cid === 0)).toEqual([]);
    // The text after a fallback glyph starts where it ends: measured as drawn (DejaVu has 2048
    // units per em, Laksaman 1000).
    const arrows = glyphs.flatMap((g, i) => (g.unicode === '▼' || g.unicode === '▲' ? [[g, glyphs[i + 1]!] as const] : []));
    expect(arrows.length).toBeGreaterThan(0);
    for (const [arrow, next] of arrows) expect(next.x).toBeCloseTo(arrow.x + arrow.width, 1);
  });

  it('gives the same bytes on a second rendering in the same process', async () => {
    const again = await renderDocuments(checked, { formats: ['docx', 'pdf'], digits: 'thai' });
    for (const d of again) expect(Buffer.from(d.bytes).equals(Buffer.from(doc(d.kind, d.format)))).toBe(true);
  });
});

describe('without a usable previous year', () => {
  it('leaves the comparison out when there is no file, silently, and the chart shows one year', async () => {
    const sample = await checkFile(SAMPLE);
    expect(sample.comparison).toBeUndefined();
    expect(sample.findings.filter((f) => f.code.startsWith('previous.'))).toEqual([]);
    const [pdf] = await renderDocuments(sample, { formats: ['pdf'], digits: 'thai' });
    const text = await pdfText(pdf!.bytes);
    expect(text).toContain('เกณฑ์ผ่าน ๘๕');
    expect(text).toContain('ปีงบประมาณ พ.ศ. ๒๕๖๕');
    expect(text).not.toContain('ปีงบประมาณ พ.ศ. ๒๕๖๔');
    expect(text).not.toContain('เมื่อเปรียบเทียบกับผลการประเมิน');
  });

  it.each([
    ['another agency', (t: string) => t.replace('agency: องค์การบริหารส่วนจังหวัดตัวอย่าง', 'agency: จังหวัดอื่น'), 'previous.other-agency'],
    ['another year', (t: string) => t.replace('fiscal_year: 2566', 'fiscal_year: 2564').replace('assessment_year: 2565', 'assessment_year: 2563'), 'previous.wrong-year'],
    ['errors', (t: string) => t.replace('  4: 79.55', '  4: 179.55'), 'previous.unusable'],
  ])('warns and leaves it out when the previous file is of %s', async (_, edit, code) => {
    const tree = copyFixture();
    const previous = path.join(tree, '2566', 'sample-agency.yaml');
    writeFileSync(previous, edit(readFileSync(previous, 'utf8')));
    const result = await checkFile(path.join(tree, '2567', 'sample-agency.yaml'));
    expect(result.comparison).toBeUndefined();
    expect(result.analysis).toBeDefined();
    expect(result.findings.map((f) => f.code)).toContain(code);
  });

  it('is not looked for with previous: false', async () => {
    const result = await checkFile(path.join(dir, '2567', 'sample-agency.yaml'), { previous: false });
    expect(result.comparison).toBeUndefined();
  });
});

describe('the command line', () => {
  const bin = new URL('../../bin/ita-report.js', import.meta.url).pathname;
  const run = promisify(execFile);
  const cli = async (...args: string[]): Promise<{ code: number; stderr: string }> => {
    try {
      const { stderr } = await run(process.execPath, [bin, ...args], { cwd: tmpdir(), maxBuffer: 16 * 1024 * 1024 });
      return { code: 0, stderr };
    } catch (err) {
      const e = err as { code: number; stderr: string };
      return { code: e.code, stderr: e.stderr };
    }
  };

  it('build --previous compares a file outside the data tree; --no-charts and --no-previous-year leave things out', async () => {
    const tree = copyFixture();
    const lone = path.join(mkdtempSync(path.join(tmpdir(), 'ita-lone-')), 'x.yaml');
    cpSync(path.join(tree, '2567', 'sample-agency.yaml'), lone);
    const out = path.join(tree, 'out');
    expect((await cli('build', lone, '--out', out, '--format', 'pdf', '--previous', path.join(tree, '2566', 'sample-agency.yaml'))).code).toBe(0);
    const compared = 'เมื่อเปรียบเทียบกับผลการประเมิน';
    const report = async (name = 'x'): Promise<string> => squash(await pdfText(readFileSync(path.join(out, '2567', name, 'report.pdf')), ''));
    expect(await report()).toContain(compared);
    expect(await report()).toContain('เกณฑ์ผ่าน๘๕');
    // Without --previous, a file outside a year folder has no previous year; without charts, no chart.
    expect((await cli('build', lone, '--out', out, '--format', 'pdf', '--no-charts')).code).toBe(0);
    expect(await report()).not.toContain(compared);
    expect(await report()).not.toContain('เกณฑ์ผ่าน๘๕');
    expect((await cli('build', path.join(tree, '2567', 'sample-agency.yaml'), '--out', out, '--format', 'pdf')).code).toBe(0);
    expect(await report('sample-agency')).toContain(compared);
    expect((await cli('build', path.join(tree, '2567', 'sample-agency.yaml'), '--out', out, '--format', 'pdf', '--no-previous-year')).code).toBe(0);
    expect(await report('sample-agency')).not.toContain(compared);
  });

  it('batch uses the previous year by itself and rebuilds a report when only last year\'s file changes', async () => {
    const tree = copyFixture();
    const out = path.join(tree, 'out');
    expect((await cli('batch', tree, '--out', out, '--format', 'pdf', '--jobs', '1')).code).toBe(0);
    const report = path.join(out, '2567', 'sample-agency', 'report.pdf');
    expect(squash(await pdfText(readFileSync(report), ''))).toContain(squash('เพิ่มขึ้นจากปีงบประมาณ พ.ศ. ๒๕๖๕ จำนวน ๓.๓๗ คะแนน'));
    const first = statSync(report).mtimeMs;
    // Last year's overall score corrected: this year's sentence must follow.
    const previous = path.join(tree, '2566', 'sample-agency.yaml');
    writeFileSync(previous, readFileSync(previous, 'utf8').replace('score: 89.29', 'score: 89.30'));
    const second = await cli('batch', tree, '--out', out, '--format', 'pdf', '--jobs', '1');
    expect(second.code).toBe(0);
    expect(statSync(report).mtimeMs).toBeGreaterThan(first);
    expect(squash(await pdfText(readFileSync(report), ''))).toContain(squash('เพิ่มขึ้นจากปีงบประมาณ พ.ศ. ๒๕๖๕ จำนวน ๓.๓๖ คะแนน'));
  });
});
