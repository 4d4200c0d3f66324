import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { RawData } from '../../src/data/types.ts';
import type { RenderChoice } from './arbitraries.ts';
import { PropertyFailure, validFileProperty } from './properties.ts';

/**
 * Runs the valid-file property on one data file in a fresh process (no document rendered before
 * it), and prints the outcome as JSON: { ok } or { ok: false, property, message }.
 *
 * Usage: node --import tsx test/property/run-one.ts '{"file": "…", "render": {…}, "before": ["…"]}'
 */

const { file, render, before = [] } = JSON.parse(process.argv[2] ?? '{}') as { file: string; render: RenderChoice; before?: string[] };
const load = (f: string): { data: RawData; yaml: string } => {
  const yaml = readFileSync(f, 'utf8');
  return { data: parse(yaml.replace(/^\uFEFF/, '')) as RawData, yaml };
};
let outcome: { ok: boolean; property?: string; message?: string };
try {
  for (const f of before) await validFileProperty({ ...load(f), render }, { content: false });
  await validFileProperty({ ...load(file), render });
  outcome = { ok: true };
} catch (err) {
  outcome = { ok: false, property: err instanceof PropertyFailure ? err.property : 'exception', message: err instanceof Error ? err.message : String(err) };
}
process.stdout.write(JSON.stringify(outcome));
process.exit(0);
