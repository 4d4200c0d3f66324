import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expandInputs, filesUnder } from '../files/files.ts';
import { packageRoot } from '../resources/node.ts';
import { shardOf, type Shard } from './shard.ts';

export { parseShard, shardOf, type Shard } from './shard.ts';

/**
 * What a batch run is about to do: which data files are its share, and the fingerprint that tells
 * whether a file's documents are still current.
 */

export interface DataFile {
  /** Absolute path. */
  file: string;
  /** Relative to the data folder, with forward slashes: the key in the manifest. */
  key: string;
}

/** The data files of `dataDir`, filtered by fiscal-year folder and shard, in a stable order. */
export async function discover(dataDir: string, options: { years?: readonly number[]; shard?: Shard }): Promise<DataFile[]> {
  const root = path.resolve(dataDir);
  const files = await expandInputs([root]);
  return files
    .map((file) => ({ file, key: path.relative(root, file).split(path.sep).join('/') }))
    .filter(({ key }) => !options.years || options.years.some((y) => key.startsWith(`${y}/`)))
    .filter(({ key }) => !options.shard || shardOf(key, options.shard.count) === options.shard.index)
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Everything besides the data that shapes the documents: code, templates, frameworks, fonts. */
const TOOL_PARTS = ['src', 'templates', 'frameworks', 'fonts', 'data/ita-report.schema.json', 'package.json', 'package-lock.json', 'assets'];

/**
 * One hash of the tool as it is on disk: a changed template, font, framework or line of code
 * rebuilds every document, and nothing else does.
 */
export async function toolFingerprint(root = packageRoot): Promise<string> {
  const hash = createHash('sha256');
  const files = (await Promise.all(TOOL_PARTS.map((p) => filesUnder(path.join(root, p))))).flat().sort();
  for (const file of files) {
    const bytes = await readFile(file).catch(() => Buffer.alloc(0));
    hash.update(path.relative(root, file)).update('\0').update(bytes).update('\0');
  }
  return hash.digest('hex');
}

/** The options that change the bytes of a document: derived from RenderOptions itself (src/build). */
export { optionsFingerprint } from '../build/options.ts';

/**
 * `previous` is the previous year's file (empty when there is none): its scores are in the report;
 * `emblem` the agency's own emblem file the data names (empty when none): it heads the announcement.
 */
export const fingerprint = (tool: string, options: string, data: Uint8Array, previous: Uint8Array = new Uint8Array(0), emblem: Uint8Array = new Uint8Array(0)): string => {
  const hash = createHash('sha256').update(tool).update(options).update(data).update('\0previous\0').update(previous);
  if (emblem.length > 0) hash.update('\0emblem\0').update(emblem);
  return hash.digest('hex');
};
