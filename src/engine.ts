import { analyse, type Analysis } from './analysis/analyse.ts';
import { compareYears, type Comparison } from './analysis/compare.ts';
import { composeDocuments, DOCUMENT_KINDS, type DocumentKind } from './compose/compose.ts';
import { availableFrameworkYears, latestFrameworkYear, loadFramework, previousFramework, type Framework } from './data/frameworks.ts';
import { parseReportData, type LoadResult } from './data/load.ts';
import type { EmblemAccess } from './data/emblem.ts';
import type { Finding, ReportData } from './data/types.ts';
import { bundledGlyphCoverage, type PdfFontSet } from './fonts/fonts.ts';
import type { DigitSystem, DocumentModel } from './model/types.ts';
import type { OutputFormat } from './export/formats.ts';

/**
 * The engine's own work from a data file's text to its documents' bytes: check (parse, validate,
 * framework, analysis), compare with a previous year's check, compose and render. Nothing of Node:
 * it reads only through the installed Resources, so the same code runs in the command line, the
 * batch and the web server (through src/pipeline.ts, which adds reading files, finding the previous
 * year's file and the Node resources) and in a browser (src/web/engine-worker.ts).
 */

export { OUTPUT_FORMATS, type OutputFormat } from './export/formats.ts';

export interface RenderOptions {
  formats: readonly OutputFormat[];
  digits: DigitSystem;
  /** The font name written into the DOCX. */
  font?: string;
  /** The regular face of a font file to embed in the PDF instead of the bundled Laksaman (read by src/pipeline.ts on Node). */
  pdfFont?: string;
  /** Thai-distributed justification of PDF body text (default); false sets it left-aligned. */
  justify?: boolean;
  /** Continuation words (คำต่อหน้า) at the foot of PDF pages (default); false leaves them out. */
  continuation?: boolean;
  /** The report's indicator chart (default); false leaves it out. */
  charts?: boolean;
  /** Compare with the previous year's file found in the data tree (default); false does not look. */
  previousYear?: boolean;
  /** The documents to render (default: all); the web page's preview needs one. */
  kinds?: readonly DocumentKind[];
}

export interface Checked extends LoadResult {
  framework?: Framework;
  analysis?: Analysis;
  /** Against the previous year, when its file was found and usable. */
  comparison?: Comparison;
  /** The previous year's file that was compared with. */
  previousFile?: string;
}

export const hasErrors = (findings: readonly Finding[]): boolean => findings.some((f) => f.severity === 'error');

/** A data file's text checked on its own (no previous year): parsed, validated and analysed. */
export function checkReportText(text: string, file: string, emblems: EmblemAccess = {}): Checked {
  const loaded = parseReportData(text, file, emblems);
  return loaded.data ? checkLoaded(loaded) : loaded;
}

/** Validates and analyses a parsed file against its framework; `analysis` is set only when there is no error. */
export function checkLoaded(loaded: LoadResult): Checked {
  return loaded.data ? checkData(loaded, loaded.data) : loaded;
}

/**
 * Adds the comparison with the previous year's check (`before`, of the file `file`). A previous-year
 * file that cannot be used (it has errors, is of another year or another agency) is left out with a
 * warning: this year's report does not depend on last year's file being right.
 */
export function withPrevious(checked: Checked, before: Checked, file: string): Checked {
  const { data, analysis } = checked;
  if (!data || !analysis) return checked;
  const warn = (finding: Omit<Finding, 'severity'>): Checked => ({
    ...checked,
    findings: [...checked.findings, { severity: 'warning', ...finding, params: { file, ...finding.params } }],
  });
  if (!before.data || !before.analysis) {
    const errors = before.findings.filter((f) => f.severity === 'error').length;
    return warn({ code: 'previous.unusable', path: ['fiscal_year'], params: { errors } });
  }
  if (before.data.fiscalYear !== data.fiscalYear - 1) {
    return warn({ code: 'previous.wrong-year', path: ['fiscal_year'], params: { found: before.data.fiscalYear, expected: data.fiscalYear - 1 } });
  }
  if (before.data.agency !== data.agency) {
    return warn({ code: 'previous.other-agency', path: ['agency'], params: { found: before.data.agency, expected: data.agency } });
  }
  const comparison = compareYears(analysis, before.analysis, { fiscal: before.data.fiscalYear, assessment: before.data.assessmentYear });
  return { ...checked, comparison, previousFile: file };
}

function checkData(loaded: LoadResult, data: ReportData): Checked {
  const framework = loadFramework(data.frameworkYear);
  const problem = frameworkProblem(loaded, data, framework);
  if (problem || !framework) {
    return { ...loaded, findings: [...loaded.findings, ...(problem ? [problem] : [])] };
  }
  const analysis = analyse(data, framework);
  const findings = [...loaded.findings, ...analysis.findings, ...withoutPdfGlyph(loaded)];
  if (hasErrors(findings)) return { ...loaded, framework, findings };
  return { ...loaded, framework, analysis, findings };
}

/**
 * Why a file cannot be checked against a framework, or undefined when it can. A result of the
 * ITA before the ten indicators (2561 and earlier, as the earliest framework file says) has no
 * framework here whatever `framework:` says; a year after the latest file is a year whose file
 * has not been added yet, and the message says how to add it or build meanwhile. The finding
 * points at the year the clerk wrote: `framework`, else `assessment_year`, else `fiscal_year`
 * (whose year before is the assessment year).
 */
function frameworkProblem(loaded: LoadResult, data: ReportData, framework: Framework | undefined): Finding | undefined {
  const written = (key: string): boolean => loaded.source?.has([key]) ?? false;
  const yearField = written('assessment_year') ? 'assessment_year' : 'fiscal_year';
  const before = previousFramework();
  if (before && data.assessmentYear <= before.until) {
    const first = availableFrameworkYears()[0]!;
    const firstFramework = loadFramework(first)!;
    return {
      severity: 'error',
      code: 'framework.before-indicators',
      path: [yearField],
      params: {
        year: data.assessmentYear,
        until: before.until,
        first,
        index_count: before.indices.length,
        indices: before.indices.map((i) => i.name).join(', '),
        indices_en: before.indices.map((i) => i.en).join(', '),
        count: firstFramework.indicators.length,
        tools: firstFramework.tools.map((t) => t.id).join('/'),
      },
    };
  }
  if (framework) return undefined;
  const latest = latestFrameworkYear();
  if (!written('framework') && latest !== undefined && data.frameworkYear > latest) {
    return { severity: 'error', code: 'framework.not-yet', path: [yearField], params: { year: data.frameworkYear, latest } };
  }
  return {
    severity: 'error',
    code: 'framework.missing',
    path: [written('framework') ? 'framework' : yearField],
    params: { year: data.frameworkYear, available: availableFrameworkYears().join(', ') },
  };
}

/**
 * Text the bundled PDF fonts and characters cannot draw, and the DOCX can: emoji, CJK. Most text is
 * Thai, Latin and common punctuation, which every bundled face has: only other characters make the
 * fonts load and look.
 */
const SURELY_DRAWN = /^[\t\n\r\u0020-\u007E\u00A0-\u00FF\u0E01-\u0E3A\u0E3F-\u0E5B\u2010-\u2027\p{Default_Ignorable_Code_Point}]*$/u;
const NEEDS_NO_GLYPH = /[\s\p{Default_Ignorable_Code_Point}]/u;

function withoutPdfGlyph(loaded: LoadResult): Finding[] {
  const texts = loaded.source?.texts().filter((t) => !SURELY_DRAWN.test(t.text)) ?? [];
  if (texts.length === 0) return [];
  const drawn = bundledGlyphCoverage();
  const findings: Finding[] = [];
  for (const { path, text } of texts) {
    const missing = [...new Set([...text].filter((ch) => !NEEDS_NO_GLYPH.test(ch) && !drawn(ch.codePointAt(0)!)))];
    if (missing.length === 0) continue;
    const char = missing.map((ch) => `${ch} (U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`).join(', ');
    findings.push({ severity: 'warning', code: 'text.no-pdf-glyph', path, params: { char } });
  }
  return findings;
}

export interface RenderedDocument {
  kind: DocumentKind;
  format: OutputFormat;
  bytes: Uint8Array;
  model: DocumentModel;
}

/**
 * The renderer of one format. The exporters (pdfmake, docx, ECharts, resvg) load when first
 * needed, so `check` and `serve` start without them.
 */
async function exporter(format: OutputFormat, options: RenderOptions, fonts: PdfFontSet | undefined): Promise<(model: DocumentModel) => Promise<Uint8Array>> {
  if (format === 'pdf') {
    const { renderPdf } = await import('./export/pdf/pdf.ts');
    return (model) => renderPdf(model, { fonts, justify: options.justify, continuation: options.continuation });
  }
  const { renderDocx } = await import('./export/docx/docx.ts');
  return (model) => renderDocx(model, { font: options.font });
}

/**
 * Renders every document in every format, in memory: nothing is written until all succeeded.
 * `fonts`: the PDF's font set when it is not the bundled one (`options.pdfFont`, read by the caller).
 */
export async function renderChecked(checked: Checked, options: RenderOptions, fonts?: PdfFontSet): Promise<RenderedDocument[]> {
  const { data, framework, analysis } = checked;
  if (!data || !framework || !analysis) throw new Error('renderDocuments needs a checked file without errors');
  const models = composeDocuments(data, framework, analysis, { digits: options.digits, charts: options.charts, comparison: checked.comparison });
  const exporters = new Map(await Promise.all(options.formats.map(async (format) => [format, await exporter(format, options, fonts)] as const)));
  const rendered: RenderedDocument[] = [];
  for (const kind of options.kinds ?? DOCUMENT_KINDS) {
    // A follow-up report exists only for the rounds the file has.
    const model = models[kind];
    if (!model) continue;
    for (const format of options.formats) {
      const bytes = await exporters.get(format)!(model);
      rendered.push({ kind, format, model, bytes });
    }
  }
  return rendered;
}
