import { cellText } from '../../model/layout.ts';
import { LINE_BREAK, type Block, type DocumentModel, type Run } from '../../model/types.ts';

/**
 * Plain text of a document model, one paragraph a line and table cells separated by tabs: the
 * layout of the reference report's text, used to read and compare the wording.
 */
export function renderText(model: DocumentModel): string {
  return model.blocks.map(blockText).filter((s) => s !== '').join('\n\n') + '\n';
}

const text = (runs: Run[]): string => runs.map((r) => r.text).join('').replaceAll(LINE_BREAK, '\n');

function blockText(block: Block): string {
  switch (block.kind) {
    case 'title':
    case 'paragraph':
      return text(block.runs);
    case 'heading':
      return (block.number ? `${block.number} ` : '') + text(block.runs);
    case 'list':
      return block.items.map((i) => `${i.marker ?? ''} ${text(i.runs)}`.trim()).join('\n');
    case 'table':
      return [...block.header, ...block.rows].map((row) => row.cells.map((c) => cellText(c).replaceAll(LINE_BREAK, ' ')).join('\t')).join('\n');
    case 'signature':
      return block.lines.map(text).join('\n');
    case 'chart':
      // The chart's alternative text, and its data as a table would give it.
      return [block.description, ['', ...block.series].join('\t'), ...block.bars.map((b) => [b.label, ...b.values.map((v) => v?.text ?? '')].join('\t'))].join('\n');
    case 'pageBreak':
    case 'emblem':
    case 'rule':
      return '';
  }
}
