import { scriptRuns } from '../thai/scripts.ts';
import { Lru } from './lru.ts';

/**
 * Text shaping for the PDF: the one place where characters become positioned glyphs, used both to
 * measure (line breaking) and to draw (pdfkit), so what is measured is what is drawn.
 *
 * Why it exists: fontkit shapes a string with one script's rules. Latin glued to Thai ("ITAที่")
 * would be shaped as Latin, where the font has no Thai mark positioning, and every tone mark would
 * land wrong. So each script run is shaped on its own and the glyphs are joined again.
 */

/** The part of a fontkit glyph position this code reads and writes, in font units. */
export interface GlyphPosition {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
}

export interface Glyph {
  id: number;
  advanceWidth: number;
  codePoints: number[];
  name?: string;
}

export interface GlyphRun {
  glyphs: Glyph[];
  positions: GlyphPosition[];
  advanceWidth: number;
}

/** The part of a fontkit font the shaper needs. */
export interface ShapingFont {
  unitsPerEm: number;
  layout(text: string, features?: string[], script?: string): GlyphRun;
  glyphForCodePoint(codePoint: number): Glyph;
  /** Every code point the font's cmap maps. */
  characterSet?: number[];
}

/**
 * Characters that draw nothing (Unicode's default-ignorable code points: break marks such as
 * U+200B, joiners, the grapheme joiner U+034F, variation selectors, bidi controls), which the
 * fonts have no glyph for: left in, each would be drawn as a box (.notdef), or pull its letter
 * into the fallback face. Line breaking is done before shaping, so they carry nothing here any more.
 */
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu;

/** Text without the characters that draw nothing: what is shaped, and what a reader copies. */
export const withoutInvisible = (text: string): string => text.replace(INVISIBLE, '');

const ONE_INVISIBLE = new RegExp(INVISIBLE.source, 'u');

/** Whether a character is one of those: it needs no glyph from any font. */
export const isInvisible = (char: string): boolean => ONE_INVISIBLE.test(char);

/**
 * Extra space after every character cluster, for Thai-distributed justification: the space goes
 * after a cluster's last glyph, so marks stay on their base.
 */
export interface Tracking {
  /** Extra advance after each cluster, in em. */
  em: number;
  /** Whether the text's last cluster gets it too (not at the end of a line). */
  trailing: boolean;
}

/**
 * Tracking travels from the line layout to the shaper inside pdfkit as a private "font feature":
 * pdfkit passes a text's features through to the font's layout unchanged, and this is the only
 * per-text value it carries there. It never reaches fontkit.
 */
const TRACKING_FEATURE = 'ita-tracking:';

export function trackingFeatures(tracking: Tracking): string[] {
  return [`${TRACKING_FEATURE}${tracking.em}:${tracking.trailing ? 1 : 0}`];
}

function trackingOf(features: unknown): Tracking | undefined {
  if (!Array.isArray(features)) return undefined;
  for (const f of features) {
    if (typeof f === 'string' && f.startsWith(TRACKING_FEATURE)) {
      const [em, trailing] = f.slice(TRACKING_FEATURE.length).split(':');
      return { em: Number(em), trailing: trailing === '1' };
    }
  }
  return undefined;
}

/** A glyph with an advance starts a new cluster; Thai marks have none. */
const startsCluster = (p: GlyphPosition): boolean => p.xAdvance > 0;

/**
 * The text a glyph stands for, which PDF readers without /ActualText support (pdf.js) copy.
 * fontkit reports the wrong characters for glyphs its Thai rules substituted (the lowered tone mark
 * of "ผู้" comes back as "ู"); the font's glyph names (uni0E49.low) say which character it is.
 */
function textOf(font: ShapingFont, glyph: Glyph): number[] {
  const named = glyph.name ? /^uni([0-9A-F]{4})(?:\.|$)/.exec(glyph.name) : null;
  if (named) return [parseInt(named[1]!, 16)];
  // fontkit keeps one glyph object per id, with the characters it was first made for: a glyph
  // first made by a substitution (the e of é taken apart) has none, and keeps none, for every
  // later document of the process. A glyph of one character is that character, from the cmap.
  const codePoints = glyph.codePoints;
  if (codePoints.length > 0 && codePoints.every((cp) => font.glyphForCodePoint(cp).id === glyph.id)) return codePoints;
  const mapped = characterOf(font, glyph.id);
  // Thai fonts also map their variant glyphs (a lowered tone mark) from the Private Use Area:
  // such a code point is no text a reader could copy.
  return mapped !== undefined && !PRIVATE_USE.test(String.fromCodePoint(mapped)) ? [mapped] : codePoints;
}

const PRIVATE_USE = /\p{Co}/u;

/** The character a glyph stands for in a font's cmap (the lowest, where several share it). */
const characters = new WeakMap<ShapingFont, Map<number, number>>();
function characterOf(font: ShapingFont, id: number): number | undefined {
  let byGlyph = characters.get(font);
  if (!byGlyph) {
    byGlyph = new Map();
    for (const cp of font.characterSet ?? []) {
      const glyph = font.glyphForCodePoint(cp).id;
      if (glyph !== 0 && !byGlyph.has(glyph)) byGlyph.set(glyph, cp);
    }
    characters.set(font, byGlyph);
  }
  return byGlyph.get(id);
}

/**
 * fontkit splits ำ into the circle (ํ) and า so a tone mark can go between them. The font's own ำ
 * glyph draws the same circle at the same place, so the pair becomes that one glyph again (the
 * tone mark keeps its place: the circle has no advance). Drawn alike, but copied text then says
 * ำ and not ํา, and า keeps a glyph of its own.
 */
function recomposeSaraAm(font: ShapingFont, glyphs: Glyph[], positions: GlyphPosition[]): void {
  const circle = font.glyphForCodePoint(0x0e4d).id;
  const aa = font.glyphForCodePoint(0x0e32).id;
  const am = font.glyphForCodePoint(0x0e33);
  for (let i = glyphs.length - 1; i >= 0; i--) {
    if (glyphs[i]!.id !== circle) continue;
    let j = i + 1;
    while (j < glyphs.length && positions[j]!.xAdvance === 0) j++;
    const next = glyphs[j];
    if (!next || (next.id !== am.id && next.id !== aa)) continue;
    if (next.id === aa) {
      if (am.advanceWidth !== next.advanceWidth) continue;
      glyphs[j] = { id: am.id, advanceWidth: am.advanceWidth, codePoints: [0x0e33] };
    }
    glyphs.splice(i, 1);
    positions.splice(i, 1);
  }
}

/** Vowels above and below come before tone marks in Thai spelling (ผ ู ้, not ผ ้ ู). */
const markRank = (codePoints: number[]): number => {
  const c = codePoints[0] ?? 0;
  return c === 0x0e31 || (c >= 0x0e34 && c <= 0x0e3a) ? 0 : 1;
};

/**
 * Puts the zero-width marks of each cluster back in spelling order. The font's rules emit the
 * lowered tone mark of "ผู้" before the vowel; drawn, the order of zero-width marks on one base
 * makes no difference, but text copied glyph by glyph would come out as "ผู้".
 */
function spellingOrder(glyphs: Glyph[], positions: GlyphPosition[]): void {
  let i = 0;
  while (i < glyphs.length) {
    if (positions[i]!.xAdvance !== 0) {
      i++;
      continue;
    }
    let end = i;
    while (end < glyphs.length && positions[end]!.xAdvance === 0) end++;
    if (end - i > 1) {
      const marks = glyphs.slice(i, end).map((g, k) => ({ g, p: positions[i + k]!, rank: markRank(g.codePoints), k }));
      marks.sort((a, b) => a.rank - b.rank || a.k - b.k);
      marks.forEach((m, k) => {
        glyphs[i + k] = m.g;
        positions[i + k] = m.p;
      });
    }
    i = end;
  }
}

/** A shaped run as cached, with what measuring needs counted once. */
export interface SharedRun extends GlyphRun {
  clusters: number;
}

/** Shaped runs per font and text: a report repeats its words, and a batch repeats whole paragraphs. */
const cache = new WeakMap<ShapingFont, Lru<string, SharedRun>>();
const CACHE_LIMIT = 3_000;

/** Shapes text run by run, untracked; the result is shared and must not be changed. */
function shapeShared(font: ShapingFont, text: string): SharedRun {
  if (recording) recordText(recording, font, text);
  const runs = runsOf(font);
  const cached = runs.get(text);
  if (cached) return cached;
  const run = shapedBefore.get(font)?.(text) ?? shapeFresh(font, text);
  runs.set(text, run);
  return run;
}

/** Per font, the runs shaped before this process (by the build), looked up before shaping anew. */
const shapedBefore = new WeakMap<ShapingFont, (text: string) => SharedRun | undefined>();

/** The texts asked for while `recordShaping` runs, per font, in the order first asked. */
let recording: Map<ShapingFont, Set<string>> | undefined;

function recordText(into: Map<ShapingFont, Set<string>>, font: ShapingFont, text: string): void {
  let texts = into.get(font);
  if (!texts) into.set(font, (texts = new Set()));
  texts.add(text);
}

/**
 * The texts that `work` has shaped, per font: the same for the same work whatever the cache held
 * before (what the build saves, src/fonts/saved-runs.ts). Nothing else may shape meanwhile.
 */
export async function recordShaping(work: () => Promise<unknown>): Promise<Map<ShapingFont, Set<string>>> {
  if (recording) throw new Error('internal error: recordShaping is already running');
  const texts = new Map<ShapingFont, Set<string>>();
  recording = texts;
  try {
    await work();
  } finally {
    recording = undefined;
  }
  return texts;
}

function runsOf(font: ShapingFont): Lru<string, SharedRun> {
  let runs = cache.get(font);
  if (!runs) cache.set(font, (runs = new Lru(CACHE_LIMIT)));
  return runs;
}

/** Text shaped by fontkit, script run by script run, without the cache. */
export function shapeFresh(font: ShapingFont, text: string): SharedRun {
  const glyphs: Glyph[] = [];
  const positions: GlyphPosition[] = [];
  for (const run of scriptRuns(withoutInvisible(text))) {
    const thai = run.script === 'thai';
    const shaped = font.layout(run.text, [], thai ? 'thai' : undefined);
    // Fresh glyph records: fontkit shares its glyph objects between layouts.
    const runGlyphs = shaped.glyphs.map((g) => ({ id: g.id, advanceWidth: g.advanceWidth, codePoints: textOf(font, g) }));
    if (thai) {
      recomposeSaraAm(font, runGlyphs, shaped.positions);
      spellingOrder(runGlyphs, shaped.positions);
    }
    glyphs.push(...runGlyphs);
    positions.push(...shaped.positions);
  }
  return sharedRun(glyphs, positions);
}

/** A run as the cache keeps it, its width and clusters counted once. */
export function sharedRun(glyphs: Glyph[], positions: GlyphPosition[]): SharedRun {
  let advanceWidth = 0;
  for (const p of positions) advanceWidth += p.xAdvance;
  const run: SharedRun = { glyphs, positions, advanceWidth, clusters: 0 };
  run.clusters = clusterCount(run);
  return run;
}

/** A text's run as the shaper gives it (from its cache, or shaped now): what the build saves (src/fonts/saved-runs.ts). */
export const shapedRun = (font: ShapingFont, text: string): SharedRun => shapeShared(font, text);

/**
 * Makes `lookup` the runs shaped before for a font: the build's, which are the very runs
 * `shapeFresh` gives for this font file. Looked up on a miss, so only the words a document uses
 * are read out of them.
 */
export function useShapedBefore(font: ShapingFont, lookup: (text: string) => SharedRun | undefined): void {
  shapedBefore.set(font, lookup);
}

/** Width in font units and cluster count of a text, untracked: line breaking's measure. */
export function measureText(font: ShapingFont, text: string): { advance: number; clusters: number } {
  const run = shapeShared(font, text);
  return { advance: run.advanceWidth, clusters: run.clusters };
}

/** Shapes text run by run, with optional tracking; positions are in font units. */
export function shape(font: ShapingFont, text: string, tracking?: Tracking): GlyphRun {
  const shared = shapeShared(font, text);
  // Every caller gets its own positions: pdfkit scales them in place.
  const positions = shared.positions.map((p) => ({ xAdvance: p.xAdvance, yAdvance: p.yAdvance, xOffset: p.xOffset, yOffset: p.yOffset }));
  if (tracking && tracking.em !== 0) {
    const extra = tracking.em * font.unitsPerEm;
    // Space goes after each cluster but the last (and after the last when `trailing`): one less
    // than the clusters, as distributedSpacing counts. Marks before the first cluster (a run that
    // starts with a mark of the previous run's letter) start none and get none.
    let started = false;
    for (let i = 0; i < positions.length; i++) {
      if (startsCluster(positions[i]!)) started = true;
      const next = positions[i + 1];
      if (started && (next ? startsCluster(next) : tracking.trailing)) {
        positions[i]!.xAdvance += extra;
      }
    }
  }
  // pdfkit scales the positions to 1000 units per em in place and then reads advanceWidth, so it
  // is derived from them, as fontkit's own runs do; a number fixed here would stay in font units,
  // and text in a font of 2048 units (the fallback face) was measured twice as wide as drawn.
  return {
    glyphs: shared.glyphs.slice(),
    positions,
    get advanceWidth() {
      return positions.reduce((sum, p) => sum + p.xAdvance, 0);
    },
  };
}

/**
 * The width pdfkit's `widthOfString` computes for `text` with a shaping font, in its 1000 units per
 * em (`scale` is 1000 over the font's units), without laying anything out again: the same sums of
 * the same numbers in the same order, so the result is the same to the bit. pdfmake measures every
 * piece of text on every layout pass, and pdfkit lays it out afresh (text with features, which
 * carries our tracking: every justified line) or once per document and word (text without), each
 * time copying and scaling every glyph position; the shaper's cached run has the advances.
 * Undefined for a font that is not a shaping font.
 */
export function scaledAdvance(shaped: ShapingFont, text: string, features: unknown, scale: number): number | undefined {
  const font = originals.get(shaped);
  if (!font) return undefined;
  // pdfkit lays text with features out whole (layoutRun) ...
  if (features) return runAdvance(font, text, trackingOf(features), scale);
  // ... and text without in pieces that end after each space or tab, each summed on its own
  // (EmbeddedFont.layout, whose loop this is).
  let width = 0;
  let last = 0;
  let index = 0;
  while (index <= text.length) {
    const char = text.charAt(index);
    if ((index === text.length && last < index) || char === ' ' || char === '\t') {
      width += runAdvance(font, text.slice(last, ++index), undefined, scale);
      last = index;
    } else {
      index++;
    }
  }
  return width;
}

/** The scaled advance of `text` shaped as one run, tracked as `shape` tracks it. */
function runAdvance(font: ShapingFont, text: string, tracking: Tracking | undefined, scale: number): number {
  const positions = shapeShared(font, text).positions;
  const extra = tracking && tracking.em !== 0 ? tracking.em * font.unitsPerEm : 0;
  let width = 0;
  let started = false;
  for (let i = 0; i < positions.length; i++) {
    let advance = positions[i]!.xAdvance;
    if (extra !== 0) {
      if (startsCluster(positions[i]!)) started = true;
      const next = positions[i + 1];
      if (started && (next ? startsCluster(next) : tracking!.trailing)) advance += extra;
    }
    width += advance * scale;
  }
  return width;
}

/** A glyph position as pdfkit's `layoutRun` leaves it: scaled, with the glyph's advance added. */
export interface ScaledPosition extends GlyphPosition {
  advanceWidth: number;
}

/**
 * What pdfkit's `layoutRun(text, features)` returns for a shaping font, made in one go: `shape`'s
 * positions each multiplied by `scale` (pdfkit multiplies every key of a position in place) and
 * given its glyph's scaled advance, and the run's width as the sum of them. pdfkit's way (copy,
 * then a for…in over every position, then a property added to each) showed in the profile of
 * drawing. Undefined for a font that is not a shaping font.
 */
export function scaledRun(shaped: ShapingFont, text: string, features: unknown, scale: number): { glyphs: Glyph[]; positions: ScaledPosition[]; readonly advanceWidth: number } | undefined {
  const font = originals.get(shaped);
  if (!font) return undefined;
  const run = shape(font, text, trackingOf(features));
  const positions: ScaledPosition[] = run.positions.map((p, i) => ({
    xAdvance: p.xAdvance * scale,
    yAdvance: p.yAdvance * scale,
    xOffset: p.xOffset * scale,
    yOffset: p.yOffset * scale,
    advanceWidth: run.glyphs[i]!.advanceWidth * scale,
  }));
  return {
    glyphs: run.glyphs,
    positions,
    get advanceWidth() {
      return positions.reduce((sum, p) => sum + p.xAdvance, 0);
    },
  };
}

/** Number of character clusters: the places where distributed justification adds space. */
export function clusterCount(run: GlyphRun): number {
  let n = 0;
  for (const p of run.positions) if (startsCluster(p)) n++;
  return n;
}

/**
 * fontkit keeps one glyph object per id, and a layout hands out that object with the characters it
 * was first made for (`getGlyph(id, codePoints)` ignores codePoints once the object exists): the
 * text of a glyph then depends on what the process laid out before, e.g. a combining acute first
 * met inside a taken-apart Ś has none in every later document. Each layout's glyphs get the
 * characters of that layout instead, on a thin object over the shared one.
 */
function layoutOwnCodePoints(font: ShapingFont): void {
  const fontkit = font as ShapingFont & { getGlyph(id: number, codePoints?: number[]): Glyph; [OWN_CODE_POINTS]?: true };
  if (fontkit[OWN_CODE_POINTS] || typeof fontkit.getGlyph !== 'function') return;
  const shared = fontkit.getGlyph.bind(fontkit);
  fontkit.getGlyph = function (id: number, codePoints?: number[]): Glyph {
    const glyph = shared(id, codePoints);
    // Calls without characters (subsetting, outlines) get the shared object, as before.
    if (codePoints === undefined || !glyph) return glyph;
    return Object.create(glyph, { codePoints: { value: codePoints.slice(), enumerable: true } }) as Glyph;
  };
  fontkit[OWN_CODE_POINTS] = true;
}
const OWN_CODE_POINTS = Symbol('ownCodePoints');

/** The fontkit font under each shaping font. */
const originals = new WeakMap<ShapingFont, ShapingFont>();

/**
 * A fontkit font whose `layout` goes through `shape`. pdfkit calls `layout(text, features)` for
 * both measuring and drawing; every other property is the original font's.
 */
export function shapingFont<F extends ShapingFont>(font: F): F {
  layoutOwnCodePoints(font);
  const shaped = Object.create(font) as F;
  shaped.layout = (text: string, features?: string[]) => shape(font, text, trackingOf(features));
  originals.set(shaped, font);
  return shaped;
}
