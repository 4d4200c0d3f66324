import { parse as parseYaml } from 'yaml';
import type { Analysis } from '../analysis/analyse.ts';
import type { Comparison } from '../analysis/compare.ts';
import type { Framework } from '../data/frameworks.ts';
import { DATE_YEARS } from '../data/load.ts';
import type { ReportData, RoundMonths } from '../data/types.ts';
import { finalizeBlocks } from '../model/finalize.ts';
import { parseMarkup } from '../model/markup.ts';
import { LINE_BREAK, type DigitSystem, type DocumentModel } from '../model/types.ts';
import { convertDigits } from '../thai/digits.ts';
import { fiscalYearRange } from '../thai/fiscal.ts';
import { documentTemplate, TemplateError, templateText, textTemplate } from './engine.ts';
import { buildFollowupView } from './followup-view.ts';
import { buildView, type Explanations, type IndicatorView } from './view.ts';

/** The documents of one data file; the follow-up reports exist for the rounds the file has. */
export type DocumentKind = 'report' | 'announcement' | FollowupKind;
export type FollowupKind = `followup-${RoundMonths}-months`;
export const DOCUMENT_KINDS: readonly DocumentKind[] = ['report', 'announcement', 'followup-6-months', 'followup-12-months'];
export const followupKind = (months: RoundMonths): FollowupKind => `followup-${months}-months`;
export const isFollowupKind = (kind: DocumentKind): kind is FollowupKind => kind.startsWith('followup-');

export interface ComposeOptions {
  digits: DigitSystem;
  /** Draw the report's charts (default true). */
  charts?: boolean;
  /** This year against the previous year's file of the same agency, when there is one. */
  comparison?: Comparison;
}

export { TemplateError };

const explanationCache = new Map<number, Explanations>();

/** Default explanations of a framework year; a framework without its file is a tool error. */
export function loadExplanations(year: number): Explanations {
  const cached = explanationCache.get(year);
  if (cached) return cached;
  const raw = parseYaml(templateText(`templates/explanations/${year}.yaml`)) as Record<string, { strength?: string; weakness?: string }>;
  const map = new Map<number, { strength: string; weakness: string }>();
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value?.strength !== 'string' || typeof value.weakness !== 'string') {
      throw new TemplateError(`templates/explanations/${year}.yaml: indicator ${key} needs strength and weakness texts`);
    }
    map.set(Number(key), { strength: value.strength, weakness: value.weakness });
  }
  explanationCache.set(year, map);
  return map;
}

/** The report and the announcement always; a follow-up report for each round the file has. */
export type ComposedDocuments = Record<'report' | 'announcement', DocumentModel> & Partial<Record<FollowupKind, DocumentModel>>;

/** Builds the documents of one data file as finished document models. */
export function composeDocuments(
  data: ReportData,
  framework: Framework,
  analysis: Analysis,
  options: ComposeOptions,
): ComposedDocuments {
  const explanations = loadExplanations(framework.year);
  const explain = (indicator: IndicatorView, kind: 'strength' | 'weakness'): string => {
    const text = explanations.get(indicator.number)?.[kind];
    if (text === undefined) throw new TemplateError(`no ${kind} explanation for indicator ${indicator.number} in ${framework.year}`);
    return textTemplate(text)(indicator);
  };
  // The emblem is a picture (an SVG's text), not words the clerk typed: it is kept out of the walk.
  const { emblem, ...announcement } = data.announcement;
  const walked = withTypedLineBreaks({ ...data, announcement });
  const typed = { ...walked, announcement: { ...walked.announcement, emblem } };
  const view = buildView(typed, analysis, framework, explain, { charts: options.charts ?? true, comparison: options.comparison });
  const documents: ComposedDocuments = {
    report: composeDocument('report', view, data, options),
    announcement: composeDocument('announcement', view, data, options),
  };
  for (const round of analysis.followup) {
    // Dated by the day the round reports up to, not the clock: the same input, the same bytes. A
    // DOCX (a zip) holds dates up to 2099 only; the rounds of fiscal year 2643 end in 2100, so their
    // documents are dated by the fiscal year's first day, as the report (the schema keeps it in range).
    const date = Number(round.asOf.slice(0, 4)) <= DATE_YEARS.max ? round.asOf : fiscalYearRange(data.fiscalYear).start;
    documents[followupKind(round.months)] = composeDocument('followup', buildFollowupView(typed, withTypedLineBreaks(round)), data, options, date);
  }
  return documents;
}

/**
 * The clerk's texts with each line break they typed (a YAML block, a multi-line field of the page)
 * as LINE_BREAK, which the templates' whitespace rules keep and every exporter draws as a new line:
 * a step written on two lines is printed on two lines, not joined with a space.
 */
function withTypedLineBreaks<T>(value: T): T {
  if (typeof value === 'string') return (value.includes('\n') ? value.replace(/\n/g, LINE_BREAK) : value) as T;
  if (Array.isArray(value)) return value.map(withTypedLineBreaks) as T;
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [k, withTypedLineBreaks(v)])) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withTypedLineBreaks(v)])) as T;
  }
  return value;
}

/** The template of a document: the announcement has two forms (README, "The announcement: ประกาศ or table"). */
const templateOf = (kind: string, data: ReportData): string => (kind === 'announcement' && data.announcement.form === 'proclamation' ? 'proclamation' : kind);

function composeDocument(template: string, view: object, data: ReportData, options: ComposeOptions, date?: string): DocumentModel {
  const output = documentTemplate(templateOf(template, data))(view);
  const digits = (s: string): string => convertDigits(s, options.digits);
  return {
    meta: {
      title: digits(output.meta.title),
      author: data.agency,
      subject: digits(output.meta.subject),
      keywords: output.meta.keywords.map(digits),
      language: 'th-TH',
      // A fixed date from the data, never the clock, so the same input gives the same bytes.
      date: date ?? data.signatory.date ?? fiscalYearRange(data.fiscalYear).start,
    },
    digits: options.digits,
    pageNumbers: true,
    blocks: finalizeBlocks(parseMarkup(output.markup), options.digits),
  };
}
