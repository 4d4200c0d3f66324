import { convertDigits } from '../thai/digits.ts';
import type { Block, CellBlock, DigitSystem, Row, Run } from './types.ts';

/**
 * Makes the model final before any exporter sees it: headings and list items get their numbers
 * as text (Word's automatic Thai numbering shows Arabic digits in LibreOffice, so numbers are
 * written out), and every digit is set in the chosen system. Exporters then draw what they get.
 */
export function finalizeBlocks(blocks: Block[], digits: DigitSystem): Block[] {
  const numbered = numberHeadings(blocks).map((b) => mapCellBlocks(b, numberList));
  return numbered.map((b) => convertDigitsIn(b, digits));
}

function numberHeadings(blocks: Block[]): Block[] {
  const counters = [0, 0, 0];
  return blocks.map((block) => {
    if (block.kind !== 'heading' || !block.numbered) return block;
    const depth = block.level - 1;
    counters[depth]!++;
    for (let d = depth + 1; d < counters.length; d++) counters[d] = 0;
    const parts = counters.slice(0, depth + 1);
    // "1." for a section, "3.1" for a subsection: the official style of the reference report.
    const number = depth === 0 ? `${parts[0]}.` : parts.join('.');
    return { ...block, number };
  });
}

function numberList(block: CellBlock): CellBlock {
  if (block.kind !== 'list') return block;
  return { ...block, items: block.items.map((item, i) => ({ ...item, marker: `${i + 1}.` })) };
}

/** Applies `f` to every paragraph and list, at document level and inside table cells. */
function mapCellBlocks(block: Block, f: (b: CellBlock) => CellBlock): Block {
  if (block.kind === 'paragraph' || block.kind === 'list') return f(block);
  if (block.kind !== 'table') return block;
  const mapRows = (rows: Row[]): Row[] => rows.map((row) => ({ cells: row.cells.map((cell) => ({ blocks: cell.blocks.map(f) })) }));
  return { ...block, header: mapRows(block.header), rows: mapRows(block.rows) };
}

function convertDigitsIn(block: Block, digits: DigitSystem): Block {
  const text = (s: string): string => convertDigits(s, digits);
  const runs = (rs: Run[]): Run[] => rs.map((r) => ({ ...r, text: text(r.text) }));
  switch (block.kind) {
    case 'title':
      return { ...block, runs: runs(block.runs) };
    case 'heading':
      return { ...block, number: block.number === undefined ? undefined : text(block.number), runs: runs(block.runs) };
    case 'signature':
      return { ...block, lines: block.lines.map(runs) };
    case 'chart':
      return {
        ...block,
        series: block.series.map(text),
        bars: block.bars.map((bar) => ({ label: text(bar.label), values: bar.values.map((v) => v && { value: v.value, text: text(v.text) }) })),
        ...(block.mark && { mark: { value: block.mark.value, text: text(block.mark.text) } }),
        ...(block.below !== undefined && { below: text(block.below) }),
        description: text(block.description),
      };
    default:
      return mapCellBlocks(block, (b) =>
        b.kind === 'list'
          ? { ...b, items: b.items.map((item) => ({ runs: runs(item.runs), marker: item.marker === undefined ? undefined : text(item.marker) })) }
          : { ...b, runs: runs(b.runs) },
      );
  }
}
