import { breakUnits } from '../../thai/linebreak.ts';
import { visibleLength } from '../../thai/scripts.ts';
import type { LaidOutPage } from './pdfkit-hooks.ts';

/**
 * คำต่อหน้า (continuation words): at the foot of every page but the last, "/" and the first words
 * of the next page, as a Thai typist writes them. Taken from the pages pdfmake laid out.
 */

/**
 * The first line of body text on a page: below the top margin (never the page number) and not a
 * table header repeated from the page before (`skip`).
 */
export function firstLineOf(page: LaidOutPage | undefined, top: number, skip: ReadonlySet<string>): string {
  // pdfmake keeps a page's items in the order they were placed, which for table rows kept whole is
  // not reading order: the topmost, then leftmost, line is the first.
  let first: { x: number; y: number; text: string } | undefined;
  for (const { type, item } of page?.items ?? []) {
    const y = item.y ?? 0;
    if (type !== 'line' || y < top - 1 || !item.inlines || item.inlines.length === 0) continue;
    const text = item.inlines.map((i) => i.text).join('').trim();
    const x = item.x ?? 0;
    if (text === '' || skip.has(text)) continue;
    if (!first || y < first.y - 0.01 || (Math.abs(y - first.y) <= 0.01 && x < first.x)) first = { x, y, text };
  }
  return first?.text ?? '';
}

/** Whole words (never a cut one) from the start of a line, up to about ten visible letters. */
export function continuationWords(line: string, atLeast = 10): string {
  let words = '';
  for (const unit of breakUnits(line)) {
    if (visibleLength(words.trim()) >= atLeast) break;
    words += unit;
  }
  return words.trim();
}
