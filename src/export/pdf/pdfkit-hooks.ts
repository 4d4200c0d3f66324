import { createRequire } from 'node:module';
import { loadFace, type FaceName, type PdfFontSet } from './fonts.ts';

/**
 * The two places where pdfmake 0.3.11 / pdfkit 0.19.1 (pinned in package.json) get Thai wrong,
 * mended from outside:
 *
 * 1. Fonts. pdfmake asks its PDFDocument for a font with `provideFont`; ours hands out pdfkit
 *    fonts built on faces parsed once per process, whose `layout` shapes by script runs
 *    (see shaping.ts). pdfkit would otherwise re-parse every font file for every document.
 * 2. Copy and search. pdfkit's ToUnicode map gives each glyph the text it first met it with; after
 *    Thai substitutions ("ผู้ใหญ่" uses a lowered tone mark) copied text comes out wrong. Every
 *    drawn piece of text is wrapped in a marked-content span whose /ActualText is the text itself,
 *    which PDF readers copy instead. The span sits inside the piece's q…Q: outside it, poppler
 *    reorders lines.
 *
 * Only fonts registered here are affected; the hooks check on install that the methods they wrap
 * still exist, so an upgrade that moves them fails loudly instead of silently losing Thai.
 */

// pdfkit and pdfmake are untyped CommonJS; these are the members the hooks touch.
interface PdfKitFont {
  id: string;
}
interface PdfKitDocument {
  _font: PdfKitFont;
  _fontCount: number;
  _fontFamilies: Record<string, PdfKitFont>;
  fontCache: Record<string, Partial<Record<FaceName, PdfKitFont>>>;
  getFontType(bold: boolean, italics: boolean): FaceName;
  addContent(data: string): PdfKitDocument;
  markContent(tag: string, options: { actual: string }): PdfKitDocument;
  endMarkedContent(): PdfKitDocument;
  font(src: string): PdfKitDocument;
}
type EmbeddedFontClass = new (document: PdfKitDocument, font: unknown, id: string) => PdfKitFont;
type Fragment = (this: PdfKitDocument, text: string, x: number, y: number, options: unknown) => void;
type ProvideFont = (this: PdfKitDocument, family: string, bold: boolean, italics: boolean) => PdfKitFont;

const require = createRequire(import.meta.url);
const families = new Map<string, PdfFontSet>();
const ourFonts = new WeakSet<PdfKitFont>();
let installed = false;

/** Makes a font set available to pdfmake under `set.family`. */
export function registerFontSet(set: PdfFontSet): void {
  families.set(set.family, set);
  install();
}

/** The text a reader should copy for a drawn piece: what was set, less invisible break marks. */
export const actualText = (text: string): string => text.replace(/[\u200B\u2060\uFEFF]/g, '');

function install(): void {
  if (installed) return;
  const pdfmakeDocument = (require('pdfmake/js/PDFDocument.js') as { default: { prototype: PdfKitDocument & { provideFont: ProvideFont } } }).default;
  const pdfkitPrototype = Object.getPrototypeOf(pdfmakeDocument.prototype) as PdfKitDocument & { _fragment: Fragment };
  const originalProvideFont = pdfmakeDocument.prototype.provideFont;
  const originalFragment = pdfkitPrototype._fragment;
  if (typeof originalProvideFont !== 'function' || typeof originalFragment !== 'function') {
    throw new Error('pdfmake/pdfkit internals changed: provideFont or _fragment missing (see src/export/pdf/pdfkit-hooks.ts)');
  }
  const PdfKit = require('pdfkit') as new (options: object) => PdfKitDocument;
  let EmbeddedFont: EmbeddedFontClass | undefined;

  pdfmakeDocument.prototype.provideFont = function (family, bold, italics) {
    const set = families.get(family);
    if (!set) return originalProvideFont.call(this, family, bold, italics);
    const type = this.getFontType(bold, italics);
    const cache = (this.fontCache[family] ??= {});
    const existing = cache[type];
    if (existing) return existing;
    const face = loadFace(set.files[type]);
    // pdfkit does not export its font class; take it from a font it made once.
    EmbeddedFont ??= new PdfKit({ autoFirstPage: false }).font(face.file)._font.constructor as EmbeddedFontClass;
    const font = new EmbeddedFont(this, face.shaped, `F${++this._fontCount}`);
    // pdfkit embeds (and subsets) every font in this table when the document ends.
    this._fontFamilies[font.id] = font;
    ourFonts.add(font);
    cache[type] = font;
    return font;
  };

  pdfkitPrototype._fragment = function (text, x, y, options) {
    if (!ourFonts.has(this._font)) return originalFragment.call(this, text, x, y, options);
    const addContent = this.addContent;
    let open = false;
    this.addContent = function (data: string) {
      if (data === 'BT' && !open) {
        open = true;
        this.markContent('Span', { actual: actualText(text) });
      }
      addContent.call(this, data);
      if (data === 'ET' && open) {
        open = false;
        this.endMarkedContent();
      }
      return this;
    };
    try {
      originalFragment.call(this, text, x, y, options);
    } finally {
      delete (this as Partial<PdfKitDocument>).addContent;
    }
  };
  installed = true;
}
