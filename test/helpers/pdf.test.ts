import { beforeAll, describe, expect, it } from 'vitest';
import { renderPdf } from '../../src/export/pdf/pdf.ts';
import type { DocumentModel } from '../../src/model/types.ts';
import { pdfFonts, pdfInfo, pdfPages } from './pdf.ts';

/**
 * The readers the other tests trust, checked on a PDF of ours and on copies altered in place
 * (same length, so the cross-reference offsets stay right): each property they report can be
 * false, so a passing assertion on it means something.
 */

const model: DocumentModel = {
  meta: { title: 'เอกสารทดสอบตัวอ่าน', author: 'ผู้ทดสอบ', subject: 'ทดสอบ', keywords: ['ทดสอบ', 'pdf.js'], language: 'th-TH', date: '2023-10-01' },
  digits: 'thai',
  pageNumbers: true,
  blocks: [
    { kind: 'heading', level: 1, numbered: false, runs: [{ text: 'หัวข้อตัวหนา' }] },
    { kind: 'paragraph', style: 'plain', runs: [{ text: 'ข้อความธรรมดา ITAที่ได้คะแนน ๙๓.๖๘' }] },
  ],
};

let pdf: Uint8Array;
beforeAll(async () => {
  pdf = await renderPdf(model);
});

/** A copy of the PDF with every `from` replaced by `to` of the same length. */
function altered(from: string, to: string): Uint8Array {
  expect(to.length).toBe(from.length);
  const text = Buffer.from(pdf).toString('latin1');
  expect(text).toContain(from);
  return Buffer.from(text.split(from).join(to), 'latin1');
}

describe('the PDF readers of the tests (pdf.js and the object reader)', () => {
  it('read the text, one line per line, from the /ActualText spans', async () => {
    expect(await pdfPages(pdf)).toEqual([['หัวข้อตัวหนา', 'ข้อความธรรมดา ITAที่ได้คะแนน ๙๓.๖๘']]);
  });

  it('read the page size and the document information', async () => {
    expect(await pdfInfo(pdf)).toMatchObject({
      pages: 1,
      pageSizes: [{ width: 595.28, height: 841.89 }],
      title: 'เอกสารทดสอบตัวอ่าน',
      author: 'ผู้ทดสอบ',
      keywords: 'ทดสอบ, pdf.js',
      language: 'th-TH',
    });
    expect((await pdfInfo(altered('/MediaBox [0 0 595.28 841.89]', '/MediaBox [0 0 612.00 792.00]'))).pageSizes).toEqual([{ width: 612, height: 792 }]);
  });

  it('list both faces, embedded, subset, with a Unicode map', async () => {
    const fonts = await pdfFonts(pdf);
    expect(fonts.map((f) => f.name.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual(['Laksaman', 'Laksaman-Bold']);
    for (const f of fonts) expect(f).toMatchObject({ type: 'CID TrueType', embedded: true, subset: true, unicode: true });
  });

  it('tell a font without a /ToUnicode map, without its program, or not subset', async () => {
    const noMap = await pdfFonts(altered('/ToUnicode', '/NoUnicode'));
    expect(noMap.map((f) => f.unicode)).toEqual([false, false]);
    const noProgram = await pdfFonts(altered('/FontFile2', '/FontFileX'));
    expect(noProgram.map((f) => f.embedded)).toEqual([false, false]);
    // "BZZZZZ+Laksaman-Bold" becomes "Laksaman-Bold-Whole1": no subset tag any more.
    const name = (await pdfFonts(pdf))[0]!.name;
    const bare = `${name.slice(7)}-Whole1`;
    const whole = await pdfFonts(altered(name, bare));
    expect(whole.find((f) => f.name === bare)?.subset).toBe(false);
  });
});
