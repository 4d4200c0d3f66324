import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { parse, stringify, type ToStringOptions } from 'yaml';
import type { Framework } from '../../src/data/frameworks.ts';
import { roundRange } from '../../src/analysis/followup.ts';
import type { Measure, Period, RawData, RawRound, RawStepProgress } from '../../src/data/types.ts';
import type { DigitSystem } from '../../src/model/types.ts';
import { dateYears, FIRST_ASSESSMENT_YEAR, FRAMEWORKS, listBounds, maxTextLength, numberRange, schemaNode, yearRange } from './limits.ts';
import { fitText, textArbitrary, urlArbitrary, type TextOptions } from './text.ts';

/**
 * Valid data files across the whole schema, as YAML text, with the render options to build
 * them with. Everything is built with map/record/array, so fast-check can shrink a failing file.
 */

export interface RenderChoice {
  digits: DigitSystem;
  charts: boolean;
  justify: boolean;
  continuation: boolean;
}

export interface ValidCase {
  data: RawData;
  yaml: string;
  /** How the YAML was written (for the report of a counterexample). */
  style: string;
  render: RenderChoice;
}

export interface ValidOptions extends TextOptions {
  /** Long texts (400 to 5,000 characters) as well as short ones. Default true. */
  long?: boolean;
  /** Largest number of measures, steps, points (default: the schema's maxItems, else 40). */
  maxList?: number;
  /**
   * Upper bound on the characters of all texts together: a file over it keeps its structure but
   * has its later texts cut short. Keeps a seeded run's time bounded; fuzz runs raise it.
   */
  maxTotalChars?: number;
  /**
   * Progress for the follow-up report (`followup:`): in about a third of the files (default
   * 'sometimes', which keeps `npm test`'s rendering time near what it was), in every file with one
   * round or both ('always', for fuzz runs about the follow-up report), or never.
   */
  followup?: 'sometimes' | 'always' | 'never';
}

const BE_OFFSET = 543;

/** Lists of `lo` to `hi` items, weighted toward few (most files have 1–6 measures), some up to `hi`. */
function arrayBetween<T>(item: fc.Arbitrary<T>, lo: number, hi: number, big = false): fc.Arbitrary<T[]> {
  const max = Math.max(lo, hi);
  const [few, some, many] = big ? [1, 2, 6] : [6, 3, 1];
  return fc.oneof(
    { arbitrary: fc.array(item, { minLength: lo, maxLength: Math.min(max, lo + 2) }), weight: few },
    { arbitrary: fc.array(item, { minLength: lo, maxLength: Math.min(max, lo + 5) }), weight: some },
    { arbitrary: fc.array(item, { minLength: lo, maxLength: max, size: 'max' }), weight: many },
  );
}

/** A list of `item` with the schema's bounds at `path`, weighted toward short lists. */
function listOf<T>(item: fc.Arbitrary<T>, path: readonly (string | number)[], options: ValidOptions, atLeast = 0): fc.Arbitrary<T[]> {
  const { min, max } = listBounds(path, options.maxList);
  return arrayBetween(item, Math.max(min, atLeast), max, options.big);
}

const text = (path: readonly (string | number)[], options: ValidOptions): fc.Arbitrary<string> =>
  textArbitrary(maxTextLength(path), { ...options, long: options.long ?? true });

/** The string branch of a oneOf (measures[].period, a step's `when`, an evidence item). */
function textBranchMax(path: readonly (string | number)[] = ['measures', 0, 'period']): number {
  const node = schemaNode(path);
  const branch = node?.oneOf?.find((b) => b.type === 'string');
  return Math.min(5000, branch?.maxLength ?? Infinity);
}
const periodTextMax = (): number => textBranchMax();

const pad = (n: number, width: number): string => String(n).padStart(width, '0');
/** Days in a month of a year ≥ 100 (Date.UTC reads years 0–99 as 1900–1999). */
const daysIn = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** A date before the fiscal year is known: a day of it, or any date the loader takes. */
type DateSeed = { day: number } | { year: number; month: number; dayOfMonth: number };

/**
 * A valid Gregorian date (the loader takes years 0100–2399): mostly within the fiscal year, now
 * and then anywhere in that range.
 */
const dateSeedArbitrary: fc.Arbitrary<DateSeed> = fc.oneof(
  { arbitrary: fc.record({ day: fc.integer({ min: 0, max: 364 }) }), weight: 8 },
  {
    arbitrary: fc.record({ year: fc.integer({ min: dateYears().min, max: dateYears().max }), month: fc.integer({ min: 1, max: 12 }), dayOfMonth: fc.integer({ min: 1, max: 31 }) }),
    weight: 1,
  },
);

/** The date, kept inside the years the loader accepts (a fiscal year far out has its dates clamped). */
function resolveDate(seed: DateSeed, fiscalYear: number): string {
  const years = dateYears();
  let year: number, month: number, day: number;
  if ('day' in seed) {
    const d = new Date(Date.UTC(fiscalYear - BE_OFFSET - 1, 9, 1) + seed.day * 86_400_000);
    [year, month, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
  } else [year, month, day] = [seed.year, seed.month, seed.dayOfMonth];
  year = Math.max(years.min, Math.min(years.max, year));
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(Math.min(day, daysIn(year, month)), 2)}`;
}

/** A score as published (92.56, 97) or any double in range. */
function percentArbitrary(path: readonly (string | number)[]): fc.Arbitrary<number> {
  const { min, max } = numberRange(path);
  const lo = Math.max(0, min);
  const hi = Math.min(100, max);
  return fc.oneof(
    { arbitrary: fc.integer({ min: Math.ceil(lo * 100), max: Math.floor(hi * 100) }).map((h) => h / 100), weight: 6 },
    { arbitrary: fc.integer({ min: Math.ceil(lo), max: Math.floor(hi) }), weight: 2 },
    { arbitrary: fc.constantFrom(lo, hi), weight: 1 },
    { arbitrary: fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true }), weight: 1 },
  );
}

function budgetArbitrary(): fc.Arbitrary<number> {
  const { min, max } = numberRange(['measures', 0, 'budget']);
  const lo = Math.max(0, min);
  return fc.oneof(
    { arbitrary: fc.constant(0), weight: 3 },
    { arbitrary: fc.integer({ min: 1, max: 5_000_000 }), weight: 6 },
    { arbitrary: fc.integer({ min: 0, max: 99_999_999 }).map((s) => s / 100), weight: 3 },
    { arbitrary: fc.constantFrom(lo, max), weight: 1 },
    { arbitrary: fc.double({ min: lo, max, noNaN: true, noDefaultInfinity: true }), weight: 1 },
  );
}

interface Years {
  fiscal_year: number;
  assessment_year?: number;
  framework?: number;
  framework_def: Framework;
}

/** Every framework year, reached by default, by assessment_year, or by an explicit framework. */
function yearsArbitrary(): fc.Arbitrary<Years> {
  const fiscal = yearRange('fiscal_year');
  const assess = yearRange('assessment_year');
  const near = fc.oneof({ arbitrary: fc.constant(1), weight: 8 }, { arbitrary: fc.integer({ min: 0, max: 3 }), weight: 2 }, { arbitrary: fc.integer({ min: 0, max: 200 }), weight: 1 });
  return fc
    .record({
      framework: fc.constantFrom(...FRAMEWORKS),
      mode: fc.constantFrom('default', 'assessment', 'framework'),
      offset: near,
      explicitFramework: fc.boolean(),
      assessment: fc.oneof({ arbitrary: fc.integer({ min: -2, max: 2 }), weight: 4 }, { arbitrary: fc.integer({ min: assess.min, max: assess.max }).map((y) => y - 10_000), weight: 1 }),
    })
    .map(({ framework, mode, offset, explicitFramework, assessment }): Years => {
      const clampFiscal = (y: number, atLeast: number): number => Math.max(atLeast, fiscal.min, Math.min(fiscal.max, y));
      const fy = framework.year;
      if (mode === 'default' && fy + 1 <= fiscal.max && fy + 1 >= fiscal.min) {
        return { fiscal_year: fy + 1, framework_def: framework };
      }
      if (mode === 'framework') {
        // Any assessment year (near the framework's, or anywhere the schema allows) since the ten
        // indicators began: a result of the ITA before them is refused whatever framework: says.
        const a = assessment < -1000 ? assessment + 10_000 : fy + assessment;
        const assessmentYear = Math.max(assess.min, FIRST_ASSESSMENT_YEAR, Math.min(assess.max, fiscal.max, a));
        return { fiscal_year: clampFiscal(assessmentYear + offset, assessmentYear), assessment_year: assessmentYear, framework: fy, framework_def: framework };
      }
      return {
        fiscal_year: clampFiscal(fy + offset, fy),
        assessment_year: fy,
        ...(explicitFramework && { framework: fy }),
        framework_def: framework,
      };
    });
}

/** An issue row whose indicator is picked (by index) once the framework is known. */
interface IssueSeed {
  pick: number;
  points: string[];
}

function issueRowsArbitrary(section: 'urgent' | 'improve', options: ValidOptions): fc.Arbitrary<IssueSeed[]> {
  const row = fc.record({
    pick: fc.nat(),
    points: listOf(text([section, 0, 'points', 0], options), [section, 0, 'points'], options, 1),
  });
  // Most files have a few rows; the same indicator twice is only a warning, so it may happen.
  const { max } = listBounds([section]);
  return arrayBetween(row, 0, max, options.big);
}

type PeriodSeed = { text: string } | { from: DateSeed; to: DateSeed } | { quarter: 1 | 2 | 3 | 4 };

function periodArbitrary(options: ValidOptions): fc.Arbitrary<PeriodSeed> {
  return fc.oneof(
    fc.record({ text: textArbitrary(periodTextMax(), { ...options, long: false }) }),
    fc.record({ from: dateSeedArbitrary, to: dateSeedArbitrary }),
    fc.record({ quarter: fc.constantFrom(1 as const, 2 as const, 3 as const, 4 as const) }),
  );
}

function resolvePeriod(seed: PeriodSeed, fiscalYear: number): Period {
  if ('text' in seed) return seed.text;
  if ('quarter' in seed) return { quarter: seed.quarter };
  const [a, b] = [resolveDate(seed.from, fiscalYear), resolveDate(seed.to, fiscalYear)];
  return a <= b ? { from: a, to: b } : { from: b, to: a };
}

interface MeasureSeed extends Omit<Measure, 'period'> {
  period?: PeriodSeed;
}

function measureArbitrary(options: ValidOptions): fc.Arbitrary<MeasureSeed> {
  return fc.record(
    {
      title: text(['measures', 0, 'title'], options),
      steps: listOf(text(['measures', 0, 'steps', 0], options), ['measures', 0, 'steps'], options, 1),
      owner: text(['measures', 0, 'owner'], options),
      monitoring: text(['measures', 0, 'monitoring'], options),
      budget: budgetArbitrary(),
      period: periodArbitrary(options),
    },
    { requiredKeys: ['title', 'steps', 'owner', 'monitoring'] },
  );
}

// ---------------------------------------------------------------------------------------------
// The follow-up report (followup.<round>): progress on a random subset of §6's measures and steps,
// by number, picked once the measures are known (as the issue rows pick their indicators).

/** Where a step's and a measure's progress sit in the schema (round "12" has the same schema). */
const MEASURE_AT = ['followup', '6', 'measures', '1'] as const;
const STEP_AT = [...MEASURE_AT, 'steps', '1'] as const;

/** Every status word the schema takes, Thai and English. */
function statusWords(): string[] {
  const words = schemaNode([...STEP_AT, 'status'])?.enum;
  if (!words || words.length === 0) throw new Error('generator: the schema has no status words for followup steps');
  return words.map(String);
}

/**
 * When a step was done: text; two days of the round (as offsets from its first day), or, now and
 * then, any two dates the loader takes (a warning, not an error, when outside the round); a quarter
 * of the round.
 */
type WhenSeed = { text: string } | { from: number; to: number } | { anyFrom: DateSeed; anyTo: DateSeed } | { quarter: number };

type EvidenceSeed = string | { title: string; url?: string };

interface StepProgressSeed {
  pick: number;
  status: string;
  result?: string;
  when?: WhenSeed;
  evidence?: EvidenceSeed[];
  problems?: string;
  suggestions?: string;
}

interface MeasureProgressSeed {
  pick: number;
  steps?: StepProgressSeed[];
  problems?: string;
  suggestions?: string;
}

interface RoundSeed {
  asOf?: number;
  measures: MeasureProgressSeed[];
}

type FollowupSeed = { '6'?: RoundSeed; '12'?: RoundSeed };

function whenArbitrary(options: ValidOptions): fc.Arbitrary<WhenSeed> {
  return fc.oneof(
    { arbitrary: fc.record({ text: textArbitrary(textBranchMax([...STEP_AT, 'when']), { ...options, long: false }) }), weight: 3 },
    { arbitrary: fc.record({ from: fc.nat(), to: fc.nat() }), weight: 3 },
    { arbitrary: fc.record({ anyFrom: dateSeedArbitrary, anyTo: dateSeedArbitrary }), weight: 1 },
    { arbitrary: fc.record({ quarter: fc.nat() }), weight: 2 },
  );
}

function evidenceArbitrary(options: ValidOptions): fc.Arbitrary<EvidenceSeed> {
  const title = text([...STEP_AT, 'evidence', 0, 'title'], { ...options, long: false });
  const url = urlArbitrary(maxTextLength([...STEP_AT, 'evidence', 0, 'url']), options);
  return fc.oneof(
    textArbitrary(textBranchMax([...STEP_AT, 'evidence', 0]), { ...options, long: false }),
    fc.record({ title, url }, { requiredKeys: ['title'] }),
  );
}

function roundArbitrary(options: ValidOptions): fc.Arbitrary<RoundSeed> {
  const step = fc.record(
    {
      pick: fc.nat(),
      status: fc.constantFrom(...statusWords()),
      result: text([...STEP_AT, 'result'], options),
      when: whenArbitrary(options),
      evidence: listOf(evidenceArbitrary(options), [...STEP_AT, 'evidence'], options),
      problems: text([...STEP_AT, 'problems'], options),
      suggestions: text([...STEP_AT, 'suggestions'], options),
    },
    { requiredKeys: ['pick', 'status'] },
  );
  // Up to as many picks as §6 may have steps and measures (repeated picks are one entry); none
  // too (`steps: {}`, `measures: {}`: every step not started).
  const most = (path: readonly (string | number)[]): number => listBounds(path, options.maxList).max;
  const someOrNone = <T>(item: fc.Arbitrary<T>, path: readonly (string | number)[]): fc.Arbitrary<T[]> =>
    fc.oneof({ arbitrary: arrayBetween(item, 1, most(path), options.big), weight: 9 }, { arbitrary: fc.constant<T[]>([]), weight: 1 });
  const measure = fc.record(
    {
      pick: fc.nat(),
      steps: someOrNone(step, ['measures', 0, 'steps']),
      problems: text([...MEASURE_AT, 'problems'], options),
      suggestions: text([...MEASURE_AT, 'suggestions'], options),
    },
    { requiredKeys: ['pick'] },
  );
  return fc.record({ asOf: fc.nat(), measures: someOrNone(measure, ['measures']) }, { requiredKeys: ['measures'] });
}

/** One round or both (or, now and then, `followup: {}`, which makes no document). */
function followupArbitrary(options: ValidOptions, atLeastOne: boolean): fc.Arbitrary<FollowupSeed> {
  const round = roundArbitrary(options);
  return fc.oneof(
    { arbitrary: fc.record({ '6': round }), weight: 3 },
    { arbitrary: fc.record({ '12': round }), weight: 3 },
    { arbitrary: fc.record({ '6': round, '12': round }), weight: 3 },
    ...(atLeastOne ? [] : [{ arbitrary: fc.constant({}), weight: 1 }]),
  );
}

function followupChoiceArbitrary(options: ValidOptions): fc.Arbitrary<FollowupSeed | undefined> {
  const choice = options.followup ?? 'sometimes';
  if (choice === 'never') return fc.constant(undefined);
  if (choice === 'always') return followupArbitrary(options, true);
  return fc.oneof({ arbitrary: fc.constant(undefined), weight: 2 }, { arbitrary: followupArbitrary(options, false), weight: 1 });
}

const DAY_MS = 86_400_000;

/** The progress as the file writes it, by measure and step number (picks modulo the counts). */
function resolveFollowup(seed: FollowupSeed, measures: Measure[], fiscalYear: number): NonNullable<RawData['followup']> {
  const out: NonNullable<RawData['followup']> = {};
  for (const key of ['6', '12'] as const) {
    const round = seed[key];
    if (!round) continue;
    const months = key === '6' ? 6 : 12;
    const range = roundRange(fiscalYear, months);
    const days = Math.round((Date.parse(range.end) - Date.parse(range.start)) / DAY_MS) + 1;
    const inRound = (n: number): string => resolveDate({ day: n % days }, fiscalYear);
    const sorted = (a: string, b: string): Period => (a <= b ? { from: a, to: b } : { from: b, to: a });
    const when = (w: WhenSeed): Period => {
      if ('text' in w) return w.text;
      if ('quarter' in w) return { quarter: ((w.quarter % (months / 3)) + 1) as 1 | 2 | 3 | 4 };
      if ('anyFrom' in w) return sorted(resolveDate(w.anyFrom, fiscalYear), resolveDate(w.anyTo, fiscalYear));
      return sorted(inRound(w.from), inRound(w.to));
    };
    const progress: RawRound['measures'] = {};
    for (const m of round.measures) {
      const i = m.pick % measures.length;
      const count = measures[i]!.steps.length;
      const steps: Record<string, RawStepProgress> = {};
      for (const s of m.steps ?? []) {
        steps[String((s.pick % count) + 1)] = {
          status: s.status,
          ...(s.result !== undefined && { result: s.result }),
          ...(s.when !== undefined && { when: when(s.when) }),
          ...(s.evidence !== undefined && { evidence: s.evidence }),
          ...(s.problems !== undefined && { problems: s.problems }),
          ...(s.suggestions !== undefined && { suggestions: s.suggestions }),
        };
      }
      progress[String(i + 1)] = {
        ...(m.steps !== undefined && { steps }),
        ...(m.problems !== undefined && { problems: m.problems }),
        ...(m.suggestions !== undefined && { suggestions: m.suggestions }),
      };
    }
    out[key] = { ...(round.asOf !== undefined && { as_of: inRound(round.asOf) }), measures: progress };
  }
  return out;
}

const LEVELS = ['AA', 'A', 'B', 'C', 'D', 'E', 'F'] as const;

/** Indicators a framework may have: scores are drawn for this many and cut to the framework's. */
const MOST_INDICATORS = Math.max(...FRAMEWORKS.map((f) => f.indicators.length));

export function rawDataArbitrary(options: ValidOptions = {}): fc.Arbitrary<RawData> {
  const long = options.long ?? true;
  const known = fc.nat();
  return fc
    .record(
      {
        years: yearsArbitrary(),
        agency: text(['agency'], { ...options, long }),
        overall: fc.record({ score: percentArbitrary(['overall', 'score']), level: fc.constantFrom(...LEVELS) }, { requiredKeys: ['score'] }),
        threshold: percentArbitrary(['threshold']),
        scores: fc.array(percentArbitrary(['scores', '1']), { minLength: MOST_INDICATORS, maxLength: MOST_INDICATORS }),
        // Mostly indicators of the framework (picked by index); now and then any key, which
        // is only a warning when the framework has no such indicator.
        explanations: fc.array(
          fc.record({ key: fc.oneof({ arbitrary: known.map((n) => ({ pick: n })), weight: 9 }, { arbitrary: fc.integer({ min: 1, max: 99 }).map((n) => ({ any: n })), weight: 1 }), text: text(['explanations', '1'], options) }),
          { maxLength: 4 },
        ),
        principles: text(['principles'], options),
        urgent: issueRowsArbitrary('urgent', options),
        improve: issueRowsArbitrary('improve', options),
        measures: listOf(measureArbitrary(options), ['measures'], options, 1),
        // Both forms of the announcement (the ประกาศ by default); an emblem file is not generated.
        announcement: fc.record({ intro: text(['announcement', 'intro'], options), form: fc.constantFrom('proclamation' as const, 'table' as const) }, { requiredKeys: [] }),
        // Every part optional, the whole too: without a position the announcement has a dotted line.
        signatory: fc.record(
          {
            name: text(['signatory', 'name'], { ...options, long }),
            position: text(['signatory', 'position'], options),
            date: dateSeedArbitrary,
          },
          { requiredKeys: [] },
        ),
        followup: followupChoiceArbitrary(options),
      },
      { requiredKeys: ['years', 'agency', 'overall', 'scores', 'measures', 'followup'] },
    )
    .map((seed): RawData => {
      const { framework_def: framework, ...yearKeys } = seed.years;
      const numbers = framework.indicators.map((i) => i.number);
      const pick = (n: number): number => numbers[n % numbers.length]!;
      const fy = yearKeys.fiscal_year;
      const measures = seed.measures.map(({ period, ...m }) => ({ ...m, ...(period !== undefined && { period: resolvePeriod(period, fy) }) }));
      const data: RawData = {
        agency: seed.agency,
        ...yearKeys,
        overall: seed.overall,
        ...(seed.threshold !== undefined && { threshold: seed.threshold }),
        scores: Object.fromEntries(numbers.map((n, i) => [String(n), seed.scores[i]!])),
        ...(seed.explanations !== undefined && {
          explanations: Object.fromEntries(seed.explanations.map((e) => ['pick' in e.key ? String(pick(e.key.pick)) : String(e.key.any), e.text])),
        }),
        ...(seed.principles !== undefined && { principles: seed.principles }),
        ...(seed.urgent !== undefined && { urgent: seed.urgent.map((r) => ({ indicator: pick(r.pick), points: r.points })) }),
        ...(seed.improve !== undefined && { improve: seed.improve.map((r) => ({ indicator: pick(r.pick), points: r.points })) }),
        measures,
        ...(seed.announcement !== undefined && { announcement: seed.announcement }),
        ...(seed.signatory !== undefined && {
          signatory: {
            ...(seed.signatory.name !== undefined && { name: seed.signatory.name }),
            ...(seed.signatory.position !== undefined && { position: seed.signatory.position }),
            ...(seed.signatory.date !== undefined && { date: resolveDate(seed.signatory.date, fy) }),
          },
        }),
        ...(seed.followup !== undefined && { followup: resolveFollowup(seed.followup, measures, fy) }),
      };
      return capTotalText(data, options.maxTotalChars ?? Infinity);
    });
}

/** Cuts later texts short once the file holds `budget` characters of text (structure kept). */
function capTotalText(data: RawData, budget: number): RawData {
  if (!Number.isFinite(budget)) return data;
  let used = 0;
  const fit = (s: string): string => {
    const n = Array.from(s).length;
    if (used + n <= budget) {
      used += n;
      return s;
    }
    const room = Math.max(1, Math.min(n, budget - used, 24));
    used += room;
    return fitText(s, room);
  };
  // A web address keeps its http:// or https:// (the schema's pattern); the rest counts as text.
  const fitUrl = (url: string): string => {
    const scheme = /^https?:\/\//.exec(url)?.[0] ?? '';
    return scheme + fit(url.slice(scheme.length));
  };
  return mapTexts(data, fit, fitUrl);
}

/**
 * Applies `f` to every text of a data file (not to dates, levels, status words or keys), and `url`
 * to every web address of the follow-up's evidence (unchanged by default: `f` could make it invalid).
 */
export function mapTexts(data: RawData, f: (s: string) => string, url: (s: string) => string = (s) => s): RawData {
  const period = (p: Period | undefined): Period | undefined => (typeof p === 'string' ? f(p) : p);
  const out: RawData = {
    ...data,
    agency: f(data.agency),
    ...(data.explanations && { explanations: Object.fromEntries(Object.entries(data.explanations).map(([k, v]) => [k, f(v)])) }),
    ...(data.principles !== undefined && { principles: f(data.principles) }),
    ...(data.urgent && { urgent: data.urgent.map((r) => ({ ...r, points: r.points.map(f) })) }),
    ...(data.improve && { improve: data.improve.map((r) => ({ ...r, points: r.points.map(f) })) }),
    measures: data.measures.map((m) => {
      const p = period(m.period);
      return { ...m, title: f(m.title), steps: m.steps.map(f), owner: f(m.owner), monitoring: f(m.monitoring), ...(p !== undefined && { period: p }) };
    }),
    ...(data.announcement && { announcement: data.announcement.intro !== undefined ? { ...data.announcement, intro: f(data.announcement.intro) } : data.announcement }),
    ...(data.signatory && {
      signatory: {
        ...data.signatory,
        ...(data.signatory.position !== undefined && { position: f(data.signatory.position) }),
        ...(data.signatory.name !== undefined && { name: f(data.signatory.name) }),
      },
    }),
    ...(data.followup && { followup: mapFollowupTexts(data.followup, f, url) }),
  };
  return out;
}

function mapFollowupTexts(followup: NonNullable<RawData['followup']>, f: (s: string) => string, url: (s: string) => string): NonNullable<RawData['followup']> {
  const optional = <K extends string>(o: Partial<Record<K, string>>, ...keys: K[]): Partial<Record<K, string>> =>
    Object.fromEntries(keys.flatMap((k) => (o[k] !== undefined ? [[k, f(o[k])]] : []))) as Partial<Record<K, string>>;
  const step = (s: RawStepProgress): RawStepProgress => ({
    ...s,
    ...optional(s, 'result'),
    ...(typeof s.when === 'string' && { when: f(s.when) }),
    ...(s.evidence && { evidence: s.evidence.map((e) => (typeof e === 'string' ? f(e) : { ...e, title: f(e.title), ...(e.url !== undefined && { url: url(e.url) }) })) }),
    ...optional(s, 'problems', 'suggestions'),
  });
  const round = (r: RawRound): RawRound => ({
    ...r,
    measures: Object.fromEntries(
      Object.entries(r.measures).map(([m, measure]) => [
        m,
        {
          ...measure,
          ...(measure.steps && { steps: Object.fromEntries(Object.entries(measure.steps).map(([n, s]) => [n, step(s)])) }),
          ...optional(measure, 'problems', 'suggestions'),
        },
      ]),
    ),
  });
  return {
    ...(followup['6'] && { '6': round(followup['6']) }),
    ...(followup['12'] && { '12': round(followup['12']) }),
  };
}

// ---------------------------------------------------------------------------------------------
// YAML text.

export interface YamlStyle {
  strings: 'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE' | 'BLOCK_LITERAL' | 'BLOCK_FOLDED';
  lineWidth: 0 | 40 | 80;
  indent: 2 | 4;
  indentSeq: boolean;
  collections: 'any' | 'block' | 'flow';
  bom: boolean;
  crlf: boolean;
  header: boolean;
}

export const yamlStyleArbitrary: fc.Arbitrary<YamlStyle> = fc.record({
  strings: fc.oneof({ arbitrary: fc.constant('PLAIN' as const), weight: 6 }, fc.constantFrom('QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED')),
  lineWidth: fc.constantFrom(0, 40, 80),
  indent: fc.constantFrom(2, 4),
  indentSeq: fc.boolean(),
  collections: fc.oneof({ arbitrary: fc.constant('any' as const), weight: 6 }, fc.constantFrom('block', 'flow')),
  bom: fc.oneof({ arbitrary: fc.constant(false), weight: 9 }, fc.constant(true)),
  crlf: fc.oneof({ arbitrary: fc.constant(false), weight: 6 }, fc.constant(true)),
  header: fc.boolean(),
});

export const DEFAULT_STYLE: YamlStyle = { strings: 'PLAIN', lineWidth: 0, indent: 2, indentSeq: true, collections: 'any', bom: false, crlf: false, header: true };

const describeStyle = (s: YamlStyle): string =>
  `strings ${s.strings}, lineWidth ${s.lineWidth}, indent ${s.indent}${s.indentSeq ? '' : ' (sequences unindented)'}, collections ${s.collections}${s.bom ? ', BOM' : ''}${s.crlf ? ', CRLF' : ''}`;

/**
 * The data as a YAML file in the given style. The text must read back as exactly the data: if a
 * style cannot carry some value (the yaml library then picks another quoting itself, so this is
 * rare), the plain style is used, and if even that does not round-trip the generator is wrong.
 */
export function toYamlText(data: RawData, style: YamlStyle = DEFAULT_STYLE): { text: string; style: string } {
  const options: ToStringOptions = {
    defaultStringType: style.strings,
    defaultKeyType: 'PLAIN',
    lineWidth: style.lineWidth,
    indent: style.indent,
    indentSeq: style.indentSeq,
    collectionStyle: style.collections,
  };
  let text = stringify(data, { ...options, aliasDuplicateObjects: false });
  let used = style;
  if (!roundTrips(text, data)) {
    // The yaml library's multi-line double quotes do not always read back ("\r\n \n" loses its
    // space): one-line JSON-style double quotes always do.
    used = { ...DEFAULT_STYLE, strings: 'QUOTE_DOUBLE' };
    text = stringify(data, { lineWidth: 0, aliasDuplicateObjects: false, defaultStringType: 'QUOTE_DOUBLE', doubleQuotedAsJSON: true });
    if (!roundTrips(text, data)) throw new Error(`generator: the data does not survive a YAML round trip: ${firstDifference(data, text)}`);
  }
  if (used.header) text = '# yaml-language-server: $schema=../ita-report.schema.json\n# property-test data (test/property), not a real agency\n\n' + text;
  if (used.crlf) {
    const crlf = text.replace(/\n/g, '\r\n');
    if (roundTrips(crlf, data)) text = crlf;
  }
  if (used.bom) text = '\uFEFF' + text;
  return { text, style: describeStyle(used) };
}

function firstDifference(data: RawData, text: string): string {
  let back: unknown;
  try {
    back = parse(text, { uniqueKeys: true });
  } catch (err) {
    return `does not parse: ${String(err).slice(0, 200)}`;
  }
  const walk = (a: unknown, b: unknown, at: string): string | undefined => {
    if (a && typeof a === 'object') {
      for (const k of new Set([...Object.keys(a), ...Object.keys((b ?? {}) as object)])) {
        const d = walk((a as Record<string, unknown>)[k], (b as Record<string, unknown> | undefined)?.[k], `${at}.${k}`);
        if (d) return d;
      }
      return undefined;
    }
    return isDeepStrictEqual(a, b) ? undefined : `${at}: ${JSON.stringify(a)} became ${JSON.stringify(b)}`;
  };
  return walk(data, back, '') ?? 'no difference found';
}

/** The data as YAML holds it: keys whose value is undefined are not written (-0 stays -0). */
function withoutUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutUndefined);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, withoutUndefined(v)]));
  }
  return value;
}

/**
 * Whether the text, once written as UTF-8, reads back as the data. Through the bytes: the yaml
 * library folds long double-quoted lines even inside a surrogate pair (an emoji), which reads back
 * in memory but not from a file.
 */
function roundTrips(text: string, data: RawData): boolean {
  try {
    const file = new TextDecoder().decode(new TextEncoder().encode(text));
    return isDeepStrictEqual(parse(file, { uniqueKeys: true }), withoutUndefined(data));
  } catch {
    return false;
  }
}

export const renderChoiceArbitrary: fc.Arbitrary<RenderChoice> = fc.record({
  digits: fc.oneof({ arbitrary: fc.constant('thai' as const), weight: 4 }, { arbitrary: fc.constant('arabic' as const), weight: 1 }),
  charts: fc.oneof({ arbitrary: fc.constant(true), weight: 3 }, { arbitrary: fc.constant(false), weight: 1 }),
  justify: fc.oneof({ arbitrary: fc.constant(true), weight: 3 }, { arbitrary: fc.constant(false), weight: 1 }),
  continuation: fc.oneof({ arbitrary: fc.constant(true), weight: 3 }, { arbitrary: fc.constant(false), weight: 1 }),
});

export function validCaseArbitrary(options: ValidOptions = {}): fc.Arbitrary<ValidCase> {
  return fc.tuple(rawDataArbitrary(options), yamlStyleArbitrary, renderChoiceArbitrary).map(([data, style, render]) => {
    const yaml = toYamlText(data, style);
    return { data, yaml: yaml.text, style: yaml.style, render };
  });
}
