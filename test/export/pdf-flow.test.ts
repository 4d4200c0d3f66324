import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { renderDocx } from '../../src/export/docx/docx.ts';
import { bundledFontSet } from '../../src/fonts/fonts.ts';
import { renderPdf } from '../../src/export/pdf/pdf.ts';
import { laidOutPages, registerFontSet, type LaidOutPage } from '../../src/export/pdf/pdfkit-hooks.ts';
import { unplacedText, UnplacedTextError, type ContentBox } from '../../src/export/pdf/placement.ts';
import { keepsEstimatedRowWhole, keepsRowWhole } from '../../src/model/layout.ts';
import type { Block, DocumentModel, Paragraph } from '../../src/model/types.ts';
import { toThaiDigits } from '../../src/thai/digits.ts';
import { docxPart } from '../helpers/docx.ts';
import { pdfPages, squash } from '../helpers/pdf.ts';
import { renderSample, sampleText } from '../helpers/sample.ts';

/**
 * Nothing a clerk types may be lost, however long: rows, cells, points and signatures taller than
 * a page flow on to the next page in both formats, and the PDF exporter proves after layout that
 * every piece of text is on a page.
 */

const para = (text: string, style: Paragraph['style'] = 'body'): Paragraph => ({ kind: 'paragraph', style, runs: [{ text }] });
const doc = (blocks: Block[]): DocumentModel => ({
  meta: { title: 't', author: 'a', subject: 's', keywords: [], language: 'th-TH', date: '2024-01-01' },
  digits: 'arabic',
  pageNumbers: true,
  blocks,
});

/**
 * Text made of numbered tokens ("ก12ข" glued to Thai words), so that a test can tell that every
 * part of it came out, whatever the reading order of the cells around it and the page breaks.
 */
const WORDS = ['การประเมิน', 'คุณธรรม', 'และความโปร่งใส', 'ในการดำเนินงาน', 'ของหน่วยงานภาครัฐ', 'ผู้ใหญ่', 'ITAที่', 'e-Serviceของ'];
const tokens = (prefix: string, count: number): string[] => Array.from({ length: count }, (_, i) => `${prefix}${i}x`);
const tokenText = (prefix: string, count: number): string =>
  tokens(prefix, count)
    .map((t, i) => `${t}${WORDS[i % WORDS.length]}${i % 3 === 0 ? ' ' : ''}`)
    .join('');
/** Tokens that are not in the text, as the PDF or DOCX gives it back (digits as the document prints them). */
const missingTokens = (text: string, wanted: string[], thai = false): string[] => {
  const squashed = squash(text);
  return wanted.filter((t) => !squashed.includes(thai ? toThaiDigits(t) : t));
};

describe('the placement check', () => {
  const box: ContentBox = { left: 85, right: 538, top: 71, bottom: 785 };
  const line = (placementId: number, x: number, y: number, width = 100, height = 30): LaidOutPage['items'][number] => ({
    type: 'line',
    item: { x, y, placementId, getWidth: () => width, getHeight: () => height },
  });
  const cases: { name: string; expected: string[]; pages: LaidOutPage[]; problems: { text: string; problem: string; page?: number }[] }[] = [
    { name: 'all placed', expected: ['ก', 'ข'], pages: [{ items: [line(0, 85, 71), line(1, 85, 101)] }], problems: [] },
    { name: 'placed twice (a repeated table header)', expected: ['หัว'], pages: [{ items: [line(0, 85, 71)] }, { items: [line(0, 85, 71)] }], problems: [] },
    { name: 'on no page', expected: ['ก', 'ข'], pages: [{ items: [line(0, 85, 71)] }], problems: [{ text: 'ข', problem: 'missing' }] },
    { name: 'below the bottom margin', expected: ['ก'], pages: [{ items: [line(0, 85, 770)] }], problems: [{ text: 'ก', problem: 'outside', page: 1 }] },
    { name: 'past the right margin', expected: ['ก'], pages: [{ items: [line(0, 500, 71, 60)] }], problems: [{ text: 'ก', problem: 'outside', page: 1 }] },
    { name: 'left of the left margin', expected: ['ก'], pages: [{ items: [line(0, 40, 71)] }], problems: [{ text: 'ก', problem: 'outside', page: 1 }] },
    { name: 'within rounding of the margins', expected: ['ก'], pages: [{ items: [line(0, 84.8, 70.8, 453.4, 714.2)] }], problems: [] },
    { name: 'a page number (no placement id) is not ours', expected: [], pages: [{ items: [{ type: 'line', item: { x: 0, y: 0 } }] }], problems: [] },
  ];
  it.each(cases)('$name', ({ expected, pages, problems }) => {
    expect(unplacedText(expected, pages, box)).toEqual(problems);
  });

  it('catches what pdfmake drops: a group it may not break, taller than a page (its known behaviour)', async () => {
    // Straight through pdfmake with the hooks installed, as the exporter uses it: the check must
    // see the loss that the exporter's layout avoids.
    const set = bundledFontSet();
    registerFontSet(set);
    const pdfmake = createRequire(import.meta.url)('pdfmake') as {
      addFonts(f: object): void;
      setLocalAccessPolicy(p: (f: string) => boolean): void;
      createPdf(d: object): { getBuffer(): Promise<Buffer> };
    };
    pdfmake.addFonts({ [set.family]: set.files });
    const expected = Array.from({ length: 60 }, (_, i) => `บรรทัดที่ ${i}`);
    let problems: ReturnType<typeof unplacedText> = [];
    await pdfmake
      .createPdf({
        pageSize: 'A4',
        defaultStyle: { font: set.family, fontSize: 16 },
        content: [{ stack: expected.map((text, placementId) => ({ text, placementId, noWrap: true })), unbreakable: true }],
        header: (page: number) => {
          if (page === 1) problems = unplacedText(expected, laidOutPages(), { left: 0, right: 595, top: 0, bottom: 842 });
          return null;
        },
      })
      .getBuffer();
    expect(problems.length).toBeGreaterThan(10);
    expect(problems.every((p) => p.problem === 'missing')).toBe(true);
    expect(problems.map((p) => p.text)).toContain('บรรทัดที่ 59');
  });

  it('turns a loss into an error that says what was lost', () => {
    const error = new UnplacedTextError([{ text: 'ขั้นตอนที่หายไป', problem: 'missing' }]);
    expect(error.message).toContain('could not place 1 piece(s) of text');
    expect(error.message).toContain('ขั้นตอนที่หายไป');
  });
});

describe('when a table row may break across pages (both formats)', () => {
  const page = 714;
  it.each([
    { height: 100, keep: true },
    { height: page / 3, keep: true },
    { height: page / 3 + 1, keep: false },
    { height: 2 * page, keep: false },
  ])('a row $height pt high on a 714 pt page: kept whole = $keep', ({ height, keep }) => {
    expect(keepsRowWhole(height, page)).toBe(keep);
  });

  it('estimates a row for the DOCX from its longest cell', () => {
    const cell = (text: string) => ({ blocks: [para(text, 'plain')] });
    const widths = [8, 20];
    // About 37 characters a line in a 20 em column: 3 lines are kept, 30 lines are not.
    expect(keepsEstimatedRowWhole({ cells: [cell('สั้น'), cell('ก'.repeat(100))] }, widths, 45)).toBe(true);
    expect(keepsEstimatedRowWhole({ cells: [cell('สั้น'), cell('ก'.repeat(1100))] }, widths, 45)).toBe(false);
  });
});

describe('a model with content taller than a page, through the PDF and the DOCX exporters', () => {
  const header = { cells: [{ blocks: [para('หัวตาราง ก', 'plain')] }, { blocks: [para('หัวตาราง ข', 'plain')] }] };
  const longCell = tokenText('c', 400);
  const model = doc([
    { kind: 'title', runs: [{ text: 'เอกสารทดสอบ' }] },
    { kind: 'heading', level: 1, numbered: false, runs: [{ text: tokenText('h', 150) }] },
    para(tokenText('p', 300)),
    {
      kind: 'table',
      header: [header],
      rows: [
        { cells: [{ blocks: [para('แถวสั้น', 'plain')] }, { blocks: [para('ข้อความสั้น', 'plain')] }] },
        { cells: [{ blocks: [para('แถวยาว', 'plain')] }, { blocks: [para(longCell, 'plain')] }] },
        {
          cells: [
            { blocks: [para('แถวขั้นตอน', 'plain')] },
            { blocks: [{ kind: 'list', items: Array.from({ length: 40 }, (_, i) => ({ marker: `${i + 1}.`, runs: [{ text: tokenText(`s${i}-`, 3) }] })) }] },
          ],
        },
        { cells: [{ blocks: [para('แถวสุดท้าย', 'plain')] }, { blocks: [para('ข้อความสั้นท้ายตาราง', 'plain')] }] },
      ],
    },
    { kind: 'signature', lines: [[{ text: tokenText('n', 250) }], [{ text: 'ผู้ว่าราชการจังหวัด' }]] },
  ]);
  const wanted = [...tokens('h', 150), ...tokens('p', 300), ...tokens('c', 400), ...Array.from({ length: 40 }, (_, i) => tokens(`s${i}-`, 3)).flat(), ...tokens('n', 250)];

  it('sets every token in the PDF; the long rows run over pages with the header repeated', async () => {
    const pages = await pdfPages(await renderPdf(model));
    expect(pages.length).toBeGreaterThanOrEqual(6);
    expect(missingTokens(pages.flat().join(''), wanted)).toEqual([]);
    // The row of 400 tokens takes more than one page: every page it runs onto starts with the header.
    const rowPages = pages.map((p, i) => (p.some((l) => /c\d+x/.test(l)) ? i : -1)).filter((i) => i >= 0);
    expect(rowPages.length).toBeGreaterThanOrEqual(2);
    for (const i of rowPages.slice(1)) expect(squash(pages[i]!.slice(0, 3).join('')), `page ${i + 1}`).toMatch(/^หัวตารางกหัวตารางข/);
    // Rows that fit stay whole: the short row before the long one shares its page with the header.
    const short = pages.findIndex((p) => p.some((l) => l.includes('ข้อความสั้น')));
    expect(pages[short]!.some((l) => l.includes('แถวสั้น'))).toBe(true);
  });

  it('sets every token in the DOCX, where only rows that fit are kept whole (cantSplit)', async () => {
    const xml = docxPart(await renderDocx(model), 'word/document.xml');
    const text = (xml.match(/<w:t(?: [^>]*)?>[^<]*<\/w:t>/g) ?? []).map((t) => t.replace(/<[^>]+>/g, '')).join('');
    expect(missingTokens(text, wanted)).toEqual([]);
    const rows = xml.match(/<w:tr>[\s\S]*?<\/w:tr>|<w:tr [\s\S]*?<\/w:tr>/g) ?? [];
    const cantSplit = rows.map((r) => r.includes('<w:cantSplit'));
    // header, short row, the 400-token row, the 40 steps, the last row
    expect(cantSplit).toEqual([true, true, false, false, true]);
  });
});

describe('a table right after body text', () => {
  it('never leaves its header alone at the foot of a page: header and first row start on one page', async () => {
    const filler = (n: number): Block[] => Array.from({ length: n }, (_, i) => ({ kind: 'paragraph', style: 'center', runs: [{ text: `บรรทัดเติมที่ ${i + 1}` }] }));
    const header = { cells: [{ blocks: [para('หัวตารางแรก', 'plain')] }, { blocks: [para('หัวตารางสอง', 'plain')] }] };
    const row = (tag: string, lines: number) => ({
      cells: [{ blocks: [para(tag, 'plain')] }, { blocks: [{ kind: 'list' as const, items: Array.from({ length: lines }, (_, k) => ({ marker: `${k + 1}.`, runs: [{ text: `${tag}ข้อ${k}` }] })) }] }],
    });
    const moved = new Set<boolean>();
    for (let n = 27; n <= 35; n++) {
      for (const first of [3, 30]) {
        const pages = await pdfPages(await renderPdf(doc([...filler(n), { kind: 'table', header: [header], rows: [row('แถวแรก', first), row('แถวสอง', 2)] }])));
        const pageOf = (needle: string) => pages.findIndex((p) => p.some((l) => !l.startsWith('/') && l.includes(needle)));
        expect(pageOf('หัวตารางแรก'), `n=${n}, first row of ${first} lines`).toBe(pageOf('แถวแรกข้อ0'));
        expect(pageOf('แถวแรกข้อ1'), `n=${n}: a row that breaks starts with two lines`).toBe(pageOf('แถวแรกข้อ0'));
        moved.add(pageOf('หัวตารางแรก') > 0);
      }
    }
    // The range did put the table both on the first page and on the next.
    expect(moved).toEqual(new Set([true, false]));
  });
});

describe('a data file with long clerk text, through the real pipeline', () => {
  /** As many tokens as fit in `max` characters (the schema's limit of the field). */
  const fitTokens = (prefix: string, max: number): number => {
    let n = 1;
    while (tokenText(prefix, n + 1).length <= max) n++;
    return n;
  };
  /**
   * The sample with one measure's steps as many and as long as the schema allows (the first one
   * taller than a page in its column), one §4 point and the signatory's name at their limits.
   */
  function longVariant(): { text: string; wanted: Record<string, string[]> } {
    const counts = { st: fitTokens('st', 2000), pt: fitTokens('pt', 2000), nm: fitTokens('nm', 300) };
    const steps = Array.from({ length: 46 }, (_, i) => `      - "${tokenText(`k${i}-`, 4)}"\n`).join('');
    const text = sampleText()
      .replace('      - จัดทำแนวทางในการใช้ทรัพย์สินของราชการ\n', `      - "${tokenText('st', counts.st)}"\n${steps}`)
      .replace('      - ขั้นตอนการขออนุญาตการยืมทรัพย์สินของราชการ\n', `      - "${tokenText('pt', counts.pt)}"\n`)
      .replace('signatory:\n', `signatory:\n  name: "${tokenText('nm', counts.nm)}"\n`);
    const stepTokens = [...tokens('st', counts.st), ...Array.from({ length: 46 }, (_, i) => tokens(`k${i}-`, 4)).flat()];
    return { text, wanted: { report: [...stepTokens, ...tokens('pt', counts.pt)], announcement: [...stepTokens, ...tokens('nm', counts.nm)] } };
  }

  it('keeps every long step, point and the signatory name in both documents, PDF and DOCX', async () => {
    const { text, wanted } = longVariant();
    expect(wanted.report!.length).toBeGreaterThan(300);
    const pdf = await renderSample({ formats: ['pdf'] }, text);
    const docx = await renderSample({ formats: ['docx'] }, text);
    for (const kind of ['report', 'announcement'] as const) {
      const pages = await pdfPages(pdf[kind].bytes);
      expect(missingTokens(pages.flat().join(''), wanted[kind]!, true), `${kind}.pdf`).toEqual([]);
      const xml = docxPart(docx[kind].bytes, 'word/document.xml');
      const docxText = (xml.match(/<w:t(?: [^>]*)?>[^<]*<\/w:t>/g) ?? []).map((t) => t.replace(/<[^>]+>/g, '')).join('');
      expect(missingTokens(docxText, wanted[kind]!, true), `${kind}.docx`).toEqual([]);
    }
  });
});
