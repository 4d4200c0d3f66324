import type { Worker } from 'node:worker_threads';
import { startWorker } from '../threads/threads.ts';
import { HttpError, internalError } from './http-error.ts';
import type { TaskName, Tasks } from './tasks.ts';
import type { AnswerMessage, ReadyMessage, TaskMessage, WorkerOptions } from './worker.ts';

/**
 * A lane: one worker thread of the web server that runs its tasks one after the other, with a
 * bounded queue and a time limit per task. The request thread only reads requests, checks paths
 * and writes answers, so it answers the page (and the other lane) while a long task runs. A task
 * over its time limit is stopped by ending its thread; the next task gets a fresh one.
 */

export interface LaneOptions {
  /** Longest time one task may run (from its start, not counting the wait in the queue). */
  timeoutMs: number;
  /** Tasks that may wait; one more is refused with 503 rather than waiting without end. */
  queueLimit: number;
  /** Ceiling of the thread's old generation: a task that needs more fails, not the server. */
  memoryMb: number;
  /** What the clerk is told when a task runs out of time. */
  tooLong: { th: string; en: string };
  /** What the thread loads before it takes tasks. */
  worker: WorkerOptions;
}

/** The page went away (it closed the connection, or the server is closing): nobody waits for the answer. */
export class Cancelled extends Error {}

interface Pending {
  id: number;
  name: TaskName;
  input: Tasks[TaskName]['input'];
  resolve: (output: unknown) => void;
  reject: (err: Error) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

export class Lane {
  private worker: Worker | undefined;
  /** The thread has loaded its modules (a task's time limit starts when it is handed one). */
  private ready = false;
  private current: { task: Pending; timer: NodeJS.Timeout } | undefined;
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: LaneOptions) {}

  /** Tasks waiting and running: for tests and for the busy answer. */
  get load(): number {
    return this.queue.length + (this.current ? 1 : 0);
  }

  run<K extends TaskName>(name: K, input: Tasks[K]['input'], signal?: AbortSignal): Promise<Tasks[K]['output']> {
    return new Promise<Tasks[K]['output']>((resolve, reject) => {
      if (this.closed) return reject(new Cancelled('the server is closing'));
      if (signal?.aborted) return reject(new Cancelled('the request went away'));
      // One task runs (or waits for the thread to start); queueLimit more may wait behind it.
      if (this.load > this.options.queueLimit) {
        return reject(new HttpError(503, 'เซิร์ฟเวอร์มีงานค้างมาก ให้ลองใหม่อีกครั้งในอีกสักครู่', 'the server is busy with earlier requests; try again in a moment'));
      }
      const task: Pending = {
        id: this.nextId++,
        name,
        input,
        // The worker answers the output of the task it was given (TaskMessage<K> → Tasks[K]).
        resolve: resolve as (output: unknown) => void,
        reject,
        signal,
        onAbort: () => {
          // A task still waiting is dropped; a running one finishes (its answer is then ignored).
          const at = this.queue.indexOf(task);
          if (at >= 0) {
            this.queue.splice(at, 1);
            reject(new Cancelled('the request went away'));
          }
        },
      };
      signal?.addEventListener('abort', task.onAbort, { once: true });
      this.queue.push(task);
      this.pump();
    });
  }

  /** Starts the thread ahead of its first task (the page will want a preview soon). */
  warm(): void {
    if (!this.closed) this.worker ??= this.spawn();
  }

  private pump(): void {
    if (this.current || this.closed || this.queue.length === 0) return;
    this.worker ??= this.spawn();
    if (!this.ready) return;
    const task = this.queue.shift()!;
    const worker = this.worker;
    const timer = setTimeout(() => {
      this.stop(worker);
      this.finish(task, () => task.reject(new HttpError(503, this.options.tooLong.th, this.options.tooLong.en)));
    }, this.options.timeoutMs);
    this.current = { task, timer };
    try {
      worker.postMessage({ id: task.id, name: task.name, input: task.input } satisfies TaskMessage);
    } catch (err) {
      // Data that cannot be handed to a thread (the server checks the nesting of bodies first).
      this.finish(task, () => task.reject(internalError(err)));
    }
  }

  /** Settles the running task once, and goes on with the queue. */
  private finish(task: Pending, settle: () => void): void {
    if (this.current?.task !== task) return;
    clearTimeout(this.current.timer);
    this.current = undefined;
    task.signal?.removeEventListener('abort', task.onAbort);
    settle();
    this.pump();
  }

  private stop(worker: Worker): void {
    if (this.worker === worker) this.worker = undefined;
    this.ready = false;
    void worker.terminate();
  }

  private spawn(): Worker {
    const worker = startWorker('serve', {
      workerData: this.options.worker,
      resourceLimits: { maxOldGenerationSizeMb: this.options.memoryMb },
    });
    this.ready = false;
    // The listening server keeps the process alive; an idle thread must not.
    worker.unref();
    worker.on('message', (answer: AnswerMessage | ReadyMessage) => {
      if (this.worker !== worker) return;
      if ('ready' in answer) {
        this.ready = true;
        return this.pump();
      }
      const task = this.current?.task;
      if (!task || task.id !== answer.id) return;
      this.finish(task, () => (answer.ok ? task.resolve(answer.output) : task.reject(new HttpError(answer.status, answer.th, answer.en))));
    });
    // A thread that dies (out of memory, a crash in a library) fails its task, not the server.
    const died = (reason: string) => {
      if (this.worker !== worker) return;
      const started = this.ready;
      this.worker = undefined;
      this.ready = false;
      const failure = () => new HttpError(500, `การทำงานเบื้องหลังหยุดลง (${reason}) ข้อมูลอาจใหญ่เกินไป ให้ลองใหม่หรือแจ้งผู้ดูแล`, `the worker thread stopped (${reason}); the data may be too large; try again or report it`);
      // A thread that could not even start fails what waits for it, rather than starting again and again.
      if (!started) for (const waiting of this.queue.splice(0)) waiting.reject(failure());
      const task = this.current?.task;
      if (task) this.finish(task, () => task.reject(failure()));
      else this.pump();
    };
    worker.on('error', (err) => died(err.message));
    worker.on('exit', (code) => died(`exit code ${code}`));
    return worker;
  }

  /** Refuses what waits, stops the thread. */
  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) task.reject(new Cancelled('the server is closing'));
    const task = this.current?.task;
    if (task) this.finish(task, () => task.reject(new Cancelled('the server is closing')));
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }
}
