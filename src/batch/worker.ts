import { parentPort } from 'node:worker_threads';
import { runJob, type Job } from './job.ts';

// A batch worker thread: jobs in, results out, one at a time. Fonts and templates are loaded on
// the first job and stay for the thread's life.
const port = parentPort;
if (!port) throw new Error('src/batch/worker.ts runs as a worker thread');
port.on('message', (job: Job) => {
  void runJob(job).then((result) => port.postMessage(result));
});
