import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { docxText } from '../helpers/docx.ts';
import { drawnGlyphs, pdfPages } from '../helpers/pdf.ts';
import { SAMPLE, sampleText, writeVariant } from '../helpers/sample.ts';

const bin = new URL('../../bin/ita-report.js', import.meta.url).pathname;
const run = promisify(execFile);

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { cwd: tmpdir() });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const freshDir = (): string => mkdtempSync(path.join(tmpdir(), 'ita-out-'));

/** Every file under a folder, relative to it. */
function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

describe('ita-report check', () => {
  it('warns on the sample that ๙๓.๖๘ does not match the weighting (๙๓.๕๑), at its line, and exits 0', async () => {
    const { code, stderr, stdout } = await cli('check', SAMPLE);
    expect(code).toBe(0);
    expect(stderr).toMatch(/nakhon-pathom\.yaml:15:10: คำเตือน \(warning\): คะแนนภาพรวม ๙๓\.๖๘ ไม่ตรงกับผลการถ่วงน้ำหนักคะแนนรายตัวชี้วัด \(๙๓\.๕๑\)/);
    expect(stderr).toContain('(overall score 93.68 does not match the weighting of the indicator scores (93.51)');
    expect(stderr).toContain('[overall.score: คะแนนภาพรวม (overall score)]');
    expect(stdout).toContain('ok with 1 warning(s)');
  });

  it('makes warnings fatal with --strict', async () => {
    expect((await cli('check', '--strict', SAMPLE)).code).toBe(1);
  });

  it('is silent about a consistent file', async () => {
    const file = writeVariant(sampleText().replace('score: 93.68', 'score: 93.51'));
    const { code, stderr, stdout } = await cli('check', '--strict', file);
    expect(stderr).toBe('');
    expect(stdout).toContain('ถูกต้อง (ok)');
    expect(code).toBe(0);
  });

  it('names file, line, column and field of an error in Thai and English, and exits 1', async () => {
    const text = sampleText().replace('  4: 82.14 ', '  4: 182.14');
    const line = text.split('\n').findIndex((l) => l.startsWith('  4: 182.14')) + 1;
    const file = writeVariant(text);
    const { code, stderr } = await cli('check', file);
    expect(code).toBe(1);
    expect(stderr).toContain(
      `variant.yaml:${line}:6: ข้อผิดพลาด (error): ต้องอยู่ระหว่าง 0 ถึง 100 (must be between 0 and 100) [scores.4: คะแนน (score)]`,
    );
  });

  it('exits 2 for a usage error', async () => {
    expect((await cli('check')).code).toBe(2);
    expect((await cli('frobnicate')).code).toBe(2);
    const missing = await cli('check', '/no/such/file.yaml');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('ไม่พบไฟล์หรือโฟลเดอร์');
    expect((await cli('build', '--format', 'odt', SAMPLE)).code).toBe(2);
  });
});

describe('ita-report build', () => {
  it('writes the report and the announcement as DOCX and PDF, with warnings on stderr, and exits 0', async () => {
    const out = freshDir();
    const { code, stderr } = await cli('build', SAMPLE, '--out', out);
    expect(code).toBe(0);
    expect(stderr).toContain('๙๓.๕๑');
    expect(listFiles(out)).toEqual([
      '2566/nakhon-pathom/announcement.docx',
      '2566/nakhon-pathom/announcement.pdf',
      '2566/nakhon-pathom/report.docx',
      '2566/nakhon-pathom/report.pdf',
    ]);
    const text = await docxText(readFileSync(path.join(out, '2566/nakhon-pathom/report.docx')));
    expect(text).toContain('๓.๑ จุดแข็ง คือตัวชี้วัดที่ได้คะแนนตั้งแต่ร้อยละ ๘๕ ขึ้นไป จำนวน ๙ ตัวชี้วัด');
    const pdf = (await pdfPages(readFileSync(path.join(out, '2566/nakhon-pathom/report.pdf')))).flat();
    expect(pdf).toContain('๓.๑ จุดแข็ง คือตัวชี้วัดที่ได้คะแนนตั้งแต่ร้อยละ ๘๕ ขึ้นไป จำนวน ๙ ตัวชี้วัด');
  });

  it('writes only the PDF with --format pdf, and left-aligns it with --no-justify', async () => {
    const out = freshDir();
    expect((await cli('build', SAMPLE, '--out', out, '--format', 'pdf', '--no-justify')).code).toBe(0);
    expect(listFiles(out)).toEqual(['2566/nakhon-pathom/announcement.pdf', '2566/nakhon-pathom/report.pdf']);
    const justified = freshDir();
    expect((await cli('build', SAMPLE, '--out', justified, '--format', 'pdf')).code).toBe(0);
    const file = '2566/nakhon-pathom/report.pdf';
    expect(readFileSync(path.join(out, file)).equals(readFileSync(path.join(justified, file)))).toBe(false);
    expect((await pdfPages(readFileSync(path.join(out, file)))).flat().join('')).toBe((await pdfPages(readFileSync(path.join(justified, file)))).flat().join(''));
  });

  it('says clearly when a configured PDF font file is missing, writes nothing, and exits 2', async () => {
    const out = freshDir();
    const missing = path.join(freshDir(), 'THSarabunNew.ttf');
    const { code, stderr } = await cli('build', SAMPLE, '--out', out, '--pdf-font', missing);
    expect(code).toBe(2);
    expect(stderr).toContain(`ไม่พบไฟล์ฟอนต์ ${missing} (font file not found)`);
    expect(listFiles(out)).toEqual([]);
  });

  it('embeds a font file the user owns, found with its bold face beside it, at 16 pt', async () => {
    const dir = freshDir();
    const fonts = new URL('../../fonts/', import.meta.url).pathname;
    // Laksaman under TH Sarabun New's file names stands in for the font a user owns.
    copyFileSync(path.join(fonts, 'Laksaman.ttf'), path.join(dir, 'THSarabunNew.ttf'));
    const out = freshDir();
    const noBold = await cli('build', SAMPLE, '--out', out, '--pdf-font', path.join(dir, 'THSarabunNew.ttf'));
    expect(noBold.code).toBe(2);
    expect(noBold.stderr).toContain(path.join(dir, 'THSarabunNew Bold.ttf'));
    copyFileSync(path.join(fonts, 'Laksaman-Bold.ttf'), path.join(dir, 'THSarabunNew Bold.ttf'));
    const { code } = await cli('build', SAMPLE, '--out', out, '--format', 'pdf', '--pdf-font', path.join(dir, 'THSarabunNew.ttf'));
    expect(code).toBe(0);
    const pdf = readFileSync(path.join(out, '2566/nakhon-pathom/report.pdf'));
    // Drawn at 16 pt instead of 10.64 pt, the same glyphs need about 1.5 times the pages.
    expect((await pdfPages(pdf)).length).toBeGreaterThanOrEqual(7);
    const bundled = freshDir();
    expect((await cli('build', SAMPLE, '--out', bundled, '--format', 'pdf')).code).toBe(0);
    const [user] = await drawnGlyphs(pdf, 1);
    const [laksaman] = await drawnGlyphs(readFileSync(path.join(bundled, '2566/nakhon-pathom/report.pdf')), 1);
    expect(user!.unicode).toBe(laksaman!.unicode);
    expect(user!.width / laksaman!.width).toBeCloseTo(1.5042, 3);
  });

  it('writes nothing for invalid data, nor under --strict with warnings', async () => {
    const out = freshDir();
    const bad = writeVariant(sampleText().replace('agency: จังหวัดนครปฐม', 'agency: ""'));
    const result = await cli('build', bad, '--out', out);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('[agency: ชื่อหน่วยงาน (agency)]');
    expect(listFiles(out)).toEqual([]);
    expect((await cli('build', '--strict', SAMPLE, '--out', out)).code).toBe(1);
    expect(listFiles(out)).toEqual([]);
  });

  it('builds the good files of a folder when one is bad, and exits 1', async () => {
    const good = writeVariant(sampleText(), 'good.yaml');
    const dir = path.dirname(good);
    writeVariant('agency: [unclosed', 'x.yaml'); // another folder: not picked up
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path.join(dir, 'broken.yaml'), 'agency: จังหวัดทดสอบ\nfiscal_year: 2566\n  scores: {\n');
    const out = freshDir();
    const { code, stderr } = await cli('build', dir, '--out', out);
    expect(code).toBe(1);
    expect(stderr).toMatch(/broken\.yaml:\d+:\d+: ข้อผิดพลาด \(error\)/);
    expect(listFiles(out)).toEqual(['2566/good/announcement.docx', '2566/good/announcement.pdf', '2566/good/report.docx', '2566/good/report.pdf']);
  });

  it('writes Arabic digits with --digits arabic', async () => {
    const out = freshDir();
    expect((await cli('build', SAMPLE, '--out', out, '--digits', 'arabic', '--format', 'docx')).code).toBe(0);
    const text = (await docxText(readFileSync(path.join(out, '2566/nakhon-pathom/report.docx')))).join('\n');
    expect(text).toContain('ได้คะแนนภาพรวมเท่ากับ 93.68 คะแนน');
    expect(text).not.toMatch(/[๐-๙]/);
  });
});
