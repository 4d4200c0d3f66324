import { beforeAll, describe, expect, it } from 'vitest';
import { continuationWords } from '../../src/export/pdf/continuation.ts';
import { renderPdf } from '../../src/export/pdf/pdf.ts';
import { createRequire } from 'node:module';
import type { Block, DocumentModel, Paragraph, Run } from '../../src/model/types.ts';
import { docxText } from '../helpers/docx.ts';
import { drawnGlyphs, inflatedStreams, pdfFonts, pdfInfo, pdfPages, squash } from '../helpers/pdf.ts';
import { renderSample, sampleText } from '../helpers/sample.ts';

type Rendered = Awaited<ReturnType<typeof renderSample>>;
let sample: Rendered;
let docx: Rendered;
let reportPages: string[][];
let announcementPages: string[][];

beforeAll(async () => {
  sample = await renderSample({ formats: ['pdf'] });
  docx = await renderSample({ formats: ['docx'] });
  reportPages = await pdfPages(sample.report.bytes);
  announcementPages = await pdfPages(sample.announcement.bytes);
});

const runsText = (runs: Run[]): string => runs.map((r) => r.text).join('');

/** Every piece of text the model sets, one string per paragraph, list item, cell line or signature line. */
function modelTexts(blocks: Block[]): string[] {
  return blocks.flatMap((b): string[] => {
    switch (b.kind) {
      case 'title':
      case 'paragraph':
        return [runsText(b.runs)];
      case 'heading':
        return [`${b.number ? `${b.number} ` : ''}${runsText(b.runs)}`];
      case 'list':
        return b.items.map((i) => `${i.marker ?? ''} ${runsText(i.runs)}`);
      case 'table':
        return [...b.header, ...b.rows].flatMap((r) => r.cells.flatMap((c) => modelTexts(c.blocks)));
      case 'signature':
        return b.lines.map(runsText);
      case 'chart':
      case 'pageBreak':
      case 'emblem':
      case 'rule':
        return [];
    }
  });
}

/**
 * Finds a paragraph's lines in extracted text and checks it verbatim: the lines, joined with
 * nothing (a break between Thai words) or one space (a break at a space), give exactly the text.
 */
function findVerbatim(text: string, lines: string[]): boolean {
  for (let start = 0; start < lines.length; start++) {
    let rest = text;
    for (let i = start; i < lines.length; i++) {
      const line = lines[i]!;
      if (!rest.startsWith(line)) break;
      rest = rest.slice(line.length);
      if (rest === '') return true;
      if (rest.startsWith(' ')) rest = rest.slice(1);
    }
  }
  return false;
}

const PAGE_NUMBER = /^- [๐-๙0-9]+ -$/;
/** Continuation words (คำต่อหน้า) at the foot of a page: "/" and the next page's first words. */
const CONTINUATION = /^\/\S/;
const bodyLines = (pages: string[][]): string[] => pages.flat().filter((l) => !PAGE_NUMBER.test(l) && !CONTINUATION.test(l));

/**
 * Whether `text` is in the pages' body text (white space squashed) whole on one page, or, for a
 * table row that breaks across pages between lines, its beginning on one page and the rest on the
 * next.
 */
function onPages(pages: string[][], text: string): boolean {
  const bodies = pages.map((p) => squash(bodyLines([p]).join('')));
  const t = squash(text);
  if (bodies.some((b) => b.includes(t))) return true;
  for (let i = 0; i + 1 < bodies.length; i++) {
    for (let cut = 1; cut < t.length; cut++) if (bodies[i]!.includes(t.slice(0, cut)) && bodies[i + 1]!.includes(t.slice(cut))) return true;
  }
  return false;
}

describe('the sample PDF, as text extracted by pdf.js (content-stream order, as Firefox copies it)', () => {
  it('holds every paragraph, heading, cell and signature line of the model', () => {
    for (const [doc, pages] of [
      [sample.report, reportPages],
      [sample.announcement, announcementPages],
    ] as const) {
      const extracted = squash(bodyLines(pages).join(''));
      for (const text of modelTexts(doc.model.blocks).filter((t) => t.trim() !== '')) expect(extracted, text).toContain(squash(text));
    }
  });

  it('gives every body paragraph and heading back verbatim, line by line', () => {
    const lines = bodyLines(reportPages);
    const texts = sample.report.model.blocks.flatMap((b) =>
      b.kind === 'paragraph' || b.kind === 'title' || b.kind === 'heading' ? modelTexts([b]) : [],
    );
    expect(texts.length).toBeGreaterThan(20);
    for (const text of texts) expect(findVerbatim(text, lines), text).toBe(true);
  });

  it('has no replacement character, and draws no .notdef glyph', async () => {
    for (const [doc, text] of [
      [sample.report, reportPages],
      [sample.announcement, announcementPages],
    ] as const) {
      expect(text.flat().join('')).not.toContain('\uFFFD');
      for (let n = 1; n <= text.length; n++) {
        const glyphs = await drawnGlyphs(doc.bytes, n);
        expect(glyphs.length).toBeGreaterThan(0);
        expect(glyphs.filter((g) => g.cid === 0)).toEqual([]);
      }
    }
  });

  it('wraps every piece of drawn text in an /ActualText span, inside its q…Q', () => {
    const pages = inflatedStreams(sample.report.bytes).filter((s) => s.includes(' Tf'));
    expect(pages.length).toBeGreaterThanOrEqual(5);
    const actual: string[] = [];
    for (const content of pages) {
      const pieces = content.match(/\nq\n(?:(?!\nQ\n)[\s\S])*?\nBT\n[\s\S]*?\nET\n[\s\S]*?\nQ\n/g) ?? [];
      expect(pieces.length).toBe(content.split('\nBT\n').length - 1);
      for (const piece of pieces) {
        const span = /\n\/Span <<\n\/ActualText \(((?:\\.|[^\\)])*)\)\n>> BDC\nBT\n[\s\S]*\nET\nEMC\n/.exec(piece);
        expect(span, piece.slice(0, 120)).not.toBeNull();
        // A PDF literal string: backslash escapes, then UTF-16BE after a byte-order mark (ASCII-only
        // text is written as is).
        const bytes = Buffer.from(span![1]!.replace(/\\([nrtbf()\\])/g, (_, c: string) => ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' })[c] ?? c), 'latin1');
        const utf16 = bytes[0] === 0xfe && bytes[1] === 0xff;
        actual.push(utf16 ? Buffer.from(bytes.subarray(2)).swap16().toString('utf16le') : bytes.toString('latin1'));
      }
    }
    // The spans hold the text itself: the title line first, and every heading somewhere.
    expect(actual[0]).toBe('รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ');
    expect(actual).toContain('๓. การวิเคราะห์ข้อมูล');
    // pdf.js gives a span's text for the glyphs inside it: its first line is the first span.
    expect(reportPages[0]![0]).toBe(actual[0]);
  });

  it('says what the DOCX says: every DOCX paragraph is in the PDF', async () => {
    for (const kind of ['report', 'announcement'] as const) {
      const pdfText = squash(bodyLines(await pdfPages(sample[kind].bytes)).join(''));
      for (const paragraph of await docxText(docx[kind].bytes)) expect(pdfText, paragraph).toContain(squash(paragraph));
    }
  });
});

describe('the sample PDF, as a page', () => {
  it('is A4, with the page count of the DOCX (5 and 2 pages as LibreOffice sets the DOCX)', async () => {
    const info = await pdfInfo(sample.report.bytes);
    // A4 is 210 × 297 mm: 595.28 × 841.89 pt, on every page.
    expect(info.pageSizes).toHaveLength(info.pages);
    for (const size of [...info.pageSizes, ...(await pdfInfo(sample.announcement.bytes)).pageSizes]) {
      expect(size.width).toBeCloseTo(595.28, 1);
      expect(size.height).toBeCloseTo(841.89, 1);
    }
    expect(info.pages).toBeGreaterThanOrEqual(4);
    expect(info.pages).toBeLessThanOrEqual(6);
    expect((await pdfInfo(sample.announcement.bytes)).pages).toBeLessThanOrEqual(3);
  });

  it('numbers pages "- ๒ -" from page 2, none on page 1', () => {
    expect(reportPages[0]!.some((l) => PAGE_NUMBER.test(l))).toBe(false);
    reportPages.slice(1).forEach((lines, i) => {
      expect(lines.filter((l) => PAGE_NUMBER.test(l))).toEqual([`- ${'๒๓๔๕๖๗๘๙'[i]} -`]);
    });
  });

  it('sets text inside the official margins: left 3 cm, right 2 cm, top 2.5 cm, bottom 2 cm', async () => {
    const cm = (v: number) => (v * 72) / 2.54;
    for (let n = 1; n <= reportPages.length; n++) {
      const all = (await drawnGlyphs(sample.report.bytes, n)).filter((g) => g.unicode.trim() !== '');
      // The continuation words sit in the bottom margin, right-aligned, by design; the page
      // number in the top margin: both are left out, the body must stay inside.
      const continuationY = all.find((g) => g.unicode === '/' && g.y < cm(2))?.y;
      if (n < reportPages.length) expect(continuationY).toBeDefined();
      const glyphs = all.filter((g) => g.y !== continuationY && !/^[-๐-๙]$/.test(g.unicode));
      const left = Math.min(...glyphs.map((g) => g.x));
      const right = Math.max(...glyphs.map((g) => g.x + g.width));
      expect(left).toBeGreaterThanOrEqual(cm(3) - 0.5);
      expect(right).toBeLessThanOrEqual(595.28 - cm(2) + 0.5);
      const baselines = glyphs.map((g) => g.y);
      expect(Math.max(...baselines)).toBeLessThanOrEqual(841.89 - cm(2.5));
      expect(Math.min(...baselines)).toBeGreaterThanOrEqual(cm(2));
    }
  });

  it('justifies body text flush to both margins, Thai-distributed, except last lines', async () => {
    const glyphs = await drawnGlyphs(sample.report.bytes, 1);
    const byLine = new Map<number, number>();
    for (const g of glyphs) if (g.unicode.trim() !== '') byLine.set(Math.round(g.y), Math.max(byLine.get(Math.round(g.y)) ?? 0, g.x + g.width));
    const rightEdge = 595.28 - (2 * 72) / 2.54;
    const flush = [...byLine.values()].filter((x) => Math.abs(x - rightEdge) < 0.3);
    // §1's paragraph has 11 lines; all but its last end at the margin.
    expect(flush.length).toBeGreaterThanOrEqual(10);
  });

  it('repeats the bold header row of a table on the next page, and the heading stays with its table', () => {
    const header = 'มาตรการ ขั้นตอนหรือวิธีการ ผู้รับผิดชอบ การกำกับติดตาม';
    expect(announcementPages[0]).toContain(header);
    expect(announcementPages[1]).toContain(header);
    const indicatorHeader = 'ตัวชี้วัด เครื่องมือ คะแนน';
    const tablePages = reportPages.filter((p) => p.includes(indicatorHeader));
    expect(tablePages.length).toBeGreaterThanOrEqual(1);
    const s6 = reportPages.findIndex((p) => p.some((l) => l.startsWith('๖. มาตรการส่งเสริม')));
    expect(reportPages[s6]).toContain(header);
  });

  it('embeds the fonts, subset, with a Unicode map', async () => {
    for (const doc of [sample.report, sample.announcement]) {
      const fonts = await pdfFonts(doc.bytes);
      expect(fonts.length).toBeGreaterThanOrEqual(2);
      for (const f of fonts) {
        expect(f).toMatchObject({ embedded: true, subset: true, unicode: true });
        expect(f.name).toMatch(/^[A-Z]{6}\+Laksaman/);
      }
      // Two whole faces would be 225 KB; subsets keep the file small.
      expect(doc.bytes.length).toBeLessThan(150_000);
    }
  });

  it('ends every page but the last with "/" and the first words of the next page (คำต่อหน้า)', async () => {
    for (const [doc, pages] of [
      [sample.report, reportPages],
      [sample.announcement, announcementPages],
    ] as const) {
      // A table's header row repeated at the top of a page is not the page's first words.
      const headerRows = new Set(
        doc.model.blocks.flatMap((b) => (b.kind === 'table' ? b.header.map((r) => r.cells.map((c) => modelTexts(c.blocks).join(' ')).join(' ')) : [])),
      );
      expect(headerRows.size).toBeGreaterThan(0);
      expect(pages.length).toBeGreaterThan(1);
      pages.forEach((lines, i) => {
        const continuation = lines.filter((l) => CONTINUATION.test(l));
        if (i === pages.length - 1) return expect(continuation).toEqual([]);
        expect(continuation).toHaveLength(1);
        const words = continuation[0]!.slice(1);
        const next = pages[i + 1]!.filter((l) => !PAGE_NUMBER.test(l) && !CONTINUATION.test(l) && !headerRows.has(l));
        expect(next[0]!.startsWith(words), `page ${i + 1}: "${words}" vs "${next[0]}"`).toBe(true);
        expect(words.length).toBeGreaterThanOrEqual(3);
      });
    }
    const without = await renderSample({ formats: ['pdf'], continuation: false });
    expect((await pdfPages(without.report.bytes)).flat().filter((l) => CONTINUATION.test(l))).toEqual([]);
  });

  it.each([
    ['ส่งเสริมความโปร่งใสในหน่วยงาน ได้แก่', 'ส่งเสริมความ'],
    ['๖. มาตรการส่งเสริมคุณธรรม', '๖. มาตรการ'],
    ['ตัวชี้วัด เครื่องมือ คะแนน', 'ตัวชี้วัด เครื่อง'],
    ['ITAที่ได้คะแนนดี', 'ITAที่ได้คะแนน'],
    ['สั้น', 'สั้น'],
    ['', ''],
  ])('continuationWords(%j) = %j: whole words, about ten letters', (line, words) => {
    expect(continuationWords(line)).toBe(words);
  });

  it('carries title, author, subject, keywords and language th-TH', async () => {
    const info = await pdfInfo(sample.report.bytes);
    const meta = sample.report.model.meta;
    expect(info.title).toBe(meta.title);
    expect(info.author).toBe('จังหวัดนครปฐม');
    expect(info.subject).toBe(meta.subject);
    expect(info.keywords).toBe(meta.keywords.join(', '));
    expect(info.language).toBe('th-TH');
    expect(Buffer.from(sample.report.bytes).toString('latin1')).toContain('/Lang (th-TH)');
  });

  it('gives the same bytes for the same input', async () => {
    const again = await renderSample({ formats: ['pdf'] });
    expect(Buffer.compare(Buffer.from(again.report.bytes), Buffer.from(sample.report.bytes))).toBe(0);
    expect(Buffer.compare(Buffer.from(again.announcement.bytes), Buffer.from(sample.announcement.bytes))).toBe(0);
  });

  it('prints page numbers in Arabic digits with --digits arabic, and no Thai digit anywhere', async () => {
    const arabic = await renderSample({ formats: ['pdf'], digits: 'arabic' });
    const pages = await pdfPages(arabic.report.bytes);
    expect(pages[1]).toContain('- 2 -');
    expect(pages.flat().join('')).not.toMatch(/[๐-๙]/);
  });
});

// ---------------------------------------------------------------------------------------------
// Documents built for the test: long Thai text, mixed scripts, headings and tables at page feet.

const doc = (blocks: Block[]): DocumentModel => ({
  meta: { title: 'เอกสารทดสอบ', author: 'ผู้ทดสอบ', subject: 'ทดสอบ', keywords: ['ทดสอบ'], language: 'th-TH', date: '2023-10-01' },
  digits: 'thai',
  pageNumbers: true,
  blocks,
});
const para = (text: string, style: 'body' | 'plain' = 'body'): Paragraph => ({ kind: 'paragraph', style, runs: [{ text }] });

const LONG =
  'การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (Integrity and Transparency Assessment: ITA) ' +
  'เป็นเครื่องมือที่ผู้ใหญ่บ้านและที่ปรึกษาใช้ตรวจสอบการบริหารจัดการน้ำประปาของจังหวัดต่างๆ กรุงเทพฯ ฯลฯ ' +
  'โดยมีระบบe-Serviceของหน่วยงานและITAที่ได้คะแนน ๙๓.๖๘ คะแนน หรือ 93.68% ในปีงบประมาณ พ.ศ. ๒๕๖๖ ' +
  'ซึ่งสูงกว่าปี 2565 จำนวน ๑,๒๓๔.๕๖ บาท (ITA)ปั้นงานให้โปร่งใสตรวจสอบได้อย่างเป็นรูปธรรมและยั่งยืนต่อไปในอนาคต ';

const wordBoundaries = (text: string): Set<number> => {
  const set = new Set<number>();
  for (const s of new Intl.Segmenter('th', { granularity: 'word' }).segment(text)) set.add(s.index);
  return set;
};

describe('a data file with long measures full of Latin terms (test data, not a real agency)', () => {
  const MEASURE = `  - title: การพัฒนาระบบe-Serviceและการเปิดเผยข้อมูลผ่านเว็บไซต์ (Website) ของหน่วยงานตามเกณฑ์ OIT
    steps:
      - ปรับปรุงระบบe-Serviceของหน่วยงานให้รองรับการยื่นคำร้องออนไลน์ผ่าน LINE Official Account และ www.example.go.th/e-service ตลอด 24 ชั่วโมง เพื่อให้ผู้ใหญ่บ้านและที่ปรึกษาเข้าถึงบริการได้สะดวก
      - จัดทำคู่มือการใช้งาน (Manual) พร้อมวิดีโอสาธิตความยาว 5-10 นาที เผยแพร่ทาง YouTube และ Facebook Fanpage ภายในเดือนมกราคม 2567
      - ติดตามประเมินผลความพึงพอใจผ่าน Google Forms ทุกไตรมาส (ไตรมาสละ 1 ครั้ง) และนำผลมาปรับปรุงระบบน้ำประปาให้มีประสิทธิภาพยิ่งขึ้นอย่างต่อเนื่อง
    owner: กลุ่มงานยุทธศาสตร์และสารสนเทศเพื่อการพัฒนาท้องถิ่น ร่วมกับศูนย์เทคโนโลยีสารสนเทศและการสื่อสาร (ICT)
    monitoring: รายงานผลต่อผู้บริหารทุกไตรมาส และสรุปผลภายในวันที่ 30 กันยายน 2567
`;
  it('comes out of the PDF verbatim, with no .notdef glyph, in both documents', async () => {
    const text = sampleText()
      .replace('agency: จังหวัดนครปฐม', 'agency: สำนักงานทดสอบระบบรายงานจังหวัดพระนครศรีอยุธยา (สทร.อย.)')
      .replace(/measures: [^\n]*\n/, (m) => m + MEASURE + MEASURE);
    const docs = await renderSample({ formats: ['pdf'] }, text);
    for (const d of [docs.report, docs.announcement]) {
      const pages = await pdfPages(d.bytes);
      // A row this tall breaks across pages between lines: a cell's text may continue on the next page.
      for (const t of modelTexts(d.model.blocks).filter((x) => x.trim() !== '')) expect(onPages(pages, t), t).toBe(true);
      for (let n = 1; n <= pages.length; n++) expect((await drawnGlyphs(d.bytes, n)).filter((g) => g.cid === 0)).toEqual([]);
    }
    // The web address and the Latin terms are never cut.
    const lines = bodyLines(await pdfPages(docs.announcement.bytes));
    expect(lines.some((l) => l.includes('www.example.go.th/e-service'))).toBe(true);
    expect(lines.some((l) => l.includes('(Manual)'))).toBe(true);
  });
});

describe('Thai line breaking in the PDF', () => {
  it('breaks a long mixed paragraph only between words, never before ๆ/ฯ or inside a number or Latin word', async () => {
    const text = LONG.repeat(3).trim();
    const pdf = await renderPdf(doc([para(text)]));
    const lines = bodyLines(await pdfPages(pdf));
    expect(lines.length).toBeGreaterThan(8);
    expect(findVerbatim(text, lines)).toBe(true);
    const boundaries = wordBoundaries(text);
    let offset = 0;
    for (const line of lines.slice(0, -1)) {
      offset = text.indexOf(line, offset) + line.length;
      if (text[offset] === ' ') offset++;
      const next = text.slice(offset);
      // The break falls where Intl.Segmenter sees a word boundary (or after a space)...
      expect(boundaries.has(offset) || text[offset - 1] === ' ', `break before "${next.slice(0, 12)}"`).toBe(true);
      // ...and never before ๆ, ฯ, a closing bracket, or inside a number or a Latin word.
      expect(next).not.toMatch(/^[ๆฯ)]/);
      expect(`${text.slice(offset - 1, offset)}|${next[0]}`).not.toMatch(/^[0-9๐-๙A-Za-z.,-]\|[0-9๐-๙A-Za-z.,%]$/);
    }
  });

  it('leaves no box or gap where a break opportunity was marked with U+200B', async () => {
    const marked = 'หน่วยงาน\u200Bภาครัฐ\u200Bมีการ\u200Bเปิดเผย\u200Bข้อมูล';
    const plain = marked.replace(/\u200B/g, '');
    const pdf = await renderPdf(doc([para(marked, 'plain'), para(plain, 'plain')]));
    const glyphs = await drawnGlyphs(pdf, 1);
    expect(glyphs.filter((g) => g.cid === 0)).toEqual([]);
    const lines = [...new Set(glyphs.map((g) => g.y))].sort((a, b) => b - a);
    const widthOf = (y: number) => {
      const on = glyphs.filter((g) => g.y === y);
      return Math.max(...on.map((g) => g.x + g.width)) - Math.min(...on.map((g) => g.x));
    };
    expect(lines).toHaveLength(2);
    expect(widthOf(lines[0]!)).toBeCloseTo(widthOf(lines[1]!), 2);
    expect((await pdfPages(pdf))[0]).toEqual([plain, plain]);
  });
});

describe('Thai shaping in the PDF: a torture paragraph keeps every mark on its base', () => {
  const TORTURE = 'ITAที่ (ITA)ปั้น e-Serviceของ ผู้ใหญ่ น้ำ ที่ปรึกษา ญู ฐู ป่า ฝั่ง ฟ้า ๑๒๓ 2566 (๒๕๖๖) กรุงเทพฯ ต่างๆ';

  /** Each zero-width mark's offset from the glyph it sits on, per base, marks in drawing order. */
  function markOffsets(glyphs: { x: number; y: number; width: number; unicode: string }[]): string[] {
    const out: string[] = [];
    let base: { x: number; y: number } | undefined;
    for (const g of glyphs) {
      if (g.width > 0) {
        base = g;
        continue;
      }
      if (!base || g.unicode === '\u0E4D') continue;
      out.push(`${g.unicode}:${(g.x - base.x).toFixed(2)},${(g.y - base.y).toFixed(2)}`);
    }
    return out.sort();
  }

  it('draws marks where the font places them for Thai, as if each script run stood alone', async () => {
    const pdf = await renderPdf(doc([para(TORTURE, 'plain')]));
    expect((await pdfPages(pdf))[0]).toEqual([TORTURE]);
    const drawn = await drawnGlyphs(pdf, 1);
    // The reference: fontkit shaping each script run on its own, straight from the font file.
    const fontkit = createRequire(import.meta.url)('fontkit') as { openSync(file: string): unknown };
    const font = fontkit.openSync(new URL('../../fonts/Laksaman.ttf', import.meta.url).pathname) as unknown as {
      unitsPerEm: number;
      layout(t: string, f?: string[], script?: string): { glyphs: { codePoints: number[]; name: string }[]; positions: { xAdvance: number; xOffset: number; yOffset: number }[] };
    };
    const size = 16 / 1.5042;
    const reference = (mixedShaping: boolean) => {
      const glyphs: { x: number; y: number; width: number; unicode: string }[] = [];
      let x = 0;
      const runs = mixedShaping ? TORTURE.split(/(?<= )/) : (TORTURE.match(/[\u0E00-\u0E7F]+|[^\u0E00-\u0E7F]+/g) ?? []);
      for (const run of runs) {
        const thai = /[\u0E00-\u0E7F]/.test(run) && !mixedShaping ? 'thai' : undefined;
        const shaped = font.layout(run, [], thai);
        shaped.glyphs.forEach((g, i) => {
          const p = shaped.positions[i]!;
          const unicode = /^uni([0-9A-F]{4})/.exec(g.name)?.[1];
          glyphs.push({ x: x + (p.xOffset / font.unitsPerEm) * size, y: (p.yOffset / font.unitsPerEm) * size, width: (p.xAdvance / font.unitsPerEm) * size, unicode: unicode ? String.fromCharCode(parseInt(unicode, 16)) : String.fromCodePoint(...g.codePoints) });
          x += (p.xAdvance / font.unitsPerEm) * size;
        });
      }
      return glyphs;
    };
    const expected = markOffsets(reference(false));
    expect(expected.length).toBeGreaterThan(15);
    expect(markOffsets(drawn)).toEqual(expected);
    // Shaping Latin and Thai together (space-separated chunks, as pdfkit would) gives other
    // positions: the comparison above can fail.
    expect(markOffsets(reference(true))).not.toEqual(expected);
  });

  it('keeps the marks where they are when the line is justified (space goes between clusters)', async () => {
    const text = `${TORTURE} ${TORTURE} ${TORTURE}`;
    const left = await renderPdf(doc([para(text)]), { justify: false });
    const justified = await renderPdf(doc([para(text)]));
    const a = await drawnGlyphs(left, 1);
    const b = await drawnGlyphs(justified, 1);
    expect(b.map((g) => g.unicode)).toEqual(a.map((g) => g.unicode));
    expect(markOffsets(b)).toEqual(markOffsets(a));
    // And justification did move something: the first line ends further right.
    const firstLineEnd = (gs: typeof a) => Math.max(...gs.filter((g) => g.y === gs[0]!.y).map((g) => g.x + g.width));
    expect(firstLineEnd(b)).toBeGreaterThan(firstLineEnd(a) + 1);
    expect((await pdfPages(justified))[0]!.join(' ')).toBe((await pdfPages(left))[0]!.join(' '));
  });
});

describe('page flow in the PDF', () => {
  const filler = (n: number): Block[] => Array.from({ length: n }, (_, i) => para(`บรรทัดเติมที่ ${i + 1}`, 'plain'));
  const table = (rows: number, tag: string): Block => ({
    kind: 'table',
    header: [{ cells: [{ blocks: [para('หัวตาราง ก', 'plain')] }, { blocks: [para('หัวตาราง ข', 'plain')] }] }],
    rows: Array.from({ length: rows }, (_, i) => ({
      cells: [
        { blocks: [para(`${tag} แถวที่ ${i + 1}`, 'plain')] },
        { blocks: [{ kind: 'list', items: Array.from({ length: 1 + (i % 4) }, (_, k) => ({ marker: `${k + 1}.`, runs: [{ text: `ขั้นตอนที่ ${k + 1} ของแถวที่ ${i + 1} ซึ่งยาวพอที่จะขึ้นบรรทัดใหม่ในช่องของตารางนี้` }] })) }] },
      ],
    })),
  });
  const heading = (text: string): Block => ({ kind: 'heading', level: 1, numbered: false, runs: [{ text }] });
  const pageOf = (pages: string[][], needle: string) => pages.findIndex((p) => p.some((l) => !CONTINUATION.test(l) && l.includes(needle)));

  it('never leaves a heading at the foot of a page, before a paragraph or a table', async () => {
    for (let n = 22; n <= 32; n++) {
      const pdf = await renderPdf(
        doc([...filler(n), heading('หัวข้อก่อนย่อหน้า'), para(LONG), ...filler(n % 5), heading('หัวข้อก่อนตาราง'), table(4, 'ตารางหลังหัวข้อ')]),
      );
      const pages = await pdfPages(pdf);
      expect(pageOf(pages, 'หัวข้อก่อนย่อหน้า'), `n=${n}`).toBe(pageOf(pages, LONG.slice(0, 20)));
      expect(pageOf(pages, 'หัวข้อก่อนตาราง'), `n=${n}`).toBe(pageOf(pages, 'ตารางหลังหัวข้อ แถวที่ 1'));
      expect(pages.every((p) => p.some((l) => !PAGE_NUMBER.test(l))), `no empty page, n=${n}`).toBe(true);
    }
  });

  it('never splits a row that fits in a third of a page, and repeats the header on every page of the table', async () => {
    const pdf = await renderPdf(doc([...filler(5), table(40, 'ยาว')]));
    const pages = await pdfPages(pdf);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i <= 40; i++) {
      const first = pageOf(pages, `ยาว แถวที่ ${i}`);
      const steps = Array.from({ length: 1 + ((i - 1) % 4) }, (_, k) => `ขั้นตอนที่ ${k + 1} ของแถวที่ ${i} `);
      for (const step of steps) expect(pageOf(pages, step), `row ${i}`).toBe(first);
    }
    for (const page of pages) expect(page.some((l) => l.includes('หัวตาราง ก'))).toBe(true);
  });

  it('keeps a paragraph\'s first two and last two lines together (no widow or orphan)', async () => {
    // Centred one-line fillers have no space after them: k of them take exactly k line pitches.
    const lines = (k: number): Block[] => Array.from({ length: k }, (_, i) => ({ kind: 'paragraph', style: 'center', runs: [{ text: `บรรทัดเติมที่ ${i + 1}` }] }));
    const text = LONG.repeat(2).trim();
    const splits = new Set<string>();
    for (let k = 20; k <= 34; k++) {
      const pages = (await pdfPages(await renderPdf(doc([...lines(k), para(text)])))).map((p) => p.filter((l) => !PAGE_NUMBER.test(l) && !CONTINUATION.test(l) && !l.startsWith('บรรทัดเติม')));
      expect(pages.length, `k=${k}`).toBeLessThanOrEqual(2);
      const [first, second = []] = pages;
      expect(findVerbatim(text, [...first!, ...second]), `k=${k}`).toBe(true);
      if (first!.length > 0 && second.length > 0) splits.add(`${first!.length}+${second.length}`);
      expect(first!.length === 0 || first!.length >= 2, `orphan, k=${k}`).toBe(true);
      expect(second.length === 0 || second.length >= 2, `widow, k=${k}`).toBe(true);
    }
    // The range did make the paragraph run over a page break in several places.
    expect(splits.size).toBeGreaterThanOrEqual(3);
  });
});
