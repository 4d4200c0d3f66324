import { visibleLength } from '../thai/scripts.ts';
import type { Block, Cell, Table } from './types.ts';

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

/** A title line: a title, or a centred line under it. */
export const isTitleLine = (block: Block | undefined): boolean => block?.kind === 'title' || (block?.kind === 'paragraph' && block.style === 'center');

/**
 * The last line of a title block is set off from the text after it (both exporters add the space
 * of a heading); a centred caption right above a table is not.
 */
export const endsTitleGroup = (blocks: readonly Block[], i: number): boolean =>
  isTitleLine(blocks[i]) && !isTitleLine(blocks[i + 1]) && blocks[i + 1]?.kind !== 'table';
