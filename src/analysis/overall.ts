import type { Framework, LevelBand } from '../data/frameworks.ts';

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

/** Mean score of each tool's indicators (IIT, EIT, OIT), for the report's overview table. */
export function toolScores(
  framework: Framework,
  scores: ReadonlyMap<number, number>,
): { id: string; name: string; weight: number; score: number | undefined }[] {
  return framework.tools.map((tool) => {
    const values = framework.indicators.filter((i) => i.tool === tool.id).map((i) => scores.get(i.number));
    const complete = values.every((v): v is number => v !== undefined) && values.length > 0;
    // The mean in hundredths, rounded to whole hundredths: two decimals, as the NACC prints them.
    const score = complete ? roundHalfUp(values.reduce((s, v) => s + Math.round(v * 100), 0) / values.length) / 100 : undefined;
    return { id: tool.id, name: tool.name, weight: tool.weight, score };
  });
}

export function levelOf(score: number, levels: readonly LevelBand[]): string {
  // Bands are sorted highest first; the epsilon keeps 84.99999999 (float noise) out of A.
  for (const band of levels) if (score + 1e-9 >= band.min) return band.level;
  return levels.at(-1)?.level ?? '';
}

function roundHalfUp(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x) + 1e-9);
}
