import type { Worker } from 'node:worker_threads';
import { startWorker } from '../threads/threads.ts';
import { describeUnexpected } from '../messages/internal.ts';
import type { Job, JobResult } from './job.ts';

/**
 * A worker's live data is under 100 MB (parsed fonts, caches, one document at a time); left to
 * itself V8 lets garbage pile up to several times that before collecting. A ceiling on the old
 * generation makes it collect earlier, which keeps every worker within the memory budget.
 */
const WORKER_LIMITS = {
  maxOldGenerationSizeMb: Number(process.env.ITA_WORKER_OLD_MB ?? 256),
  maxYoungGenerationSizeMb: Number(process.env.ITA_WORKER_YOUNG_MB ?? 32),
};

/**
 * A fixed set of worker threads fed from one queue.
 */
export class WorkerPool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: { job: Job; resolve: (r: JobResult) => void }[] = [];
  private readonly running = new Map<Worker, { job: Job; resolve: (r: JobResult) => void }>();
  private closed = false;

  constructor(readonly size: number) {
    for (let i = 0; i < size; i++) this.spawn();
  }

  private spawn(): void {
    const worker = startWorker('batch', { resourceLimits: WORKER_LIMITS });
    worker.on('message', (result: JobResult) => {
      const task = this.running.get(worker);
      this.running.delete(worker);
      task?.resolve(result);
      this.release(worker);
    });
    // A worker that dies (out of memory, a crash in a library) fails its file, not the batch.
    const died = (reason: string) => {
      const task = this.running.get(worker);
      this.running.delete(worker);
      this.workers.splice(this.workers.indexOf(worker), 1);
      const idleAt = this.idle.indexOf(worker);
      if (idleAt >= 0) this.idle.splice(idleAt, 1);
      if (task) {
        // Out of memory or a crash inside a library: a bug to report, whatever the data was.
        const { line } = describeUnexpected(new Error(`โปรแกรมย่อยหยุดทำงาน (worker stopped): ${reason}`));
        task.resolve({ key: task.job.key, status: 'failed', outputs: [], warnings: 0, reason: line, internal: true, ms: { check: 0, render: 0, write: 0 }, heapUsed: 0 });
      }
      if (!this.closed) {
        this.spawn();
        this.pump();
      }
    };
    worker.on('error', (err) => died(err.message));
    worker.on('exit', (code) => {
      if (this.workers.includes(worker)) died(`exit code ${code}`);
    });
    this.workers.push(worker);
    this.idle.push(worker);
  }

  private release(worker: Worker): void {
    this.idle.push(worker);
    this.pump();
  }

  private pump(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.shift()!;
      const task = this.queue.shift()!;
      this.running.set(worker, task);
      worker.postMessage(task.job);
    }
  }

  run(job: Job): Promise<JobResult> {
    return new Promise((resolve) => {
      this.queue.push({ job, resolve });
      this.pump();
    });
  }

  /** Cancels the queued jobs; running ones finish. */
  drain(): void {
    for (const { job, resolve } of this.queue.splice(0)) {
      resolve({ key: job.key, status: 'cancelled', outputs: [], warnings: 0, ms: { check: 0, render: 0, write: 0 }, heapUsed: 0 });
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.drain();
    const workers = [...this.workers];
    this.workers.length = 0;
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
