import { parse } from 'yaml';
import { resources } from '../resources/resources.ts';
import { validateFramework as validate } from './validators.ts';

/** The per-year framework definitions are in frameworks/, one YAML file per assessment year, read through the installed Resources. */

export interface Tool {
  id: string;
  name: string;
  weight: number;
}

export interface IndicatorDef {
  number: number;
  name: string;
  tool: string;
  weight: number;
}

export interface LevelBand {
  level: string;
  min: number;
}

/**
 * One band of the NACC's rating in words (ผ่านดีเยี่ยม, ผ่านดี, …): an agency is in the first band,
 * highest first, whose overall minimum it reaches and, when the band asks for it, whose minimum every
 * tool reaches as a percent of that tool's maximum.
 */
export interface RatingBand {
  words: string;
  min: number;
  /** Every tool's score, as a percent of the tool's maximum, at least this. */
  eachTool?: number;
  /** The status mark of the band's rule in the sources: C confirmed, D derived, L likely, U unconfirmed. */
  status: StatusMark;
}

export type StatusMark = 'C' | 'D' | 'L' | 'U';

/**
 * The ITA's framework before the first year of the tools and indicators (2561 and earlier: five
 * indices), as the earliest framework file describes it: a data file of such a year is refused.
 */
export interface PreviousFramework {
  /** The last assessment year of the previous framework. */
  until: number;
  /** Its indices: the Thai name, and an English rendering for the English half of messages. */
  indices: { name: string; en: string }[];
}

export interface Framework {
  year: number;
  title: string;
  passMark: number;
  tools: Tool[];
  indicators: IndicatorDef[];
  /** Highest first. */
  levels: LevelBand[];
  /** In the earliest file only: the framework before it. */
  previousFramework?: PreviousFramework;
  rounding: number;
  tolerance: number;
  /** The rating in words, highest band first; absent in years without one (before 2566). */
  rating?: RatingBand[];
}

export interface RawRatingBand {
  words: string;
  min: number;
  each_tool?: number;
  status: StatusMark;
}

export interface RawFramework {
  year: number;
  title: string;
  pass_mark: number;
  tools: Tool[];
  indicators: IndicatorDef[];
  levels: LevelBand[];
  previous_framework?: PreviousFramework;
  rounding: number;
  tolerance: number;
  rating?: RawRatingBand[];
}


/** A broken framework file is the tool's fault, not the clerk's: it is reported as such. */
export class FrameworkError extends Error {}

const cache = new Map<number, Framework>();

export function availableFrameworkYears(): number[] {
  return resources()
    .list('frameworks')
    .map((name) => /^(\d{4})\.yaml$/.exec(name)?.[1])
    .filter((year): year is string => year !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

/** The latest framework year at or before `year` (all years when absent), or undefined. */
export function latestFrameworkYear(year = Infinity): number | undefined {
  return availableFrameworkYears()
    .filter((y) => y <= year)
    .at(-1);
}

/** The framework before the earliest one here (the ITA until 2561), from the earliest file. */
export function previousFramework(): PreviousFramework | undefined {
  const first = availableFrameworkYears()[0];
  return first === undefined ? undefined : loadFramework(first)?.previousFramework;
}

/** Returns the framework of an assessment year, or undefined when there is no file for it. */
export function loadFramework(year: number): Framework | undefined {
  const cached = cache.get(year);
  if (cached) return cached;
  const text = resources().text(`frameworks/${year}.yaml`);
  if (text === undefined) return undefined;
  const framework = parseFramework(text, `frameworks/${year}.yaml`);
  if (framework.year !== year) {
    throw new FrameworkError(`frameworks/${year}.yaml declares year ${framework.year}`);
  }
  cache.set(year, framework);
  return framework;
}

export function parseFramework(text: string, name: string): Framework {
  const raw: unknown = parse(text);
  if (!validate(raw)) {
    const detail = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`).join('; ');
    throw new FrameworkError(`${name}: ${detail}`);
  }
  checkConsistency(raw, name);
  return {
    year: raw.year,
    title: raw.title,
    passMark: raw.pass_mark,
    tools: raw.tools,
    indicators: [...raw.indicators].sort((a, b) => a.number - b.number),
    levels: [...raw.levels].sort((a, b) => b.min - a.min),
    ...(raw.previous_framework && { previousFramework: raw.previous_framework }),
    rounding: raw.rounding,
    tolerance: raw.tolerance,
    ...(raw.rating && {
      rating: raw.rating.map((b) => ({ words: b.words, min: b.min, ...(b.each_tool !== undefined && { eachTool: b.each_tool }), status: b.status })),
    }),
  };
}

/** The weights are what the overall score is computed from, so a typo there must not pass. */
function checkConsistency(raw: RawFramework, name: string): void {
  const problems: string[] = [];
  const close = (a: number, b: number): boolean => Math.abs(a - b) < 1e-9;
  const total = raw.indicators.reduce((s, i) => s + i.weight, 0);
  if (!close(total, 100)) problems.push(`indicator weights sum to ${total}, not 100`);
  if (raw.previous_framework && raw.previous_framework.until >= raw.year) {
    problems.push(`previous_framework.until ${raw.previous_framework.until} is not before year ${raw.year}`);
  }
  const numbers = new Set<number>();
  for (const ind of raw.indicators) {
    if (numbers.has(ind.number)) problems.push(`indicator ${ind.number} appears twice`);
    numbers.add(ind.number);
    if (!raw.tools.some((t) => t.id === ind.tool)) problems.push(`indicator ${ind.number} uses unknown tool ${ind.tool}`);
  }
  for (const tool of raw.tools) {
    const sum = raw.indicators.filter((i) => i.tool === tool.id).reduce((s, i) => s + i.weight, 0);
    if (!close(sum, tool.weight)) problems.push(`tool ${tool.id}: indicator weights sum to ${sum}, not ${tool.weight}`);
  }
  if (!raw.levels.some((l) => l.min === 0)) problems.push('no level band starts at 0');
  if (raw.rating) problems.push(...ratingProblems(raw.rating));
  if (problems.length > 0) throw new FrameworkError(`${name}: ${problems.join('; ')}`);
}

/**
 * The bands are read in the order written, so a band that could never be reached (its conditions
 * are all at or above an earlier band's) or a gap at the bottom would silently change the rating.
 */
function ratingProblems(bands: readonly RawRatingBand[]): string[] {
  const problems: string[] = [];
  const words = new Set<string>();
  bands.forEach((band, i) => {
    if (words.has(band.words)) problems.push(`rating ${band.words} appears twice`);
    words.add(band.words);
    const earlier = bands.slice(0, i).find((e) => e.min <= band.min && (e.each_tool ?? 0) <= (band.each_tool ?? 0));
    if (earlier) problems.push(`rating ${band.words} can never apply: ${earlier.words} comes first and asks no more`);
  });
  const last = bands.at(-1);
  if (last && (last.min !== 0 || last.each_tool !== undefined)) problems.push('the last rating band must start at 0 with no tool condition');
  return problems;
}
