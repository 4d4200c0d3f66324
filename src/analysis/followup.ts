import type { FieldPath, Finding, Period, ReportData, RoundMonths, StepProgress, StepStatus } from '../data/types.ts';
import { fiscalYearRange, quarterRange } from '../thai/fiscal.ts';
import { roundTo } from '../thai/numbers.ts';

/**
 * The follow-up report's figures: for each round of progress in the data file, every step of every
 * measure of §6 with its status (a step the round says nothing about has not been started), and the
 * counts and percents done, overall and per measure. Pure: the data file in, numbers out.
 */

export interface StepCounts {
  total: number;
  done: number;
  inProgress: number;
  notStarted: number;
  /** Steps done as a percent of all steps, two decimals; 0 when there are no steps. */
  percentDone: number;
}

export interface StepOutcome {
  /** 1-based, as in §6. */
  number: number;
  text: string;
  status: StepStatus;
  /** What the clerk wrote for this step in this round; undefined when nothing. */
  progress: StepProgress | undefined;
}

export interface MeasureOutcome {
  number: number;
  title: string;
  owner: string;
  steps: StepOutcome[];
  counts: StepCounts;
  problems: string | undefined;
  suggestions: string | undefined;
}

export interface RoundOutcome {
  months: RoundMonths;
  /** The round's first and last day (ISO): the fiscal year's start to 31 March or 30 September. */
  start: string;
  end: string;
  /** The date the round reports up to: the clerk's `as_of`, else the round's end. */
  asOf: string;
  measures: MeasureOutcome[];
  counts: StepCounts;
}

export function countSteps(statuses: readonly StepStatus[]): StepCounts {
  const done = statuses.filter((s) => s === 'done').length;
  const inProgress = statuses.filter((s) => s === 'in_progress').length;
  return {
    total: statuses.length,
    done,
    inProgress,
    notStarted: statuses.length - done - inProgress,
    percentDone: statuses.length === 0 ? 0 : roundTo((done * 100) / statuses.length, 2),
  };
}

/** The first and last day of a round of fiscal year `fiscalYear` (B.E.). */
export function roundRange(fiscalYear: number, months: RoundMonths): { start: string; end: string } {
  const year = fiscalYearRange(fiscalYear);
  return { start: year.start, end: months === 6 ? quarterRange(fiscalYear, 2).end : year.end };
}

export function analyseFollowup(data: ReportData): { rounds: RoundOutcome[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const rounds = data.followup.map((round): RoundOutcome => {
    const key = String(round.months);
    const { start, end } = roundRange(data.fiscalYear, round.months);
    const asOf = round.asOf ?? end;
    const fiscal = fiscalYearRange(data.fiscalYear);
    if (round.asOf !== undefined && (round.asOf < start || round.asOf > end)) {
      findings.push({ severity: 'warning', code: 'followup.as-of-outside-round', path: ['followup', key, 'as_of'], params: { value: round.asOf, round: round.months, start, end } });
    }
    for (const [m, measure] of round.measures) {
      const defined = data.measures[m - 1];
      const measurePath: FieldPath = ['followup', key, 'measures', String(m)];
      if (!defined) {
        findings.push({ severity: 'error', code: 'followup.unknown-measure', path: measurePath, params: { round: round.months, measure: m, count: data.measures.length } });
        continue;
      }
      for (const [n, step] of measure.steps) {
        const stepPath: FieldPath = [...measurePath, 'steps', String(n)];
        if (n > defined.steps.length) {
          findings.push({ severity: 'error', code: 'followup.unknown-step', path: stepPath, params: { round: round.months, measure: m, step: n, count: defined.steps.length } });
          continue;
        }
        if (step.status === 'done' && !step.result?.trim()) {
          findings.push({ severity: 'warning', code: 'followup.done-without-result', path: [...stepPath, 'status'], params: { round: round.months, measure: m, step: n } });
        }
        for (const date of datesOf(step.when, step.status, data.fiscalYear)) {
          const path: FieldPath = [...stepPath, 'when', ...date.at];
          if (date.from > fiscal.end || date.to < fiscal.start) {
            findings.push({ severity: 'warning', code: 'followup.date-outside-fiscal-year', path, params: { value: date.label, fiscal: data.fiscalYear, start: fiscal.start, end: fiscal.end } });
          } else if (date.from > asOf) {
            findings.push({ severity: 'warning', code: 'followup.date-after-round', path, params: { value: date.label, round: round.months, end: asOf } });
          }
        }
      }
    }
    const measures = data.measures.map((defined, i): MeasureOutcome => {
      const progress = round.measures.get(i + 1);
      const steps = defined.steps.map((text, k): StepOutcome => {
        const step = progress?.steps.get(k + 1);
        return { number: k + 1, text, status: step?.status ?? 'not_started', progress: step };
      });
      return {
        number: i + 1,
        title: defined.title,
        owner: defined.owner,
        steps,
        counts: countSteps(steps.map((s) => s.status)),
        problems: progress?.problems,
        suggestions: progress?.suggestions,
      };
    });
    return { months: round.months, start, end, asOf, measures, counts: countSteps(measures.flatMap((m) => m.steps.map((s) => s.status))) };
  });
  return { rounds, findings };
}

/**
 * The dates of a step's `when` to hold against the fiscal year and the round, each as a range:
 * a date range's start, and its end only for a step marked done (a step still under way may give
 * the end it plans); a quarter as its months. Text is not read.
 */
function datesOf(when: Period | undefined, status: StepStatus, fiscalYear: number): { from: string; to: string; label: string; at: string[] }[] {
  if (when === undefined || typeof when === 'string') return [];
  if ('from' in when) {
    const dates = [{ from: when.from, to: when.from, label: when.from, at: ['from'] }];
    if (status === 'done') dates.push({ from: when.to, to: when.to, label: when.to, at: ['to'] });
    return dates;
  }
  const quarter = quarterRange(fiscalYear, when.quarter);
  return [{ from: quarter.start, to: quarter.end, label: `Q${when.quarter}`, at: ['quarter'] }];
}
