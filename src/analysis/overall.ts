import type { Framework, LevelBand, RatingBand } from '../data/frameworks.ts';

/**
 * The weighted overall score: Σ weight·score / 100, rounded once after weighting. Computed in
 * integers (scores in hundredths, weights in thousandths of a percent) so that binary floating
 * point can never tip a result across a rounding boundary.
 */
export function weightedOverall(framework: Framework, scores: ReadonlyMap<number, number>): number | undefined {
  let total = 0;
  for (const ind of framework.indicators) {
    const score = scores.get(ind.number);
    if (score === undefined) return undefined;
    total += Math.round(score * 100) * Math.round(ind.weight * 1000);
  }
  // total is in units of 1e-2 (score) × 1e-3 (weight) × 1e-2 (percent) = 1e-7 of a point.
  const unit = 10 ** (7 - framework.rounding);
  return roundHalfUp(total / unit) / 10 ** framework.rounding;
}

export interface ToolScore {
  id: string;
  name: string;
  weight: number;
  /** The tool's score as a percent of its own maximum, two decimals; undefined while a score is missing. */
  score: number | undefined;
}

/**
 * Each tool's score (IIT, EIT, OIT) as a percent of its own maximum: the weighted mean of its
 * indicators, in integers as weightedOverall, rounded to hundredths as the NACC prints them.
 */
export function toolScores(framework: Framework, scores: ReadonlyMap<number, number>): ToolScore[] {
  return framework.tools.map((tool) => {
    let total = 0;
    let weights = 0;
    let complete = true;
    for (const ind of framework.indicators.filter((i) => i.tool === tool.id)) {
      const score = scores.get(ind.number);
      if (score === undefined) complete = false;
      else total += Math.round(score * 100) * Math.round(ind.weight * 1000);
      weights += Math.round(ind.weight * 1000);
    }
    const score = complete && weights > 0 ? roundHalfUp(total / weights) / 100 : undefined;
    return { id: tool.id, name: tool.name, weight: tool.weight, score };
  });
}

export interface RatingOutcome {
  band: RatingBand;
  /**
   * The band just above, when the overall score reaches it and only tools kept the agency out:
   * those tools, so that the report can say why (94.64 overall with EIT under 85 is ผ่าน).
   */
  heldBack?: { band: RatingBand; tools: ToolScore[] };
}

/**
 * The rating in words of an overall score and its tools' scores, by the year's bands (highest
 * first, the last one starting at 0). Undefined while a tool has no score.
 */
export function ratingOf(total: number, tools: readonly ToolScore[], bands: readonly RatingBand[]): RatingOutcome | undefined {
  if (tools.some((t) => t.score === undefined)) return undefined;
  const reaches = (value: number, min: number): boolean => value + 1e-9 >= min;
  const below = (band: RatingBand): ToolScore[] =>
    band.eachTool === undefined ? [] : tools.filter((t) => !reaches(t.score!, band.eachTool!));
  const index = bands.findIndex((band) => reaches(total, band.min) && below(band).length === 0);
  const band = bands[index] ?? bands.at(-1);
  if (!band) return undefined;
  const above = index > 0 ? bands[index - 1] : undefined;
  if (above && reaches(total, above.min)) return { band, heldBack: { band: above, tools: below(above) } };
  return { band };
}

export function levelOf(score: number, levels: readonly LevelBand[]): string {
  // Bands are sorted highest first; the epsilon keeps 84.99999999 (float noise) out of A.
  for (const band of levels) if (score + 1e-9 >= band.min) return band.level;
  return levels.at(-1)?.level ?? '';
}

function roundHalfUp(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x) + 1e-9);
}
