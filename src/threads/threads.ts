import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * The worker threads of the batch and the web server, started the same way from the sources (run
 * by tsx) and from the compiled program in dist/ (`npm run build`, which `npm ci` runs): compiled,
 * this module sits in dist/ beside the compiled worker entries; from the sources, each thread
 * registers tsx before it loads its TypeScript entry.
 */

export type WorkerName = 'batch' | 'serve';

const compiled = import.meta.url.endsWith('.js');

export function startWorker(name: WorkerName, options: Omit<WorkerOptions, 'eval'>): Worker {
  if (compiled) return new Worker(new URL(`./${name}-worker.js`, import.meta.url), options);
  const api = import.meta.resolve('tsx/esm/api');
  const entry = new URL(`../${name}/worker.ts`, import.meta.url).href;
  return new Worker(`import(${JSON.stringify(api)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`, { ...options, eval: true });
}
