import type { LaidOutPage } from './pdfkit-hooks.ts';

/**
 * The check that nothing was lost: after pdfmake has laid out the pages, every piece of text the
 * exporter handed it (each line, each list marker: a placement id) must be on a page, inside the
 * text area. pdfmake silently drops content it cannot place (a group it may not break that is
 * taller than a page); the exporter avoids that, and this check makes any case it missed fail the
 * build instead of writing a document with a hole in it.
 */

/** The text area of a page, in points from the top-left corner. */
export interface ContentBox {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export interface UnplacedText {
  /** The text as handed to pdfmake. */
  text: string;
  /** Where it went wrong: not on any page, or on a page but outside the text area. */
  problem: 'missing' | 'outside';
  /** 1-based page of a piece outside the text area. */
  page?: number;
}

/** Rounding of pdfmake's positions and of our line measures. */
const TOLERANCE = 0.5;

/**
 * The pieces of `expected` (indexed by placement id) that are not on `pages` inside `box`: empty
 * when everything was placed. A piece placed more than once (a table header repeated on every
 * page) counts once.
 */
export function unplacedText(expected: readonly string[], pages: readonly LaidOutPage[], box: ContentBox): UnplacedText[] {
  const placed = new Uint8Array(expected.length);
  const problems: UnplacedText[] = [];
  pages.forEach((page, index) => {
    for (const { type, item } of page.items) {
      if (type !== 'line' || item.placementId === undefined) continue;
      const x = item.x ?? 0;
      const y = item.y ?? 0;
      const width = item.getWidth?.() ?? 0;
      const height = item.getHeight?.() ?? 0;
      const inside = x >= box.left - TOLERANCE && x + width <= box.right + TOLERANCE && y >= box.top - TOLERANCE && y + height <= box.bottom + TOLERANCE;
      if (inside) placed[item.placementId] = 1;
      else problems.push({ text: expected[item.placementId] ?? '', problem: 'outside', page: index + 1 });
    }
  });
  expected.forEach((text, id) => {
    if (!placed[id] && !problems.some((p) => p.text === text)) problems.push({ text, problem: 'missing' });
  });
  return problems;
}

/**
 * Thrown by the PDF exporter when text could not be placed. Exporters hold no Thai prose: the
 * entry points turn it into a message for the user.
 */
export class UnplacedTextError extends Error {
  constructor(readonly unplaced: readonly UnplacedText[]) {
    const first = unplaced[0];
    super(
      `the PDF layout could not place ${unplaced.length} piece(s) of text` +
        (first ? `, the first ${first.problem === 'missing' ? 'on no page' : `outside the text area of page ${first.page}`}: "${excerpt(first.text)}"` : ''),
    );
    this.name = 'UnplacedTextError';
  }
}

/** The first words of a text, for a message. */
export const excerpt = (text: string, length = 60): string => (text.length <= length ? text : `${text.slice(0, length)}…`);
