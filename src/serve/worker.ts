import { parentPort, workerData } from 'node:worker_threads';
import { HttpError, internalError } from './http-error.ts';
import { runTask, type TaskName, type Tasks } from './tasks.ts';

/**
 * A worker thread of the web server (see lanes.ts): tasks in, answers out, one at a time. Fonts,
 * templates and exporters load on the first task that needs them and stay for the thread's life.
 */

export interface TaskMessage<K extends TaskName = TaskName> {
  id: number;
  name: K;
  input: Tasks[K]['input'];
}

export type AnswerMessage =
  | { id: number; ok: true; output: Tasks[TaskName]['output'] }
  | { id: number; ok: false; status: number; th: string; en: string };

/** The first message of a thread: it has loaded what its tasks need and takes tasks from now on. */
export interface ReadyMessage {
  ready: true;
}

export interface WorkerOptions {
  /** Load the document exporters before taking tasks, so that a task's time limit is its own work. */
  exporters: boolean;
}

const port = parentPort;
if (!port) throw new Error('src/serve/worker.ts runs as a worker thread');
const options = workerData as WorkerOptions;
// A failure to load shows on the first task that needs the module, with its message.
const loading = options.exporters ? Promise.all([import('../export/pdf/pdf.ts'), import('../export/docx/docx.ts')]).catch(() => undefined) : Promise.resolve();
void loading.then(() => port.postMessage({ ready: true } satisfies ReadyMessage));
port.on('message', (message: TaskMessage) => {
  void runTask(message.name, message.input).then(
    (output) => {
      // A rendered document's bytes are handed over, not copied, when they own their whole buffer
      // (a small Buffer may share Node's pool with others).
      const bytes = 'bytes' in output ? output.bytes : undefined;
      const own = bytes !== undefined && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
      const transfer = own ? [bytes.buffer as ArrayBuffer] : [];
      port.postMessage({ id: message.id, ok: true, output } satisfies AnswerMessage, transfer);
    },
    (err: unknown) => {
      const e = err instanceof HttpError ? err : internalError(err);
      port.postMessage({ id: message.id, ok: false, status: e.status, th: e.th, en: e.en } satisfies AnswerMessage);
    },
  );
});
