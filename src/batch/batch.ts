import { readFile, rmdir, stat, unlink } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { RenderOptions } from '../pipeline.ts';
import type { JobResult } from './job.ts';
import { loadManifest, manifestPath, outputsPresent, saveManifest, type Manifest } from './manifest.ts';
import { discover, fingerprint, optionsFingerprint, toolFingerprint, type DataFile, type Shard } from './plan.ts';
import { WorkerPool } from './pool.ts';
import { MAX_FILE_BYTES } from '../data/load.ts';
import { previousYearFile } from '../files/previous.ts';
import { emblemBytes } from '../data/emblem.ts';
import { filesUnder, isAtomicTemp } from '../files/files.ts';

/**
 * `ita-report batch`: every data file of a tree to its documents, in worker threads, skipping what
 * has not changed, surviving bad files and interruptions.
 */

export interface BatchOptions {
  dataDir: string;
  outDir: string;
  render: RenderOptions;
  years?: number[];
  jobs: number;
  force: boolean;
  prune: boolean;
  shard?: Shard;
}

export interface Failure {
  key: string;
  reason: string;
  /** A bug in the tool (an exception, a worker that died), not invalid data: exit code 3. */
  internal?: boolean;
}

export interface BatchSummary {
  total: number;
  written: number;
  skipped: number;
  failed: Failure[];
  warnings: number;
  /** Documents in the output folder that no data file produces any more. */
  orphans: string[];
  removed: string[];
  interrupted: boolean;
  ms: number;
}

/** The documents of data/2566/x.yaml go to out/2566/x/. */
const documentFolder = (key: string): string => key.replace(/\.ya?ml$/i, '');

/** What a progress display hears about. */
export interface BatchReporter {
  start(total: number, toBuild: number): void;
  done(result: JobResult): void;
  end(summary: BatchSummary): void;
}

const DOCUMENT = /\.(docx|pdf)$/;

async function removeEmptyFolders(dir: string, root: string): Promise<void> {
  let current = dir;
  while (current.startsWith(root + path.sep)) {
    try {
      await rmdir(current);
    } catch {
      return;
    }
    current = path.dirname(current);
  }
}

/** A data file's bytes for its fingerprint; empty when it cannot be read or is over the size limit. */
async function readDataFile(file: string): Promise<Uint8Array> {
  const info = await stat(file).catch(() => undefined);
  if (!info || info.size > MAX_FILE_BYTES) return new Uint8Array(0);
  return readFile(file).catch(() => new Uint8Array(0));
}

/** The data files whose documents must be (re)built, and the rest, which are current. */
async function partition(files: DataFile[], manifest: Manifest, outDir: string, tool: string, options: string, force: boolean, previousYear: boolean) {
  const toBuild: { file: DataFile; fingerprint: string }[] = [];
  let skipped = 0;
  for (const file of files) {
    // An unreadable or oversized file gets an empty fingerprint: it is built, and the job reports
    // why it fails (without this reading a file of gigabytes into memory first).
    const bytes = await readDataFile(file.file);
    // The previous year's file of the same agency feeds the comparison: a change there rebuilds.
    const previousFile = previousYear ? previousYearFile(file.file) : undefined;
    const previous = previousFile ? await readDataFile(previousFile) : new Uint8Array(0);
    const print = fingerprint(tool, options, bytes, previous, await emblemBytes(file.file, bytes));
    const entry = manifest.entries[file.key];
    if (!force && entry && entry.fingerprint === print && (await outputsPresent(outDir, entry))) skipped++;
    else toBuild.push({ file, fingerprint: print });
  }
  return { toBuild, skipped };
}

export async function runBatch(options: BatchOptions, reporter: BatchReporter): Promise<BatchSummary> {
  const started = performance.now();
  const outDir = path.resolve(options.outDir);
  const dataDir = path.resolve(options.dataDir);
  const files = await discover(dataDir, { years: options.years, shard: options.shard });
  // Temporary files a killed run left in this run's own document folders: another shard writing
  // into the same output folder keeps its own, which may be in flight.
  const ownFolders = new Set(files.map((f) => path.join(outDir, documentFolder(f.key))));
  for (const file of await filesUnder(outDir)) if (isAtomicTemp(file) && ownFolders.has(path.dirname(file))) await unlink(file).catch(() => undefined);
  const [tool, optionsPrint] = await Promise.all([toolFingerprint(), optionsFingerprint(options.render)]);
  const manifestFile = manifestPath(outDir, options.shard);
  const manifest = await loadManifest(manifestFile);
  if (options.shard) manifest.shard = options.shard;
  const { toBuild, skipped } = await partition(files, manifest, outDir, tool, optionsPrint, options.force, options.render.previousYear !== false);

  const summary: BatchSummary = { total: files.length, written: 0, skipped, failed: [], warnings: 0, orphans: [], removed: [], interrupted: false, ms: 0 };
  reporter.start(files.length, toBuild.length);

  // The manifest is saved every few seconds, not after every file: a killed run loses at most the
  // record of its last files, which the next run simply builds again (to the same bytes).
  let dirty = false;
  let saving: Promise<void> = Promise.resolve();
  const save = () => {
    if (!dirty) return saving;
    dirty = false;
    saving = saving.then(() => saveManifest(manifestFile, manifest));
    return saving;
  };
  const timer = setInterval(() => void save(), 2000);

  let pool: WorkerPool | undefined;
  const interrupt = () => {
    summary.interrupted = true;
    pool?.drain();
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    if (toBuild.length > 0) {
      pool = new WorkerPool(Math.max(1, Math.min(options.jobs, toBuild.length)));
      const activePool = pool;
      await Promise.all(
        toBuild.map(async ({ file, fingerprint: print }) => {
          const folder = documentFolder(file.key);
          const result = await activePool.run({ key: file.key, file: file.file, outDir, folder, options: options.render });
          if (result.status === 'cancelled') return;
          summary.warnings += result.warnings;
          if (result.status === 'written') {
            summary.written++;
            manifest.entries[file.key] = { fingerprint: print, outputs: result.outputs };
          } else {
            const failed = { reason: result.reason ?? 'failed', ...(result.internal && { internal: true as const }) };
            summary.failed.push({ key: file.key, ...failed });
            // Built again next time, whatever the fingerprint; the documents of its last good
            // version stay claimed, so they are not taken for orphans (nor pruned) while it is broken.
            manifest.entries[file.key] = { fingerprint: '', outputs: manifest.entries[file.key]?.outputs ?? [], failed };
          }
          dirty = true;
          reporter.done(result);
        }),
      );
    }
  } finally {
    clearInterval(timer);
    process.removeListener('SIGINT', interrupt);
    process.removeListener('SIGTERM', interrupt);
    await pool?.close();
    dirty = true;
    await save();
  }

  // Documents whose data file is gone: from the manifest, and (for a whole, unsharded run) any
  // document in the output folder that no entry claims.
  const orphanEntries = Object.keys(manifest.entries).filter((key) => !existsSync(path.join(dataDir, key)));
  const claimed = new Set(Object.values(manifest.entries).flatMap((e) => e.outputs.map((o) => o.path)));
  const orphans = new Set(orphanEntries.flatMap((key) => manifest.entries[key]!.outputs.map((o) => o.path)));
  if (!options.shard && !options.years) {
    for (const file of await filesUnder(outDir)) {
      const rel = path.relative(outDir, file).split(path.sep).join('/');
      if (DOCUMENT.test(rel) && !claimed.has(rel)) orphans.add(rel);
    }
  }
  summary.orphans = [...orphans].sort();
  if (options.prune) {
    for (const rel of summary.orphans) {
      const file = path.join(outDir, rel);
      if ((await stat(file).catch(() => undefined))?.isFile()) {
        await unlink(file);
        summary.removed.push(rel);
        await removeEmptyFolders(path.dirname(file), outDir);
      }
    }
    for (const key of orphanEntries) delete manifest.entries[key];
    await saveManifest(manifestFile, manifest);
  }
  summary.failed.sort((a, b) => (a.key < b.key ? -1 : 1));
  summary.ms = performance.now() - started;
  reporter.end(summary);
  return summary;
}
