import type { MeasureOutcome, RoundOutcome, StepCounts, StepOutcome } from '../analysis/followup.ts';
import type { ReportData } from '../data/types.ts';
import { periodView, type PeriodView } from './view.ts';

/**
 * The view the follow-up report's template sees (templates/followup.hbs). As the report's view:
 * every field present (null when the data has none), statuses as flags, so that the words of each
 * status are the template's.
 */

export interface CountsView {
  total: number;
  done: number;
  in_progress: number;
  not_started: number;
  percent: number;
}

export interface StepView {
  number: number;
  text: string;
  done: boolean;
  in_progress: boolean;
  not_started: boolean;
  result: string | null;
  when: PeriodView | null;
  evidence: { title: string; url: string | null }[];
  problems: string | null;
  suggestions: string | null;
}

export interface MeasureFollowupView {
  number: number;
  title: string;
  owner: string;
  counts: CountsView;
  steps: StepView[];
  problems: string | null;
  suggestions: string | null;
}

export interface FollowupView {
  agency: string;
  fiscal_year: number;
  months: number;
  /** The round's first and last day and the date it reports up to (ISO). */
  start: string;
  end: string;
  as_of: string;
  counts: CountsView;
  measures: MeasureFollowupView[];
}

export function buildFollowupView(data: ReportData, round: RoundOutcome): FollowupView {
  return {
    agency: data.agency,
    fiscal_year: data.fiscalYear,
    months: round.months,
    start: round.start,
    end: round.end,
    as_of: round.asOf,
    counts: countsView(round.counts),
    measures: round.measures.map((m) => measureView(m, data.fiscalYear)),
  };
}

const countsView = (c: StepCounts): CountsView => ({ total: c.total, done: c.done, in_progress: c.inProgress, not_started: c.notStarted, percent: c.percentDone });

function measureView(m: MeasureOutcome, fiscalYear: number): MeasureFollowupView {
  return {
    number: m.number,
    title: m.title,
    owner: m.owner,
    counts: countsView(m.counts),
    steps: m.steps.map((s) => stepView(s, fiscalYear)),
    problems: m.problems ?? null,
    suggestions: m.suggestions ?? null,
  };
}

function stepView(s: StepOutcome, fiscalYear: number): StepView {
  const p = s.progress;
  return {
    number: s.number,
    text: s.text,
    done: s.status === 'done',
    in_progress: s.status === 'in_progress',
    not_started: s.status === 'not_started',
    result: p?.result ?? null,
    when: p?.when === undefined ? null : periodView(p.when, fiscalYear),
    evidence: (p?.evidence ?? []).map((e) => ({ title: e.title, url: e.url ?? null })),
    problems: p?.problems ?? null,
    suggestions: p?.suggestions ?? null,
  };
}
