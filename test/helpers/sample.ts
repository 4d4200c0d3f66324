import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkFile, renderDocuments, type RenderOptions } from '../../src/pipeline.ts';

export const SAMPLE = new URL('../../data/2566/nakhon-pathom.yaml', import.meta.url).pathname;
export const sampleText = (): string => readFileSync(SAMPLE, 'utf8');

/** Writes a data file variant into a fresh temporary folder and returns its path. */
export function writeVariant(text: string, name = 'variant.yaml'): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'ita-')), name);
  writeFileSync(file, text);
  return file;
}

/** Renders the sample (or a variant of its text) through the real pipeline. */
export async function renderSample(options: Partial<RenderOptions> = {}, text?: string) {
  const checked = await checkFile(text === undefined ? SAMPLE : writeVariant(text));
  const docs = await renderDocuments(checked, { formats: ['docx'], digits: 'thai', ...options });
  const find = (kind: string) => docs.find((d) => d.kind === kind)!;
  return { checked, report: find('report'), announcement: find('announcement') };
}
