import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fontSetFromFile } from '../fonts/user.ts';
import type { RenderOptions } from '../pipeline.ts';

/**
 * The fingerprint of the options that shape the documents, derived from the RenderOptions object
 * itself: every key it has, present now or added later, goes into a canonical JSON (keys sorted,
 * lists of words sorted, keys left undefined or at their default value left out), so a new option
 * can never be missed. A PDF font file counts by its content (and its bold face's), not its path.
 */

/** Options whose absence means this value: the same documents either way, so the same fingerprint. */
const DEFAULTS: Partial<Record<keyof RenderOptions, unknown>> = { justify: true, continuation: true, charts: true, previousYear: true };

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(canonical);
    return items.every((v) => typeof v === 'string') ? [...(items as string[])].sort() : items;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => [k, canonical(v)]));
  }
  return value;
}

export async function optionsFingerprint(options: RenderOptions): Promise<string> {
  const { pdfFont, ...rest } = options;
  const shaping: Record<string, unknown> = { ...rest };
  for (const [key, value] of Object.entries(DEFAULTS)) if (shaping[key] === value) delete shaping[key];
  const hash = createHash('sha256');
  hash.update(JSON.stringify(canonical(shaping)));
  if (pdfFont && options.formats.includes('pdf')) {
    hash.update('\0pdfFont\0');
    for (const file of Object.values(fontSetFromFile(pdfFont).files)) hash.update(await readFile(file)).update('\0');
  }
  return hash.digest('hex');
}
