import type { Analysis } from './analyse.ts';

/**
 * Year over year: this year's scores against the same agency's previous year. Differences are
 * taken in hundredths, the precision scores are published in, so 85.25 − 83.00 is 2.25 exactly
 * and a score that did not move reads as unchanged, never as "up 0.00".
 */

export type Direction = 'up' | 'down' | 'same';

export interface Change {
  previous: number;
  current: number;
  /** Size of the change, always ≥ 0; `direction` says which way. */
  amount: number;
  direction: Direction;
}

export interface IndicatorChange {
  number: number;
  name: string;
  current: number;
  /** Absent when the previous year's framework had no such indicator. */
  change?: Change;
  /** Met the strength threshold this year but not last year, or the reverse. */
  crossed?: 'above' | 'below';
}

export interface Comparison {
  previousFiscalYear: number;
  previousAssessmentYear: number;
  overall: Change;
  /** Framework order. */
  indicators: IndicatorChange[];
  counts: Record<Direction, number>;
  /** The indicators that rose most (ties share the place); empty when none rose. */
  largestIncrease: IndicatorChange[];
  largestDecrease: IndicatorChange[];
}

const hundredths = (n: number): number => Math.round(n * 100);

export function change(previous: number, current: number): Change {
  const delta = hundredths(current) - hundredths(previous);
  return { previous, current, amount: Math.abs(delta) / 100, direction: delta > 0 ? 'up' : delta < 0 ? 'down' : 'same' };
}

export function compareYears(
  current: Analysis,
  previous: Analysis,
  years: { fiscal: number; assessment: number },
): Comparison {
  const before = new Map(previous.indicators.map((i) => [i.number, i]));
  const indicators: IndicatorChange[] = current.indicators.map((i) => {
    const old = before.get(i.number);
    if (!old) return { number: i.number, name: i.name, current: i.score };
    const crossed = i.strength && !old.strength ? 'above' : !i.strength && old.strength ? 'below' : undefined;
    return { number: i.number, name: i.name, current: i.score, change: change(old.score, i.score), ...(crossed && { crossed }) };
  });
  const counts: Record<Direction, number> = { up: 0, down: 0, same: 0 };
  for (const i of indicators) if (i.change) counts[i.change.direction]++;
  const extreme = (direction: Direction): IndicatorChange[] => {
    const moved = indicators.filter((i) => i.change?.direction === direction);
    const largest = Math.max(0, ...moved.map((i) => i.change!.amount));
    return moved.filter((i) => i.change!.amount === largest);
  };
  return {
    previousFiscalYear: years.fiscal,
    previousAssessmentYear: years.assessment,
    overall: change(previous.overall.score, current.overall.score),
    indicators,
    counts,
    largestIncrease: extreme('up'),
    largestDecrease: extreme('down'),
  };
}
