import { describe, expect, it } from 'vitest';
import { analyse, type Analysis } from '../../src/analysis/analyse.ts';
import { levelOf, weightedOverall } from '../../src/analysis/overall.ts';
import { readFileSync } from 'node:fs';
import { loadFramework, type Framework } from '../../src/data/frameworks.ts';
import { parseReportData } from '../../src/data/load.ts';
import type { Finding, IssueRow, ReportData } from '../../src/data/types.ts';

const framework: Framework = (() => {
  const f = loadFramework(2565);
  if (!f) throw new Error('frameworks/2565.yaml is missing');
  return f;
})();

/** The §2 scores of the Nakhon Pathom reference report (indicator → percent). */
const NAKHON_PATHOM: Record<number, number> = {
  1: 92.56,
  2: 85.25,
  3: 87.46,
  4: 82.14,
  5: 86.56,
  6: 94.12,
  7: 94.78,
  8: 91.82,
  9: 97,
  10: 100,
};

/** Ten scores, indicator 1 first; handy for the weighting cases. */
function scoreMap(scores: Record<number, number> | readonly number[]): Map<number, number> {
  if (Array.isArray(scores)) return new Map(scores.map((s, i) => [i + 1, s] as [number, number]));
  return new Map(Object.entries(scores).map(([k, v]) => [Number(k), v] as [number, number]));
}

function uniform(value: number, overrides: Record<number, number> = {}): Map<number, number> {
  const m = new Map<number, number>();
  for (let n = 1; n <= 10; n++) m.set(n, overrides[n] ?? value);
  return m;
}

interface DataOverrides extends Partial<Omit<ReportData, 'scores'>> {
  scores?: Map<number, number> | Record<number, number>;
}

/** A consistent report: the Nakhon Pathom scores with the overall their weighting gives. */
function makeData(overrides: DataOverrides = {}): ReportData {
  const { scores, ...rest } = overrides;
  return {
    agency: 'จังหวัดทดสอบ',
    fiscalYear: 2566,
    assessmentYear: 2565,
    frameworkYear: 2565,
    overall: { score: 93.51, level: 'A' },
    threshold: 85,
    scores: scores instanceof Map ? scores : scoreMap(scores ?? NAKHON_PATHOM),
    explanations: new Map(),
    urgent: [],
    improve: [],
    measures: [{ title: 'มาตรการ', steps: ['ขั้นตอน'], owner: 'ผู้รับผิดชอบ', monitoring: 'รายงานผล' }],
    announcement: { form: 'proclamation' },
    signatory: { position: 'ผู้ว่าราชการจังหวัด' },
    ...rest,
    followup: rest.followup ?? [],
  };
}

const numbers = (list: readonly { number: number }[]): number[] => list.map((i) => i.number);
const codes = (findings: readonly Finding[]): string[] => findings.map((f) => f.code);

/** Scores with ties: 100 ×2, 90 ×3, 85 ×2, 80, 70 ×2. */
const TIED: Record<number, number> = { 1: 80, 2: 90, 3: 90, 4: 70, 5: 90, 6: 85, 7: 70, 8: 85, 9: 100, 10: 100 };

describe('analyse: ranking', () => {
  it.each([
    {
      name: 'Nakhon Pathom §2',
      scores: NAKHON_PATHOM,
      ranking: [10, 9, 7, 6, 1, 8, 3, 5, 2, 4],
      ranks: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      groups: [[10], [9], [7], [6], [1], [8], [3], [5], [2], [4]],
    },
    {
      name: 'ties keep indicator order and share a rank',
      scores: TIED,
      ranking: [9, 10, 2, 3, 5, 6, 8, 1, 4, 7],
      ranks: [1, 1, 3, 3, 3, 6, 6, 8, 9, 9],
      groups: [[9, 10], [2, 3, 5], [6, 8], [1], [4, 7]],
    },
    {
      name: 'all equal',
      scores: Object.fromEntries(Array.from({ length: 10 }, (_, i) => [i + 1, 88.8])),
      ranking: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      ranks: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
      groups: [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]],
    },
    {
      name: 'ascending scores come out reversed',
      scores: { 1: 10, 2: 20, 3: 30, 4: 40, 5: 50, 6: 60, 7: 70, 8: 80, 9: 90, 10: 99.99 },
      ranking: [10, 9, 8, 7, 6, 5, 4, 3, 2, 1],
      ranks: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      groups: [[10], [9], [8], [7], [6], [5], [4], [3], [2], [1]],
    },
  ])('$name', ({ scores, ranking, ranks, groups }) => {
    const a = analyse(makeData({ scores }), framework);
    expect(numbers(a.ranking)).toEqual(ranking);
    expect(a.ranking.map((i) => i.rank)).toEqual(ranks);
    expect(a.rankGroups.map(numbers)).toEqual(groups);
    // every group holds one score only
    for (const g of a.rankGroups) expect(new Set(g.map((i) => i.score)).size).toBe(1);
  });

  it('does not depend on the order of the scores in the file', () => {
    const reversed = new Map([...scoreMap(TIED)].reverse());
    const a = analyse(makeData({ scores: reversed }), framework);
    expect(numbers(a.ranking)).toEqual([9, 10, 2, 3, 5, 6, 8, 1, 4, 7]);
    // `indicators` stays in framework order
    expect(numbers(a.indicators)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('carries the framework name, tool and weight of each indicator', () => {
    const a = analyse(makeData(), framework);
    const four = a.indicators.find((i) => i.number === 4);
    expect(four).toMatchObject({ name: 'การใช้ทรัพย์สินของราชการ', tool: 'IIT', weight: 6, score: 82.14, rank: 10 });
    const ten = a.indicators.find((i) => i.number === 10);
    expect(ten).toMatchObject({ name: 'การป้องกันการทุจริต', tool: 'OIT', weight: 20, score: 100, rank: 1 });
  });
});

describe('analyse: strengths and weaknesses', () => {
  it.each([
    {
      name: 'Nakhon Pathom at 85',
      scores: NAKHON_PATHOM,
      threshold: 85,
      strengths: [10, 9, 7, 6, 1, 8, 3, 5, 2],
      weaknesses: [4],
    },
    {
      name: 'Nakhon Pathom at 90',
      scores: NAKHON_PATHOM,
      threshold: 90,
      strengths: [10, 9, 7, 6, 1, 8],
      weaknesses: [3, 5, 2, 4],
    },
    {
      name: 'exactly 85.00 is a strength, 84.99 a weakness',
      scores: uniform(95, { 3: 85, 7: 84.99, 5: 85.01 }),
      threshold: 85,
      strengths: [1, 2, 4, 6, 8, 9, 10, 5, 3],
      weaknesses: [7],
    },
    {
      name: 'exactly the custom threshold 90 is a strength',
      scores: uniform(80, { 2: 90, 6: 89.99, 9: 90.01 }),
      threshold: 90,
      strengths: [9, 2],
      weaknesses: [6, 1, 3, 4, 5, 7, 8, 10],
    },
    {
      name: 'ties, ordered by score then indicator',
      scores: TIED,
      threshold: 85,
      strengths: [9, 10, 2, 3, 5, 6, 8],
      weaknesses: [1, 4, 7],
    },
    {
      name: 'none reach the threshold',
      scores: uniform(70),
      threshold: 85,
      strengths: [],
      weaknesses: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    },
    {
      name: 'threshold 0: everything is a strength',
      scores: uniform(0, { 10: 50 }),
      threshold: 0,
      strengths: [10, 1, 2, 3, 4, 5, 6, 7, 8, 9],
      weaknesses: [],
    },
  ])('$name', ({ scores, threshold, strengths, weaknesses }) => {
    const a = analyse(makeData({ scores, threshold }), framework);
    expect(a.threshold).toBe(threshold);
    expect(numbers(a.strengths)).toEqual(strengths);
    expect(numbers(a.weaknesses)).toEqual(weaknesses);
    expect(a.counts).toEqual({ indicators: 10, strengths: strengths.length, weaknesses: weaknesses.length });
    for (const i of a.indicators) expect(i.strength).toBe(i.score >= threshold);
  });
});

describe('analyse: highest, lowest, allEqual', () => {
  it.each([
    { name: 'Nakhon Pathom', scores: NAKHON_PATHOM, highest: [10], lowest: [4], allEqual: false },
    { name: 'ties at both ends', scores: TIED, highest: [9, 10], lowest: [4, 7], allEqual: false },
    {
      name: 'all equal',
      scores: uniform(91.25),
      highest: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      lowest: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      allEqual: true,
    },
    { name: 'one apart', scores: uniform(90, { 6: 90.01 }), highest: [6], lowest: [1, 2, 3, 4, 5, 7, 8, 9, 10], allEqual: false },
  ])('$name', ({ scores, highest, lowest, allEqual }) => {
    const a = analyse(makeData({ scores }), framework);
    expect(numbers(a.highest)).toEqual(highest);
    expect(numbers(a.lowest)).toEqual(lowest);
    expect(a.allEqual).toBe(allEqual);
    expect(a.counts.indicators).toBe(10);
  });
});

describe('weightedOverall (0.30·mean(I1..I5) + 0.30·mean(I6..I8) + 0.20·I9 + 0.20·I10, 2 decimals)', () => {
  it.each<{ name: string; scores: Map<number, number>; expected: number }>([
    // 6·433.97 + 10·280.72 + 20·197 = 9351.02 → 93.5102
    { name: 'Nakhon Pathom §2', scores: scoreMap(NAKHON_PATHOM), expected: 93.51 },
    { name: 'all 100', scores: uniform(100), expected: 100 },
    { name: 'all 0', scores: uniform(0), expected: 0 },
    { name: 'all 85', scores: uniform(85), expected: 85 },
    // 0.3·82 + 0.3·74 + 0.2·60 + 0.2·55 = 24.6 + 22.2 + 12 + 11
    { name: 'tool means', scores: scoreMap([80, 81, 82, 83, 84, 70, 75, 77, 60, 55]), expected: 69.8 },
    // only OIT: 0.2·100 + 0.2·100
    { name: 'only OIT at 100', scores: uniform(0, { 9: 100, 10: 100 }), expected: 40 },
    // only IIT at 100: 0.3·100
    { name: 'only IIT at 100', scores: uniform(0, { 1: 100, 2: 100, 3: 100, 4: 100, 5: 100 }), expected: 30 },
    // one IIT indicator at 100: 6 % of 100
    { name: 'one IIT indicator at 100', scores: uniform(0, { 3: 100 }), expected: 6 },
    // 90 + 6·0.25/100 = 90.015 exactly: half rounds up
    { name: 'half-way 90.015 rounds up', scores: uniform(90, { 1: 90.25 }), expected: 90.02 },
    // 90 + 10·0.05/100 = 90.005 exactly: half rounds up (binary floating point would say 90.00)
    { name: 'half-way 90.005 rounds up', scores: uniform(90, { 6: 90.05 }), expected: 90.01 },
    // 90 + 6·0.24/100 = 90.0144
    { name: '90.0144 rounds down', scores: uniform(90, { 1: 90.24 }), expected: 90.01 },
    // 90 + 6·0.08/100 = 90.0048
    { name: '90.0048 rounds down', scores: uniform(90, { 2: 90.08 }), expected: 90 },
    // 90 + 6·0.09/100 = 90.0054
    { name: '90.0054 rounds up', scores: uniform(90, { 2: 90.09 }), expected: 90.01 },
    // 85 − 20·0.01/100 = 84.998
    { name: '84.998 rounds to the pass mark', scores: uniform(85, { 9: 84.99 }), expected: 85 },
    // 85 − 10·0.05/100 = 84.995: half rounds up
    { name: '84.995 rounds up to 85', scores: uniform(85, { 7: 84.95 }), expected: 85 },
    // 85 − 10·0.06/100 = 84.994
    { name: '84.994 stays below 85', scores: uniform(85, { 7: 84.94 }), expected: 84.99 },
    // 95 − 20·0.03/100 = 94.994
    { name: '94.994 stays below AA', scores: uniform(95, { 10: 94.97 }), expected: 94.99 },
  ])('$name → $expected', ({ scores, expected }) => {
    expect(weightedOverall(framework, scores)).toBe(expected);
  });

  it('is undefined when an indicator is missing', () => {
    const scores = scoreMap(NAKHON_PATHOM);
    scores.delete(7);
    expect(weightedOverall(framework, scores)).toBeUndefined();
  });

  it('is reported by analyse as the computed overall', () => {
    const a = analyse(makeData({ overall: { score: 93.68, level: 'A' } }), framework);
    expect(a.overall.computed).toBe(93.51);
    expect(a.overall.computedLevel).toBe('A');
    expect(a.overall.score).toBe(93.68); // the declared score stays the score of record
  });
});

describe('levelOf (AA ≥95, A ≥85, B ≥75, C ≥65, D ≥55, E ≥50, F otherwise)', () => {
  it.each([
    [100, 'AA'],
    [95, 'AA'],
    [94.99, 'A'],
    [93.51, 'A'],
    [85, 'A'],
    [84.99, 'B'],
    [75, 'B'],
    [74.99, 'C'],
    [65, 'C'],
    [64.99, 'D'],
    [55, 'D'],
    [54.99, 'E'],
    [50, 'E'],
    [49.99, 'F'],
    [0, 'F'],
  ])('%s → %s', (score, level) => {
    expect(levelOf(score, framework.levels)).toBe(level);
  });

  it('analyse takes the level from the declared score', () => {
    const a = analyse(makeData({ overall: { score: 95 } }), framework);
    expect(a.overall.level).toBe('AA');
    expect(a.overall.declaredLevel).toBeUndefined();
  });

  it.each([
    [85, true],
    [85.01, true],
    [84.99, false],
    [0, false],
  ])('declared overall %s passes: %s', (score, passed) => {
    const a = analyse(makeData({ scores: uniform(score), overall: { score } }), framework);
    expect(a.overall.passed).toBe(passed);
    expect(a.passMark).toBe(85);
  });
});

describe('analyse: findings', () => {
  it('a fully consistent data set has no findings', () => {
    const a = analyse(
      makeData({
        urgent: [{ indicator: 4, points: ['ก'] }],
        improve: [{ indicator: 2, points: ['ข'] }],
        explanations: new Map([[4, 'คำอธิบาย']]),
        signatory: { position: 'ผู้ว่าราชการจังหวัด', date: '2023-01-16' },
      }),
      framework,
    );
    expect(a.findings).toEqual([]);
  });

  it('warns when the declared overall differs from the weighting by more than 0.01 (93.68 vs 93.51)', () => {
    const a = analyse(makeData({ overall: { score: 93.68, level: 'A' } }), framework);
    expect(a.findings).toEqual([
      {
        severity: 'warning',
        code: 'overall.mismatch',
        path: ['overall', 'score'],
        params: { declared: '93.68', computed: '93.51', difference: '0.17', tolerance: '0.01' },
      },
    ]);
  });

  it.each([
    { declared: 93.51, warns: false },
    { declared: 93.52, warns: false },
    { declared: 93.5, warns: false },
    { declared: 93.53, warns: true },
    { declared: 93.49, warns: true },
    { declared: 93.68, warns: true },
  ])('declared $declared vs computed 93.51 → mismatch warning: $warns', ({ declared, warns }) => {
    const a = analyse(makeData({ overall: { score: declared } }), framework);
    expect(codes(a.findings).includes('overall.mismatch')).toBe(warns);
    expect(a.findings.every((f) => f.severity === 'warning')).toBe(true);
  });

  it.each([
    // 85 − 10·0.05/100 = 84.995 → 85.00
    { scores: uniform(85, { 7: 84.95 }), declared: 84.99, warns: false },
    { scores: uniform(85, { 7: 84.95 }), declared: 84.98, warns: true },
    { scores: uniform(100), declared: 99.99, warns: false },
    { scores: uniform(100), declared: 99.98, warns: true },
    { scores: uniform(0), declared: 0.01, warns: false },
    { scores: uniform(0), declared: 0.02, warns: true },
  ])('computed from hand-weighted scores vs declared $declared → warns: $warns', ({ scores, declared, warns }) => {
    const a = analyse(makeData({ scores, overall: { score: declared } }), framework);
    expect(codes(a.findings).includes('overall.mismatch')).toBe(warns);
  });

  it.each([
    { score: 93.51, level: 'AA', expected: 'A' },
    { score: 93.51, level: 'B', expected: 'A' },
    { score: 95, level: 'A', expected: 'AA' },
    { score: 84.99, level: 'A', expected: 'B' },
  ])('declared level $level for $score → level-mismatch (expected $expected)', ({ score, level, expected }) => {
    const a = analyse(makeData({ scores: uniform(score), overall: { score, level } }), framework);
    expect(a.findings).toContainEqual({
      severity: 'warning',
      code: 'overall.level-mismatch',
      path: ['overall', 'level'],
      params: { declared: level, expected, score: score.toFixed(2) },
    });
    expect(a.overall.level).toBe(expected);
    expect(a.overall.declaredLevel).toBe(level);
  });

  it('a declared level that matches the band is not reported', () => {
    const a = analyse(makeData({ scores: uniform(95), overall: { score: 95, level: 'AA' } }), framework);
    expect(a.findings).toEqual([]);
  });

  it.each([4, 1, 10])('a missing indicator (%i) is an error', (missing) => {
    const scores = scoreMap(NAKHON_PATHOM);
    scores.delete(missing);
    const a = analyse(makeData({ scores }), framework);
    expect(a.findings).toContainEqual({
      severity: 'error',
      code: 'scores.missing',
      path: ['scores'],
      params: { indicator: missing, name: framework.indicators.find((i) => i.number === missing)!.name, framework: 2565 },
    });
    // no overall to compare with, so no mismatch warning
    expect(a.overall.computed).toBeUndefined();
    expect(codes(a.findings)).not.toContain('overall.mismatch');
    expect(a.counts.indicators).toBe(9);
    expect(numbers(a.ranking)).not.toContain(missing);
  });

  it.each([11, 12, 99])('an unknown indicator (%i) in scores is an error', (unknown) => {
    const scores = scoreMap(NAKHON_PATHOM);
    scores.set(unknown, 90);
    const a = analyse(makeData({ scores }), framework);
    const errors = a.findings.filter((f) => f.severity === 'error');
    expect(errors).toEqual([
      {
        severity: 'error',
        code: 'scores.unknown-indicator',
        path: ['scores', String(unknown)],
        params: { indicator: unknown, framework: 2565, count: 10 },
      },
    ]);
    expect(numbers(a.ranking)).not.toContain(unknown);
  });

  it.each([100.01, 120, -0.01, -5, Number.NaN])('a score of %s is out of range', (score) => {
    const a = analyse(makeData({ scores: uniform(90, { 3: score }) }), framework);
    expect(a.findings).toContainEqual({
      severity: 'error',
      code: 'scores.out-of-range',
      path: ['scores', '3'],
      params: { indicator: 3, score },
    });
  });

  it.each([0, 100, 0.01, 99.99])('a score of %s is in range', (score) => {
    const a = analyse(makeData({ scores: uniform(90, { 3: score }) }), framework);
    expect(codes(a.findings)).not.toContain('scores.out-of-range');
  });

  it.each<{ name: string; urgent: IssueRow[]; improve: IssueRow[]; paths: (string | number)[][]; indicators: number[] }>([
    {
      name: 'second urgent row',
      urgent: [
        { indicator: 4, points: ['ก'] },
        { indicator: 12, points: ['ข'] },
      ],
      improve: [],
      paths: [['urgent', 1, 'indicator']],
      indicators: [12],
    },
    {
      name: 'first improve row',
      urgent: [],
      improve: [
        { indicator: 0, points: ['ก'] },
        { indicator: 9, points: ['ข'] },
      ],
      paths: [['improve', 0, 'indicator']],
      indicators: [0],
    },
    {
      name: 'both sections',
      urgent: [{ indicator: 11, points: ['ก'] }],
      improve: [
        { indicator: 8, points: ['ข'] },
        { indicator: 9, points: ['ค'] },
        { indicator: 42, points: ['ง'] },
      ],
      paths: [
        ['urgent', 0, 'indicator'],
        ['improve', 2, 'indicator'],
      ],
      indicators: [11, 42],
    },
  ])('unknown indicator in issues: $name', ({ urgent, improve, paths, indicators }) => {
    const a = analyse(makeData({ urgent, improve }), framework);
    expect(a.findings).toEqual(
      paths.map((path, k) => ({
        severity: 'error',
        code: 'issues.unknown-indicator',
        path,
        params: { indicator: indicators[k], framework: 2565, count: 10 },
      })),
    );
  });

  it('an indicator listed twice in one section is a warning, across sections it is not', () => {
    const a = analyse(
      makeData({
        urgent: [
          { indicator: 4, points: ['ก'] },
          { indicator: 4, points: ['ข'] },
        ],
        improve: [{ indicator: 4, points: ['ค'] }],
      }),
      framework,
    );
    expect(a.findings).toEqual([
      { severity: 'warning', code: 'issues.duplicate-indicator', path: ['urgent', 1, 'indicator'], params: { indicator: 4 } },
    ]);
  });

  it('an explanation for an unknown indicator is a warning', () => {
    const a = analyse(makeData({ explanations: new Map([[11, 'x']]) }), framework);
    expect(a.findings).toEqual([
      {
        severity: 'warning',
        code: 'explanations.unknown-indicator',
        path: ['explanations', '11'],
        params: { indicator: 11, framework: 2565 },
      },
    ]);
  });

  it.each([
    { assessmentYear: 2567, fiscalYear: 2566, error: true },
    { assessmentYear: 2566, fiscalYear: 2566, error: false },
    { assessmentYear: 2565, fiscalYear: 2566, error: false },
  ])('assessment year $assessmentYear in fiscal year $fiscalYear → error: $error', ({ assessmentYear, fiscalYear, error }) => {
    const a = analyse(makeData({ assessmentYear, fiscalYear }), framework);
    expect(codes(a.findings).includes('years.assessment-after-fiscal')).toBe(error);
  });

  it.each([
    { date: '2022-10-01', warns: false },
    { date: '2023-09-30', warns: false },
    { date: '2022-09-30', warns: true },
    { date: '2023-10-01', warns: true },
  ])('signing date $date in fiscal year 2566 → warns: $warns', ({ date, warns }) => {
    const a = analyse(makeData({ signatory: { position: 'p', date } }), framework);
    expect(codes(a.findings).includes('date.outside-fiscal-year')).toBe(warns);
  });
});

describe('analyse: tool scores', () => {
  it('gives each tool the mean of its indicators', () => {
    const a: Analysis = analyse(makeData({ scores: scoreMap([80, 81, 82, 83, 84, 70, 75, 77, 60, 55]) }), framework);
    expect(a.tools.map((t) => [t.id, t.weight, t.score])).toEqual([
      ['IIT', 30, 82],
      ['EIT', 30, 74],
      ['OIT', 40, 57.5],
    ]);
  });
});

describe('analyse: the sample data file', () => {
  it('warns only that 93.68 does not match the weighting (93.51)', () => {
    const text = readFileSync(new URL('../../data/2566/nakhon-pathom.yaml', import.meta.url), 'utf8');
    const loaded = parseReportData(text, 'nakhon-pathom.yaml');
    expect(loaded.findings).toEqual([]);
    const a = analyse(loaded.data!, framework);
    expect(a.findings.map((f) => [f.severity, f.code, f.params.declared, f.params.computed])).toEqual([
      ['warning', 'overall.mismatch', '93.68', '93.51'],
    ]);
    expect(a.overall).toMatchObject({ score: 93.68, level: 'A', computed: 93.51, passed: true });
    expect(numbers(a.weaknesses)).toEqual([4]);
    expect(numbers(a.highest)).toEqual([10]);
  });
});
