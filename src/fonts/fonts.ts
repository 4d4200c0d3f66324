import pdfkitModule from 'pdfkit';
import { officialFormat as F } from '../style/official-format.ts';
import { resources } from '../resources/resources.ts';
import { preloadSavedRuns } from './saved-runs.ts';
import { SHAPED_AT_BUILD } from './shaped-at-build.ts';
import { measureText, shapingFont, type ShapingFont } from './shaping.ts';

/**
 * The fonts of the PDF. The project ships Laksaman (TLWG's rebuild of TH Sarabun New with correct
 * OpenType Thai); a user who owns TH Sarabun New or TH SarabunPSK can use that instead.
 */

export type FaceName = 'normal' | 'bold' | 'italics' | 'bolditalics';

export interface PdfFontSet {
  /** The family name pdfmake knows the set by; unique per set of files. */
  family: string;
  /**
   * Each face's file: a path from the package root for the bundled fonts (read through
   * Resources), or a user's font file that `registerFontFile` has handed the bytes of.
   */
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

/** The bundled fonts, in the package's fonts/ folder (a path from the package root, as Resources reads it). */
export const FONTS_DIR = 'fonts';

/** Laksaman's glyphs were scaled up 150.42 % from TH Sarabun New (Debian changelog of fonts-tlwg). */
export const LAKSAMAN_SCALE = 1.5042;

const BUNDLED: PdfFontSet = (() => {
  const file = (name: string) => `${FONTS_DIR}/${name}.ttf`;
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
  const file = `${FONTS_DIR}/DejaVuSans.ttf`;
  return { family: 'Fallback', files: { normal: file, bold: file, italics: file, bolditalics: file }, bodySize: F.fontSize / LAKSAMAN_SCALE };
})();

export const fallbackFontSet = (): PdfFontSet => FALLBACK;

/**
 * The bytes of font files that are not the tool's own (a user's `--pdf-font`, read on Node by
 * `src/fonts/user.ts`), by the name a font set gives them.
 */
const userFiles = new Map<string, Uint8Array>();

/** Makes `bytes` the face named `file` in a font set (a user's font file, read by the caller). */
export function registerFontFile(file: string, bytes: Uint8Array): void {
  userFiles.set(file, bytes);
}

const toolFiles = new Map<string, Uint8Array>();

/** A face's bytes: a user's registered file, else the tool's own through Resources (read once). */
export function fontFileBytes(file: string): Uint8Array {
  let bytes = userFiles.get(file) ?? toolFiles.get(file);
  if (!bytes) {
    bytes = resources().bytes(file);
    if (!bytes) throw new FontFileError(file, [file]);
    toolFiles.set(file, bytes);
  }
  return bytes;
}

/** What pdfkit reads from a fontkit font besides `layout`. */
interface FontkitFont extends ShapingFont {
  postscriptName: string;
  hasGlyphForCodePoint(codePoint: number): boolean;
}

/** pdfkit's font made from a face's bytes, as far as this module and the hooks look at it. */
export interface PdfKitEmbeddedFont {
  font: FontkitFont;
  subset: object;
}
interface PdfKitFontMaker {
  font(src: Uint8Array): { _font: PdfKitEmbeddedFont };
}

/**
 * A face parsed by pdfkit itself, so that the fontkit that reads it is the one pdfkit embeds with
 * (one module, however the platform resolves `fontkit`: Node's CommonJS build, a browser
 * bundle's), and pdfkit's font class comes along for the hooks.
 */
function parse(bytes: Uint8Array): PdfKitEmbeddedFont {
  const PdfKit = pdfkitModule as unknown as new (options: object) => PdfKitFontMaker;
  // No default font: pdfkit would read Helvetica's metrics from its data folder.
  return new PdfKit({ autoFirstPage: false, font: null }).font(bytes)._font;
}

/** A parsed face: parsed once per process, shared by every document of the process. */
export interface LoadedFace {
  file: string;
  /** pdfkit's font made when the face was parsed: the hooks take pdfkit's font and subset classes from it. */
  embedded: PdfKitEmbeddedFont;
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
  const embedded = parse(fontFileBytes(file));
  const font = embedded.font;
  preloadSavedRuns(font, SHAPED_AT_BUILD);
  // Bounded by the characters a batch's documents use: a few hundred.
  const coverage = new Map<number, boolean>();
  const face: LoadedFace = {
    file,
    embedded,
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
