import path from 'node:path';
import { writeFileAtomic } from '../files/files.ts';
import { formatFinding } from '../messages/findings.ts';
import { checkFile, hasErrors, renderDocuments, type CheckOptions, type Checked, type RenderedDocument, type RenderOptions } from '../pipeline.ts';

/**
 * One data file to its documents: the one build function of the command line (`build`), the
 * batch (a job, in a worker thread) and the web server (a preview or download, in memory). It
 * checks the file (with its previous year), applies the year-folder rule, renders every document
 * in memory and only then writes them, atomically, under the output folder.
 */

/** A written document, relative to the output folder with forward slashes. */
export interface BuiltOutput {
  path: string;
  size: number;
}

export interface BuildRequest {
  /** The data file (for the web page's form: the file it will be saved as, or a name). */
  file: string;
  options: RenderOptions;
  /**
   * How the file is checked: options of checkFile (by default the previous year is looked for
   * unless `options.previousYear` is false), or the caller's own check (the web page checks the
   * form's text, with files confined to its data folder).
   */
  check?: CheckOptions | (() => Promise<Checked>);
  /** Warnings stop the file too (--strict). */
  strict?: boolean;
  /**
   * The fiscal year the file's folder stands for (data/<year>/…): a file whose fiscal_year differs
   * is refused. See yearOfFolder.
   */
  folderYear?: number;
  /**
   * Where to write: the output folder, and the documents' folder in it (by default
   * `<fiscal year>/<file name without extension>`). Without it nothing is written.
   */
  out?: { dir: string; folder?: string };
  /** Called once the file is checked, before anything is rendered (the CLI prints the findings). */
  onChecked?: (checked: Checked) => void;
  /** Called after each document is written, with its absolute path. */
  onWritten?: (target: string) => void;
}

export type BuildResult =
  | {
      /** Errors (or warnings under strict), or a file in another year's folder: nothing rendered. */
      status: 'refused';
      /** `invalid`: errors; `strict`: warnings under strict; `folder-year`: in another year's folder. */
      why: 'invalid' | 'strict' | 'folder-year';
      checked: Checked;
      /** Why, in one line for a person (Thai first, English beside). */
      reason: string;
      ms: BuildTimes;
    }
  | { status: 'built'; checked: Checked & Required<Pick<Checked, 'data' | 'framework' | 'analysis'>>; documents: RenderedDocument[]; outputs: BuiltOutput[]; ms: BuildTimes };

/** Milliseconds spent checking, rendering and writing. */
export interface BuildTimes {
  check: number;
  render: number;
  write: number;
}

/**
 * The fiscal year a data file's folder names: the first folder of its path relative to the data
 * folder when given (the batch's key, `2566/x.yaml`), else the folder it is in, when that is a
 * year (`data/2566/x.yaml`); undefined otherwise.
 */
export function yearOfFolder(file: string, root?: string): number | undefined {
  const folder = root !== undefined ? path.relative(root, file).split(path.sep)[0] : path.basename(path.dirname(path.resolve(file)));
  return folder !== undefined && /^\d{4}$/.test(folder) ? Number(folder) : undefined;
}

/**
 * The documents' folder inside the output folder: `<fiscal year>/<data file name>`. It comes from
 * the file name and the validated year, never from the agency's name, so no data can steer a path
 * outside the output folder.
 */
export const defaultFolder = (fiscalYear: number, file: string): string => path.join(String(fiscalYear), path.basename(file).replace(/\.ya?ml$/i, ''));

export const folderYearMismatch = (folderYear: number, fiscalYear: number): string =>
  `ไฟล์อยู่ในโฟลเดอร์ปี ${folderYear} แต่ fiscal_year เป็น ${fiscalYear} (the file is in the ${folderYear} folder but its fiscal_year is ${fiscalYear})`;

export async function buildFile(request: BuildRequest): Promise<BuildResult> {
  const { file, options } = request;
  const ms: BuildTimes = { check: 0, render: 0, write: 0 };
  let t = performance.now();
  const check = request.check ?? (options.previousYear === false ? { previous: false } : {});
  const checked = typeof check === 'function' ? await check() : await checkFile(file, check);
  ms.check = performance.now() - t;
  request.onChecked?.(checked);
  const { data, framework, analysis } = checked;
  if (hasErrors(checked.findings) || !data || !framework || !analysis) {
    const error = checked.findings.find((f) => f.severity === 'error');
    return { status: 'refused', why: 'invalid', checked, reason: error ? formatFinding(checked, error) : 'invalid data', ms };
  }
  if (request.strict && checked.findings.length > 0) {
    return { status: 'refused', why: 'strict', checked, reason: formatFinding(checked, checked.findings[0]!), ms };
  }
  // data/<fiscal year>/<agency>.yaml: a file copied from last year's folder without changing its
  // year would otherwise overwrite, or stand in for, the wrong year's documents.
  if (request.folderYear !== undefined && request.folderYear !== data.fiscalYear) {
    return { status: 'refused', why: 'folder-year', checked, reason: folderYearMismatch(request.folderYear, data.fiscalYear), ms };
  }
  t = performance.now();
  // Everything is rendered before anything is written: a failure leaves no document half-done.
  const documents = await renderDocuments(checked, options);
  ms.render = performance.now() - t;
  const outputs: BuiltOutput[] = [];
  if (request.out) {
    t = performance.now();
    const root = path.resolve(request.out.dir);
    const folder = request.out.folder ?? defaultFolder(data.fiscalYear, file);
    for (const doc of documents) {
      const target = path.resolve(root, folder, `${doc.kind}.${doc.format}`);
      // Paths mirror the data tree and never come from the agency's name; this is the last guard
      // that nothing is written outside the output folder.
      if (!target.startsWith(root + path.sep)) throw new Error(`refusing to write outside the output folder: ${target}`);
      await writeFileAtomic(target, doc.bytes);
      outputs.push({ path: path.relative(root, target).split(path.sep).join('/'), size: doc.bytes.length });
      request.onWritten?.(target);
    }
    ms.write = performance.now() - t;
  }
  return { status: 'built', checked: { ...checked, data, framework, analysis }, documents, outputs, ms };
}
