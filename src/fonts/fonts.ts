import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { officialFormat as F } from '../style/official-format.ts';
import { packageRoot } from '../resources/node.ts';
import { measureText, shapingFont, type ShapingFont } from './shaping.ts';

/**
 * The fonts of the PDF. The project ships Laksaman (TLWG's rebuild of TH Sarabun New with correct
 * OpenType Thai); a user who owns TH Sarabun New or TH SarabunPSK can use that instead.
 */

export type FaceName = 'normal' | 'bold' | 'italics' | 'bolditalics';

export interface PdfFontSet {
  /** The family name pdfmake knows the set by; unique per set of files. */
  family: string;
  files: Record<FaceName, string>;
  /** The point size that looks like TH SarabunPSK 16 pt. */
  bodySize: number;
}

/** A configured font file does not exist; the message names every file that was looked for. */
export class FontFileError extends Error {
  constructor(
    readonly file: string,
    readonly tried: string[],
  ) {
    super(`font file not found: ${file}`);
  }
}

/** The bundled fonts, in the package's fonts/ folder. */
export const FONTS_DIR = path.join(packageRoot, 'fonts');

/** Laksaman's glyphs were scaled up 150.42 % from TH Sarabun New (Debian changelog of fonts-tlwg). */
export const LAKSAMAN_SCALE = 1.5042;

const BUNDLED: PdfFontSet = (() => {
  const file = (name: string) => path.join(FONTS_DIR, `${name}.ttf`);
  return {
    family: 'Laksaman',
    files: { normal: file('Laksaman'), bold: file('Laksaman-Bold'), italics: file('Laksaman-Italic'), bolditalics: file('Laksaman-BoldItalic') },
    bodySize: F.fontSize / LAKSAMAN_SCALE,
  };
})();

export const bundledFontSet = (): PdfFontSet => BUNDLED;

/**
 * The face for characters the body font lacks (Laksaman has no ▲ ▼): one face serves every style,
 * as these are symbols, not words.
 */
const FALLBACK: PdfFontSet = (() => {
  const file = path.join(FONTS_DIR, 'DejaVuSans.ttf');
  return { family: 'Fallback', files: { normal: file, bold: file, italics: file, bolditalics: file }, bodySize: F.fontSize / LAKSAMAN_SCALE };
})();

export const fallbackFontSet = (): PdfFontSet => FALLBACK;

const STYLE_SUFFIXES: Record<Exclude<FaceName, 'normal'>, string[]> = {
  bold: ['Bold'],
  italics: ['Italic'],
  bolditalics: ['BoldItalic', 'Bold Italic', 'Bold-Italic'],
};

/**
 * A font set from the user's regular face ("THSarabunNew.ttf"); the other faces are found beside
 * it under the names the SIPA fonts ship with ("THSarabunNew Bold.ttf") or with a hyphen
 * ("Sarabun-Bold.ttf"). TH Sarabun is drawn at its own 16 pt. Bold is required (headings use it);
 * a missing italic face falls back to the upright one, as the templates do not use italics.
 */
const userSets = new Map<string, PdfFontSet>();

export function fontSetFromFile(regular: string): PdfFontSet {
  const normal = path.resolve(regular);
  // A batch asks for the same set for every agency: the faces are looked for once.
  const known = userSets.get(normal);
  if (known) return known;
  if (!existsSync(normal)) throw new FontFileError(normal, [normal]);
  const dir = path.dirname(normal);
  const ext = path.extname(normal);
  const stem = path.basename(normal, ext).replace(/[-_ ]?Regular$/i, '');
  const find = (suffixes: string[]): { found?: string; tried: string[] } => {
    const tried = suffixes.flatMap((s) => [' ', '-', '_', ''].map((sep) => path.join(dir, `${stem}${sep}${s}${ext}`)));
    return { found: tried.find((f) => existsSync(f)), tried };
  };
  const bold = find(STYLE_SUFFIXES.bold);
  if (!bold.found) throw new FontFileError(bold.tried[0]!, bold.tried);
  const italics = find(STYLE_SUFFIXES.italics).found ?? normal;
  const bolditalics = find(STYLE_SUFFIXES.bolditalics).found ?? bold.found;
  const set: PdfFontSet = {
    family: `User:${normal}`,
    files: { normal, bold: bold.found, italics, bolditalics },
    bodySize: F.fontSize,
  };
  userSets.set(normal, set);
  return set;
}

/** What pdfkit reads from a fontkit font besides `layout`. */
interface FontkitFont extends ShapingFont {
  postscriptName: string;
  hasGlyphForCodePoint(codePoint: number): boolean;
}

interface Fontkit {
  create(buffer: Uint8Array): FontkitFont;
}

// The fontkit build pdfkit itself loads, so glyph objects are of one kind.
const require = createRequire(import.meta.url);
const fontkit = require(require.resolve('fontkit', { paths: [path.dirname(require.resolve('pdfkit'))] })) as Fontkit;

/** A parsed face: parsed once per process, shared by every document of the process. */
export interface LoadedFace {
  file: string;
  /** The face as pdfkit should see it: its layout shapes by script runs. */
  shaped: FontkitFont;
  /** Width in font units and cluster count of a text (from the shaper's cache of shaped runs). */
  measure(text: string): { advance: number; clusters: number };
  /** Whether the face draws this character (rather than its missing-glyph box). */
  covers(codePoint: number): boolean;
  unitsPerEm: number;
}

const faces = new Map<string, LoadedFace>();

export function loadFace(file: string): LoadedFace {
  const cached = faces.get(file);
  if (cached) return cached;
  if (!existsSync(file)) throw new FontFileError(file, [file]);
  const font = fontkit.create(readFileSync(file));
  // Bounded by the characters a batch's documents use: a few hundred.
  const coverage = new Map<number, boolean>();
  const face: LoadedFace = {
    file,
    shaped: shapingFont(font),
    unitsPerEm: font.unitsPerEm,
    covers(codePoint) {
      let covered = coverage.get(codePoint);
      if (covered === undefined) coverage.set(codePoint, (covered = font.hasGlyphForCodePoint(codePoint)));
      return covered;
    },
    measure: (text) => measureText(font, text),
  };
  faces.set(file, face);
  return face;
}

/**
 * Whether the PDF can draw a character with a bundled face: the body font (regular and bold, as
 * headings and table headers use it) or the fallback face. Anything else would be a box.
 */
export function bundledGlyphCoverage(): (codePoint: number) => boolean {
  const [regular, bold, fallback] = [bundledFontSet().files.normal, bundledFontSet().files.bold, fallbackFontSet().files.normal].map(loadFace);
  return (codePoint) => (regular!.covers(codePoint) && bold!.covers(codePoint)) || fallback!.covers(codePoint);
}
