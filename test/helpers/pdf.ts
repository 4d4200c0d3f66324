import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * Independent readers of the generated PDFs: poppler's command-line tools (what a user's
 * pdftotext or evince sees) and pdf.js (what Firefox's viewer sees). Neither shares code with the
 * exporter.
 */

function tempFile(bytes: Uint8Array): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'ita-pdf-')), 'doc.pdf');
  writeFileSync(file, bytes);
  return file;
}

const run = (tool: string, args: string[]): string => execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

/** `pdftotext -raw`, one string per page, lines trimmed of the trailing newline. */
export function popplerPages(bytes: Uint8Array): string[][] {
  const text = run('pdftotext', ['-raw', '-enc', 'UTF-8', tempFile(bytes), '-']);
  const pages = text.split('\f');
  if (pages[pages.length - 1]!.trim() === '') pages.pop();
  return pages.map((p) => p.split('\n').filter((l) => l !== ''));
}

export const pdfInfo = (bytes: Uint8Array): Record<string, string> =>
  Object.fromEntries(
    run('pdfinfo', ['-enc', 'UTF-8', tempFile(bytes)])
      .split('\n')
      .filter((l) => l.includes(':'))
      .map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]),
  );

export interface PdfFont {
  name: string;
  type: string;
  embedded: boolean;
  subset: boolean;
  unicode: boolean;
}

export function pdfFonts(bytes: Uint8Array): PdfFont[] {
  const lines = run('pdffonts', [tempFile(bytes)]).split('\n').slice(2).filter((l) => l.trim() !== '');
  return lines.map((l) => {
    const cols = l.trim().split(/\s+/);
    // name, type words…, encoding, emb, sub, uni, object, id
    const [emb, sub, uni] = cols.slice(-5, -2);
    return { name: cols[0]!, type: cols.slice(1, -6).join(' '), embedded: emb === 'yes', subset: sub === 'yes', unicode: uni === 'yes' };
  });
}

/** Text as pdf.js extracts it for copy and search, one string per line, per page. */
export async function pdfjsPages(bytes: Uint8Array): Promise<string[][]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), disableFontFace: true, verbosity: 0 }).promise;
  const pages: string[][] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
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
  await doc.destroy();
  return pages;
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
