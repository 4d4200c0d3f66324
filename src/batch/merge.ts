import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { manifestPath, outputPresent, readManifest, saveManifest, SHARD_MANIFEST, type Manifest } from './manifest.ts';
import { discover } from './plan.ts';

/**
 * The last step of a run split into N shards (N machines, pods of a Kubernetes Indexed Job, jobs
 * of a CI matrix): the shards' manifests, gathered in one output folder, become one manifest and
 * one account of what was written and what failed, and of what is missing: a shard that never
 * reported, a document its manifest names that did not arrive, a data file no shard covered.
 */

export interface MergeOptions {
  outDir: string;
  /** The data folder the shards read: every data file in it must be recorded by one of them. */
  dataDir?: string;
  years?: readonly number[];
}

export interface MergedFailure {
  key: string;
  reason: string;
  internal?: true;
}

export interface MergeReport {
  /** N of the shards' K-of-N; undefined when no shard manifest was found. */
  count?: number;
  /** The K (1-based) whose manifest is there, and those whose is not. */
  shards: number[];
  missingShards: number[];
  /** Manifests that are not of the same N, or not readable: file names. */
  unusable: string[];
  /** Data files whose documents are all there, and how many documents that is. */
  written: number;
  documents: number;
  failed: MergedFailure[];
  /** Documents a manifest records that are not in the output folder (as recorded). */
  missingDocuments: string[];
  /** Data files of dataDir that no shard recorded (a shard stopped early, or ran on other data). */
  notCovered: string[];
}

/** Whether the merged run is whole: every shard reported, nothing failed and nothing is missing. */
export const complete = (r: MergeReport): boolean =>
  r.count !== undefined && r.missingShards.length === 0 && r.unusable.length === 0 && r.failed.length === 0 && r.missingDocuments.length === 0 && r.notCovered.length === 0;

export async function mergeShards(options: MergeOptions): Promise<MergeReport> {
  const outDir = path.resolve(options.outDir);
  const names = (await readdir(outDir).catch(() => [] as string[])).filter((n) => SHARD_MANIFEST.test(n)).sort();
  const counts = new Set(names.map((n) => Number(SHARD_MANIFEST.exec(n)![2])));
  // Shards of different N cover the files differently; the largest N is the run that was meant.
  const count = counts.size > 0 ? Math.max(...counts) : undefined;
  const report: MergeReport = { count, shards: [], missingShards: [], unusable: [], written: 0, documents: 0, failed: [], missingDocuments: [], notCovered: [] };
  const merged: Manifest = { version: 1, entries: {} };
  for (const name of names) {
    const [, k, n] = SHARD_MANIFEST.exec(name)!.map(Number) as [number, number, number];
    const manifest = Number(n) === count ? await readManifest(path.join(outDir, name)) : undefined;
    if (!manifest) {
      report.unusable.push(name);
      continue;
    }
    report.shards.push(k);
    Object.assign(merged.entries, manifest.entries);
  }
  if (count !== undefined) for (let k = 1; k <= count; k++) if (!report.shards.includes(k)) report.missingShards.push(k);

  for (const [key, entry] of Object.entries(merged.entries).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (entry.failed) {
      report.failed.push({ key, ...entry.failed });
      continue;
    }
    const missing: string[] = [];
    for (const output of entry.outputs) if (!(await outputPresent(outDir, output))) missing.push(output.path);
    if (missing.length > 0) report.missingDocuments.push(...missing);
    else if (entry.outputs.length > 0) {
      report.written++;
      report.documents += entry.outputs.length;
    }
  }
  if (options.dataDir) {
    const files = await discover(options.dataDir, { ...(options.years && { years: options.years }) });
    report.notCovered = files.map((f) => f.key).filter((key) => !(key in merged.entries));
  }
  // One manifest for the whole folder: a later unsharded run over the same data and tool skips
  // what the shards wrote.
  if (count !== undefined) await saveManifest(manifestPath(outDir), merged);
  return report;
}
