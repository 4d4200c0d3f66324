import type { DigitSystem } from '../thai/digits.ts';

export type { DigitSystem };

/**
 * The document model: what a report says and how it is structured, not how it looks. Templates
 * produce it; every exporter (DOCX, PDF) renders the same model, so the formats cannot disagree.
 */

/**
 * A line break the clerk typed inside a text (a step on two lines): kept through the templates,
 * whose own whitespace collapses, and drawn as a new line by every exporter. U+2028 LINE
 * SEPARATOR, which no exporter draws as a character.
 */
export const LINE_BREAK = '\u2028';

export interface Run {
  /** May hold LINE_BREAK, never at its ends or twice in a row. */
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
}

/** Body text: Thai-distributed with a first-line indent in the official format. */
export interface Paragraph {
  kind: 'paragraph';
  runs: Run[];
  /** `plain` paragraphs have no first-line indent (a lead-in line, a cell's text). */
  style: 'body' | 'plain' | 'center' | 'right';
}

/** A document title line: centred and bold. */
export interface Title {
  kind: 'title';
  runs: Run[];
}

export interface Heading {
  kind: 'heading';
  level: 1 | 2 | 3;
  /** Filled in by `numberHeadings` ("3.1"); absent for unnumbered headings. */
  number?: string;
  numbered: boolean;
  runs: Run[];
}

export interface ListItem {
  /** Filled in by `numberLists` ("1."). */
  marker?: string;
  runs: Run[];
}

/** Numbered points: the steps of a measure, the points of an issue. */
export interface List {
  kind: 'list';
  items: ListItem[];
}

export type CellBlock = Paragraph | List;

export interface Cell {
  blocks: CellBlock[];
}

export interface Row {
  cells: Cell[];
}

export interface Table {
  kind: 'table';
  /** Repeated at the top of every page the table runs onto. */
  header: Row[];
  rows: Row[];
}

/** The signing block of an announcement: lines set right of centre, one under the other. */
export interface Signature {
  kind: 'signature';
  lines: Run[][];
}

export interface PageBreak {
  kind: 'pageBreak';
}

/** One bar (or group of bars, one per series) of a chart. */
export interface ChartBar {
  /** The category: "๔. การใช้ทรัพย์สินของราชการ". */
  label: string;
  /** One per series, in series order; null where a series has no value for this bar. */
  values: (ChartValue | null)[];
}

export interface ChartValue {
  value: number;
  /** The value as printed beside its bar, formatted by the template. */
  text: string;
}

/**
 * A horizontal bar chart: what it shows, not how it is drawn. Exporters draw it with the
 * chart renderer (src/export/chart), so both formats show the same picture.
 */
export interface Chart {
  kind: 'chart';
  /** Legend names, one per series; the last series is the year the report is about. */
  series: string[];
  bars: ChartBar[];
  /** A reference line (the pass mark); bars of the last series below it are marked. */
  mark?: { value: number; text: string };
  /** Legend text for the marked bars. */
  below?: string;
  /** The value axis runs from 0 to max. */
  max: number;
  /** What the chart shows in words: the picture's alternative text. */
  description: string;
}

/**
 * The emblem at the head of an official ประกาศ (the Garuda, or the agency's own), centred. Its
 * size is the official format's (`emblemHeight`), not the picture's: exporters scale the drawing
 * to it and draw it as vectors.
 */
export interface Emblem {
  kind: 'emblem';
  /** The picture, an SVG document. */
  svg: string;
  /** What it shows in words: the picture's alternative text. */
  description: string;
}

/** A short rule centred under the head of a ประกาศ (เส้นคั่น), between its title and its text. */
export interface Rule {
  kind: 'rule';
}

export type Block = Title | Heading | Paragraph | List | Table | Chart | Signature | PageBreak | Emblem | Rule;


export interface DocumentMeta {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  language: string;
  /** ISO date; written into the file's properties so that the same input gives the same bytes. */
  date: string;
}

export interface DocumentModel {
  meta: DocumentMeta;
  /** The digit system of the body and the page numbers. */
  digits: DigitSystem;
  /** Print the page number from page 2 onwards ("- 2 -"). */
  pageNumbers: boolean;
  blocks: Block[];
}
