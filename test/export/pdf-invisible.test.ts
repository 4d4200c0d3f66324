import { describe, expect, it } from 'vitest';
import { renderPdf } from '../../src/export/pdf/pdf.ts';
import type { DocumentModel } from '../../src/model/types.ts';
import { drawnGlyphs, pdfPages, squash } from '../helpers/pdf.ts';

/**
 * No box for a character some bundled face has. Characters that draw nothing (default-ignorable: the grapheme joiner, variation selectors,
 * joiners, bidi marks) neither draw a box nor drag their letter into the fallback face, which has
 * no Thai: found by the property tests ("ระเบียบ-1͏" came out as a box).
 */
const model = (text: string): DocumentModel => ({
  meta: { title: 't', author: 'a', subject: 's', keywords: [], language: 'th-TH', date: '2024-01-01' },
  digits: 'arabic',
  pageNumbers: false,
  blocks: [{ kind: 'paragraph', style: 'plain', runs: [{ text }] }],
});

describe('characters that draw nothing, next to Thai', () => {
  it.each([
    { text: 'ระเบียบ-๑\u034Fข้อบังคับ', copied: 'ระเบียบ-๑ข้อบังคับ' },
    { text: 'ก\u0E48\u034Fข', copied: 'ก\u0E48ข' },
    { text: 'ข้อ\u200Dมูล', copied: 'ข้อมูล' },
    { text: 'ตกลง\uFE0Fแล้ว', copied: 'ตกลงแล้ว' },
    { text: 'ชื่อ\u200Fนามสกุล\u202Aก\u202C', copied: 'ชื่อนามสกุลก' },
    { text: 'ภาษา\u2063ไทย', copied: 'ภาษาไทย' },
    // A mark only the fallback face has, on a Thai letter only the body font has: each from its face.
    { text: 'มาตรการก\u0308ข', copied: 'มาตรการก\u0308ข' },
    { text: 'ม\u0303 และ e\u0308', copied: 'ม\u0303 และ e\u0308' },
  ])('$copied: no .notdef glyph, copied as typed (characters that draw nothing left out)', async ({ text, copied }) => {
    const pdf = await renderPdf(model(text));
    const glyphs = await drawnGlyphs(pdf, 1);
    expect(glyphs.length).toBeGreaterThan(0);
    expect(glyphs.filter((g) => g.cid === 0)).toEqual([]);
    // pdf.js may see a space where a piece in one face meets a piece in the other.
    expect(squash((await pdfPages(pdf)).flat().join(''))).toBe(squash(copied));
  });
});
