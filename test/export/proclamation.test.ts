import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { fingerprint } from '../../src/batch/plan.ts';
import { formatFinding } from '../../src/messages/findings.ts';
import { emblemBytes } from '../../src/data/emblem.ts';
import { parseReportData } from '../../src/data/load.ts';
import { checkFile, loadReportFile, renderDocuments } from '../../src/pipeline.ts';
import { nextYear } from '../../src/messages/answers.ts';
import { docxPart, docxText } from '../helpers/docx.ts';
import { drawnGlyphs, paintedPaths, pdfPages, unionBox, type Box, type DrawnGlyph } from '../helpers/pdf.ts';
import { sampleText } from '../helpers/sample.ts';

/**
 * The measures as an official ประกาศ (issue 13, item 2), the announcement's default form: the
 * Garuda 3 cm high centred at the top (vectors in the PDF, an SVG picture with a PNG beside it in
 * the DOCX), "ประกาศ" and the agency, "เรื่อง" and the subject centred above the text, a short
 * rule, the date line and the signature block; an agency's own emblem; the table form on request.
 * Every measurement is read back from the files (pdf.js, the DOCX's XML), not from the exporters.
 */

const points = (cm: number): number => (cm * 72) / 2.54;
const EMU_PER_CM = 360_000;
/** A4 and the official margins, as a reader of the PDF sees them (points, y up). */
const PAGE = { width: 595.28, height: 841.89 };
const TEXT = { left: points(3), right: PAGE.width - points(2), top: PAGE.height - points(2.5) };
const CENTRE = (TEXT.left + TEXT.right) / 2;

type Docs = Awaited<ReturnType<typeof renderDocuments>>;
const pick = (docs: Docs, kind: string, format: string): Uint8Array => docs.find((d) => d.kind === kind && d.format === format)!.bytes;

/** Writes a data file (and other files) into a fresh folder; returns the data file's path. */
function writeFiles(files: Record<string, string | Uint8Array>, dataName = 'agency.yaml'): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ita-procl-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return path.join(dir, dataName);
}

async function build(text: string, extra: Record<string, string | Uint8Array> = {}): Promise<Docs> {
  const checked = await checkFile(writeFiles({ 'agency.yaml': text, ...extra }));
  expect(checked.findings.filter((f) => f.severity === 'error')).toEqual([]);
  return renderDocuments(checked, { formats: ['docx', 'pdf'], digits: 'thai' });
}

/** The sample with a signatory, a name and a date, so the signature block has them all. */
const SIGNED = sampleText().replace(
  '  position: ผู้ว่าราชการจังหวัดนครปฐม',
  '  name: นายทดสอบ ระบบรายงาน\n  position: ผู้ว่าราชการจังหวัดนครปฐม\n  date: 2023-01-16',
);

/** Lines of drawn glyphs on a page, top down: each line's text, baseline and horizontal extent. */
function glyphLines(glyphs: DrawnGlyph[]): { text: string; y: number; x0: number; x1: number }[] {
  const byY = new Map<number, DrawnGlyph[]>();
  for (const g of glyphs) {
    const y = Math.round(g.y * 10) / 10;
    byY.set(y, [...(byY.get(y) ?? []), g]);
  }
  return [...byY]
    .sort((a, b) => b[0] - a[0])
    .map(([y, gs]) => ({ text: gs.map((g) => g.unicode).join(''), y, x0: Math.min(...gs.map((g) => g.x)), x1: Math.max(...gs.map((g) => g.x + g.width)) }));
}

/** The emblem: every path painted above the first line of text on page 1. */
async function emblemBox(pdf: Uint8Array): Promise<{ box: Box; count: number; images: number }> {
  const { paths, images } = await paintedPaths(pdf, 1);
  const top = Math.max(...(await drawnGlyphs(pdf, 1)).map((g) => g.y));
  const above = paths.filter((p) => p.box.y0 > top + 1);
  return { box: unionBox(above.map((p) => p.box)), count: above.length, images };
}

/** The one drawing of a DOCX's document part, its paragraph and its size in EMU. */
function docxDrawing(docx: Uint8Array): { paragraph: string; cx: number; cy: number; index: number } {
  const xml = docxPart(docx, 'word/document.xml');
  const paragraphs = xml.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? [];
  const index = paragraphs.findIndex((p) => p.includes('<w:drawing>'));
  const paragraph = paragraphs[index] ?? '';
  const extent = /<wp:extent cx="(\d+)" cy="(\d+)"\/>/.exec(paragraph);
  return { paragraph, cx: Number(extent?.[1]), cy: Number(extent?.[2]), index };
}

let sample: Docs;
let pdf: Uint8Array;
let docx: Uint8Array;

beforeAll(async () => {
  sample = await build(SIGNED);
  pdf = pick(sample, 'announcement', 'pdf');
  docx = pick(sample, 'announcement', 'docx');
});

describe('the ประกาศ form in the PDF', () => {
  it('draws the Garuda as vectors: paths in the page content, no image', async () => {
    const { count, images } = await emblemBox(pdf);
    expect(count).toBeGreaterThan(0);
    expect(images).toBe(0);
    // No image object anywhere in the file (pdfkit writes object dictionaries uncompressed).
    expect(Buffer.from(pdf).toString('latin1')).not.toMatch(/\/Subtype\s*\/Image/);
  });

  it('draws it 3 cm high, centred in the text area, at the top of the first page', async () => {
    const { box } = await emblemBox(pdf);
    expect(box.y1 - box.y0).toBeCloseTo(points(3), 1);
    expect((box.x0 + box.x1) / 2).toBeCloseTo(CENTRE, 1);
    expect(box.y1).toBeCloseTo(TEXT.top, 1);
    // The Garuda's own proportions (274.75 × 300 units).
    expect((box.x1 - box.x0) / (box.y1 - box.y0)).toBeCloseTo(274.75 / 300, 2);
    // Only on the first page.
    const second = await paintedPaths(pdf, 2);
    const top2 = Math.max(...(await drawnGlyphs(pdf, 2)).map((g) => g.y));
    expect(second.paths.filter((p) => p.box.y0 > top2 + 1)).toEqual([]);
  });

  it('sets "ประกาศ" + agency and "เรื่อง" centred under the emblem, then the rule, then the text', async () => {
    const lines = glyphLines(await drawnGlyphs(pdf, 1));
    const [agency, subject, first] = lines;
    expect(agency!.text).toBe('ประกาศจังหวัดนครปฐม');
    expect(subject!.text).toBe('เรื่อง มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๖');
    for (const line of [agency!, subject!]) expect((line.x0 + line.x1) / 2).toBeCloseTo(CENTRE, 0);
    expect(first!.text.startsWith('ตามที่จังหวัดนครปฐม')).toBe(true);
    const { box } = await emblemBox(pdf);
    expect(agency!.y).toBeLessThan(box.y0);
    // The rule: a short centred stroke between the subject and the text, 5 cm long.
    const { paths } = await paintedPaths(pdf, 1);
    const rules = paths.filter((p) => p.stroke && p.box.y0 < subject!.y && p.box.y0 > first!.y && p.box.y1 - p.box.y0 < 1);
    expect(rules).toHaveLength(1);
    const rule = rules[0]!.box;
    expect(rule.x1 - rule.x0).toBeCloseTo(points(5), 1);
    expect((rule.x0 + rule.x1) / 2).toBeCloseTo(CENTRE, 1);
  });

  it('ends with the closing formula, the date line and the signature block, and numbers page 2', async () => {
    const pages = await pdfPages(pdf);
    const all = pages.flat();
    const at = (text: string): number => all.findIndex((l) => l.replace(/\s+/g, '') === text.replace(/\s+/g, ''));
    const closing = at('จึงประกาศมาเพื่อทราบและถือปฏิบัติโดยทั่วกัน');
    const date = at('ประกาศ ณ วันที่ ๑๖ มกราคม พ.ศ. ๒๕๖๖');
    const name = at('(นายทดสอบ ระบบรายงาน)');
    const position = at('ผู้ว่าราชการจังหวัดนครปฐม');
    expect(closing).toBeGreaterThan(0);
    expect([closing < date, date < name, name < position]).toEqual([true, true, true]);
    expect(pages[1]).toContain('- ๒ -');
    expect(pages[0]!.some((l) => /^-\s*๑\s*-$/.test(l))).toBe(false);
  });
});

describe('the ประกาศ form in the DOCX', () => {
  it('embeds the Garuda as an SVG picture with a PNG beside it, 3 cm high, in a centred paragraph first', () => {
    const files = unzipSync(docx);
    const media = Object.keys(files).filter((p) => p.startsWith('word/media/')).sort();
    expect(media.map((p) => path.extname(p))).toEqual(['.png', '.svg']);
    const svg = strFromU8(files[media.find((p) => p.endsWith('.svg'))!]!);
    expect(svg).toMatch(/<path /);
    expect(svg).not.toMatch(/<image /);
    expect(Buffer.from(files[media.find((p) => p.endsWith('.png'))!]!).subarray(1, 4).toString('latin1')).toBe('PNG');
    const drawing = docxDrawing(docx);
    expect(drawing.index).toBe(0);
    expect(drawing.cy).toBe(3 * EMU_PER_CM);
    expect(drawing.cx / drawing.cy).toBeCloseTo(274.75 / 300, 2);
    expect(drawing.paragraph).toContain('<w:jc w:val="center"/>');
    expect(drawing.paragraph).toContain('descr="ตราครุฑ"');
    expect(drawing.paragraph).toContain('<asvg:svgBlip');
  });

  it('has "ประกาศ" + agency and "เรื่อง" as centred title lines before the text, then the rule', () => {
    const xml = docxPart(docx, 'word/document.xml');
    const paragraphs = xml.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? [];
    const text = (p: string): string => (p.match(/<w:t(?: [^>]*)?>[^<]*<\/w:t>/g) ?? []).map((t) => t.replace(/<[^>]+>/g, '')).join('');
    expect(text(paragraphs[1]!)).toBe('ประกาศจังหวัดนครปฐม');
    expect(text(paragraphs[2]!)).toBe('เรื่อง มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๖');
    // Title style: centred and bold (styles.xml).
    for (const p of paragraphs.slice(1, 3)) expect(p).toContain('<w:pStyle w:val="Title"/>');
    const styles = docxPart(docx, 'word/styles.xml');
    const title = /<w:style w:type="paragraph" w:styleId="Title">[\s\S]*?<\/w:style>/.exec(styles)?.[0] ?? '';
    expect(title).toContain('<w:jc w:val="center"/>');
    expect(title).toContain('<w:b/>');
    // The rule: an empty paragraph whose bottom border is 5 cm long, centred by equal indents.
    const rule = paragraphs[3]!;
    expect(text(rule)).toBe('');
    expect(rule).toMatch(/<w:pBdr><w:bottom w:val="single"/);
    const left = Number(/<w:ind [^>]*w:left="(\d+)"/.exec(rule)?.[1]);
    const right = Number(/<w:ind [^>]*w:right="(\d+)"/.exec(rule)?.[1]);
    expect(left).toBe(right);
    const textWidth = Math.round(((21 - 3 - 2) * 1440) / 2.54);
    expect((textWidth - left - right) / (1440 / 2.54)).toBeCloseTo(5, 1);
    expect(text(paragraphs[4]!).startsWith('ตามที่จังหวัดนครปฐม')).toBe(true);
  });

  it('ends with the closing formula, the date line and the signature block', async () => {
    const lines = await docxText(docx);
    expect(lines.slice(-4)).toEqual(['จึงประกาศมาเพื่อทราบและถือปฏิบัติโดยทั่วกัน', 'ประกาศ ณ วันที่ ๑๖ มกราคม พ.ศ. ๒๕๖๖', '(นายทดสอบ ระบบรายงาน)', 'ผู้ว่าราชการจังหวัดนครปฐม']);
  });
});

/** A seal of the agency's own: a page twice as wide as high, with a blue rectangle drawn inside it. */
const SEAL = `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100">
  <rect x="20" y="10" width="160" height="80" fill="#1f4e79"/>
  <circle cx="100" cy="50" r="30" fill="#ffffff"/>
</svg>
`;

describe("an agency's own emblem (announcement.emblem)", () => {
  let docs: Docs;
  beforeAll(async () => {
    docs = await build(SIGNED + 'announcement:\n  emblem: emblems/seal.svg\n', { 'emblems/seal.svg': SEAL });
  });

  it('is drawn instead of the Garuda, its drawing (not its page) 3 cm high, centred', async () => {
    const own = pick(docs, 'announcement', 'pdf');
    const { box, images } = await emblemBox(own);
    expect(images).toBe(0);
    // The rectangle (160 × 80 units) is what is drawn: 3 cm high, 6 cm wide.
    expect(box.y1 - box.y0).toBeCloseTo(points(3), 1);
    expect(box.x1 - box.x0).toBeCloseTo(points(6), 1);
    expect((box.x0 + box.x1) / 2).toBeCloseTo(CENTRE, 1);
    // In the DOCX, the seal's own picture (its colour, which the Garuda does not have), at the same size.
    const docxFile = pick(docs, 'announcement', 'docx');
    const svg = Object.entries(unzipSync(docxFile)).find(([p]) => p.endsWith('.svg'))![1];
    expect(strFromU8(svg)).toContain('#1f4e79');
    const drawing = docxDrawing(docxFile);
    expect(drawing.cy).toBe(3 * EMU_PER_CM);
    expect(drawing.cx).toBe(6 * EMU_PER_CM);
    expect(drawing.paragraph).toContain('descr="ตราสัญลักษณ์ของจังหวัดนครปฐม"');
  });

  it('gives the same PDF bytes when drawn first in a process and again (the PDF keeps its drawing), translucent or shaded too', async () => {
    const variants = [
      SEAL.replace('#1f4e79', '#2e7d32'),
      SEAL.replace('fill="#ffffff"', 'fill="#ffffff" fill-opacity="0.5"').replace('#1f4e79', '#6a1b9a'),
      SEAL.replace('<rect', '<defs><linearGradient id="g"><stop offset="0" stop-color="#ff0000"/><stop offset="1" stop-color="#0000ff"/></linearGradient></defs><rect').replace('fill="#1f4e79"', 'fill="url(#g)"'),
      SEAL.replace('<rect', '<g opacity="0.5"><rect').replace('</svg>', '</g></svg>').replace('#1f4e79', '#ef6c00'),
    ];
    for (const seal of variants) {
      const checked = await checkFile(writeFiles({ 'agency.yaml': SIGNED + 'announcement:\n  emblem: seal.svg\n', 'seal.svg': seal }));
      const render = async (): Promise<Uint8Array> => (await renderDocuments(checked, { formats: ['pdf'], digits: 'thai', kinds: ['announcement'] }))[0]!.bytes;
      const first = await render();
      const again = await render();
      expect(Buffer.compare(Buffer.from(first), Buffer.from(again)), seal).toBe(0);
      const { box } = await emblemBox(again);
      expect(box.y1 - box.y0).toBeCloseTo(points(3), 1);
    }
  });

  it('changes the batch fingerprint of the file when the emblem file changes', async () => {
    const file = writeFiles({ 'agency.yaml': 'announcement:\n  emblem: seal.svg\n', 'seal.svg': SEAL });
    const data = new TextEncoder().encode('announcement:\n  emblem: seal.svg\n');
    const before = fingerprint('tool', 'options', data, undefined, await emblemBytes(file, data));
    writeFileSync(path.join(path.dirname(file), 'seal.svg'), SEAL.replace('#1f4e79', '#000000'));
    const after = fingerprint('tool', 'options', data, undefined, await emblemBytes(file, data));
    expect(after).not.toBe(before);
    // A file without an emblem keeps the fingerprint it had before emblems existed.
    const plain = new TextEncoder().encode('agency: x\n');
    expect(fingerprint('tool', 'options', plain, undefined, await emblemBytes(file, plain))).toBe(fingerprint('tool', 'options', plain));
  });
});

describe('a bad emblem file is a located error, Thai first with English beside it', () => {
  const withEmblem = (emblem: string): string => SIGNED + `announcement:\n  emblem: ${emblem}\n`;
  const line = SIGNED.split('\n').length + 1;
  const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

  it.each<{ name: string; emblem: string; files: Record<string, string | Uint8Array>; code: string; th: string; en: string }>([
    { name: 'a missing file', emblem: 'nowhere.svg', files: {}, code: 'emblem.missing', th: 'ไม่พบไฟล์ตราสัญลักษณ์ "nowhere.svg"', en: 'the emblem file "nowhere.svg" was not found' },
    { name: 'a folder', emblem: 'emblems', files: { 'emblems/x.txt': 'x' }, code: 'emblem.unreadable', th: 'เปิดไฟล์ตราสัญลักษณ์ "emblems" ไม่ได้ (EISDIR)', en: 'cannot read the emblem file "emblems" (EISDIR)' },
    { name: 'a PNG picture', emblem: 'seal.png', files: { 'seal.png': PNG }, code: 'emblem.not-svg', th: 'ไม่ใช่ไฟล์ SVG ที่อ่านได้ (a PNG file)', en: 'is not a readable SVG file (a PNG file)' },
    { name: 'text that is not SVG', emblem: 'seal.svg', files: { 'seal.svg': 'hello' }, code: 'emblem.not-svg', th: 'ไม่ใช่ไฟล์ SVG ที่อ่านได้', en: 'is not a readable SVG file (SVG data parsing failed' },
    { name: 'HTML', emblem: 'seal.svg', files: { 'seal.svg': '<html><body>x</body></html>' }, code: 'emblem.not-svg', th: 'ไม่ใช่ไฟล์ SVG', en: 'is not a readable SVG file' },
    {
      name: 'an SVG that draws nothing',
      emblem: 'seal.svg',
      files: { 'seal.svg': '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>' },
      code: 'emblem.empty',
      th: 'ไม่มีภาพที่จะพิมพ์ได้',
      en: 'draws nothing',
    },
    {
      name: 'an SVG that refers to another file',
      emblem: 'seal.svg',
      files: { 'seal.svg': '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10"><image xlink:href="/etc/hostname.png" width="10" height="10"/></svg>' },
      code: 'emblem.external',
      th: 'อ้างถึงไฟล์อื่น (/etc/hostname.png)',
      en: 'refers to another file (/etc/hostname.png)',
    },
  ])('$name', async ({ emblem, files, code, th, en }) => {
    const file = writeFiles({ 'agency.yaml': withEmblem(emblem), ...files });
    const loaded = await loadReportFile(file);
    expect(loaded.data).toBeUndefined();
    const finding = loaded.findings.find((f) => f.code === code);
    expect(finding, JSON.stringify(loaded.findings)).toBeDefined();
    const message = formatFinding(loaded, finding!);
    expect(message).toMatch(new RegExp(`agency\\.yaml:${line}:11: ข้อผิดพลาด \\(error\\): `));
    expect(message).toContain(th);
    expect(message).toContain(en);
    expect(message).toContain('[announcement.emblem: ไฟล์ตราสัญลักษณ์ (emblem)]');
    expect(message.indexOf(th)).toBeLessThan(message.indexOf(en));
  });

  it('writes nothing: ita-report build exits 1 and names the line', async () => {
    const file = writeFiles({ 'agency.yaml': withEmblem('nowhere.svg') });
    const out = mkdtempSync(path.join(tmpdir(), 'ita-out-'));
    const bin = new URL('../../bin/ita-report.js', import.meta.url).pathname;
    const result = await promisify(execFile)(process.execPath, [bin, 'build', file, '--out', out], { cwd: path.dirname(file) }).then(
      () => ({ code: 0, stderr: '' }),
      (err: { code: number; stderr: string }) => err,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`agency.yaml:${line}:11: ข้อผิดพลาด (error): ไม่พบไฟล์ตราสัญลักษณ์ "nowhere.svg"`);
    expect(existsSync(out) ? readdirSync(out, { recursive: true }) : []).toEqual([]);
  });

  it('the web page reads an emblem only inside its data folder', () => {
    const file = writeFiles({ 'data/2566/agency.yaml': '', 'outside.svg': SEAL, 'data/emblems/seal.svg': SEAL }, 'data/2566/agency.yaml');
    const root = path.dirname(path.dirname(file));
    const outside = parseReportData(withEmblem('../../outside.svg'), file, { within: root });
    expect(outside.findings.map((f) => f.code)).toContain('emblem.outside');
    expect(outside.data).toBeUndefined();
    const inside = parseReportData(withEmblem('../emblems/seal.svg'), file, { within: root });
    expect(inside.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(inside.data?.announcement.emblem?.svg).toBe(SEAL);
    // The command line reads it wherever the data file says.
    expect(parseReportData(withEmblem('../../outside.svg'), file).data?.announcement.emblem?.svg).toBe(SEAL);
  });
});

describe('the table form (announcement.form: table)', () => {
  it('has no emblem and no rule: the measures title comes first, and the signature block last', async () => {
    const docs = await build(SIGNED + 'announcement:\n  form: table\n');
    const tablePdf = pick(docs, 'announcement', 'pdf');
    const { paths, images } = await paintedPaths(tablePdf, 1);
    const lines = glyphLines(await drawnGlyphs(tablePdf, 1));
    expect(images).toBe(0);
    expect(paths.filter((p) => p.box.y0 > lines[0]!.y)).toEqual([]);
    expect(lines[0]!.text).toBe('มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงานภาครัฐ ของจังหวัดนครปฐม');
    expect(lines[0]!.y).toBeGreaterThan(TEXT.top - 30);
    const all = (await pdfPages(tablePdf)).flat();
    expect(all).toContain('(นายทดสอบ ระบบรายงาน)');
    expect(all.join('')).not.toContain('จึงประกาศมาเพื่อทราบ');
  });

  it('warns that an emblem named for it is not used, and does not read it', () => {
    const result = parseReportData(SIGNED + 'announcement:\n  form: table\n  emblem: nowhere.svg\n', '/tmp/x.yaml');
    expect(result.data).toBeDefined();
    expect(result.findings.map((f) => [f.severity, f.code])).toContainEqual(['warning', 'emblem.unused']);
  });

  it('rejects a form that does not exist, at its line', () => {
    const result = parseReportData(SIGNED + 'announcement:\n  form: letter\n', 'x.yaml');
    const finding = result.findings.find((f) => f.code === 'schema.enum')!;
    expect(formatFinding(result, finding)).toContain('ต้องเป็นค่าใดค่าหนึ่งต่อไปนี้: proclamation, table (must be one of: proclamation, table) [announcement.form: รูปแบบประกาศ (form)]');
  });
});

describe('starting next year from this file (the web page)', () => {
  it('carries the form and the emblem over, the emblem path rebased to the next year folder; not the opening', () => {
    const next = nextYear({ agency: 'ก', fiscal_year: 2566, measures: [], announcement: { intro: 'ปีที่แล้ว', form: 'table', emblem: 'seal.svg' } });
    expect(next.announcement).toEqual({ form: 'table', emblem: '../2566/seal.svg' });
    const shared = nextYear({ agency: 'ก', fiscal_year: 2566, measures: [], announcement: { emblem: '../emblems/seal.svg' } });
    expect(shared.announcement).toEqual({ emblem: '../emblems/seal.svg' });
    expect(nextYear({ agency: 'ก', fiscal_year: 2566, measures: [], announcement: { intro: 'x' } })).not.toHaveProperty('announcement');
  });
});
