import { breakUnits } from '../../thai/linebreak.ts';
import { LINE_BREAK, type Run } from '../../model/types.ts';
import { Lru } from '../../fonts/lru.ts';

/**
 * Line breaking for the PDF. pdfmake breaks only at UAX #14 opportunities, and a Thai sentence has
 * none, so it would cut words in half; here lines break between the units of `breakUnits` (Thai
 * words, never before ๆ/ฯ, never inside a number or a Latin word) and pdfmake is handed finished
 * lines. Knowing each line also makes Thai-distributed justification possible.
 */

export interface Style {
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  /** Set in the fallback face: characters the body font has no glyph for. */
  fallback?: boolean;
}

export interface Piece extends Style {
  text: string;
}

export interface Line {
  pieces: Piece[];
  /** Natural width in points, trailing spaces excluded. */
  width: number;
  /** Character clusters on the line: distributed justification shares the slack between them. */
  clusters: number;
  /** The paragraph's last line, which is never justified. */
  last: boolean;
}

/** Width in points and cluster count of a text set in a style. */
export type Measure = (text: string, style: Style) => { width: number; clusters: number };

export interface LineWidths {
  first: number;
  rest: number;
}

const sameStyle = (a: Style, b: Style): boolean =>
  !!a.bold === !!b.bold && !!a.italic === !!b.italic && !!a.underline === !!b.underline && !!a.fallback === !!b.fallback;
const styleOf = (r: Style): Style => ({
  ...(r.bold && { bold: true }),
  ...(r.italic && { italic: true }),
  ...(r.underline && { underline: true }),
  ...(r.fallback && { fallback: true }),
});

const TRAILING_SPACE = /\s+$/u;
export const graphemes = new Intl.Segmenter('th', { granularity: 'grapheme' });

/** Break units per paragraph text: boilerplate paragraphs recur in every agency's report. */
const unitCache = new Lru<string, string[]>(1_000);

function cachedBreakUnits(text: string): string[] {
  let units = unitCache.get(text);
  if (!units) {
    units = breakUnits(text);
    unitCache.set(text, units);
  }
  return units;
}

interface Unit {
  parts: Piece[];
  /** Width without trailing spaces: what must fit on the line. */
  inkWidth: number;
  width: number;
}

/** Splits styled runs into unbreakable units, each a list of styled parts. */
function unitsOf(runs: readonly (Run & Style)[], measure: Measure): Unit[] {
  const text = runs.map((r) => r.text).join('');
  // Style of each UTF-16 offset, by run boundaries.
  const bounds: { end: number; style: Style }[] = [];
  let end = 0;
  for (const r of runs) {
    end += r.text.length;
    if (r.text.length > 0) bounds.push({ end, style: styleOf(r) });
  }
  const units: Unit[] = [];
  let offset = 0;
  let b = 0;
  for (const unitText of cachedBreakUnits(text)) {
    const parts: Piece[] = [];
    let start = offset;
    const stop = offset + unitText.length;
    while (start < stop) {
      while (bounds[b]!.end <= start) b++;
      const partEnd = Math.min(stop, bounds[b]!.end);
      parts.push({ ...bounds[b]!.style, text: text.slice(start, partEnd) });
      start = partEnd;
    }
    offset = stop;
    units.push(measureUnit(parts, measure));
  }
  return units;
}

function measureUnit(parts: Piece[], measure: Measure): Unit {
  let width = 0;
  for (const p of parts) width += measure(p.text, p).width;
  const last = parts[parts.length - 1]!;
  const trimmed = last.text.replace(TRAILING_SPACE, '');
  const inkWidth = trimmed === last.text ? width : width - measure(last.text, last).width + (trimmed ? measure(trimmed, last).width : 0);
  return { parts, inkWidth, width };
}

/** A unit wider than a whole line (a long URL) is cut between grapheme clusters, as Word does. */
function splitOverlong(unit: Unit, available: number, measure: Measure): Unit[] {
  const pieces: Unit[] = [];
  let current: Piece[] = [];
  let width = 0;
  for (const part of unit.parts) {
    for (const { segment } of graphemes.segment(part.text)) {
      const w = measure(segment, part).width;
      if (current.length > 0 && width + w > available) {
        pieces.push(measureUnit(current, measure));
        current = [];
        width = 0;
      }
      const previous = current[current.length - 1];
      if (previous && sameStyle(previous, part)) previous.text += segment;
      else current.push({ ...styleOf(part), text: segment });
      width += w;
    }
  }
  if (current.length > 0) pieces.push(measureUnit(current, measure));
  return pieces;
}

/**
 * Breaks a paragraph into lines no wider than `widths` (first line, following lines). A line
 * break the clerk typed (LINE_BREAK) ends a line there, unjustified like a paragraph's last.
 */
export function breakLines(runs: readonly (Run & Style)[], widths: LineWidths, measure: Measure): Line[] {
  if (!runs.some((r) => r.text.includes(LINE_BREAK))) return breakSegment(runs, widths, measure);
  const segments: (Run & Style)[][] = [[]];
  for (const run of runs) {
    run.text.split(LINE_BREAK).forEach((text, i) => {
      if (i > 0) segments.push([]);
      if (text !== '') segments.at(-1)!.push({ ...run, text });
    });
  }
  return segments.flatMap((segment, i) => {
    const lines = breakSegment(segment, i === 0 ? widths : { first: widths.rest, rest: widths.rest }, measure);
    return lines.length > 0 ? lines : [{ pieces: [], width: 0, clusters: 0, last: true }];
  });
}

function breakSegment(runs: readonly (Run & Style)[], widths: LineWidths, measure: Measure): Line[] {
  const lines: Piece[][] = [];
  let line: Piece[] = [];
  let lineWidth = 0;
  const available = () => (lines.length === 0 ? widths.first : widths.rest);
  const place = (unit: Unit) => {
    for (const part of unit.parts) {
      const previous = line[line.length - 1];
      if (previous && sameStyle(previous, part)) previous.text += part.text;
      else line.push({ ...part });
    }
    lineWidth += unit.width;
  };
  const close = () => {
    lines.push(line);
    line = [];
    lineWidth = 0;
  };
  // Floating-point slack: a unit that fits to a hundredth of a point fits.
  const EPSILON = 0.01;
  for (const unit of unitsOf(runs, measure)) {
    if (line.length > 0 && lineWidth + unit.inkWidth > available() + EPSILON) close();
    if (line.length === 0 && unit.inkWidth > available() + EPSILON) {
      const pieces = splitOverlong(unit, available(), measure);
      pieces.forEach((p, i) => {
        if (i > 0) close();
        place(p);
      });
      continue;
    }
    place(unit);
  }
  if (line.length > 0) close();
  return lines.map((pieces, i) => finishLine(pieces, i === lines.length - 1, measure));
}

function finishLine(pieces: Piece[], last: boolean, measure: Measure): Line {
  // A line never ends in spaces: they would count in its width and in justification.
  while (pieces.length > 0) {
    const tail = pieces[pieces.length - 1]!;
    tail.text = tail.text.replace(TRAILING_SPACE, '');
    if (tail.text !== '') break;
    pieces.pop();
  }
  let width = 0;
  let clusters = 0;
  for (const p of pieces) {
    const m = measure(p.text, p);
    width += m.width;
    clusters += m.clusters;
  }
  return { pieces, width, clusters, last };
}

/**
 * Thai-distributed justification of a line, as Word's "Thai Distributed": the slack is shared
 * equally between all clusters, so both edges are flush and no mark leaves its base. The last line
 * of a paragraph stays left-aligned. Returns the extra space per cluster in points, or 0.
 */
export function distributedSpacing(line: Line, available: number): number {
  if (line.last || line.clusters < 2) return 0;
  const slack = available - line.width;
  return slack > 0 ? slack / (line.clusters - 1) : 0;
}
