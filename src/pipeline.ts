import { analyse, type Analysis } from './analysis/analyse.ts';
import { composeDocuments, DOCUMENT_KINDS, type DocumentKind } from './compose/compose.ts';
import { availableFrameworkYears, loadFramework, type Framework } from './data/frameworks.ts';
import { loadReportFile, parseReportData, type LoadResult } from './data/load.ts';
import type { Finding, ReportData } from './data/types.ts';
import { renderDocx } from './export/docx/docx.ts';
import { bundledFontSet, fontSetFromFile, type PdfFontSet } from './export/pdf/fonts.ts';
import { renderPdf } from './export/pdf/pdf.ts';
import type { DigitSystem, DocumentModel } from './model/types.ts';

/** The pipeline from one data file to its documents, shared by the CLI commands and the batch. */

export type OutputFormat = 'docx' | 'pdf';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['docx', 'pdf'];

export interface RenderOptions {
  formats: readonly OutputFormat[];
  digits: DigitSystem;
  /** The font name written into the DOCX. */
  font?: string;
  /** The regular face of a font file to embed in the PDF instead of the bundled Laksaman. */
  pdfFont?: string;
  /** Thai-distributed justification of PDF body text (default); false sets it left-aligned. */
  justify?: boolean;
  /** Continuation words (คำต่อหน้า) at the foot of PDF pages (default); false leaves them out. */
  continuation?: boolean;
}

export interface Checked extends LoadResult {
  framework?: Framework;
  analysis?: Analysis;
}

export const hasErrors = (findings: readonly Finding[]): boolean => findings.some((f) => f.severity === 'error');

/** Loads, validates and analyses one file; `analysis` is set only when there is no error. */
export async function checkFile(file: string): Promise<Checked> {
  const loaded = await loadReportFile(file);
  if (!loaded.data) return loaded;
  return checkData(loaded, loaded.data);
}

/** The same as checkFile, for text that is not (yet) a file: the local web page's form. */
export function checkText(text: string, file: string): Checked {
  const loaded = parseReportData(text, file);
  if (!loaded.data) return loaded;
  return checkData(loaded, loaded.data);
}

function checkData(loaded: LoadResult, data: ReportData): Checked {
  const framework = loadFramework(data.frameworkYear);
  if (!framework) {
    const finding: Finding = {
      severity: 'error',
      code: 'framework.missing',
      path: [data.frameworkYear === data.assessmentYear ? 'assessment_year' : 'framework'],
      params: { year: data.frameworkYear, available: availableFrameworkYears().join(', ') },
    };
    return { ...loaded, findings: [...loaded.findings, finding] };
  }
  const analysis = analyse(data, framework);
  const findings = [...loaded.findings, ...analysis.findings];
  if (hasErrors(findings)) return { ...loaded, framework, findings };
  return { ...loaded, framework, analysis, findings };
}

export interface RenderedDocument {
  kind: DocumentKind;
  format: OutputFormat;
  bytes: Uint8Array;
  model: DocumentModel;
}

/** Renders every document in every format, in memory: nothing is written until all succeeded. */
export async function renderDocuments(checked: Checked, options: RenderOptions): Promise<RenderedDocument[]> {
  const { data, framework, analysis } = checked;
  if (!data || !framework || !analysis) throw new Error('renderDocuments needs a checked file without errors');
  const models = composeDocuments(data, framework, analysis, { digits: options.digits });
  const fonts: PdfFontSet | undefined = options.formats.includes('pdf') ? (options.pdfFont ? fontSetFromFile(options.pdfFont) : bundledFontSet()) : undefined;
  const rendered: RenderedDocument[] = [];
  for (const kind of DOCUMENT_KINDS) {
    for (const format of options.formats) {
      const model = models[kind];
      const bytes = format === 'pdf' ? await renderPdf(model, { fonts, justify: options.justify, continuation: options.continuation }) : await renderDocx(model, { font: options.font });
      rendered.push({ kind, format, model, bytes });
    }
  }
  return rendered;
}
