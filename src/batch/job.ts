import { getHeapStatistics } from 'node:v8';
import { buildFile, yearOfFolder } from '../build/build.ts';
import { debugDetail, describeUnexpected } from '../messages/internal.ts';
import type { RenderOptions } from '../pipeline.ts';
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
  const result = (status: JobResult['status'], outputs: Output[], warnings: number, ms: JobResult['ms'], reason?: string): JobResult => ({
    key: job.key,
    status,
    outputs,
    warnings,
    ...(reason !== undefined && { reason }),
    ms,
    heapUsed: getHeapStatistics().used_heap_size,
  });
  try {
    const built = await buildFile({
      file: job.file,
      options: job.options,
      // The key is the file's path in the data folder: data/<fiscal year>/… gives the year.
      folderYear: yearOfFolder(job.key, '.'),
      out: { dir: job.outDir, folder: job.folder },
    });
    const warnings = built.checked.findings.filter((f) => f.severity === 'warning').length;
    if (built.status === 'refused') return result('failed', [], warnings, built.ms, built.reason);
    return result('written', built.outputs, warnings, built.ms);
  } catch (err) {
    // Not a finding about the data: a bug (exit 3), or the system refusing a file (exit 1).
    const unexpected = describeUnexpected(err);
    const reason = [unexpected.line, ...debugDetail(err)].join('\n');
    return { ...result('failed', [], 0, { check: 0, render: 0, write: 0 }, reason), ...(unexpected.internal && { internal: true }) };
  }
}
