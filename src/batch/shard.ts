import { createHash } from 'node:crypto';
import path from 'node:path';

/**
 * A share of the data files, for runs split across machines. Apart from the rest of the plan so
 * that the command line can read `--shard` without loading the engine.
 */

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

/**
 * `K/N`: share K of N (1-based). `N` alone: share of N whose index the environment gives, as a
 * Kubernetes Indexed Job does in JOB_COMPLETION_INDEX (0-based: index 0 is share 1/N), so that one
 * pod template serves every index. The completion count is not in a pod's environment: it is N.
 */
export function parseShard(text: string, env: Readonly<Record<string, string | undefined>> = {}): Shard | undefined {
  const both = /^(\d+)\/(\d+)$/.exec(text.trim());
  const countOnly = /^(\d+)$/.exec(text.trim());
  const completion = env.JOB_COMPLETION_INDEX?.trim();
  if (!both && !(countOnly && completion !== undefined && /^\d+$/.test(completion))) return undefined;
  const index = both ? Number(both[1]) : Number(completion) + 1;
  const count = Number(both ? both[2] : countOnly![1]);
  return count >= 1 && index >= 1 && index <= count ? { index, count } : undefined;
}

/**
 * A file's shard depends on its path alone, so N machines that each take their share cover every
 * file exactly once, whatever the others do and in any order, with no coordinator.
 */
export function shardOf(relativePath: string, count: number): number {
  const digest = createHash('sha256').update(relativePath.split(path.sep).join('/')).digest();
  return (digest.readUInt32BE(0) % count) + 1;
}
