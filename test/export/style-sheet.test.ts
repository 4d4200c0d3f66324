import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { contentWidthPoints, officialFormat as F } from '../../src/style/official-format.ts';
import { A4, eighthPoints, halfPoints, lineSpacing, pixels, twips } from '../../src/export/docx/units.ts';

/**
 * Every layout number of the documents is in the style sheet (src/style/official-format.ts), in
 * points, once; the exporters convert it and write no length of their own.
 */

const EXPORT = fileURLToPath(new URL('../../src/export', import.meta.url));

/** The modules that lay out or draw the page: none may write a layout number of its own. */
const DRAWING = ['docx/docx.ts', 'docx/chart-part.ts', 'pdf/pdf.ts', 'chart/chart.ts', 'emblem.ts'];

/** Other modules that read the style sheet, and why they are not scanned. */
const OTHER_READERS: Record<string, string> = {
  'docx/units.ts': "the DOCX's unit conversions (20 twips, 8 eighths, 96 px to 72 pt, 240ths of a line, 12,700 EMUs, 100ths of a point)",
  'pdf/fonts.ts': 'the body font size',
};

/**
 * Numbers in the drawing modules that are not lengths (0 and 1 are always allowed): counts,
 * indices, halves for centring, tolerances, cache sizes, unit conversions. Each is the literal and
 * a piece of the line it stands on.
 */
const ALLOWED: { file: string; literal: string; on: string; why: string }[] = [
  { file: 'docx/docx.ts', literal: '2', on: 'block.level === 2', why: 'heading level' },
  { file: 'docx/docx.ts', literal: '2', on: 'twips(F.rule.length)) / 2', why: 'centring: half the rest on each side' },
  { file: 'docx/docx.ts', literal: '2', on: '2 * CELL_MARGIN', why: 'padding on both sides of a cell' },
  { file: 'pdf/pdf.ts', literal: '2', on: 'line.pieces.length - 2', why: 'index of the last piece but one' },
  { file: 'pdf/pdf.ts', literal: '3', on: 'lines.length <= 3', why: 'widow and orphan control: lines, a count' },
  { file: 'pdf/pdf.ts', literal: '2', on: 'lines.slice(', why: 'widow and orphan control: two lines kept together' },
  { file: 'pdf/pdf.ts', literal: '2', on: 'margin[2]', why: "index into pdfmake's margin array" },
  { file: 'pdf/pdf.ts', literal: '3', on: 'margin[3]', why: "index into pdfmake's margin array" },
  { file: 'pdf/pdf.ts', literal: '3', on: '.margin as number[] | undefined)?.[3]', why: "index into pdfmake's margin array" },
  { file: 'pdf/pdf.ts', literal: '3', on: '.slice(0, 3), 0]', why: "pdfmake's margin array without its bottom" },
  { file: 'pdf/pdf.ts', literal: '0.01', on: 'PAGE_BOTTOM + 0.01', why: 'tolerance of a comparison' },
  { file: 'pdf/pdf.ts', literal: '2', on: '(CONTENT_WIDTH - length) / 2', why: 'centring: half the rest on each side' },
  { file: 'pdf/pdf.ts', literal: '2', on: '2 * CELL_PADDING.', why: 'padding on both sides of a cell' },
  { file: 'pdf/pdf.ts', literal: '2', on: '2 * t.lineHeight', why: 'orphan control: two lines of a row' },
  { file: 'chart/chart.ts', literal: '8', on: 'new Lru<', why: 'cache size' },
  { file: 'chart/chart.ts', literal: '3', on: 'z: 3', why: 'drawing order of ECharts layers' },
  { file: 'chart/chart.ts', literal: '2', on: "e[1] === 'x' ? 2", why: 'parsing an SVG character reference' },
  { file: 'chart/chart.ts', literal: '16', on: "e[1] === 'x' ? 16 : 10", why: 'radix of an SVG character reference' },
  { file: 'chart/chart.ts', literal: '10', on: "e[1] === 'x' ? 16 : 10", why: 'radix of an SVG character reference' },
  { file: 'chart/chart.ts', literal: '2', on: 'translate[2]', why: 'regular expression group' },
  { file: 'docx/chart-part.ts', literal: '2', on: 'const AXIS = {', why: "an axis's id" },
  { file: 'docx/chart-part.ts', literal: '3', on: 'const AXIS = {', why: "an axis's id" },
  { file: 'docx/chart-part.ts', literal: '4', on: 'const AXIS = {', why: "an axis's id" },
  { file: 'docx/chart-part.ts', literal: '100', on: "replace('%', '')) / 100", why: 'a percentage as a fraction' },
  { file: 'docx/chart-part.ts', literal: '100', on: 'Math.round(fraction * 100)', why: "a fraction as Word's percent" },
  { file: 'emblem.ts', literal: '4', on: 'new Lru<', why: 'cache size' },
  { file: 'emblem.ts', literal: '4', on: 'Math.max(0, 4 - Math.floor', why: 'significant digits kept of the drawing' },
  { file: 'emblem.ts', literal: '3', on: 'toFixed(3)', why: 'decimals written of a size' },
  { file: 'emblem.ts', literal: '72', on: 'picture.height / 72', why: 'points per inch' },
];

/** A string that is a length or a share written out ("12pt", "15%"). */
const LENGTH_STRING = /^-?\d+(\.\d+)?\s*(%|pt|px|cm|mm|in|em)$/;

interface Literal {
  file: string;
  line: number;
  literal: string;
  text: string;
}

function literals(file: string): Literal[] {
  const source = readFileSync(path.join(EXPORT, file), 'utf8');
  const lines = source.split('\n');
  const tree = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const found: Literal[] = [];
  const visit = (node: ts.Node): void => {
    const numeric = ts.isNumericLiteral(node) && Number(node.text) !== 0 && Number(node.text) !== 1;
    const length = (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && LENGTH_STRING.test(node.text);
    if (numeric || length) {
      const line = tree.getLineAndCharacterOfPosition(node.getStart()).line;
      found.push({ file, line: line + 1, literal: node.text, text: lines[line]! });
    }
    ts.forEachChild(node, visit);
  };
  visit(tree);
  return found;
}

const allowed = (l: Literal) => ALLOWED.filter((a) => a.file === l.file && a.literal === l.literal && l.text.includes(a.on));

describe('the style sheet', () => {
  it('holds every layout number: the drawing modules write none of their own', () => {
    const all = DRAWING.flatMap(literals);
    const stray = all.filter((l) => allowed(l).length === 0).map((l) => `src/export/${l.file}:${l.line}: ${l.literal} in ${l.text.trim()}`);
    expect(stray, 'put layout numbers in src/style/official-format.ts (or, if one is not a length, in ALLOWED with why)').toEqual([]);
    // The allow-list stays small and true: every entry still stands for a number in the code.
    const unused = ALLOWED.filter((a) => !all.some((l) => allowed(l).includes(a)));
    expect(unused).toEqual([]);
  });

  it('is scanned in every module of src/export that reads it', () => {
    const files = readdirSync(EXPORT, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => f.split(path.sep).join('/'));
    const readers = files.filter((f) => /from '[./]*style\/official-format\.ts'/.test(readFileSync(path.join(EXPORT, f), 'utf8')));
    expect(readers.filter((f) => !DRAWING.includes(f) && !(f in OTHER_READERS))).toEqual([]);
  });

  it('gives both exporters the numbers of what both draw', () => {
    // The issue found cell padding, rule width and the signature gap written twice as bare numbers.
    const shared = [
      'margins.top', 'margins.bottom', 'margins.left', 'margins.right', 'headerDistance', 'lineSpacing', 'firstLineIndent', 'listIndent',
      'headingSpaceBefore', 'subheadingSpaceBefore', 'paragraphSpaceAfter', 'chartSpaceAround', 'signature.indentFraction',
      'signature.spaceBefore', 'table.cellPaddingX', 'table.cellPaddingY', 'table.ruleWidth', 'emblem.spaceAfter', 'rule.length',
      'rule.spaceBefore', 'rule.weight', 'textArea.height',
    ];
    for (const file of ['docx/docx.ts', 'pdf/pdf.ts']) {
      const source = readFileSync(path.join(EXPORT, file), 'utf8');
      expect(shared.filter((key) => !source.includes(`F.${key}`)), file).toEqual([]);
    }
  });

  it('is in points: the official page in centimetres, converted once', () => {
    const cm = (v: number) => (v * 72) / 2.54;
    expect(F.page).toEqual({ width: cm(21), height: cm(29.7) });
    expect(F.margins).toEqual({ top: cm(2.5), bottom: cm(2), left: cm(3), right: cm(2) });
    expect(contentWidthPoints).toBeCloseTo(cm(16), 9);
    expect(F.textArea.height).toBeCloseTo(cm(25.2), 9);
    expect(F.firstLineIndent).toBe(cm(2.5));
    expect(F.emblem.height).toBe(cm(3));
    expect(F.rule.length).toBe(cm(5));
  });
});

describe("the DOCX's units", () => {
  it('rounds points to the same whole twips as centimetres converted directly', () => {
    const direct = (cmValue: number) => Math.round((cmValue * 1440) / 2.54);
    expect(A4).toEqual({ width: 11906, height: 16838 });
    expect(twips(F.margins.top)).toBe(direct(2.5));
    expect(twips(F.margins.left)).toBe(direct(3));
    expect(twips(F.textArea.width)).toBe(direct(16));
    expect(twips(F.textArea.height)).toBe(direct(25.2));
    expect(twips(F.firstLineIndent + F.listIndent)).toBe(direct(3.1));
    expect(twips(F.table.cellPaddingX)).toBe(direct(0.15));
    expect(twips(F.footerDistance)).toBe(direct(1));
  });

  it('writes sizes, borders, pictures and line spacing in their own units', () => {
    expect(halfPoints(F.fontSize)).toBe(32);
    expect(eighthPoints(F.table.ruleWidth)).toBe(4);
    expect(eighthPoints(F.rule.weight)).toBe(6);
    expect(pixels(72)).toBe(96);
    expect(lineSpacing(F.lineSpacing)).toBe(240);
    expect(twips(F.signature.spaceBefore)).toBe(480);
  });
});
