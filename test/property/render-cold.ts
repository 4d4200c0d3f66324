import { createHash } from 'node:crypto';
import { checkFile, renderDocuments } from '../../src/pipeline.ts';
import type { RenderChoice } from './arbitraries.ts';

/**
 * Renders data files in a fresh process, one after the other, and prints the SHA-256 of every
 * document as JSON ({ file: { "report.pdf": hash, … } }). The property tests compare it with what
 * they rendered in their own, long-running process: the same input must give the same bytes
 * whatever the process rendered before.
 *
 * Usage: node --import tsx test/property/render-cold.ts '{"files": [...], "render": {...}}'
 */

const { files, render } = JSON.parse(process.argv[2] ?? '{}') as { files: string[]; render: RenderChoice };
const out: Record<string, Record<string, string>> = {};
for (const file of files) {
  const checked = await checkFile(file, { previous: false });
  if (!checked.analysis) throw new Error(`${file} has errors: ${checked.findings.map((f) => f.code).join(', ')}`);
  const documents = await renderDocuments(checked, { formats: ['docx', 'pdf'], previousYear: false, ...render });
  out[file] = Object.fromEntries(documents.map((d) => [`${d.kind}.${d.format}`, createHash('sha256').update(d.bytes).digest('hex')]));
}
process.stdout.write(JSON.stringify(out));
