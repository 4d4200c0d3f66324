import type { GlyphPosition, ShapingFont, SharedRun } from './shaping.ts';
import { sharedRun, shapedRun, useShapedBefore } from './shaping.ts';

/**
 * Shaped runs written out and read back (the build's, src/fonts/shaped-at-build.ts): the same
 * glyphs, characters and positions as fontkit gives, in flat number arrays, so that a program
 * started cold can skip shaping what the build has shaped.
 */

/** The parts of a fontkit font that say which font file it is. */
interface IdentifiedFont extends ShapingFont {
  postscriptName?: string;
  numGlyphs?: number;
  head?: { checkSumAdjustment?: number };
}

/**
 * Which font file a font is: its name, glyph count and the checksum the file's head table holds
 * for the whole file (OpenType's checkSumAdjustment), so an edited file is another font.
 * Undefined for a font that does not say.
 */
export function fontIdentity(font: ShapingFont): string | undefined {
  const f = font as IdentifiedFont;
  const checksum = f.head?.checkSumAdjustment;
  if (!f.postscriptName || f.numGlyphs === undefined || checksum === undefined) return undefined;
  return `${f.postscriptName}/${f.numGlyphs}/${checksum}`;
}

/** One run: its text, its glyphs as [id, advance, count of characters, ...characters] each, its positions four numbers each. */
type SavedRun = [text: string, glyphs: number[], positions: number[]];

interface Saved {
  /** Font identity → runs. */
  fonts: Record<string, SavedRun[]>;
}

/** The runs of `texts` of each font (see `recordShaping`), as JSON (the order of `texts`, so the same texts give the same bytes). */
export function saveRuns(texts: ReadonlyMap<ShapingFont, ReadonlySet<string>>): string {
  const saved: Saved = { fonts: {} };
  for (const [font, wanted] of texts) {
    const identity = fontIdentity(font);
    if (!identity) continue;
    const runs = (saved.fonts[identity] ??= []);
    for (const text of wanted) runs.push(encode(text, shapedRun(font, text)));
  }
  return JSON.stringify(saved);
}

function encode(text: string, run: SharedRun): SavedRun {
  const glyphs: number[] = [];
  for (const g of run.glyphs) glyphs.push(g.id, g.advanceWidth, g.codePoints.length, ...g.codePoints);
  const positions: number[] = [];
  for (const p of run.positions) positions.push(p.xAdvance, p.yAdvance, p.xOffset, p.yOffset);
  return [text, glyphs, positions];
}

function decode([, flatGlyphs, flatPositions]: SavedRun): SharedRun {
  const glyphs: SharedRun['glyphs'] = [];
  for (let i = 0; i < flatGlyphs.length; ) {
    const count = flatGlyphs[i + 2]!;
    glyphs.push({ id: flatGlyphs[i]!, advanceWidth: flatGlyphs[i + 1]!, codePoints: flatGlyphs.slice(i + 3, i + 3 + count) });
    i += 3 + count;
  }
  const positions: GlyphPosition[] = [];
  for (let i = 0; i < flatPositions.length; i += 4) {
    positions.push({ xAdvance: flatPositions[i]!, yAdvance: flatPositions[i + 1]!, xOffset: flatPositions[i + 2]!, yOffset: flatPositions[i + 3]! });
  }
  return sharedRun(glyphs, positions);
}

/** The runs `saved` (JSON of `saveRuns`) holds for this very font, decoded. */
export function savedRunsFor(font: ShapingFont, saved: string): [string, SharedRun][] {
  return (savedFor(font, saved) ?? []).map((run) => [run[0], decode(run)]);
}

/** The runs `saved` holds for this very font (by its identity), as saved. */
function savedFor(font: ShapingFont, saved: string): SavedRun[] | undefined {
  const identity = fontIdentity(font);
  return saved && identity ? parsed(saved).fonts[identity] : undefined;
}

let lastParsed: { text: string; saved: Saved } | undefined;
function parsed(text: string): Saved {
  if (lastParsed?.text !== text) lastParsed = { text, saved: JSON.parse(text) as Saved };
  return lastParsed.saved;
}

/**
 * Has the shaper take this font's runs from `saved` before shaping anew: each run is decoded
 * when a document first asks for its text (decoding all of them at start cost a cold build 30 ms).
 */
export function preloadSavedRuns(font: ShapingFont, saved: string): void {
  const runs = savedFor(font, saved);
  if (!runs) return;
  const byText = new Map(runs.map((run) => [run[0], run]));
  useShapedBefore(font, (text) => {
    const run = byText.get(text);
    return run && decode(run);
  });
}
