import { getHeapStatistics } from 'node:v8';
import path from 'node:path';
import { writeFileAtomic } from '../files/files.ts';
import { formatFinding } from '../messages/findings.ts';
import { debugDetail, describeUnexpected } from '../messages/internal.ts';
import { checkFile, hasErrors, renderDocuments, type RenderOptions } from '../pipeline.ts';
import type { Output } from './manifest.ts';

/** One data file's documents, built and written: the unit of work of a batch, in any thread. */

export interface Job {
  key: string;
  file: string;
  outDir: string;
  /** The documents' folder inside outDir: the data file's path without its extension. */
  folder: string;
  options: RenderOptions;
}

export interface JobResult {
  key: string;
  /** `cancelled`: never started, because the run was interrupted. */
  status: 'written' | 'failed' | 'cancelled';
  outputs: Output[];
  /** Warnings about the data file (written or not). */
  warnings: number;
  /** Why nothing was written, in one line, for a person (Thai first, English beside). */
  reason?: string;
  /** Set when the failure is a bug in the tool (an exception), not a fault of the data. */
  internal?: boolean;
  /** Time spent on this file, in milliseconds: checking and rendering, and writing. */
  ms: { check: number; render: number; write: number };
  /** Heap of the thread that ran the job, after it, in bytes. */
  heapUsed: number;
}

export async function runJob(job: Job): Promise<JobResult> {
  const ms = { check: 0, render: 0, write: 0 };
  const result = (status: JobResult['status'], outputs: Output[], warnings: number, reason?: string): JobResult => ({
    key: job.key,
    status,
    outputs,
    warnings,
    ...(reason !== undefined && { reason }),
    ms,
    heapUsed: getHeapStatistics().used_heap_size,
  });
  let t = performance.now();
  try {
    const checked = await checkFile(job.file, job.options.previousYear === false ? { previous: false } : {});
    const warnings = checked.findings.filter((f) => f.severity === 'warning').length;
    ms.check = performance.now() - t;
    if (hasErrors(checked.findings) || !checked.data || !checked.analysis) {
      const error = checked.findings.find((f) => f.severity === 'error');
      return result('failed', [], warnings, error ? formatFinding(checked, error) : 'invalid data');
    }
    // data/<fiscal year>/<agency>.yaml: a file copied from last year's folder without changing its
    // year would otherwise overwrite, or stand in for, the wrong year's documents.
    const folderYear = /^(\d{4})\//.exec(job.key)?.[1];
    if (folderYear && Number(folderYear) !== checked.data.fiscalYear) {
      const reason = `ไฟล์อยู่ในโฟลเดอร์ปี ${folderYear} แต่ fiscal_year เป็น ${checked.data.fiscalYear} (the file is in the ${folderYear} folder but its fiscal_year is ${checked.data.fiscalYear})`;
      return result('failed', [], warnings, reason);
    }
    t = performance.now();
    // Everything is rendered before anything is written: a failure leaves no document half-done.
    const documents = await renderDocuments(checked, job.options);
    ms.render = performance.now() - t;
    t = performance.now();
    const root = path.resolve(job.outDir);
    const outputs: Output[] = [];
    for (const doc of documents) {
      const target = path.resolve(root, job.folder, `${doc.kind}.${doc.format}`);
      // Paths mirror the data tree and never come from the agency's name; this is the last guard
      // that nothing is written outside the output folder.
      if (!target.startsWith(root + path.sep)) throw new Error(`refusing to write outside the output folder: ${target}`);
      await writeFileAtomic(target, doc.bytes);
      outputs.push({ path: path.relative(root, target).split(path.sep).join('/'), size: doc.bytes.length });
    }
    ms.write = performance.now() - t;
    return result('written', outputs, warnings);
  } catch (err) {
    // Not a finding about the data: a bug (exit 3), or the system refusing a file (exit 1).
    const unexpected = describeUnexpected(err);
    const reason = [unexpected.line, ...debugDetail(err)].join('\n');
    return { ...result('failed', [], 0, reason), ...(unexpected.internal && { internal: true }) };
  }
}
