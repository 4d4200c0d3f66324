import type { Framework, RatingBand } from '../data/frameworks.ts';
import type { Finding, ReportData } from '../data/types.ts';
import { fiscalYearRange } from '../thai/fiscal.ts';
import { analyseFollowup, type RoundOutcome } from './followup.ts';
import { levelOf, ratingOf, toolScores, weightedOverall, type ToolScore } from './overall.ts';

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
  /** Each tool's score as a percent of its maximum, and whether it reaches the pass mark. */
  tools: (ToolScore & { passed: boolean | undefined })[];
  /** The rating in words, in years whose framework has a rule for it. */
  rating: Rating | undefined;
  /** The follow-up report's rounds, six months first; empty when the data has no progress. */
  followup: RoundOutcome[];
  findings: Finding[];
}

export interface Rating {
  /** What the documents print: the declared rating when the data file has one, else the rule's. */
  words: string;
  /** The rule's result. */
  rule: RatingBand;
  declared: string | undefined;
  /**
   * The band just above the rule's, with the tools below its mark, when the overall score alone
   * would have reached it. Only when the printed rating is the rule's, so the reason never
   * contradicts a declared rating.
   */
  heldBack: { words: string; toolMin: number; tools: ToolScore[] } | undefined;
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

  const tools = toolScores(framework, data.scores);
  const rating = rateOverall(data, framework, tools, findings);
  const followup = analyseFollowup(data);
  findings.push(...followup.findings);

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
    tools: tools.map((t) => ({ ...t, passed: t.score === undefined ? undefined : t.score + 1e-9 >= framework.passMark })),
    rating,
    followup: followup.rounds,
    findings,
  };
}

/**
 * The rating in words by the year's rule. The NACC's own rating, when the clerk typed it, is the
 * one of record (as the overall score is): a difference from the rule is a warning, not a change.
 */
function rateOverall(data: ReportData, framework: Framework, tools: ToolScore[], findings: Finding[]): Rating | undefined {
  const declared = data.overall.rating?.trim() || undefined;
  if (!framework.rating) {
    if (declared !== undefined) {
      findings.push({ severity: 'warning', code: 'overall.rating-no-rule', path: ['overall', 'rating'], params: { declared, framework: framework.year } });
    }
    return undefined;
  }
  const outcome = ratingOf(data.overall.score, tools, framework.rating);
  if (!outcome) return undefined;
  const rule = outcome.band;
  const params = { declared: declared ?? '', rule: rule.words, score: data.overall.score.toFixed(2), framework: framework.year, tools: toolList(tools) };
  if (declared !== undefined && declared !== rule.words) {
    findings.push({ severity: 'warning', code: 'overall.rating-mismatch', path: ['overall', 'rating'], params });
  } else if (declared === undefined && rule.status === 'U') {
    findings.push({ severity: 'warning', code: 'overall.rating-unconfirmed', path: ['overall', 'score'], params });
  }
  const printsRule = declared === undefined || declared === rule.words;
  const held = outcome.heldBack;
  return {
    words: declared ?? rule.words,
    rule,
    declared,
    heldBack: printsRule && held ? { words: held.band.words, toolMin: held.band.eachTool ?? 0, tools: held.tools } : undefined,
  };
}

/** "IIT 87.00, EIT 83.10, OIT 97.50": what the rule looked at, for the messages. */
const toolList = (tools: readonly ToolScore[]): string => tools.map((t) => `${t.id} ${t.score?.toFixed(2) ?? '-'}`).join(', ');

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
