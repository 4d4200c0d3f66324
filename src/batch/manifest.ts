import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../files/files.ts';
import type { Shard } from './plan.ts';

/**
 * The record of what a batch wrote, kept in the output folder: for each data file the fingerprint
 * its documents were made from and the documents themselves. A re-run skips a file whose
 * fingerprint is unchanged and whose documents are all still there.
 */

export interface Output {
  /** Relative to the output folder, forward slashes. */
  path: string;
  size: number;
}

export interface Entry {
  fingerprint: string;
  outputs: Output[];
  /**
   * Why the last run wrote nothing for this file (its outputs, if any, are from the last good
   * version): kept so that a merge of the shards can say what failed without the runs' logs.
   */
  failed?: { reason: string; internal?: true };
}

export interface Manifest {
  version: 1;
  /** The share of the data files this manifest records, when the run was one of several. */
  shard?: Shard;
  entries: Record<string, Entry>;
}

/** What a shard's manifest is called: `.ita-report-manifest.<K>-of-<N>.json`. */
export const SHARD_MANIFEST = /^\.ita-report-manifest\.(\d+)-of-(\d+)\.json$/;

/** One manifest per shard: shards may share an output folder without overwriting each other's. */
export function manifestPath(outDir: string, shard?: Shard): string {
  return path.join(outDir, shard ? `.ita-report-manifest.${shard.index}-of-${shard.count}.json` : '.ita-report-manifest.json');
}

/** A manifest on disk; undefined when it is missing or not one of ours. */
export async function readManifest(file: string): Promise<Manifest | undefined> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<Manifest>;
    if (parsed.version === 1 && parsed.entries && typeof parsed.entries === 'object') {
      return { version: 1, ...(parsed.shard && { shard: parsed.shard }), entries: parsed.entries };
    }
  } catch {
    // Missing or unreadable.
  }
  return undefined;
}

/** The manifest a run starts from: missing or unreadable, everything is built, which is always correct. */
export async function loadManifest(file: string): Promise<Manifest> {
  return (await readManifest(file)) ?? { version: 1, entries: {} };
}

export async function saveManifest(file: string, manifest: Manifest): Promise<void> {
  const sorted = Object.fromEntries(Object.entries(manifest.entries).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const shard = manifest.shard && { shard: { index: manifest.shard.index, count: manifest.shard.count } };
  await writeFileAtomic(file, Buffer.from(JSON.stringify({ version: 1, ...shard, entries: sorted }, null, 1) + '\n'));
}

/** Whether a document is on disk at the size it was written. */
export async function outputPresent(outDir: string, output: Output): Promise<boolean> {
  try {
    return (await stat(path.join(outDir, output.path))).size === output.size;
  } catch {
    return false;
  }
}

/** Whether the documents of an entry are all still on disk as they were written. */
export async function outputsPresent(outDir: string, entry: Entry): Promise<boolean> {
  for (const output of entry.outputs) if (!(await outputPresent(outDir, output))) return false;
  return entry.outputs.length > 0;
}
