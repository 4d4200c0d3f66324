import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  HeadingLevel,
  ImageRun,
  LineRuleType,
  NumberFormat,
  PageBreak,
  PageNumber,
  Paragraph,
  Tab,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import { cellText, columnFractions, endsTitleGroup, isNumericCell, keepsEstimatedRowWhole } from '../../model/layout.ts';
import { LINE_BREAK, type Block, type Cell, type CellBlock, type DocumentModel, type Run, type Table as ModelTable } from '../../model/types.ts';
import { officialFormat as F } from '../../style/official-format.ts';
import { A4, eighthPoints, halfPoints, lineSpacing, pixels, twips } from './units.ts';
import { packDocx } from './deterministic.ts';
import { chartPart, chartRun, type ChartPart } from './chart-part.ts';
import { emblemPicture, emblemPng, emblemsReady } from '../emblem.ts';

export interface DocxOptions {
  /** The font Word should use; TH SarabunPSK by default, TH Sarabun New for newer machines. */
  font?: string;
}

const STYLE = {
  body: 'ITABody',
  plain: 'ITAPlain',
  center: 'ITACenter',
  right: 'ITARight',
  cell: 'ITACell',
  cellHeader: 'ITACellHeader',
  listItem: 'ITAListItem',
  cellListItem: 'ITACellListItem',
  signature: 'ITASignature',
} as const;

const contentWidth = twips(F.textArea.width);
const single = { line: lineSpacing(F.lineSpacing), lineRule: LineRuleType.AUTO, before: 0, after: 0 } as const;

/** Renders a finished document model as a .docx file; the same model gives the same bytes. */
export async function renderDocx(model: DocumentModel, options: DocxOptions = {}): Promise<Uint8Array> {
  await emblemsReady(model);
  const font = options.font ?? F.fontName;
  // Each chart is a part of its own, added to the package when it is written.
  const charts: ChartPart[] = [];
  const context: BlockContext = { digits: model.digits, font, charts };
  const document = new Document({
    title: model.meta.title,
    subject: model.meta.subject,
    creator: model.meta.author,
    lastModifiedBy: model.meta.author,
    keywords: model.meta.keywords.join(', '),
    revision: 1,
    styles: styles(font),
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: A4.width, height: A4.height },
            margin: {
              top: twips(F.margins.top),
              bottom: twips(F.margins.bottom),
              left: twips(F.margins.left),
              right: twips(F.margins.right),
              header: twips(F.headerDistance),
              footer: twips(F.footerDistance),
            },
            pageNumbers: {
              start: 1,
              formatType: model.digits === 'thai' ? NumberFormat.THAI_NUMBERS : NumberFormat.DECIMAL,
            },
          },
        },
        headers: model.pageNumbers
          ? {
              first: new Header({ children: [new Paragraph({ style: STYLE.center, children: [] })] }),
              default: new Header({
                children: [new Paragraph({ style: STYLE.center, children: [new TextRun({ children: ['- ', PageNumber.CURRENT, ' -'] })] })],
              }),
            }
          : undefined,
        children: model.blocks.flatMap((block, i) => renderBlock(block, endsTitleGroup(model.blocks, i), context)),
      },
    ],
  });
  return packDocx(document, model.meta.date, charts);
}

function styles(font: string): ConstructorParameters<typeof Document>[0]['styles'] {
  const paragraph = (id: string, name: string, options: Record<string, unknown>) => ({
    id,
    name,
    basedOn: 'Normal',
    next: id,
    quickFormat: true,
    ...options,
  });
  return {
    default: {
      document: {
        // A font string fills the ascii, hAnsi, eastAsia and cs slots; size writes sz and szCs.
        run: { font, size: halfPoints(F.fontSize), language: { value: 'en-US', bidirectional: 'th-TH' } },
        paragraph: { spacing: single },
      },
      title: { run: { font, size: halfPoints(F.fontSize), bold: true, color: '000000' }, paragraph: { alignment: AlignmentType.CENTER, spacing: single } },
      heading1: {
        run: { font, size: halfPoints(F.fontSize), bold: true, color: '000000' },
        paragraph: { spacing: { ...single, before: twips(F.headingSpaceBefore) }, keepNext: true, keepLines: true },
      },
      heading2: {
        run: { font, size: halfPoints(F.fontSize), bold: true, color: '000000' },
        paragraph: { spacing: { ...single, before: twips(F.subheadingSpaceBefore) }, keepNext: true, keepLines: true, indent: { firstLine: twips(F.firstLineIndent) } },
      },
    },
    paragraphStyles: [
      paragraph(STYLE.body, 'ITA Body Text', {
        paragraph: { alignment: AlignmentType.THAI_DISTRIBUTE, indent: { firstLine: twips(F.firstLineIndent) }, spacing: { ...single, after: twips(F.paragraphSpaceAfter) } },
      }),
      paragraph(STYLE.plain, 'ITA Plain', { paragraph: { spacing: { ...single, after: twips(F.paragraphSpaceAfter) } } }),
      paragraph(STYLE.center, 'ITA Centered', { paragraph: { alignment: AlignmentType.CENTER, spacing: single } }),
      paragraph(STYLE.right, 'ITA Right', { paragraph: { alignment: AlignmentType.RIGHT, spacing: single } }),
      paragraph(STYLE.cell, 'ITA Table Text', { paragraph: { alignment: AlignmentType.LEFT, spacing: single } }),
      paragraph(STYLE.cellHeader, 'ITA Table Header', { run: { bold: true }, paragraph: { alignment: AlignmentType.CENTER, spacing: single, keepNext: true } }),
      paragraph(STYLE.listItem, 'ITA Numbered Point', {
        paragraph: { alignment: AlignmentType.THAI_DISTRIBUTE, indent: { left: twips(F.firstLineIndent + F.listIndent), hanging: twips(F.listIndent) }, spacing: single },
      }),
      paragraph(STYLE.cellListItem, 'ITA Table Numbered Point', {
        paragraph: { alignment: AlignmentType.LEFT, indent: { left: twips(F.listIndent), hanging: twips(F.listIndent) }, spacing: single },
      }),
      paragraph(STYLE.signature, 'ITA Signature', {
        paragraph: { alignment: AlignmentType.CENTER, indent: { left: Math.round(contentWidth * F.signature.indentFraction) }, spacing: single, keepNext: true, keepLines: true },
      }),
    ],
  };
}

function runs(model: Run[]): TextRun[] {
  // A line break the clerk typed is Word's line break (w:br) within the paragraph.
  return model.flatMap((r) =>
    r.text.split(LINE_BREAK).map(
      (text, i) =>
        new TextRun({
          text,
          ...(i > 0 && { break: 1 }),
          ...(r.bold && { bold: true }),
          ...(r.italic && { italics: true }),
          ...(r.underline && { underline: {} }),
        }),
    ),
  );
}

const afterTitleGroup = { ...single, after: twips(F.headingSpaceBefore) };

interface BlockContext {
  digits: DocumentModel['digits'];
  font: string;
  /** The document's chart parts so far. */
  charts: ChartPart[];
}

function renderBlock(block: Block, lastTitleLine: boolean, context: BlockContext): (Paragraph | Table)[] {
  const spacing = lastTitleLine ? { spacing: afterTitleGroup } : {};
  switch (block.kind) {
    case 'title':
      return [new Paragraph({ heading: HeadingLevel.TITLE, ...spacing, children: runs(block.runs) })];
    case 'heading': {
      const heading = block.level === 1 ? HeadingLevel.HEADING_1 : block.level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3;
      const number = block.number ? [new TextRun({ text: `${block.number} ` })] : [];
      return [new Paragraph({ heading, children: [...number, ...runs(block.runs)] })];
    }
    case 'paragraph':
      return [new Paragraph({ style: STYLE[block.style], ...spacing, children: runs(block.runs) })];
    case 'list':
      return renderList(block, STYLE.listItem);
    case 'table':
      return [renderTable(block), new Paragraph({ style: STYLE.plain, children: [] })];
    case 'signature':
      return block.lines.map(
        (line, i) => new Paragraph({ style: STYLE.signature, ...(i === 0 && { spacing: { ...single, before: twips(F.signature.spaceBefore) } }), children: runs(line) }),
      );
    case 'chart': {
      // A native Word chart: its own part with the labels and scores as data (chart-part.ts).
      const part = chartPart(block, context.digits, context.font, context.charts.length + 1);
      context.charts.push(part);
      // Kept with its caption, the centred paragraph after it.
      return [
        new Paragraph({
          style: STYLE.center,
          keepNext: true,
          spacing: { ...single, before: twips(F.chartSpaceAround), after: twips(F.chartSpaceAround) },
          children: [chartRun(block, part)],
        }),
      ];
    }
    case 'pageBreak':
      return [new Paragraph({ children: [new PageBreak()] })];
    case 'emblem': {
      // Drawn at the official height (a fraction of a pixel is kept: docx rounds the EMUs).
      const picture = emblemPicture(block.svg);
      const run = new ImageRun({
        type: 'svg',
        // UTF-8 bytes without Node's Buffer, so that the exporter also runs in a browser.
        data: new TextEncoder().encode(picture.svg),
        fallback: { type: 'png', data: emblemPng(picture) },
        transformation: { width: pixels(picture.width), height: pixels(picture.height) },
        altText: { name: 'emblem', title: block.description, description: block.description },
      });
      const after = twips(lastTitleLine ? F.headingSpaceBefore : F.emblem.spaceAfter);
      return [new Paragraph({ style: STYLE.center, alignment: AlignmentType.CENTER, keepNext: true, spacing: { ...single, after }, children: [run] })];
    }
    case 'rule': {
      // An empty paragraph as high as the space above the rule, its bottom border the rule,
      // indented on both sides to the rule's length.
      const side = Math.round((contentWidth - twips(F.rule.length)) / 2);
      return [
        new Paragraph({
          style: STYLE.center,
          keepNext: true,
          indent: { left: side, right: side },
          border: { bottom: { style: BorderStyle.SINGLE, size: eighthPoints(F.rule.weight), color: '000000', space: 0 } },
          spacing: { line: twips(F.rule.spaceBefore), lineRule: LineRuleType.EXACT, before: 0, after: lastTitleLine ? twips(F.headingSpaceBefore) : 0 },
          children: [],
        }),
      ];
    }
  }
}

function renderList(list: Extract<CellBlock, { kind: 'list' }>, style: string): Paragraph[] {
  // The marker and a tab: the hanging indent is the tab stop, so wrapped lines align with the text.
  return list.items.map(
    (item) => new Paragraph({ style, children: [new TextRun({ children: [item.marker ?? '', new Tab()] }), ...runs(item.runs)] }),
  );
}

const CELL_MARGIN = twips(F.table.cellPaddingX);
const CELL_MARGIN_Y = twips(F.table.cellPaddingY);
const pageTextHeight = twips(F.textArea.height);

const border = { style: BorderStyle.SINGLE, size: eighthPoints(F.table.ruleWidth), color: '000000' } as const;

function renderTable(table: ModelTable): Table {
  const widths = columnFractions(table).map((f) => Math.floor(f * contentWidth));
  // Twips to em of the body font, less the cell margins.
  const em = (length: number): number => length / twips(1) / F.fontSize;
  const widthsEm = widths.map((w) => em(w - 2 * CELL_MARGIN));
  const row = (cells: Cell[], header: boolean): TableRow =>
    new TableRow({
      tableHeader: header,
      // Word's "allow row to break across pages" (its default) unless the rule the PDF follows
      // keeps the row whole (model/layout.ts).
      ...((header || keepsEstimatedRowWhole({ cells }, widthsEm, em(pageTextHeight))) && { cantSplit: true }),
      children: cells.map(
        (cell, c) =>
          new TableCell({
            width: { size: widths[c]!, type: WidthType.DXA },
            verticalAlign: header ? VerticalAlign.CENTER : VerticalAlign.TOP,
            margins: { left: CELL_MARGIN, right: CELL_MARGIN, top: CELL_MARGIN_Y, bottom: CELL_MARGIN_Y },
            children: renderCell(cell, header),
          }),
      ),
    });
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: widths.reduce((s, w) => s + w, 0), type: WidthType.DXA },
    columnWidths: widths,
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: [...table.header.map((r) => row(r.cells, true)), ...table.rows.map((r) => row(r.cells, false))],
  });
}

function renderCell(cell: Cell, header: boolean): Paragraph[] {
  const centred = !header && isNumericCell(cell);
  const paragraphs = cell.blocks.flatMap((b) =>
    b.kind === 'list'
      ? renderList(b, STYLE.cellListItem)
      : [new Paragraph({ style: header ? STYLE.cellHeader : centred || b.style === 'center' ? STYLE.center : STYLE.cell, children: runs(b.runs) })],
  );
  // Word requires at least one paragraph in every cell.
  return paragraphs.length > 0 || cellText(cell) !== '' ? paragraphs : [new Paragraph({ style: STYLE.cell, children: [] })];
}
