import { scriptRuns } from '../../thai/scripts.ts';

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
}

/**
 * Characters that mark or forbid break opportunities but have no glyph in the Thai fonts: left in,
 * each would be drawn as a box (.notdef). Line breaking is done before shaping, so they carry
 * nothing here any more.
 */
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;

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

/** Shapes text run by run, with optional tracking; positions are in font units. */
export function shape(font: ShapingFont, text: string, tracking?: Tracking): GlyphRun {
  const glyphs: Glyph[] = [];
  const positions: GlyphPosition[] = [];
  for (const run of scriptRuns(text.replace(INVISIBLE, ''))) {
    const shaped = font.layout(run.text, [], run.script === 'thai' ? 'thai' : undefined);
    glyphs.push(...shaped.glyphs);
    positions.push(...shaped.positions);
  }
  if (tracking && tracking.em !== 0) {
    const extra = tracking.em * font.unitsPerEm;
    for (let i = 0; i < positions.length; i++) {
      const next = positions[i + 1];
      if (next ? startsCluster(next) : tracking.trailing) positions[i]!.xAdvance += extra;
    }
  }
  let advanceWidth = 0;
  for (const p of positions) advanceWidth += p.xAdvance;
  return { glyphs, positions, advanceWidth };
}

/** Number of character clusters: the places where distributed justification adds space. */
export function clusterCount(run: GlyphRun): number {
  let n = 0;
  for (const p of run.positions) if (startsCluster(p)) n++;
  return n;
}

/**
 * A fontkit font whose `layout` goes through `shape`. pdfkit calls `layout(text, features)` for
 * both measuring and drawing; every other property is the original font's.
 */
export function shapingFont<F extends ShapingFont>(font: F): F {
  const shaped = Object.create(font) as F;
  shaped.layout = (text: string, features?: string[]) => shape(font, text, trackingOf(features));
  return shaped;
}
