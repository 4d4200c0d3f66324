import { existsSync } from 'node:fs';
import { MAX_FILE_BYTES, parseReportData, parseReportFile, type LoadResult } from './data/load.ts';
import type { EmblemAccess } from './data/emblem.ts';
import { readFileUpTo } from './files/files.ts';
import { previousYearFile } from './files/previous.ts';
import { fontSetFromFile } from './fonts/user.ts';
import { checkLoaded, renderChecked, withPrevious, type Checked, type RenderedDocument, type RenderOptions } from './engine.ts';
import { installNodeResources } from './resources/node.ts';

// The engine reads its own files, the emblems and the SVG check through Resources (src/resources):
// on Node, from the package's folder and the file system, unless the process installed its own.
installNodeResources();

/**
 * The pipeline from one data file to its documents on Node, shared by the CLI commands, the batch
 * and the web server: the engine's work (src/engine.ts, which a browser runs too) with what only
 * Node has added: reading the data file, finding and reading the previous year's file, reading a
 * user's PDF font, and the tests' switches.
 */

export { OUTPUT_FORMATS, hasErrors, type Checked, type OutputFormat, type RenderedDocument, type RenderOptions } from './engine.ts';

export interface CheckOptions {
  /**
   * The previous year's file to compare with, or false for none. By default it is looked for in
   * the data tree (data/2565/x.yaml for data/2566/x.yaml); a missing one is simply left out.
   */
  previous?: string | false;
  /** Where an emblem file the data names may be read: anywhere by default; the web page, its data folder. */
  emblems?: EmblemAccess;
}

/** Reads, checks and parses one data file (the reading here, the rest in src/data/load.ts). */
export async function loadReportFile(file: string, emblems: EmblemAccess = {}): Promise<LoadResult> {
  return parseReportFile(file, await readFileUpTo(file, MAX_FILE_BYTES), emblems);
}

/**
 * For tests only: with ITA_REPORT_TEST_CRASH=<text> in the environment, checking a file whose path
 * contains <text> throws, standing in for a bug, so that the tests can see how the command line and
 * the batch report an internal error (exit code 3). Read here and nowhere else.
 */
function crashForTests(file: string): void {
  const marker = process.env.ITA_REPORT_TEST_CRASH;
  if (marker && file.includes(marker)) throw new TypeError(`simulated internal error (ITA_REPORT_TEST_CRASH) in ${file}`);
}

/**
 * For tests only: with ITA_REPORT_TEST_STALL=<text> in the environment, rendering the documents of
 * an agency whose name contains <text> blocks its thread for a minute, standing in for a render
 * that never ends, so that the tests can see the web server stop it at its time limit whatever the
 * machine's speed. Read here and nowhere else.
 */
function stallForTests(agency: string): void {
  const marker = process.env.ITA_REPORT_TEST_STALL;
  if (marker && agency.includes(marker)) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
}

/** Loads, validates and analyses one file; `analysis` is set only when there is no error. */
export async function checkFile(file: string, options: CheckOptions = {}): Promise<Checked> {
  crashForTests(file);
  const loaded = await loadReportFile(file, options.emblems);
  if (!loaded.data) return loaded;
  return withPreviousYear(checkLoaded(loaded), options);
}

/** The same as checkFile, for text that is not (yet) a file: the local web page's form. */
export async function checkText(text: string, file: string, options: CheckOptions = {}): Promise<Checked> {
  const loaded = parseReportData(text, file, options.emblems);
  if (!loaded.data) return loaded;
  return withPreviousYear(checkLoaded(loaded), options);
}

/** Adds the comparison with the previous year's file (found in the data tree, or named), when there is one. */
async function withPreviousYear(checked: Checked, options: CheckOptions): Promise<Checked> {
  const { data, analysis } = checked;
  if (!data || !analysis || options.previous === false) return checked;
  const file = options.previous ?? previousYearFile(checked.file, data.fiscalYear);
  if (file === undefined || (options.previous === undefined && !existsSync(file))) return checked;
  const before = await checkFile(file, { previous: false, emblems: options.emblems });
  return withPrevious(checked, before, file);
}

/** Renders every document in every format, in memory: nothing is written until all succeeded. */
export async function renderDocuments(checked: Checked, options: RenderOptions): Promise<RenderedDocument[]> {
  const { data, framework, analysis } = checked;
  if (!data || !framework || !analysis) throw new Error('renderDocuments needs a checked file without errors');
  stallForTests(data.agency);
  // Without a font file of the user's, renderPdf sets the bundled one.
  const fonts = options.pdfFont && options.formats.includes('pdf') ? fontSetFromFile(options.pdfFont) : undefined;
  return renderChecked(checked, options, fonts);
}
