import { visibleLength } from '../thai/scripts.ts';
import type { Block, Cell, Row, Table } from './types.ts';

/** Plain text of a cell, for measuring. */
export function cellText(cell: Cell): string {
  return cell.blocks
    .flatMap((b) => (b.kind === 'list' ? b.items.map((i) => `${i.marker ?? ''} ${i.runs.map((r) => r.text).join('')}`) : [b.runs.map((r) => r.text).join('')]))
    .join(' ');
}

/**
 * Relative column widths from the content, so templates need no layout: a column's share grows
 * with the square root of its average text length (long text wraps, short labels should not),
 * and no column falls below a floor that fits its header word. Both exporters use it, so a
 * table wraps alike in DOCX and PDF.
 */
export function columnFractions(table: Table, minFraction = 0.12): number[] {
  const rows = [...table.header, ...table.rows];
  const columns = rows[0]?.cells.length ?? 0;
  if (columns === 0) return [];
  const weights: number[] = [];
  for (let c = 0; c < columns; c++) {
    const lengths = table.rows.map((r) => visibleLength(cellText(r.cells[c]!)));
    const header = Math.max(0, ...table.header.map((r) => visibleLength(cellText(r.cells[c]!))));
    const average = lengths.length > 0 ? lengths.reduce((s, n) => s + n, 0) / lengths.length : header;
    weights.push(Math.sqrt(Math.max(average, header, 1)));
  }
  const total = weights.reduce((s, w) => s + w, 0);
  const fractions = weights.map((w) => w / total);
  // Raise narrow columns to the floor and take the difference from the wide ones, in proportion.
  const floor = Math.min(minFraction, 1 / columns);
  const deficit = fractions.reduce((s, f) => s + Math.max(0, floor - f), 0);
  const surplus = fractions.reduce((s, f) => s + Math.max(0, f - floor), 0);
  if (deficit === 0 || surplus === 0) return fractions;
  return fractions.map((f) => (f < floor ? floor : f - (deficit * (f - floor)) / surplus));
}

/** A cell holding only a number (a score) is centred in both exporters. */
export function isNumericCell(cell: Cell): boolean {
  return /^[\d\u0E50-\u0E59]+([.,][\d\u0E50-\u0E59]+)*$/.test(cellText(cell).trim());
}

/** A title line: a title, or a centred line under it; the head of a ประกาศ (its emblem and rule) too. */
export const isTitleLine = (block: Block | undefined): boolean =>
  block?.kind === 'title' || block?.kind === 'emblem' || block?.kind === 'rule' || (block?.kind === 'paragraph' && block.style === 'center');

/**
 * The last line of a title block is set off from the text after it (both exporters add the space
 * of a heading); a centred caption right above a table is not.
 */
export const endsTitleGroup = (blocks: readonly Block[], i: number): boolean =>
  isTitleLine(blocks[i]) && !isTitleLine(blocks[i + 1]) && blocks[i + 1]?.kind !== 'table';

/**
 * When a table row may break across pages (Word's "allow row to break across pages"): a row up to
 * this share of the page's text height is kept whole and moves to the next page when it does not
 * fit; a taller one breaks between lines, so that keeping rows whole never leaves more than this
 * share of a page empty and a row taller than a page is never lost. Both exporters apply it.
 */
export const keptRowShare = 1 / 3;

/** Whether a row of `rowHeight` is kept whole on a page whose text area is `pageHeight` high (same units). */
export const keepsRowWhole = (rowHeight: number, pageHeight: number): boolean => rowHeight <= pageHeight * keptRowShare;

/**
 * The body text's average advance of a visible character and its line pitch, in em of the 16 pt
 * body size (measured on the bundled Laksaman set to look as TH SarabunPSK 16 pt, over the
 * sample's Thai text): enough to estimate a row's height where its lines are not known before the
 * reader lays it out (the DOCX).
 */
const AVERAGE_ADVANCE_EM = 0.35;
const LINE_PITCH_EM = 1.3;

/** Estimated lines of a cell `width` em wide: each paragraph and point wraps on its own. */
export function estimatedCellLines(cell: Cell, width: number): number {
  const perLine = Math.max(1, Math.floor(width / AVERAGE_ADVANCE_EM));
  const texts = cell.blocks.flatMap((b) => (b.kind === 'list' ? b.items.map((i) => `${i.marker ?? ''} ${i.runs.map((r) => r.text).join('')}`) : [b.runs.map((r) => r.text).join('')]));
  return texts.reduce((sum, text) => sum + Math.max(1, Math.ceil(visibleLength(text) / perLine)), 0);
}

/** `keepsRowWhole` on an estimate: column widths and page height in em of the body font. */
export const keepsEstimatedRowWhole = (row: Row, widths: readonly number[], pageHeight: number): boolean =>
  keepsRowWhole(Math.max(1, ...row.cells.map((c, i) => estimatedCellLines(c, widths[i] ?? 1))) * LINE_PITCH_EM, pageHeight);
