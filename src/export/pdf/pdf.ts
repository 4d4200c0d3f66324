import pdfmakeModule from 'pdfmake';
import { columnFractions, endsTitleGroup, isNumericCell, isTitleLine, keepsRowWhole } from '../../model/layout.ts';
import type { Block, Cell, CellBlock, DocumentModel, List, Run, Table } from '../../model/types.ts';
import { toThaiDigits } from '../../thai/digits.ts';
import { contentWidthPoints, officialFormat as F } from '../../style/official-format.ts';
import { bundledFontSet, fallbackFontSet, loadFace, type FaceName, type LoadedFace, type PdfFontSet } from '../../fonts/fonts.ts';
import { breakLines, distributedSpacing, graphemes, type Line, type Measure, type Piece, type Style } from './lines.ts';
import { chartSvg, splitText } from '../chart/chart.ts';
import { emblemPicture, emblemsReady } from '../emblem.ts';
import { continuationWords, firstLineOf } from './continuation.ts';
import { decideEarly, laidOutPages, registerFontSet, type RowPlacement } from './pdfkit-hooks.ts';
import { unplacedText, UnplacedTextError, type ContentBox, type UnplacedText } from './placement.ts';
import { isInvisible, trackingFeatures } from '../../fonts/shaping.ts';

/**
 * Renders the document model as PDF with pdfmake. Lines are broken here (lines.ts) and handed to
 * pdfmake one by one; pdfmake does the page flow, tables, headers and the file. The page is the
 * official one of official-format.ts, as in the DOCX.
 */

export interface PdfOptions {
  /** Defaults to the bundled Laksaman. */
  fonts?: PdfFontSet;
  /** Thai-distributed justification of body text (both edges flush), as Word does; else left. */
  justify?: boolean;
  /** Continuation words (คำต่อหน้า) at the foot of every page but the last. Default on. */
  continuation?: boolean;
}

// pdfmake's document definition is untyped JSON; a node is any of its content objects.
type Node = Record<string, unknown>;

interface PdfMake {
  addFonts(fonts: Record<string, Record<FaceName, string>>): void;
  setUrlAccessPolicy(policy: (url: string) => boolean): void;
  setLocalAccessPolicy(policy: (path: string) => boolean): void;
  createPdf(definition: Node): { getBuffer(): Promise<Buffer> };
}

/** The line nodes of kept groups, in order. */
const flatLines = (nodes: Node[]): Node[] => nodes.flatMap((n) => (Array.isArray(n.stack) ? flatLines(n.stack as Node[]) : [n]));

/** The text of a line node as built here. */
function lineText(node: Node): string {
  const text = node.text;
  return (Array.isArray(text) ? (text as { text: string }[]).map((i) => i.text).join('') : String(text ?? '')).trim();
}

const pdfmake = pdfmakeModule as PdfMake;
// Nothing is fetched: fonts are files of the tool, and documents hold no images or links to load.
pdfmake.setUrlAccessPolicy(() => false);
const allowedFiles = new Set<string>();
pdfmake.setLocalAccessPolicy((file) => allowedFiles.has(file));

// pdfmake measures in points, the style sheet's unit: its numbers are used as they are.
const CONTENT_WIDTH = contentWidthPoints;
const CELL_PADDING = { x: F.table.cellPaddingX, y: F.table.cellPaddingY };
const RULE: number = F.table.ruleWidth;
const PAGE_TOP = F.textArea.top;
const PAGE_BOTTOM = F.textArea.bottom;
/** Height of the text area: what a group kept on one page may at most take. */
const BODY_HEIGHT = F.textArea.height;
const CONTENT_BOX: ContentBox = { left: F.textArea.left, right: F.textArea.right, top: PAGE_TOP, bottom: PAGE_BOTTOM };

const faceOf = (s: Style): FaceName => (s.bold ? (s.italic ? 'bolditalics' : 'bold') : s.italic ? 'italics' : 'normal');

/** Everything one document's layout needs to know about its fonts. */
class Typesetter {
  readonly size: number;
  readonly lineHeight: number;
  readonly measure: Measure;
  /** Lines of table header rows: repeated at the top of a page, they are not its first words. */
  readonly headerLines = new Set<string>();
  /**
   * Every piece of text handed to pdfmake, by placement id (its index): after layout each must be
   * on a page, inside the margins (see placement.ts).
   */
  readonly expected: string[] = [];
  private readonly body: LoadedFace;

  constructor(
    readonly fonts: PdfFontSet,
    readonly justify: boolean,
    readonly digits: DocumentModel['digits'],
  ) {
    this.size = fonts.bodySize;
    this.body = loadFace(fonts.files.normal);
    const metrics = this.body.shaped as unknown as { ascent: number; descent: number };
    this.lineHeight = ((metrics.ascent - metrics.descent) / this.body.unitsPerEm) * this.size;
    this.measure = (text, style) => {
      const face = loadFace(style.fallback ? fallbackFontSet().files.normal : fonts.files[faceOf(style)]);
      const m = face.measure(text);
      return { width: (m.advance / face.unitsPerEm) * this.size, clusters: m.clusters };
    };
  }

  /** Registers a node whose text must be placed; pdfkit-hooks carries the id onto pdfmake's line. */
  placed(node: Node, text: string): Node {
    // pdfmake makes no line of an empty text; there is nothing to place.
    if (node.text === '') return node;
    node.placementId = this.expected.length;
    this.expected.push(text);
    return node;
  }

  /** One finished line as a pdfmake text node. */
  line(line: Line, options: { indent: number; width: number; alignment: 'left' | 'center' | 'right'; justify: boolean }): Node {
    const spacing = options.justify ? distributedSpacing(line, options.width) : 0;
    // A piece's last cluster gets space after it only when a cluster follows on the line: a piece
    // of nothing but invisible characters (a zero-width space) at the end starts none, and space
    // before it would run the line one share past the margin.
    const clustersAfter = line.pieces.map(() => 0);
    for (let i = line.pieces.length - 2; i >= 0; i--) {
      const next = line.pieces[i + 1]!;
      clustersAfter[i] = clustersAfter[i + 1]! + (spacing === 0 ? 0 : this.measure(next.text, next).clusters);
    }
    const inlines = line.pieces.map((p, i) => inline(p, spacing === 0 ? undefined : trackingFeatures({ em: spacing / this.size, trailing: clustersAfter[i]! > 0 })));
    const node: Node = {
      text: inlines.length > 0 ? inlines : ' ',
      noWrap: true,
      alignment: options.alignment,
      ...(options.indent !== 0 && { margin: [options.indent, 0, 0, 0] }),
    };
    return this.placed(node, line.pieces.map((p) => p.text).join(''));
  }

  /** Whether the body font draws a character; characters that draw nothing need no glyph. */
  private covers(char: string): boolean {
    return isInvisible(char) || this.body.covers(char.codePointAt(0)!);
  }

  /**
   * Which face sets each character of a letter with its marks: all of it in the body font when
   * that has every character, else all of it in the fallback face when that has every one (e +
   * U+0308 together, so the mark sits on its letter); else each character in a face that has it
   * (a Thai letter with a mark only the fallback face has: the letter stays Thai, the mark comes
   * from the fallback face rather than drawing a box).
   */
  private facesOf(cluster: string): boolean[] {
    const chars = [...cluster];
    const inBody = chars.map((ch) => this.covers(ch));
    if (inBody.every(Boolean)) return inBody.map(() => false);
    const fallback = loadFace(fallbackFontSet().files.normal);
    const inFallback = chars.map((ch) => isInvisible(ch) || fallback.covers(ch.codePointAt(0)!));
    if (inFallback.every(Boolean)) return inFallback.map(() => true);
    return chars.map((_, k) => !inBody[k] && inFallback[k]!);
  }

  /**
   * Runs split where the body font has no glyph: those characters go to the fallback face (see
   * facesOf). Nearly every run is covered throughout and is passed on as it is.
   */
  private withFallback(runs: Run[]): (Run & Style)[] {
    const out: (Run & Style)[] = [];
    for (const run of runs) {
      if ([...run.text].every((ch) => this.covers(ch))) {
        out.push(run);
        continue;
      }
      let piece = '';
      let fallback: boolean | undefined;
      const flush = (): void => {
        if (piece !== '') out.push({ ...run, text: piece, ...(fallback && { fallback: true }) });
        piece = '';
      };
      for (const { segment } of graphemes.segment(run.text)) {
        const chars = [...segment];
        this.facesOf(segment).forEach((face, k) => {
          if (fallback !== undefined && face !== fallback) flush();
          fallback = face;
          piece += chars[k];
        });
      }
      flush();
    }
    return out;
  }

  /** A paragraph as line nodes; `first`/`rest` are the left indents of its first and other lines. */
  paragraph(
    runs: Run[],
    options: { first: number; rest: number; width: number; alignment?: 'left' | 'center' | 'right'; justify?: boolean; bold?: boolean },
  ): Node[] {
    const bold = this.withFallback(options.bold ? runs.map((r) => ({ ...r, bold: true })) : runs);
    const lines = breakLines(bold, { first: options.width - options.first, rest: options.width - options.rest }, this.measure);
    if (lines.length === 0) lines.push({ pieces: [], width: 0, clusters: 0, last: true });
    return lines.map((l, i) =>
      this.line(l, {
        indent: i === 0 ? options.first : options.rest,
        width: options.width - (i === 0 ? options.first : options.rest),
        alignment: options.alignment ?? 'left',
        justify: (options.justify ?? false) && this.justify,
      }),
    );
  }
}

function inline(piece: Piece, features: string[] | undefined): Node {
  return {
    text: piece.text,
    ...(piece.bold && { bold: true }),
    ...(piece.italic && { italics: true }),
    ...(piece.underline && { decoration: 'underline' }),
    ...(piece.fallback && { font: fallbackFontSet().family }),
    ...(features && { fontFeatures: features }),
  };
}

/**
 * Widow and orphan control, as Word's default: a paragraph's first two and last two lines stay
 * together, so no page starts or ends with a lone line of it.
 */
function keepLines(lines: Node[], marginBottom = 0): Node[] {
  const groups: Node[] =
    lines.length <= 3
      ? [{ stack: lines, unbreakable: true }]
      : [{ stack: lines.slice(0, 2), unbreakable: true }, ...lines.slice(2, -2), { stack: lines.slice(-2), unbreakable: true }];
  if (marginBottom > 0) groups[groups.length - 1]!.margin = [0, 0, 0, marginBottom];
  return groups;
}

/**
 * Lines kept on one page (a heading, a signature block) when they fit on one; pdfmake drops what
 * does not fit of a group it cannot break, so a taller one is broken between lines instead, with
 * widow and orphan control.
 */
function keepTogether(lines: Node[], lineHeight: number, margin: number[]): Node[] {
  const group: Node = { stack: lines, unbreakable: true, margin };
  if (heightOf([group], lineHeight) <= BODY_HEIGHT) return [group];
  const groups = keepLines(lines, margin[3] ?? 0);
  groups[0] = { ...groups[0], margin: [margin[0] ?? 0, margin[1] ?? 0, margin[2] ?? 0, (groups[0]!.margin as number[] | undefined)?.[3] ?? 0] };
  return groups;
}

/**
 * Headings, a caption line right above a table, a chart (with its caption), and the emblem and
 * rule of a ประกาศ's head are kept with what follows them.
 */
const keepsWithNext = (block: Block, next: Block | undefined): boolean =>
  block.kind === 'heading' || block.kind === 'chart' || block.kind === 'emblem' || block.kind === 'rule' || (isTitleLine(block) && next?.kind === 'table');

/** Height of laid-out nodes: every line is one line pitch high; a list item's first line is a row of columns. */
function heightOf(nodes: Node[], lineHeight: number): number {
  let height = 0;
  for (const node of nodes) {
    const margin = node.margin as number[] | undefined;
    if (margin) height += (margin[1] ?? 0) + (margin[3] ?? 0);
    height += Array.isArray(node.stack)
      ? heightOf(node.stack as Node[], lineHeight)
      : typeof node.svg === 'string'
        ? (node.height as number)
        : Array.isArray(node.canvas)
          ? 0
          : lineHeight;
  }
  return height;
}

/** The first line of a kept group that must not be parted from the table after it. */
function firstLine(nodes: Node[]): Node | undefined {
  for (const node of nodes) {
    if (Array.isArray(node.stack)) {
      const line = firstLine(node.stack as Node[]);
      if (line) return line;
    } else return node;
  }
  return undefined;
}

function breakable(node: Node): void {
  delete node.unbreakable;
  if (Array.isArray(node.stack)) (node.stack as Node[]).forEach(breakable);
}

/** Height of a table's header and first row: what must follow a kept group on its page. */
const tableLeadHeights = new WeakMap<Node, number>();

/** Page content: the blocks' nodes in order, with keep-with-next groups formed. */
function layoutBlocks(blocks: Block[], t: Typesetter): Node[] {
  const content: Node[] = [];
  let pending: Node[] = [];
  blocks.forEach((block, i) => {
    const next = blocks[i + 1];
    const nodes = layoutBlock(block, t, endsTitleGroup(blocks, i) ? F.headingSpaceBefore : 0);
    if (keepsWithNext(block, next) && next) {
      pending.push(...nodes);
      return;
    }
    if (pending.length > 0) {
      const first = nodes[0];
      const kept: Node = { stack: [...pending, first], unbreakable: true };
      if (first?.unbreakable && heightOf([kept], t.lineHeight) <= BODY_HEIGHT) {
        // Kept with the first lines of the paragraph or list that follows.
        nodes[0] = kept;
      } else if (first?.unbreakable) {
        // A group taller than a page cannot be kept (pdfmake would drop what does not fit).
        nodes.unshift(...pending);
      } else {
        // A table cannot join an unbreakable group (its header must repeat). The group's first
        // line carries the height that must fit below it (the group, the table's header and first
        // row); pageBreakBefore moves the group when it does not. pdfmake passes few node fields
        // to that callback, and headlineLevel is the one free for this.
        // (pdfmake drops content when it breaks a page inside an unbreakable block, so the group
        // is left breakable; the rule moves it whole.)
        pending.forEach(breakable);
        const line = firstLine(pending);
        // Measured from the first line, which sits below the group's own space before.
        const above = (pending[0]?.margin as number[] | undefined)?.[1] ?? 0;
        const needed = heightOf(pending, t.lineHeight) - above + (first ? tableLeadHeights.get(first) ?? 0 : 0);
        if (line && needed <= BODY_HEIGHT) line.headlineLevel = needed;
        nodes.unshift(...pending);
      }
      pending = [];
    }
    content.push(...nodes);
  });
  content.push(...pending);
  // Space after the last block would start an empty page when the text ends at the foot of one.
  const last = content[content.length - 1];
  if (last?.margin) last.margin = [...(last.margin as number[]).slice(0, 3), 0];
  return content;
}

/**
 * True at the first line of a kept group whose table would not start on the same page (and at a
 * table whose header and first row would not). Reads only a node's headlineLevel and the top of
 * its first line, as decideEarly requires.
 */
const strandedGroup = decideEarly(function strandedGroup(node: { headlineLevel?: number; startPosition?: { top: number } }): boolean {
  const needed = node.headlineLevel;
  if (needed === undefined || needed <= 0 || !node.startPosition) return false;
  return node.startPosition.top + needed > PAGE_BOTTOM + 0.01;
});

function layoutBlock(block: Block, t: Typesetter, spaceAfter: number): Node[] {
  const width = CONTENT_WIDTH;
  switch (block.kind) {
    case 'title':
      return keepLines(t.paragraph(block.runs, { first: 0, rest: 0, width, alignment: 'center', bold: true }), spaceAfter);
    case 'heading': {
      const runs = block.number ? [{ text: `${block.number} ` }, ...block.runs] : block.runs;
      const indent = block.level === 1 ? 0 : F.firstLineIndent;
      const lines = t.paragraph(runs, { first: indent, rest: 0, width, bold: true });
      const before = block.level === 1 ? F.headingSpaceBefore : F.subheadingSpaceBefore;
      return keepTogether(lines, t.lineHeight, [0, before, 0, 0]);
    }
    case 'paragraph': {
      const style = block.style;
      const lines = t.paragraph(block.runs, {
        first: style === 'body' ? F.firstLineIndent : 0,
        rest: 0,
        width,
        alignment: style === 'center' ? 'center' : style === 'right' ? 'right' : 'left',
        justify: style === 'body',
      });
      const after = style === 'body' || style === 'plain' ? F.paragraphSpaceAfter : 0;
      return keepLines(lines, Math.max(after, spaceAfter));
    }
    case 'list':
      return layoutList(block, t, { left: F.firstLineIndent, width, justify: true }).flatMap((item) => keepLines(item));
    case 'table':
      // The DOCX has an empty paragraph after a table; the same space here.
      const node = layoutTable(block, t);
      node.margin = [0, 0, 0, t.lineHeight + F.paragraphSpaceAfter];
      return [node];
    case 'signature': {
      const left = CONTENT_WIDTH * F.signature.indentFraction;
      // Centred on the part of the line right of `left`, as the DOCX's indented centred lines.
      const lines = block.lines.flatMap((runs) => t.paragraph(runs, { first: left, rest: left, width, alignment: 'center' }));
      return keepTogether(lines, t.lineHeight, [0, F.signature.spaceBefore, 0, 0]);
    }
    case 'chart': {
      // Vectors and real text: pdfmake draws the shapes, pdfkit-hooks the labels over them.
      const picture = chartSvg(block, t.digits);
      const { shapes, texts } = splitText(picture.svg);
      return [{ svg: shapes, chartTexts: texts, width: picture.width, height: picture.height, margin: [0, F.chartSpaceAround, 0, F.chartSpaceAround] }];
    }
    case 'pageBreak':
      return [{ text: '', pageBreak: 'after' }];
    case 'emblem': {
      // Vectors, scaled to the official height; pdfmake centres a placeholder of its size in the
      // text area, and pdfkit-hooks draws the picture there (read once per process).
      const picture = emblemPicture(block.svg);
      const placeholder = `<svg xmlns="http://www.w3.org/2000/svg" width="${picture.width}" height="${picture.height}" viewBox="0 0 ${picture.width} ${picture.height}"></svg>`;
      return [
        { svg: placeholder, keptSvg: picture.svg, width: picture.width, height: picture.height, alignment: 'center', margin: [0, 0, 0, Math.max(spaceAfter, F.emblem.spaceAfter)] },
      ];
    }
    case 'rule': {
      const length = F.rule.length;
      const left = (CONTENT_WIDTH - length) / 2;
      return [{ canvas: [{ type: 'line', x1: left, y1: 0, x2: left + length, y2: 0, lineWidth: F.rule.weight, lineColor: 'black' }], margin: [0, F.rule.spaceBefore, 0, spaceAfter] }];
    }
  }
}

/** Numbered points: the marker hangs left of the text, and wrapped lines align with the text. */
function layoutList(list: List, t: Typesetter, options: { left: number; width: number; justify: boolean }): Node[][] {
  const gap = t.measure(' ', {}).width;
  const markerWidth = Math.max(F.listIndent, ...list.items.map((i) => t.measure(i.marker ?? '', {}).width + gap));
  const textLeft = options.left + markerWidth;
  return list.items.map((item) => {
    const lines = t.paragraph(item.runs, { first: textLeft, rest: textLeft, width: options.width, justify: options.justify });
    const first = lines[0]!;
    first.margin = [0, 0, 0, 0];
    lines[0] = {
      columns: [
        t.placed({ width: markerWidth, text: item.marker ?? '', noWrap: true }, item.marker ?? ''),
        { width: '*', ...first },
      ],
      columnGap: 0,
      margin: [options.left, 0, 0, 0],
    };
    return lines;
  });
}

function layoutTable(table: Table, t: Typesetter): Node {
  const fractions = columnFractions(table);
  // pdfmake's widths exclude the cell padding and the rules between cells.
  const inner = fractions.map((f) => f * CONTENT_WIDTH - 2 * CELL_PADDING.x - RULE);
  const cell = (c: Cell, column: number, header: boolean): Node => {
    const width = inner[column]!;
    const centred = header || isNumericCell(c);
    const nodes = c.blocks.flatMap((b) => layoutCellBlock(b, t, width, centred, header));
    if (header) for (const line of flatLines(nodes)) t.headerLines.add(lineText(line));
    return { stack: nodes.length > 0 ? nodes : [t.placed({ text: ' ' }, ' ')], ...(header && { verticalAlignment: 'middle' }) };
  };
  const header = table.header.map((r) => r.cells.map((c, i) => cell(c, i, true)));
  const rows = table.rows.map((r) => r.cells.map((c, i) => cell(c, i, false)));
  const rowHeight = (row: Node[]) => Math.max(0, ...row.map((c) => heightOf(c.stack as Node[], t.lineHeight))) + 2 * CELL_PADDING.y + RULE;
  // A row that may break starts on a page only where its first two lines fit (orphan control).
  const firstLines = 2 * t.lineHeight + 2 * CELL_PADDING.y + RULE;
  const placement: RowPlacement[] = rows.map((row) => {
    const height = rowHeight(row);
    return keepsRowWhole(height, BODY_HEIGHT) ? { keep: true, height } : { keep: false, height: firstLines };
  });
  const headerHeight = header.reduce((sum, row) => sum + rowHeight(row), RULE);
  const lead = headerHeight + (placement[0]?.height ?? 0);
  const node: Node = {
    // Rows are never pdfmake's unbreakable blocks, which drop what does not fit on a page: a row
    // kept whole is moved to the next page before it starts (pdfkit-hooks), a taller one breaks
    // between lines with its rules closed at the foot and the header repeated.
    table: { headerRows: table.header.length, dontBreakRows: false, widths: inner, body: [...header, ...rows], rowPlacement: [...header.map(() => undefined), ...placement] },
    layout: {
      hLineWidth: () => RULE,
      vLineWidth: () => RULE,
      hLineColor: () => 'black',
      vLineColor: () => 'black',
      paddingLeft: () => CELL_PADDING.x,
      paddingRight: () => CELL_PADDING.x,
      paddingTop: () => CELL_PADDING.y,
      paddingBottom: () => CELL_PADDING.y,
    },
    // The header never ends a page alone: the table moves when its header and first row (or the
    // first lines of a row that may break) do not fit below it.
    ...(lead <= BODY_HEIGHT && { headlineLevel: lead }),
  };
  tableLeadHeights.set(node, lead);
  return node;
}

/** A cell's paragraphs and points, each keeping two lines together at either end of a page break. */
function layoutCellBlock(block: CellBlock, t: Typesetter, width: number, centred: boolean, bold: boolean): Node[] {
  if (block.kind === 'list') return layoutList(block, t, { left: 0, width, justify: false }).flatMap((item) => keepLines(item));
  const alignment = centred || block.style === 'center' ? 'center' : block.style === 'right' ? 'right' : 'left';
  return keepLines(t.paragraph(block.runs, { first: 0, rest: 0, width, alignment, bold }));
}

/** Renders a finished document model as a PDF file; the same model gives the same bytes. */
export async function renderPdf(model: DocumentModel, options: PdfOptions = {}): Promise<Uint8Array> {
  await emblemsReady(model);
  const fonts = options.fonts ?? bundledFontSet();
  // Charts are set in the bundled font whatever the body font is (see export/chart).
  for (const set of new Set([fonts, bundledFontSet(), fallbackFontSet()])) {
    registerFontSet(set);
    for (const file of Object.values(set.files)) allowedFiles.add(file);
    pdfmake.addFonts({ [set.family]: set.files });
  }
  const t = new Typesetter(fonts, options.justify ?? true, model.digits);
  const date = new Date(`${model.meta.date}T00:00:00Z`);
  const pageNumber = (n: number): string => `- ${model.digits === 'thai' ? toThaiDigits(String(n)) : n} -`;
  let unplaced: UnplacedText[] | undefined;
  // pdfmake mutates its definition, so every document gets a new one.
  const definition: Node = {
    pageSize: 'A4',
    pageMargins: [F.margins.left, F.margins.top, F.margins.right, F.margins.bottom],
    version: '1.7',
    language: model.meta.language,
    info: {
      title: model.meta.title,
      author: model.meta.author,
      subject: model.meta.subject,
      keywords: model.meta.keywords.join(', '),
      creator: 'ita-report',
      producer: 'ita-report (pdfmake)',
      creationDate: date,
      modDate: date,
    },
    defaultStyle: { font: fonts.family, fontSize: t.size, lineHeight: F.lineSpacing },
    header: (page: number): Node | null => {
      // pdfmake asks for the first page's header once the content of the last layout pass is placed.
      if (page === 1) unplaced = unplacedText(t.expected, laidOutPages(), CONTENT_BOX);
      return model.pageNumbers && page > 1 ? { text: pageNumber(page), alignment: 'center', noWrap: true, margin: [0, F.headerDistance, 0, 0] } : null;
    },
    footer: (page: number, pages: number): Node | null => {
      if (options.continuation === false || page >= pages) return null;
      const words = continuationWords(firstLineOf(laidOutPages()[page], F.margins.top, t.headerLines));
      return words ? { text: `/${words}`, alignment: 'right', noWrap: true, margin: [F.margins.left, F.continuationGap, F.margins.right, 0] } : null;
    },
    content: layoutBlocks(model.blocks, t),
    pageBreakBefore: strandedGroup,
  };
  const buffer = await pdfmake.createPdf(definition).getBuffer();
  if (unplaced === undefined) throw new Error('the PDF placement check did not run (pdfmake asked for no page header)');
  if (unplaced.length > 0) throw new UnplacedTextError(unplaced);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
