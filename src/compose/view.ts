import type { Analysis, IndicatorResult } from '../analysis/analyse.ts';
import type { Change, Comparison, IndicatorChange } from '../analysis/compare.ts';
import type { Framework } from '../data/frameworks.ts';
import type { IssueRow, Measure, Period, ReportData } from '../data/types.ts';
import { quarterRange } from '../thai/fiscal.ts';
import { garudaSvg } from './assets.ts';

/**
 * The view model the templates see. Every field is present (null when the data has none),
 * because templates run in Handlebars' strict mode, where a misspelt field is an error rather
 * than a silent blank in an official document.
 */
export interface IndicatorView {
  number: number;
  name: string;
  tool: string;
  score: number;
  rank: number;
  strength: boolean;
}

export interface ExplainedIndicator extends IndicatorView {
  explanation: string;
}

export interface RankGroupView {
  indicators: IndicatorView[];
  score: number;
  tie: boolean;
  strength: boolean;
  first: boolean;
  second: boolean;
  last: boolean;
}

export interface IssueView {
  indicator: IndicatorView;
  points: string[];
}

export interface MeasureView {
  number: number;
  title: string;
  steps: string[];
  owner: string;
  monitoring: string;
  budget: number | null;
  has_budget: boolean;
  period: PeriodView;
}

export interface ChangeView {
  previous: number;
  score: number;
  /** Size of the change (≥ 0); the flags say which way. */
  amount: number;
  up: boolean;
  down: boolean;
  same: boolean;
}

export interface IndicatorChangeView {
  number: number;
  name: string;
  score: number;
  previous: number | null;
  change: ChangeView | null;
  crossed_above: boolean;
  crossed_below: boolean;
}

export interface ExtremeView {
  indicators: IndicatorChangeView[];
  amount: number;
}

/** A tool's score as a percent of its own maximum, and whether it reaches the pass mark. */
export interface ToolView {
  id: string;
  name: string;
  weight: number;
  score: number | null;
  passed: boolean;
}

export interface RatingView {
  words: string;
  /**
   * When the overall score alone would have reached the band above: that band's minimum for every
   * tool and the tools below it. The band is not named (templates/partials/tool-scores.hbs).
   */
  held_back: { tool_min: number; tools: ToolView[] } | null;
}

/** Against the same agency's previous year; null when there is no usable previous-year file. */
export interface ComparisonView {
  previous_fiscal_year: number;
  previous_assessment_year: number;
  overall: ChangeView;
  indicators: IndicatorChangeView[];
  counts: { up: number; down: number; same: number };
  largest_increase: ExtremeView | null;
  largest_decrease: ExtremeView | null;
  crossed_above: IndicatorChangeView[];
  crossed_below: IndicatorChangeView[];
}

export interface ReportView {
  /** Whether the report shows its charts (`--no-charts` turns them off). */
  charts: boolean;
  comparison: ComparisonView | null;
  agency: string;
  fiscal_year: number;
  assessment_year: number;
  framework_year: number;
  threshold: number;
  pass_mark: number;
  overall: { score: number; level: string; passed: boolean };
  /** The rating in words; null in years whose framework has no rule for it. */
  rating: RatingView | null;
  counts: Analysis['counts'];
  indicators: IndicatorView[];
  tools: ToolView[];
  ranking: RankGroupView[];
  highest: RankGroupView;
  lowest: RankGroupView;
  all_equal: boolean;
  strengths: ExplainedIndicator[];
  weaknesses: ExplainedIndicator[];
  urgent: IssueView[];
  improve: IssueView[];
  measures: MeasureView[];
  principles: string | null;
  /**
   * The announcement's own texts; `emblem` heads the ประกาศ form: the agency's own file when it has
   * one (`own`), else the shipped Garuda.
   */
  announcement: { intro: string | null; form: 'proclamation' | 'table'; emblem: { svg: string; own: boolean } };
  /** Each part null when unknown: the announcement leaves a dotted line for it. */
  signatory: { name: string | null; position: string | null; date: string | null };
}

/** Default explanation texts of a framework year (templates/explanations/<year>.yaml). */
export type Explanations = ReadonlyMap<number, { strength: string; weakness: string }>;

export function buildView(
  data: ReportData,
  analysis: Analysis,
  framework: Framework,
  explain: (indicator: IndicatorView, kind: 'strength' | 'weakness') => string,
  options: { charts: boolean; comparison?: Comparison },
): ReportView {
  const byNumber = new Map(analysis.indicators.map((i) => [i.number, indicatorView(i)]));
  const groups = analysis.rankGroups.map((group, i, all) => rankGroupView(group, i, all.length));
  const issue = (row: IssueRow): IssueView => ({
    indicator: byNumber.get(row.indicator) ?? unknownIndicator(row.indicator),
    points: row.points,
  });
  const explained = (list: IndicatorResult[], kind: 'strength' | 'weakness'): ExplainedIndicator[] =>
    list.map((i) => {
      const view = indicatorView(i);
      return { ...view, explanation: data.explanations.get(i.number) ?? explain(view, kind) };
    });
  return {
    charts: options.charts,
    comparison: options.comparison ? comparisonView(options.comparison) : null,
    agency: data.agency,
    fiscal_year: data.fiscalYear,
    assessment_year: data.assessmentYear,
    framework_year: framework.year,
    threshold: data.threshold,
    pass_mark: framework.passMark,
    overall: { score: analysis.overall.score, level: analysis.overall.level, passed: analysis.overall.passed },
    counts: analysis.counts,
    indicators: analysis.indicators.map(indicatorView),
    rating: ratingView(analysis),
    tools: analysis.tools.map(toolView),
    ranking: groups,
    highest: groups[0] ?? rankGroupView([], 0, 1),
    lowest: groups.at(-1) ?? rankGroupView([], 0, 1),
    all_equal: analysis.allEqual,
    strengths: explained(analysis.strengths, 'strength'),
    weaknesses: explained(analysis.weaknesses, 'weakness'),
    urgent: data.urgent.map(issue),
    improve: data.improve.map(issue),
    measures: data.measures.map((m, i) => measureView(m, i + 1, data.fiscalYear)),
    principles: data.principles ?? null,
    announcement: {
      intro: data.announcement.intro ?? null,
      form: data.announcement.form,
      emblem: data.announcement.emblem ? { svg: data.announcement.emblem.svg, own: true } : { svg: garudaSvg(), own: false },
    },
    signatory: {
      name: data.signatory.name ?? null,
      position: data.signatory.position ?? null,
      date: data.signatory.date ?? null,
    },
  };
}

function toolView(t: Analysis['tools'][number]): ToolView {
  return { id: t.id, name: t.name, weight: t.weight, score: t.score ?? null, passed: t.passed ?? false };
}

function ratingView({ rating, tools }: Analysis): RatingView | null {
  if (!rating) return null;
  const held = rating.heldBack;
  const ids = new Set(held?.tools.map((t) => t.id));
  return {
    words: rating.words,
    held_back: held ? { tool_min: held.toolMin, tools: tools.filter((t) => ids.has(t.id)).map(toolView) } : null,
  };
}

function changeView(c: Change): ChangeView {
  return { previous: c.previous, score: c.current, amount: c.amount, up: c.direction === 'up', down: c.direction === 'down', same: c.direction === 'same' };
}

function indicatorChangeView(i: IndicatorChange): IndicatorChangeView {
  return {
    number: i.number,
    name: i.name,
    score: i.current,
    previous: i.change?.previous ?? null,
    change: i.change ? changeView(i.change) : null,
    crossed_above: i.crossed === 'above',
    crossed_below: i.crossed === 'below',
  };
}

function comparisonView(c: Comparison): ComparisonView {
  const extreme = (list: IndicatorChange[]): ExtremeView | null =>
    list.length === 0 ? null : { indicators: list.map(indicatorChangeView), amount: list[0]!.change!.amount };
  return {
    previous_fiscal_year: c.previousFiscalYear,
    previous_assessment_year: c.previousAssessmentYear,
    overall: changeView(c.overall),
    indicators: c.indicators.map(indicatorChangeView),
    counts: c.counts,
    largest_increase: extreme(c.largestIncrease),
    largest_decrease: extreme(c.largestDecrease),
    crossed_above: c.indicators.filter((i) => i.crossed === 'above').map(indicatorChangeView),
    crossed_below: c.indicators.filter((i) => i.crossed === 'below').map(indicatorChangeView),
  };
}

function indicatorView(i: IndicatorResult): IndicatorView {
  return { number: i.number, name: i.name, tool: i.tool, score: i.score, rank: i.rank, strength: i.strength };
}

/** Analysis rejects unknown indicators; this only keeps the types honest. */
function unknownIndicator(number: number): IndicatorView {
  return { number, name: '', tool: '', score: 0, rank: 0, strength: false };
}

function rankGroupView(group: IndicatorResult[], index: number, count: number): RankGroupView {
  return {
    indicators: group.map(indicatorView),
    score: group[0]?.score ?? 0,
    tie: group.length > 1,
    strength: group[0]?.strength ?? false,
    first: index === 0,
    second: index === 1,
    last: index === count - 1,
  };
}

/** A period (a measure's, a follow-up step's) as templates read it: a quarter also as its dates. */
export interface PeriodView {
  text: string | null;
  from: string | null;
  to: string | null;
  quarter: number | null;
}

export function periodView(period: Period | undefined, fiscalYear: number): PeriodView {
  if (period === undefined) return { text: null, from: null, to: null, quarter: null };
  if (typeof period === 'string') return { text: period, from: null, to: null, quarter: null };
  if ('from' in period) return { text: null, from: period.from, to: period.to, quarter: null };
  const range = quarterRange(fiscalYear, period.quarter);
  return { text: null, from: range.start, to: range.end, quarter: period.quarter };
}

function measureView(m: Measure, number: number, fiscalYear: number): MeasureView {
  return {
    number,
    title: m.title,
    steps: m.steps,
    owner: m.owner,
    monitoring: m.monitoring,
    budget: m.budget ?? null,
    has_budget: m.budget !== undefined,
    period: periodView(m.period, fiscalYear),
  };
}
