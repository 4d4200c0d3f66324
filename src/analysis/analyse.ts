import type { Framework } from '../data/frameworks.ts';
import type { Finding, ReportData } from '../data/types.ts';
import { fiscalYearRange } from '../thai/fiscal.ts';
import { levelOf, toolScores, weightedOverall } from './overall.ts';

export interface IndicatorResult {
  number: number;
  name: string;
  tool: string;
  weight: number;
  score: number;
  /** 1-based rank; indicators with the same score share a rank. */
  rank: number;
  strength: boolean;
}

export interface Analysis {
  threshold: number;
  passMark: number;
  /** Framework order (by indicator number). */
  indicators: IndicatorResult[];
  /** Highest first; equal scores keep indicator order. */
  ranking: IndicatorResult[];
  /** The ranking grouped by equal score, so a tie reads as one phrase. */
  rankGroups: IndicatorResult[][];
  strengths: IndicatorResult[];
  weaknesses: IndicatorResult[];
  highest: IndicatorResult[];
  lowest: IndicatorResult[];
  allEqual: boolean;
  counts: { indicators: number; strengths: number; weaknesses: number };
  overall: {
    /** The official score of record. */
    score: number;
    level: string;
    declaredLevel: string | undefined;
    computed: number | undefined;
    computedLevel: string | undefined;
    passed: boolean;
  };
  tools: { id: string; name: string; weight: number; score: number | undefined }[];
  findings: Finding[];
}

export function analyse(data: ReportData, framework: Framework): Analysis {
  const findings: Finding[] = [...checkScores(data, framework), ...checkIssueRows(data, framework), ...checkYears(data)];

  const indicators: IndicatorResult[] = [];
  for (const def of framework.indicators) {
    const score = data.scores.get(def.number);
    if (score === undefined) continue;
    indicators.push({ ...def, score, rank: 0, strength: score >= data.threshold });
  }
  const ranking = [...indicators].sort((a, b) => b.score - a.score || a.number - b.number);
  const rankGroups: IndicatorResult[][] = [];
  for (const ind of ranking) {
    const group = rankGroups.at(-1);
    if (group && group[0]!.score === ind.score) group.push(ind);
    else rankGroups.push([ind]);
  }
  let rank = 1;
  for (const group of rankGroups) {
    for (const ind of group) ind.rank = rank;
    rank += group.length;
  }

  const computed = weightedOverall(framework, data.scores);
  const declared = data.overall.score;
  const level = levelOf(declared, framework.levels);
  if (computed !== undefined && Math.abs(computed - declared) > framework.tolerance + 1e-9) {
    findings.push({
      severity: 'warning',
      code: 'overall.mismatch',
      path: ['overall', 'score'],
      params: {
        declared: declared.toFixed(2),
        computed: computed.toFixed(2),
        difference: Math.abs(computed - declared).toFixed(2),
        tolerance: framework.tolerance.toFixed(2),
      },
    });
  }
  if (data.overall.level !== undefined && data.overall.level !== level) {
    findings.push({
      severity: 'warning',
      code: 'overall.level-mismatch',
      path: ['overall', 'level'],
      params: { declared: data.overall.level, expected: level, score: declared.toFixed(2) },
    });
  }

  return {
    threshold: data.threshold,
    passMark: framework.passMark,
    indicators,
    ranking,
    rankGroups,
    strengths: ranking.filter((i) => i.strength),
    weaknesses: ranking.filter((i) => !i.strength),
    highest: rankGroups[0] ?? [],
    lowest: rankGroups.at(-1) ?? [],
    allEqual: rankGroups.length === 1,
    counts: {
      indicators: indicators.length,
      strengths: indicators.filter((i) => i.strength).length,
      weaknesses: indicators.filter((i) => !i.strength).length,
    },
    overall: {
      score: declared,
      level,
      declaredLevel: data.overall.level,
      computed,
      computedLevel: computed === undefined ? undefined : levelOf(computed, framework.levels),
      passed: declared >= framework.passMark,
    },
    tools: toolScores(framework, data.scores),
    findings,
  };
}

function checkScores(data: ReportData, framework: Framework): Finding[] {
  const findings: Finding[] = [];
  const known = new Set(framework.indicators.map((i) => i.number));
  for (const def of framework.indicators) {
    if (!data.scores.has(def.number)) {
      findings.push({
        severity: 'error',
        code: 'scores.missing',
        path: ['scores'],
        params: { indicator: def.number, name: def.name, framework: framework.year },
      });
    }
  }
  for (const [number, score] of data.scores) {
    if (!known.has(number)) {
      findings.push({
        severity: 'error',
        code: 'scores.unknown-indicator',
        path: ['scores', String(number)],
        params: { indicator: number, framework: framework.year, count: framework.indicators.length },
      });
    }
    if (!(score >= 0 && score <= 100)) {
      findings.push({ severity: 'error', code: 'scores.out-of-range', path: ['scores', String(number)], params: { indicator: number, score } });
    }
  }
  for (const number of data.explanations.keys()) {
    if (!known.has(number)) {
      findings.push({
        severity: 'warning',
        code: 'explanations.unknown-indicator',
        path: ['explanations', String(number)],
        params: { indicator: number, framework: framework.year },
      });
    }
  }
  return findings;
}

function checkIssueRows(data: ReportData, framework: Framework): Finding[] {
  const findings: Finding[] = [];
  const known = new Set(framework.indicators.map((i) => i.number));
  for (const section of ['urgent', 'improve'] as const) {
    const seen = new Set<number>();
    data[section].forEach((row, i) => {
      if (!known.has(row.indicator)) {
        findings.push({
          severity: 'error',
          code: 'issues.unknown-indicator',
          path: [section, i, 'indicator'],
          params: { indicator: row.indicator, framework: framework.year, count: framework.indicators.length },
        });
      } else if (seen.has(row.indicator)) {
        findings.push({ severity: 'warning', code: 'issues.duplicate-indicator', path: [section, i, 'indicator'], params: { indicator: row.indicator } });
      }
      seen.add(row.indicator);
    });
  }
  return findings;
}

function checkYears(data: ReportData): Finding[] {
  const findings: Finding[] = [];
  if (data.assessmentYear > data.fiscalYear) {
    findings.push({
      severity: 'error',
      code: 'years.assessment-after-fiscal',
      path: ['assessment_year'],
      params: { assessment: data.assessmentYear, fiscal: data.fiscalYear },
    });
  }
  // Measures are announced for a fiscal year; a signing date outside it is most likely a typo.
  const date = data.signatory.date;
  const range = fiscalYearRange(data.fiscalYear);
  if (date !== undefined && (date < range.start || date > range.end)) {
    findings.push({
      severity: 'warning',
      code: 'date.outside-fiscal-year',
      path: ['signatory', 'date'],
      params: { value: date, fiscal: data.fiscalYear, start: range.start, end: range.end },
    });
  }
  return findings;
}
