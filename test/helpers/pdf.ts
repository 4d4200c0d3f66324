import { inflateSync } from 'node:zlib';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * Readers of the generated PDFs that share no code with the exporter: pdf.js (Mozilla's PDF
 * library, what Firefox's viewer shows, copies and searches) for text, metadata, glyphs and fonts,
 * and a small reader of the PDF's object structure for what pdf.js does not report. Node.js alone
 * runs them: no poppler, no external program.
 */

type PdfjsDocument = Awaited<ReturnType<typeof getDocument>['promise']>;

/** Opens a PDF with pdf.js, runs `read` on it and always frees it. */
async function withPdf<T>(bytes: Uint8Array, read: (doc: PdfjsDocument) => Promise<T>): Promise<T> {
  // pdf.js may take ownership of the buffer it is given: hand it a copy.
  const doc = await getDocument({ data: new Uint8Array(bytes), disableFontFace: true, verbosity: 0 }).promise;
  try {
    return await read(doc);
  } finally {
    await doc.destroy();
  }
}

/**
 * Text as pdf.js extracts it for copy and search: per page, one string per line, in the order
 * the content stream draws it (as `pdftotext -raw` reads it), empty lines left out. A line ends
 * where pdf.js sees the text move to another line (`hasEOL`); pieces on one line are joined with
 * the spaces pdf.js puts where a gap is (table cells side by side, "๑." and its text). Our PDFs
 * wrap every drawn piece in an /ActualText span, and pdf.js gives the span's text for it.
 */
export async function pdfPages(bytes: Uint8Array): Promise<string[][]> {
  return withPdf(bytes, async (doc) => {
    const pages: string[][] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      const lines: string[] = [];
      let current = '';
      for (const item of content.items) {
        if (!('str' in item)) continue;
        current += item.str;
        if (item.hasEOL) {
          lines.push(current);
          current = '';
        }
      }
      if (current !== '') lines.push(current);
      pages.push(lines.filter((l) => l.trim() !== ''));
    }
    return pages;
  });
}

/** All the text of a PDF as {@link pdfPages} reads it, lines joined with `separator`. */
export const pdfText = async (bytes: Uint8Array, separator = '\n'): Promise<string> => (await pdfPages(bytes)).flat().join(separator);

export interface PdfInfo {
  pages: number;
  /** Every page's size in points (its MediaBox as pdf.js reads it, rotation applied). */
  pageSizes: { width: number; height: number }[];
  /** The document information dictionary, as pdf.js decodes its strings (PDFDocEncoding or UTF-16). */
  title?: string;
  author?: string;
  subject?: string;
  keywords?: string;
  creator?: string;
  producer?: string;
  /** PDF date strings as written, e.g. "D:20221001000000Z". */
  creationDate?: string;
  modDate?: string;
  /** The catalog's /Lang. */
  language?: string;
}

/** What `pdfinfo` tells: page count and sizes, and the document information, read with pdf.js. */
export async function pdfInfo(bytes: Uint8Array): Promise<PdfInfo> {
  return withPdf(bytes, async (doc) => {
    const pageSizes: PdfInfo['pageSizes'] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const { width, height } = (await doc.getPage(n)).getViewport({ scale: 1 });
      pageSizes.push({ width, height });
    }
    // pdf.js types the information dictionary as `Object`.
    const info = (await doc.getMetadata()).info as Record<string, unknown>;
    const text = (key: string): string | undefined => (typeof info[key] === 'string' ? info[key] : undefined);
    return {
      pages: doc.numPages,
      pageSizes,
      title: text('Title'),
      author: text('Author'),
      subject: text('Subject'),
      keywords: text('Keywords'),
      creator: text('Creator'),
      producer: text('Producer'),
      creationDate: text('CreationDate'),
      modDate: text('ModDate'),
      language: text('Language'),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// The PDF's object structure: enough of a reader to follow the catalog to every page's fonts.
// It reads classic cross-reference tables and uncompressed objects, which is what pdfkit writes;
// anything else is refused with a message rather than misread.

class PdfName {
  constructor(readonly name: string) {}
}
class PdfRef {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}
}
class PdfString {
  constructor(readonly bytes: Buffer) {}
}
type PdfDict = Map<string, PdfValue>;
type PdfValue = null | boolean | number | PdfName | PdfRef | PdfString | PdfValue[] | PdfDict;

const WHITE = '\0\t\n\f\r ';

class PdfFile {
  private readonly s: string;
  private readonly offsets = new Map<number, number>();
  readonly trailer: PdfDict;

  constructor(bytes: Uint8Array) {
    this.s = Buffer.from(bytes).toString('latin1');
    const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(this.s.slice(-1024));
    if (!startxref) throw new Error('PDF reader: no startxref at the end of the file');
    let trailer: PdfDict | undefined;
    for (let at: number | undefined = Number(startxref[1]); at !== undefined; ) {
      if (!this.s.startsWith('xref', at)) throw new Error(`PDF reader: no classic xref table at ${at} (cross-reference streams are not read by this test helper)`);
      const end = this.s.indexOf('trailer', at);
      const table = this.s.slice(at + 4, end);
      const section = /\s*(\d+)\s+(\d+)\s+/y;
      let pos = 0;
      for (let m = section.exec(table); m; m = section.exec(table)) {
        const [first, count] = [Number(m[1]), Number(m[2])];
        for (let i = 0; i < count; i++) {
          const entry = /(\d{10}) (\d{5}) ([nf])\s*/y;
          entry.lastIndex = section.lastIndex;
          const e = entry.exec(table);
          if (!e) throw new Error(`PDF reader: bad xref entry ${first + i}`);
          section.lastIndex = entry.lastIndex;
          // Newer sections (read first) win over the ones they update.
          if (e[3] === 'n' && !this.offsets.has(first + i)) this.offsets.set(first + i, Number(e[1]));
        }
        pos = section.lastIndex;
      }
      if (table.slice(pos).trim() !== '') throw new Error(`PDF reader: unreadable xref table at ${at}`);
      const dict = this.parse(end + 'trailer'.length).value;
      if (!(dict instanceof Map)) throw new Error('PDF reader: the trailer is not a dictionary');
      trailer ??= dict;
      const prev = dict.get('Prev');
      at = typeof prev === 'number' ? prev : undefined;
    }
    this.trailer = trailer!;
  }

  /** An indirect object's value, and whether it is a stream. */
  object(ref: PdfRef): { value: PdfValue; stream: boolean } {
    const at = this.offsets.get(ref.num);
    if (at === undefined) throw new Error(`PDF reader: object ${ref.num} ${ref.gen} R is not in the xref table (compressed objects are not read by this test helper)`);
    const header = /(\d+)\s+(\d+)\s+obj/y;
    header.lastIndex = at;
    const m = header.exec(this.s);
    if (!m || Number(m[1]) !== ref.num) throw new Error(`PDF reader: object ${ref.num} is not at offset ${at}`);
    const { value, end } = this.parse(header.lastIndex);
    return { value, stream: this.s.startsWith('stream', this.skip(end)) };
  }

  resolve(value: PdfValue | undefined): PdfValue | undefined {
    return value instanceof PdfRef ? this.object(value).value : value;
  }

  dict(value: PdfValue | undefined): PdfDict | undefined {
    const v = this.resolve(value);
    return v instanceof Map ? v : undefined;
  }

  isStream(value: PdfValue | undefined): boolean {
    return value instanceof PdfRef && this.object(value).stream;
  }

  private skip(at: number): number {
    for (;;) {
      if (WHITE.includes(this.s[at] ?? 'x')) at++;
      else if (this.s[at] === '%') while (at < this.s.length && !'\r\n'.includes(this.s[at]!)) at++;
      else return at;
    }
  }

  /** One object from `at`: its value and where it ends. */
  private parse(at: number): { value: PdfValue; end: number } {
    at = this.skip(at);
    const s = this.s;
    if (s.startsWith('<<', at)) {
      const dict: PdfDict = new Map();
      for (at = this.skip(at + 2); !s.startsWith('>>', at); at = this.skip(at)) {
        const key = this.parse(at);
        if (!(key.value instanceof PdfName)) throw new Error(`PDF reader: dictionary key expected at ${at}`);
        const value = this.parse(key.end);
        dict.set(key.value.name, value.value);
        at = value.end;
      }
      return { value: dict, end: at + 2 };
    }
    if (s[at] === '[') {
      const array: PdfValue[] = [];
      for (at = this.skip(at + 1); s[at] !== ']'; at = this.skip(at)) {
        if (at >= s.length) throw new Error('PDF reader: unterminated array');
        const item = this.parse(at);
        array.push(item.value);
        at = item.end;
      }
      return { value: array, end: at + 1 };
    }
    if (s[at] === '(') {
      let depth = 0;
      let out = '';
      for (at++; ; at++) {
        const c = s[at];
        if (c === undefined) throw new Error('PDF reader: unterminated string');
        if (c === '\\') {
          const next = s[++at]!;
          const octal = /[0-7]{1,3}/y;
          octal.lastIndex = at;
          const o = octal.exec(s);
          if (o) {
            out += String.fromCharCode(parseInt(o[0], 8) & 0xff);
            at += o[0].length - 1;
          } else if (next === '\r' || next === '\n') {
            if (next === '\r' && s[at + 1] === '\n') at++;
          } else out += ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' } as Record<string, string>)[next] ?? next;
          continue;
        }
        if (c === '(') depth++;
        if (c === ')' && depth-- === 0) return { value: new PdfString(Buffer.from(out, 'latin1')), end: at + 1 };
        out += c;
      }
    }
    if (s[at] === '<') {
      const end = s.indexOf('>', at);
      return { value: new PdfString(Buffer.from(s.slice(at + 1, end).replace(/\s/g, ''), 'hex')), end: end + 1 };
    }
    const token = /[^\0\t\n\f\r ()<>[\]{}/%]*/y;
    if (s[at] === '/') {
      token.lastIndex = at + 1;
      const raw = token.exec(s)![0];
      return { value: new PdfName(raw.replace(/#([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))), end: token.lastIndex };
    }
    token.lastIndex = at;
    const word = token.exec(s)![0];
    const end = token.lastIndex;
    if (word === 'true' || word === 'false') return { value: word === 'true', end };
    if (word === 'null') return { value: null, end };
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) {
      const ref = /\s+(\d+)\s+R(?=[\0\t\n\f\r ()<>[\]{}/%]|$)/y;
      ref.lastIndex = end;
      const r = /^\d+$/.test(word) ? ref.exec(s) : null;
      if (r) return { value: new PdfRef(Number(word), Number(r[1])), end: ref.lastIndex };
      return { value: Number(word), end };
    }
    throw new Error(`PDF reader: unexpected ${JSON.stringify(s.slice(at, at + 20))} at ${at}`);
  }
}

export interface PdfFont {
  /** The font's /BaseFont, with its subset tag ("BZZZZZ+Laksaman-Bold"). */
  name: string;
  /** As pdffonts names it: "CID TrueType", "TrueType", "Type 1", … */
  type: string;
  /** A font program is in the file, and pdf.js drew with it rather than with a substitute. */
  embedded: boolean;
  /** The name carries a subset tag: six capital letters and "+". */
  subset: boolean;
  /** A /ToUnicode map is in the file, for text extraction. */
  unicode: boolean;
}

const FONT_TYPES: Record<string, string> = { CIDFontType2: 'CID TrueType', CIDFontType0: 'CID Type 0', TrueType: 'TrueType', Type1: 'Type 1', Type3: 'Type 3', MMType1: 'Type 1' };

/**
 * What `pdffonts` lists: every font the pages (and the forms they draw) use, once each, read from
 * the PDF's object structure; whether it is embedded is also asked of pdf.js, which draws every
 * page and says when it had to substitute a font for a missing or broken program.
 */
export async function pdfFonts(bytes: Uint8Array): Promise<PdfFont[]> {
  const file = new PdfFile(bytes);
  const name = (v: PdfValue | undefined): string | undefined => {
    const r = file.resolve(v);
    return r instanceof PdfName ? r.name : undefined;
  };
  const fonts = new Map<number | PdfDict, PdfFont>();
  const seen = new Set<PdfValue>();
  const visitResources = (resources: PdfDict | undefined): void => {
    if (!resources || seen.has(resources)) return;
    seen.add(resources);
    for (const ref of file.dict(resources.get('Font'))?.values() ?? []) {
      const font = file.dict(ref);
      if (!font) continue;
      const key = ref instanceof PdfRef ? ref.num : font;
      if (fonts.has(key)) continue;
      const subtype = name(font.get('Subtype')) ?? '';
      const descendantRef = (file.resolve(font.get('DescendantFonts')) as PdfValue[] | undefined)?.[0];
      const program = subtype === 'Type0' ? file.dict(descendantRef) : font;
      const descriptor = file.dict(program?.get('FontDescriptor'));
      const baseFont = name(font.get('BaseFont')) ?? '[none]';
      const programType = name(program?.get('Subtype')) ?? subtype;
      fonts.set(key, {
        name: baseFont,
        type: FONT_TYPES[programType] ?? programType,
        embedded: programType === 'Type3' || ['FontFile', 'FontFile2', 'FontFile3'].some((k) => file.isStream(descriptor?.get(k))),
        subset: /^[A-Z]{6}\+/.test(baseFont),
        unicode: file.isStream(font.get('ToUnicode')),
      });
      // A Type 3 font's glyphs are content streams with resources of their own.
      if (programType === 'Type3') visitResources(file.dict(font.get('Resources')));
    }
    for (const ref of file.dict(resources.get('XObject'))?.values() ?? []) {
      if (!(ref instanceof PdfRef)) continue;
      const xobject = file.dict(ref);
      if (name(xobject?.get('Subtype')) === 'Form') visitResources(file.dict(xobject!.get('Resources')));
    }
  };
  const visitPages = (node: PdfDict | undefined, inherited: PdfDict | undefined): void => {
    if (!node || seen.has(node)) return;
    seen.add(node);
    const resources = file.dict(node.get('Resources')) ?? inherited;
    if (name(node.get('Type')) === 'Pages') for (const kid of (file.resolve(node.get('Kids')) as PdfValue[] | undefined) ?? []) visitPages(file.dict(kid), resources);
    else visitResources(resources);
  };
  visitPages(file.dict(file.dict(file.trailer.get('Root'))?.get('Pages')), undefined);

  // pdf.js: the fonts it drew every page with, and whether it had to substitute one.
  const missing = await withPdf(bytes, async (doc) => {
      const result = new Map<string, boolean>();
      for (let n = 1; n <= doc.numPages; n++) {
        const page = await doc.getPage(n);
        const ops = await page.getOperatorList();
        for (let i = 0; i < ops.fnArray.length; i++) {
          if (ops.fnArray[i] !== OPS.setFont) continue;
          // pdf.js types operator arguments as any[] and its font objects as any.
          const font = page.commonObjs.get((ops.argsArray[i] as unknown[])[0] as string) as { name?: string; missingFile?: boolean };
          if (font.name !== undefined) result.set(font.name, (result.get(font.name) ?? false) || font.missingFile === true);
        }
      }
      return result;
  });
  return [...fonts.values()].map((f) => ({ ...f, embedded: f.embedded && missing.get(f.name) !== true }));
}

export interface DrawnGlyph {
  /** Origin of the glyph in PDF user space (points, y up). */
  x: number;
  y: number;
  /** Advance in points. */
  width: number;
  /** Glyph id in the embedded subset (0 is .notdef). */
  cid: number;
  unicode: string;
}

/** Every glyph drawn on a page, with its position, read from pdf.js's operator list. */
export async function drawnGlyphs(bytes: Uint8Array, pageNumber: number): Promise<DrawnGlyph[]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), disableFontFace: true, verbosity: 0 }).promise;
  const page = await doc.getPage(pageNumber);
  const ops = await page.getOperatorList();
  const glyphs: DrawnGlyph[] = [];
  let x = 0;
  let y = 0;
  let size = 0;
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    // pdf.js types operator arguments as any[].
    const args = ops.argsArray[i] as unknown[];
    if (fn === OPS.setTextMatrix) {
      const m = (Array.isArray(args[0]) || ArrayBuffer.isView(args[0]) ? args[0] : args) as number[];
      x = m[4]!;
      y = m[5]!;
    } else if (fn === OPS.setFont) {
      size = args[1] as number;
    } else if (fn === OPS.showText) {
      for (const g of args[0] as (number | { width: number; unicode: string; originalCharCode: number })[]) {
        if (typeof g === 'number') {
          x -= (g / 1000) * size;
          continue;
        }
        const width = (g.width / 1000) * size;
        glyphs.push({ x, y, width, cid: g.originalCharCode, unicode: g.unicode });
        x += width;
      }
    }
  }
  await doc.destroy();
  return glyphs;
}

/** Removes all white space: Thai lines break between words without a space. */
export const squash = (s: string): string => s.replace(/\s+/g, '');

/** The decompressed content of every Flate stream in the file (page contents, fonts, maps). */
export function inflatedStreams(bytes: Uint8Array): string[] {
  const raw = Buffer.from(bytes);
  const out: string[] = [];
  let at = 0;
  for (;;) {
    const start = raw.indexOf('stream', at, 'latin1');
    if (start < 0) break;
    const dataStart = start + (raw[start + 6] === 0x0d ? 8 : 7);
    const end = raw.indexOf('endstream', dataStart, 'latin1');
    if (end < 0) break;
    const dict = raw.subarray(Math.max(0, start - 300), start).toString('latin1');
    if (/\/FlateDecode[^<]*$/.test(dict)) {
      try {
        out.push(inflateSync(raw.subarray(dataStart, end)).toString('latin1'));
      } catch {
        // A stream that does not inflate is not a content stream this helper is for.
      }
    }
    at = end + 9;
  }
  return out;
}

/** A rectangle in PDF user space (points, y up). */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface PaintedPath {
  /** The path's bounding box on the page, the current transformation applied (stroke width not included). */
  box: Box;
  fill: boolean;
  stroke: boolean;
}

/**
 * Every path a page fills or strokes, with its bounding box on the page, and how many images it
 * paints, read from pdf.js's operator list: vector drawings (a chart, an emblem, table rules) as
 * the content stream draws them.
 */
export async function paintedPaths(bytes: Uint8Array, pageNumber: number): Promise<{ paths: PaintedPath[]; images: number }> {
  return withPdf(bytes, async (doc) => {
    const ops = await (await doc.getPage(pageNumber)).getOperatorList();
    const fills = new Set<number>([OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
    const strokes = new Set<number>([OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
    const images = new Set<number>([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageMaskXObject, OPS.paintImageXObjectRepeat]);
    type Matrix = [number, number, number, number, number, number];
    let ctm: Matrix = [1, 0, 0, 1, 0, 0];
    const stack: Matrix[] = [];
    // M × CTM, as the cm operator sets it.
    const multiply = (m: Matrix, c: Matrix): Matrix => [
      m[0] * c[0] + m[1] * c[2],
      m[0] * c[1] + m[1] * c[3],
      m[2] * c[0] + m[3] * c[2],
      m[2] * c[1] + m[3] * c[3],
      m[4] * c[0] + m[5] * c[2] + c[4],
      m[4] * c[1] + m[5] * c[3] + c[5],
    ];
    const apply = (x: number, y: number): [number, number] => [ctm[0] * x + ctm[2] * y + ctm[4], ctm[1] * x + ctm[3] * y + ctm[5]];
    const paths: PaintedPath[] = [];
    let imageCount = 0;
    for (let i = 0; i < ops.fnArray.length; i++) {
      const fn = ops.fnArray[i]!;
      // pdf.js types operator arguments as any[].
      const args = ops.argsArray[i] as unknown[];
      if (fn === OPS.save) stack.push(ctm);
      else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
      else if (fn === OPS.transform) ctm = multiply(args as Matrix, ctm);
      else if (images.has(fn)) imageCount++;
      else if (fn === OPS.constructPath) {
        const [paint, , minMax] = args as [number, unknown, ArrayLike<number> | null];
        if (!minMax || (!fills.has(paint) && !strokes.has(paint))) continue;
        const corners = [apply(minMax[0]!, minMax[1]!), apply(minMax[2]!, minMax[1]!), apply(minMax[0]!, minMax[3]!), apply(minMax[2]!, minMax[3]!)];
        const xs = corners.map((c) => c[0]);
        const ys = corners.map((c) => c[1]);
        paths.push({ box: { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) }, fill: fills.has(paint), stroke: strokes.has(paint) });
      }
    }
    return { paths, images: imageCount };
  });
}

/** The smallest box around all of `boxes`. */
export const unionBox = (boxes: readonly Box[]): Box => ({
  x0: Math.min(...boxes.map((b) => b.x0)),
  y0: Math.min(...boxes.map((b) => b.y0)),
  x1: Math.max(...boxes.map((b) => b.x1)),
  y1: Math.max(...boxes.map((b) => b.y1)),
});
