import { existsSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { Analysis } from '../analysis/analyse.ts';
import type { Comparison } from '../analysis/compare.ts';
import type { Framework } from '../data/frameworks.ts';
import type { ReportData } from '../data/types.ts';
import { finalizeBlocks } from '../model/finalize.ts';
import { parseMarkup } from '../model/markup.ts';
import type { DigitSystem, DocumentModel } from '../model/types.ts';
import { convertDigits } from '../thai/digits.ts';
import { fiscalYearRange } from '../thai/fiscal.ts';
import { documentTemplate, templatesDir, textTemplate } from './engine.ts';
import { buildView, type Explanations, type IndicatorView, type ReportView } from './view.ts';

export type DocumentKind = 'report' | 'announcement';
export const DOCUMENT_KINDS: readonly DocumentKind[] = ['report', 'announcement'];

export interface ComposeOptions {
  digits: DigitSystem;
  /** Draw the report's charts (default true). */
  charts?: boolean;
  /** This year against the previous year's file of the same agency, when there is one. */
  comparison?: Comparison;
}

export class TemplateError extends Error {}

const explanationCache = new Map<number, Explanations>();

/** Default explanations of a framework year; a framework without its file is a tool error. */
export function loadExplanations(year: number): Explanations {
  const cached = explanationCache.get(year);
  if (cached) return cached;
  const url = new URL(`explanations/${year}.yaml`, templatesDir);
  if (!existsSync(url)) throw new TemplateError(`templates/explanations/${year}.yaml is missing`);
  const raw = parseYaml(readFileSync(url, 'utf8')) as Record<string, { strength?: string; weakness?: string }>;
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

/** Builds both documents of one data file as finished document models. */
export function composeDocuments(
  data: ReportData,
  framework: Framework,
  analysis: Analysis,
  options: ComposeOptions,
): Record<DocumentKind, DocumentModel> {
  const explanations = loadExplanations(framework.year);
  const explain = (indicator: IndicatorView, kind: 'strength' | 'weakness'): string => {
    const text = explanations.get(indicator.number)?.[kind];
    if (text === undefined) throw new TemplateError(`no ${kind} explanation for indicator ${indicator.number} in ${framework.year}`);
    return textTemplate(text)(indicator);
  };
  const view = buildView(data, analysis, framework, explain, { charts: options.charts ?? true, comparison: options.comparison });
  return {
    report: composeDocument('report', view, data, options),
    announcement: composeDocument('announcement', view, data, options),
  };
}

/** The template of a document: the announcement has two forms (README, "The announcement: ประกาศ or table"). */
const templateOf = (kind: DocumentKind, data: ReportData): string => (kind === 'announcement' && data.announcement.form === 'proclamation' ? 'proclamation' : kind);

function composeDocument(kind: DocumentKind, view: ReportView, data: ReportData, options: ComposeOptions): DocumentModel {
  const output = documentTemplate(templateOf(kind, data))(view);
  const digits = (s: string): string => convertDigits(s, options.digits);
  return {
    meta: {
      title: digits(output.meta.title),
      author: data.agency,
      subject: digits(output.meta.subject),
      keywords: output.meta.keywords.map(digits),
      language: 'th-TH',
      // A fixed date from the data, never the clock, so the same input gives the same bytes.
      date: data.signatory.date ?? fiscalYearRange(data.fiscalYear).start,
    },
    digits: options.digits,
    pageNumbers: true,
    blocks: finalizeBlocks(parseMarkup(output.markup), options.digits),
  };
}
