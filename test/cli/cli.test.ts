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
      `variant.yaml:${line}:6: ข้อผิดพลาด (error): ต้องอยู่ระหว่าง ๐ ถึง ๑๐๐ (must be between 0 and 100) [scores.4: คะแนน (score)]`,
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

describe('limits and internal errors (issue 11)', () => {
  /** The CLI with extra environment variables (ITA_REPORT_TEST_CRASH, ITA_REPORT_DEBUG). */
  async function cliWith(env: Record<string, string>, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
      const { stdout, stderr } = await run(process.execPath, [bin, ...args], { cwd: tmpdir(), env: { ...process.env, ...env } });
      return { code: 0, stdout, stderr };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }
  /** A line of a stack trace, which ordinary errors never print. */
  const STACK = /^\s+at /m;

  it('check refuses an alias bomb with a located error, no exception, and exits 1', async () => {
    const a = Array(50).fill('x').join(', ');
    const b = Array(50).fill('*a').join(', ');
    const c = Array(50).fill('*b').join(', ');
    const text = sampleText() + `a: &a [${a}]\nb: &b [${b}]\nc: [${c}]\n`;
    const line = text.split('\n').findIndex((l) => l.startsWith('a: &a')) + 1;
    const file = writeVariant(text, 'bomb.yaml');
    const { code, stderr } = await cli('check', file);
    expect(code).toBe(1);
    expect(stderr).toContain(`bomb.yaml:${line}:4: ข้อผิดพลาด (error): ไฟล์ข้อมูลใช้ anchor หรือ alias ของ YAML (&a) ไม่ได้`);
    expect(stderr).toContain(`bomb.yaml:${line + 2}:5: ข้อผิดพลาด (error):`);
    expect(stderr).toContain('(YAML anchors and aliases (&a) are not allowed in a data file');
    expect(stderr).not.toContain('ReferenceError');
    expect(stderr).not.toMatch(STACK);
  });

  it('prints the first 100 findings of a file and counts the rest', async () => {
    const file = writeVariant(sampleText() + Array.from({ length: 250 }, (_, i) => `typo_${i}: 1\n`).join(''), 'typos.yaml');
    const { code, stderr } = await cli('check', file);
    expect(code).toBe(1);
    const lines = stderr.trim().split('\n');
    expect(lines.filter((l) => l.includes('ไม่รู้จักชื่อข้อมูล'))).toHaveLength(100);
    expect(lines.at(-1)).toMatch(/typos\.yaml: … และอีก 150 รายการ \(and 150 more\)$/);
  });

  it('an internal error exits 3, names the file, asks for a report, and goes on with the other files', async () => {
    const crash = writeVariant(sampleText(), 'crash-me.yaml');
    const { code, stderr, stdout } = await cliWith({ ITA_REPORT_TEST_CRASH: 'crash-me' }, 'check', crash, SAMPLE);
    expect(code).toBe(3);
    expect(stderr).toMatch(/crash-me\.yaml: ข้อผิดพลาดภายในโปรแกรม: TypeError: simulated internal error \(ITA_REPORT_TEST_CRASH\) in \S+crash-me\.yaml ไม่ใช่ความผิดของข้อมูล โปรดแจ้งผู้ดูแลโปรแกรม/);
    expect(stderr).toContain('(internal error: TypeError: simulated internal error');
    expect(stderr).toContain('this is a bug in ita-report, not a fault of the data: please report it');
    expect(stderr).not.toMatch(STACK);
    // The other file was still checked.
    expect(stdout).toContain('ใช้ได้ มีคำเตือน 1 รายการ');
  });

  it('prints the stack of an internal error with --debug or ITA_REPORT_DEBUG=1', async () => {
    const crash = writeVariant(sampleText(), 'crash-me.yaml');
    const flag = await cliWith({ ITA_REPORT_TEST_CRASH: 'crash-me' }, 'check', '--debug', crash);
    expect(flag.code).toBe(3);
    expect(flag.stderr).toMatch(STACK);
    const env = await cliWith({ ITA_REPORT_TEST_CRASH: 'crash-me', ITA_REPORT_DEBUG: '1' }, 'check', crash);
    expect(env.code).toBe(3);
    expect(env.stderr).toMatch(/^\s+at .*pipeline\.ts/m);
  });

  it('build: an internal error exits 3 and writes nothing for that file', async () => {
    const out = freshDir();
    const crash = writeVariant(sampleText(), 'crash-me.yaml');
    const { code, stderr } = await cliWith({ ITA_REPORT_TEST_CRASH: 'crash-me' }, 'build', crash, '--out', out);
    expect(code).toBe(3);
    expect(stderr).toContain('ข้อผิดพลาดภายในโปรแกรม');
    expect(listFiles(out)).toEqual([]);
  });

  it('build: an output folder that cannot be written is said in one line, not a stack, and exits 1', async () => {
    const { writeFileSync } = await import('node:fs');
    const notAFolder = path.join(freshDir(), 'file');
    writeFileSync(notAFolder, '');
    const { code, stderr } = await cli('build', SAMPLE, '--out', notAFolder, '--format', 'docx', '--no-charts');
    expect(code).toBe(1);
    expect(stderr).toMatch(/nakhon-pathom\.yaml: ข้อผิดพลาด \(error\): อ่านหรือเขียนไฟล์ไม่ได้: .*(ENOTDIR|EEXIST)/);
    expect(stderr).toContain('(cannot read or write a file:');
    expect(stderr).not.toContain('ข้อผิดพลาดภายในโปรแกรม');
    expect(stderr).not.toMatch(STACK);
  });

  it('words each kind of unexpected failure: a bug, text the PDF could not place, the system refusing a file', async () => {
    const { describeUnexpected } = await import('../../src/messages/internal.ts');
    const { UnplacedTextError } = await import('../../src/export/pdf/placement.ts');
    expect(describeUnexpected(new RangeError('Invalid array length\n  more'), 'a.yaml')).toEqual({
      internal: true,
      line: expect.stringMatching(/^a\.yaml: ข้อผิดพลาดภายในโปรแกรม: RangeError: Invalid array length ไม่ใช่ความผิดของข้อมูล .* \(internal error: RangeError: Invalid array length; this is a bug in ita-report/),
    });
    const unplaced = describeUnexpected(new UnplacedTextError([{ text: 'ขั้นตอนที่หนึ่ง', problem: 'outside', page: 3 }]), 'b.yaml');
    expect(unplaced.internal).toBe(true);
    expect(unplaced.line).toContain('b.yaml: ข้อผิดพลาดภายในโปรแกรม: การจัดหน้า PDF วางข้อความไม่ครบ ๑ ส่วน ส่วนแรก "ขั้นตอนที่หนึ่ง" อยู่นอกพื้นที่พิมพ์ของหน้า ๓');
    expect(unplaced.line).toContain('(internal error: the PDF layout could not place 1 piece(s) of text, the first "ขั้นตอนที่หนึ่ง" outside the text area of page 3, so nothing was written');
    const system = Object.assign(new Error("EACCES: permission denied, open 'out/x.pdf'"), { code: 'EACCES', syscall: 'open' });
    expect(describeUnexpected(system, 'c.yaml')).toEqual({
      internal: false,
      line: "c.yaml: ข้อผิดพลาด (error): อ่านหรือเขียนไฟล์ไม่ได้: EACCES: permission denied, open 'out/x.pdf' ตรวจสอบสิทธิ์การเข้าถึงและพื้นที่ว่างของดิสก์ (cannot read or write a file: EACCES: permission denied, open 'out/x.pdf'; check the permissions and the free disk space)",
    });
  });

  it('check: a fiscal year whose dates a DOCX cannot hold is an error at its line, not a crash later', async () => {
    const text = sampleText().replace(/^fiscal_year: 2566/m, 'fiscal_year: 2523');
    const line = text.split('\n').findIndex((l) => l.startsWith('fiscal_year: 2523')) + 1;
    const { code, stderr } = await cli('check', writeVariant(text));
    expect(code).toBe(1);
    expect(stderr).toContain(`variant.yaml:${line}:14: ข้อผิดพลาด (error): ต้องอยู่ระหว่าง ๒๕๒๔ ถึง ๒๖๔๓ (must be between 2524 and 2643) [fiscal_year: ปีงบประมาณ (fiscal year)]`);
  });
});

describe('a file without a signatory (issue 12)', () => {
  /** The sample with a consistent overall (no other warning) and with or without its signatory. */
  const consistent = (): string => sampleText().replace('score: 93.68', 'score: 93.51');
  const withoutSignatory = (): string => {
    const text = consistent().replace(/\n# ผู้ลงนามในประกาศมาตรการ[\s\S]*$/, '\n');
    if (text.includes('signatory')) throw new Error('the sample’s signatory block has changed');
    return text;
  };
  const WARNING =
    'คำเตือน (warning): ยังไม่ได้ระบุผู้ลงนาม ประกาศมาตรการจะเว้นเป็นจุดไข่ปลา (.....) ไว้ที่ตำแหน่ง ชื่อ และวันที่ ให้กรอกด้วยลายมือก่อนลงนาม';
  const DOTS = '.'.repeat(45);
  /** The announcement's signature block with nothing known: date, name and position dotted. */
  const DOTTED = ['ประกาศ ณ วันที่ ........ เดือน ..................... พ.ศ. ........', `(${DOTS})`, DOTS];

  it('check warns at the file top, in Thai and English, and exits 0; --strict makes the warning fatal', async () => {
    const text = withoutSignatory();
    const line = text.split('\n').findIndex((l) => l.startsWith('agency:')) + 1;
    const file = writeVariant(text);
    const plain = await cli('check', file);
    expect(plain.code).toBe(0);
    expect(plain.stderr).toContain(`variant.yaml:${line}:1: ${WARNING}`);
    expect(plain.stderr).toContain('(no signatory: the announcement will have dotted lines for the position, name and date, to be filled in by hand before signing;');
    expect(plain.stderr).toContain('[signatory: ผู้ลงนาม (signatory)]');
    expect(plain.stdout).toContain('ok with 1 warning(s)');
    const strict = await cli('check', '--strict', file);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain(`variant.yaml:${line}:1: ${WARNING}`);
    expect(strict.stderr.trim().split('\n')).toHaveLength(1);
    // With a signatory the same file passes --strict: the warning is the only finding.
    expect((await cli('check', '--strict', writeVariant(consistent()))).code).toBe(0);
  });

  it('check --strict fails on a signatory without a position, at its line', async () => {
    const text = consistent().replace('  position: ผู้ว่าราชการจังหวัดนครปฐม', '  name: นายทดสอบ ระบบรายงาน');
    const line = text.split('\n').findIndex((l) => l === 'signatory:') + 1;
    const { code, stderr } = await cli('check', '--strict', writeVariant(text));
    expect(code).toBe(1);
    expect(stderr).toContain(`variant.yaml:${line}:1: คำเตือน (warning): ยังไม่ได้ระบุตำแหน่งผู้ลงนาม`);
    expect(stderr).toContain('[signatory.position: ตำแหน่ง (position)]');
  });

  it('build writes all four documents; the announcement has dotted lines for the position, name and date; the report is unchanged', async () => {
    const out = freshDir();
    const { code, stderr } = await cli('build', writeVariant(withoutSignatory()), '--out', out);
    expect(code).toBe(0);
    expect(stderr).toContain(WARNING);
    expect(listFiles(out)).toEqual([
      '2566/variant/announcement.docx',
      '2566/variant/announcement.pdf',
      '2566/variant/report.docx',
      '2566/variant/report.pdf',
    ]);
    const read = (name: string): Buffer => readFileSync(path.join(out, '2566/variant', name));
    // The last lines of the announcement, read back: the signature block (the PDF's last page ends with its number).
    const pdf = (await pdfPages(read('announcement.pdf'))).flat();
    expect(pdf.at(-1)).toBe('- ๒ -');
    expect(pdf.slice(-4, -1)).toEqual(DOTTED);
    expect((await docxText(read('announcement.docx'))).slice(-3)).toEqual(DOTTED);

    // The same file with its signatory: the report reads the same, in both formats (its bytes too:
    // the sample has no signing date, the only part of the signatory the report's file date uses).
    const signed = freshDir();
    expect((await cli('build', writeVariant(consistent()), '--out', signed)).code).toBe(0);
    const readSigned = (name: string): Buffer => readFileSync(path.join(signed, '2566/variant', name));
    expect(await docxText(read('report.docx'))).toEqual(await docxText(readSigned('report.docx')));
    expect(await pdfPages(read('report.pdf'))).toEqual(await pdfPages(readSigned('report.pdf')));
    expect(read('report.docx').equals(readSigned('report.docx'))).toBe(true);
    expect(read('report.pdf').equals(readSigned('report.pdf'))).toBe(true);
    expect((await pdfPages(readSigned('announcement.pdf'))).flat().slice(-2, -1)).toEqual(['ผู้ว่าราชการจังหวัดนครปฐม']);
  });

  it('build --strict writes nothing for it', async () => {
    const out = freshDir();
    expect((await cli('build', '--strict', writeVariant(withoutSignatory()), '--out', out)).code).toBe(1);
    expect(listFiles(out)).toEqual([]);
  });
});

describe('ita-report serve', () => {
  it('says that the port is in use, and what to do, when another program has it (not "cannot read or write a file")', async () => {
    const { createServer } = await import('node:net');
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const port = (holder.address() as { port: number }).port;
    try {
      const { code, stderr } = await cli('serve', '--data', freshDir(), '--port', String(port));
      expect(code).toBe(2);
      expect(stderr).toContain(`พอร์ต ${port} มีโปรแกรมอื่นใช้อยู่แล้ว อาจเป็น ita-report serve ที่เปิดไว้ก่อนแล้ว: ลองเปิด http://127.0.0.1:${port}/ ในเบราว์เซอร์ หรือเลือกพอร์ตอื่นด้วย --port ${port + 1}`);
      expect(stderr).toContain(`port ${port} is in use by another program`);
      expect(stderr).not.toContain('อ่านหรือเขียนไฟล์ไม่ได้');
    } finally {
      holder.close();
    }
  });
});
