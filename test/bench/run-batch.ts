import { runBatch, type BatchReporter } from '../../src/batch/batch.ts';
import type { JobResult } from '../../src/batch/job.ts';
import type { OutputFormat } from '../../src/pipeline.ts';

/**
 * One batch run in a process of its own, so that its peak memory is its own: prints one JSON line
 * with the time, the process's peak RSS and the largest V8 heap a worker reported.
 * Usage: tsx test/bench/run-batch.ts <data> <out> <jobs> <force 0|1> [formats]
 */
const [dataDir, outDir, jobs, force, formats = 'docx,pdf'] = process.argv.slice(2);
if (!dataDir || !outDir || !jobs || !force) throw new Error('usage: run-batch.ts <data> <out> <jobs> <force 0|1> [formats]');

let heapPeak = 0;
const results: JobResult[] = [];
const silent: BatchReporter = {
  start() {},
  done(result) {
    heapPeak = Math.max(heapPeak, result.heapUsed);
    results.push(result);
  },
  end() {},
};
const started = performance.now();
const summary = await runBatch(
  {
    dataDir,
    outDir,
    render: { formats: formats.split(',') as OutputFormat[], digits: 'thai' },
    jobs: Number(jobs),
    force: force === '1',
    prune: false,
  },
  silent,
);
process.stdout.write(
  JSON.stringify({
    ms: performance.now() - started,
    written: summary.written,
    skipped: summary.skipped,
    failed: summary.failed.length,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    workerHeapPeakBytes: heapPeak,
    renderMs: results.map((r) => r.ms.check + r.ms.render + r.ms.write),
  }) + '\n',
);
