import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledFontSet, FontFileError, LAKSAMAN_SCALE, loadFace } from '../../src/fonts/fonts.ts';
import { fontSetFromFile } from '../../src/fonts/user.ts';
import { breakLines, distributedSpacing, type Measure } from '../../src/export/pdf/lines.ts';
import { clusterCount, shape, trackingFeatures, type ShapingFont } from '../../src/fonts/shaping.ts';

const regular = loadFace(bundledFontSet().files.normal);
// The face pdfkit sees: its layout is the shaper, reached through pdfkit's (text, features) call.
const font = regular.shaped as unknown as ShapingFont & { layout(text: string, features?: string[]): ReturnType<typeof shape> };
const textOf = (text: string): string => shape(font, text).glyphs.map((g) => String.fromCodePoint(...g.codePoints)).join('');

describe('shape: the text each glyph stands for, in spelling order', () => {
  it.each([
    ['ผู้ใหญ่', 'lowered tone marks and ญ without its tail'],
    ['น้ำ', 'ำ with a tone mark'],
    ['ดำเนินงาน', 'ำ alone'],
    ['ที่ปรึกษา', 'vowel and tone stacked'],
    ['ปั้น', 'marks shifted left of a tall consonant'],
    ['ญู ฐู', 'consonants losing their tails'],
    ['ITAที่ (ITA)ปั้น e-Serviceของ', 'Latin glued to Thai'],
    ['กรุงเทพฯ ต่างๆ ๑๒๓ 2566', 'ฯ, ๆ and digits'],
  ])('%s (%s) copies back as itself', (text) => {
    expect(textOf(text)).toBe(text);
  });

  it.each([
    ['หน่วยงาน\u200Bภาครัฐ', 'หน่วยงานภาครัฐ'],
    ['a\u2060b\uFEFFc\u00ADd', 'abcd'],
  ])('draws no glyph for invisible break marks: %j', (text, visible) => {
    const run = shape(font, text);
    expect(run.glyphs.map((g) => g.id)).toEqual(shape(font, visible).glyphs.map((g) => g.id));
    expect(run.glyphs.some((g) => g.id === 0)).toBe(false);
  });

  it('recomposes ำ into one glyph, so า keeps a glyph of its own', () => {
    const am = font.glyphForCodePoint(0x0e33).id;
    const aa = font.glyphForCodePoint(0x0e32).id;
    const circle = font.glyphForCodePoint(0x0e4d).id;
    const ids = (t: string) => shape(font, t).glyphs.map((g) => g.id);
    expect(ids('ดำ')).toContain(am);
    expect(ids('ดำ')).not.toContain(circle);
    expect(ids('น้ำ')).not.toContain(circle);
    expect(ids('นา')).toContain(aa);
    // Same advance as the decomposed pair fontkit produced.
    expect(shape(font, 'ดำ').advanceWidth).toBe(shape(font, 'ดา').advanceWidth);
  });
});

describe('shape: distributed justification adds space after clusters only', () => {
  it.each([
    ['ที่ปรึกษา', 6],
    ['น้ำ', 2],
    ['ผู้ใหญ่', 4],
    ['ITA 2566', 8],
  ])('%s has %i clusters', (text, clusters) => {
    expect(clusterCount(shape(font, text))).toBe(clusters);
  });

  it.each([true, false])('adds em × unitsPerEm after each cluster (trailing %s), never between a base and its marks', (trailing) => {
    const text = 'ที่ปรึกษา';
    const plain = shape(font, text);
    const tracked = font.layout(text, trackingFeatures({ em: 0.1, trailing }));
    const clusters = clusterCount(plain);
    const extra = 0.1 * font.unitsPerEm;
    expect(tracked.advanceWidth - plain.advanceWidth).toBeCloseTo(extra * (trailing ? clusters : clusters - 1), 6);
    tracked.positions.forEach((p, i) => {
      const next = plain.positions[i + 1];
      const added = p.xAdvance - plain.positions[i]!.xAdvance;
      // Space goes after the last glyph of a cluster: before a glyph that advances.
      expect(added).toBeCloseTo(next ? (next.xAdvance > 0 ? extra : 0) : trailing ? extra : 0, 6);
      expect(p.xOffset).toBe(plain.positions[i]!.xOffset);
      expect(p.yOffset).toBe(plain.positions[i]!.yOffset);
    });
  });

  it.each([
    { text: '\u0E31ที่ปรึกษา', why: 'a run that starts with a mark (its letter is in the run before)' },
    { text: '\u0E48\u0E31', why: 'a run of marks only' },
  ])('adds space after clusters but the last, never more: $why', ({ text }) => {
    const plain = shape(font, text);
    const extra = 0.1 * font.unitsPerEm;
    const clusters = clusterCount(plain);
    const tracked = font.layout(text, trackingFeatures({ em: 0.1, trailing: false }));
    // Justification shares the slack among clusters - 1 gaps; a line whose runs added more would
    // run past the margin (found by the property tests: the placement check failed the build).
    expect(tracked.advanceWidth - plain.advanceWidth).toBeCloseTo(extra * Math.max(0, clusters - 1), 6);
  });
});

/** One point per character, two per Thai word "คำ": simple enough to work out by hand. */
const measure: Measure = (text, style) => ({ width: [...text].length * (style.bold ? 2 : 1), clusters: [...text].length });

describe('breakLines', () => {
  it.each([
    { text: 'abc def ghi', width: 7, lines: ['abc def', 'ghi'] },
    { text: 'abc def ghi', width: 6, lines: ['abc', 'def', 'ghi'] },
    { text: 'abc   def', width: 4, lines: ['abc', 'def'] },
    { text: 'abcdefghij', width: 4, lines: ['abcd', 'efgh', 'ij'] },
    { text: 'หน่วยงานภาครัฐ', width: 9, lines: ['หน่วยงาน', 'ภาครัฐ'] },
    { text: 'ต่างๆ กัน', width: 5, lines: ['ต่างๆ', 'กัน'] },
    { text: '', width: 5, lines: [] },
  ])('$text in $width points → $lines', ({ text, width, lines }) => {
    const result = breakLines([{ text }], { first: width, rest: width }, measure);
    expect(result.map((l) => l.pieces.map((p) => p.text).join(''))).toEqual(lines);
    expect(result.every((l) => l.width <= width)).toBe(true);
    if (result.length > 0) expect(result.map((l) => l.last)).toEqual(result.map((_, i) => i === result.length - 1));
  });

  it('takes the first line\'s width from `first` (a first-line indent)', () => {
    const lines = breakLines([{ text: 'aa bb cc dd' }], { first: 2, rest: 8 }, measure);
    expect(lines.map((l) => l.pieces.map((p) => p.text).join(''))).toEqual(['aa', 'bb cc dd']);
  });

  it('keeps styles per piece, merges equal neighbours, and measures bold as bold', () => {
    const [line] = breakLines([{ text: 'ab ' }, { text: 'cd', bold: true }, { text: 'ef', bold: true }, { text: ' g' }], { first: 50, rest: 50 }, measure);
    expect(line!.pieces).toEqual([{ text: 'ab ' }, { text: 'cdef', bold: true }, { text: ' g' }]);
    expect(line!.width).toBe(3 + 8 + 2);
  });

  it('breaks a unit that spans a style change only where the unit may break', () => {
    const lines = breakLines([{ text: 'xx ๙๓.' }, { text: '๖๘', bold: true }, { text: ' คะแนน' }], { first: 8, rest: 8 }, measure);
    expect(lines.map((l) => l.pieces.map((p) => p.text).join(''))).toEqual(['xx', '๙๓.๖๘', 'คะแนน']);
    expect(lines[1]!.pieces).toEqual([{ text: '๙๓.' }, { text: '๖๘', bold: true }]);
  });
});

describe('distributedSpacing', () => {
  it.each([
    { width: 90, clusters: 11, last: false, available: 100, spacing: 1 },
    { width: 90, clusters: 11, last: true, available: 100, spacing: 0 },
    { width: 90, clusters: 1, last: false, available: 100, spacing: 0 },
    { width: 101, clusters: 11, last: false, available: 100, spacing: 0 },
  ])('$width of $available with $clusters clusters (last: $last) → $spacing', ({ width, clusters, last, available, spacing }) => {
    expect(distributedSpacing({ pieces: [], width, clusters, last }, available)).toBe(spacing);
  });
});

describe('font sets', () => {
  it('bundles Laksaman at the size that matches TH SarabunPSK 16 pt', () => {
    const set = bundledFontSet();
    expect(set.bodySize).toBeCloseTo(10.637, 3);
    expect(set.bodySize * LAKSAMAN_SCALE).toBeCloseTo(16, 6);
    for (const file of Object.values(set.files)) expect(loadFace(file).unitsPerEm).toBe(1000);
  });

  it.each([
    [['THSarabunNew.ttf', 'THSarabunNew Bold.ttf', 'THSarabunNew Italic.ttf', 'THSarabunNew BoldItalic.ttf'], ['THSarabunNew Bold.ttf', 'THSarabunNew Italic.ttf', 'THSarabunNew BoldItalic.ttf']],
    [['Sarabun-Regular.ttf', 'Sarabun-Bold.ttf'], ['Sarabun-Bold.ttf', 'Sarabun-Regular.ttf', 'Sarabun-Bold.ttf']],
    [['THSarabunPSK.ttf', 'THSarabunPSK Bold.ttf', 'THSarabunPSK Bold Italic.ttf'], ['THSarabunPSK Bold.ttf', 'THSarabunPSK.ttf', 'THSarabunPSK Bold Italic.ttf']],
  ])('finds the faces of %j beside the regular one', (files, [bold, italics, bolditalics]) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ita-fonts-'));
    for (const f of files) copyFileSync(bundledFontSet().files.normal, path.join(dir, f));
    const set = fontSetFromFile(path.join(dir, files[0]!));
    expect(set.bodySize).toBe(16);
    expect(set.files).toEqual({ normal: path.join(dir, files[0]!), bold: path.join(dir, bold!), italics: path.join(dir, italics!), bolditalics: path.join(dir, bolditalics!) });
  });

  it('names the file it looked for when a face is missing', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ita-fonts-'));
    expect(() => fontSetFromFile(path.join(dir, 'none.ttf'))).toThrow(FontFileError);
    copyFileSync(bundledFontSet().files.normal, path.join(dir, 'X.ttf'));
    try {
      fontSetFromFile(path.join(dir, 'X.ttf'));
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(FontFileError);
      expect((err as FontFileError).tried).toContain(path.join(dir, 'X Bold.ttf'));
    }
  });
});
