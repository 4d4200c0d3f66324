import { strFromU8, unzipSync } from 'fflate';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { officialFormat } from '../../src/style/official-format.ts';
import { canonicalMarks, DRAW_NOTHING, squash } from './expected.ts';

/**
 * The text of the generated documents, read by code that shares nothing with the exporters:
 * pdf.js for the PDF (what Firefox shows, copies and searches) and the DOCX's own XML.
 */

/** Ends a run of marks in the page's text, and is then taken out: a noncharacter, never in data. */
const CELL = '\uFFFF';

/**
 * The body text of every page of a PDF, squashed (no white space), without characters that draw
 * nothing, marks in canonical order (see expected.ts, inDocument), in the order the content stream
 * draws it. Text outside the top and bottom margins is page furniture, not content: the
 * page number above, the continuation words (คำต่อหน้า) below.
 */
export async function pdfBodyPages(bytes: Uint8Array): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), disableFontFace: true, verbosity: 0 }).promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const height = page.view[3]! - page.view[1]!;
      const top = height - officialFormat.margins.top;
      const bottom = officialFormat.margins.bottom;
      const content = await page.getTextContent();
      let text = '';
      let end: { x: number; y: number } | undefined;
      for (const item of content.items) {
        if (!('str' in item)) continue;
        // transform[5] is the baseline; body lines sit between the margins (a little slack for
        // descenders of the last line).
        const [x, y] = [item.transform[4] as number, item.transform[5] as number];
        if (y > top + 2 || y < bottom - 2) continue;
        // A piece that starts with a mark continues the letter before it only where that letter
        // ends (its marks from another face, raised or lowered when stacked on that face's marks:
        // ạ๊ + ̈ + ี์ a little higher); elsewhere (a cell that starts with a lone mark, which pdf.js
        // may read without a gap; the next line is more than the font's size away) it starts a new
        // run of marks.
        const size = Math.abs(item.transform[3] as number);
        if (/^\p{M}/u.test(item.str) && end && (Math.abs(end.y - y) > 0.75 * size || Math.abs(end.x - x) > 2)) text += CELL;
        text += item.str + (item.hasEOL ? '\n' : '');
        if (item.str !== '') end = { x: x + item.width, y };
      }
      // Without white space (as the expected text: a mark typed after a space sits on the letter
      // before it, and pdf.js may or may not read the space), marks in canonical order, each run
      // ended by CELL; then no CELL and no box (U+0000 is what pdf.js gives for a character no
      // face has, which `check` warned about; the data cannot hold it).
      text = canonicalMarks(squash(text.replace(DRAW_NOTHING, ''))).replaceAll(CELL, '').replaceAll('\u0000', '');
      pages.push(text);
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

const unescapeXml = (s: string): string =>
  s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (m, e: string) =>
    e.startsWith('#x') ? String.fromCodePoint(parseInt(e.slice(2), 16)) : e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : (ENTITIES[e] ?? m),
  );

/**
 * The text of a DOCX's main part (word/document.xml), squashed: every w:t in document order,
 * tables included (headers and footers are other parts and hold only page numbers).
 */
export function docxBodyText(bytes: Uint8Array): string {
  const part = unzipSync(bytes)['word/document.xml'];
  if (!part) throw new Error('no word/document.xml in the package');
  const xml = strFromU8(part);
  let text = '';
  for (const m of xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:t(?:\s[^>]*)?\/>|<w:(?:tab|br|cr)\b[^>]*\/>|<\/w:p>/g)) {
    text += m[1] !== undefined ? unescapeXml(m[1]) : ' ';
  }
  return squash(text);
}

export interface Found {
  found: boolean;
  /** When not found: how much of the string was found, and where the search stopped. */
  detail?: string;
}

/**
 * Whether a squashed string is in a squashed document. In a PDF a string may run from one page
 * onto the next (a long table row continues, with the header row repeated above it, and the
 * other cells of the row drawn before it): then its first part must end a run of text on one
 * page and the rest continue on the following pages, in order. The search takes on each page the
 * longest part of what is left that the page holds, and goes on to the next page with the rest.
 */
export function findInPages(pages: readonly string[], s: string): Found {
  if (s === '') return { found: true };
  if (pages.some((p) => p.includes(s))) return { found: true };
  let best = { length: 0, page: -1 };
  for (let start = 0; start < pages.length; start++) {
    let rest = s;
    let page = start;
    while (rest !== '' && page < pages.length) {
      // A part may be short: a cell's last line on a page may hold one syllable ("(สาม" before
      // the page ends, "แสนเจ็ดหมื่น…" on the next). The price: a lost first syllable of a string
      // that runs over a page end could go unseen.
      const n = longestPrefixIn(pages[page]!, rest);
      if (n === 0) break;
      rest = rest.slice(n);
      page++;
    }
    if (rest === '') return { found: true };
    const got = s.length - rest.length;
    if (got > best.length) best = { length: got, page: start };
  }
  const at = best.length;
  return {
    found: false,
    detail:
      best.page < 0
        ? 'not found on any page'
        : `found ${at} of ${s.length} characters from page ${best.page + 1}; missing from "${s.slice(at, at + 40)}"`,
  };
}

/** Length of the longest prefix of `s` that occurs in `page` (binary search: prefixes nest). */
function longestPrefixIn(page: string, s: string): number {
  let lo = 0;
  let hi = s.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (page.includes(s.slice(0, mid))) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function findInText(text: string, s: string): Found {
  if (text.includes(s)) return { found: true };
  const n = longestPrefixIn(text, s);
  return { found: false, detail: `found the first ${n} of ${s.length} characters; missing from "${s.slice(n, n + 40)}"` };
}
