import { readFileSync } from 'node:fs';
import type { DocumentKind } from '../compose/compose.ts';
import { lastYearOf, type LastYear } from '../data/carried.ts';
import type { NewFile } from '../data/new-file.ts';
import { identityOf, noDocument, type Identity, nextYearFromText, rawToText, report, toData } from '../messages/answers.ts';
import { buildFile } from '../build/build.ts';
import { checkText, type Checked, type OutputFormat } from '../pipeline.ts';
import { confinedPreviousYear } from './guard.ts';
import { updateYaml } from '../data/yaml-update.ts';
import type { Report } from './api.ts';

export type { Report } from './api.ts';

/**
 * The work of the web server that can take long: YAML, checking and rendering. It runs in worker
 * threads (`worker.ts`, driven by `lanes.ts`), so that a long render never holds up the requests
 * of the page. Every task gets plain data and answers plain data (structured-cloneable). The
 * answers themselves are built by src/messages/answers.ts, as the engine in the browser builds its
 * own (src/web/engine-worker.ts); what is the server's here is the data folder: the previous year's
 * file and emblems confined to it.
 */

/** Where a form's file lives: the data folder, and the file's path in it when it has one. */
export interface Place {
  root: string;
  /** Absolute path of the data file, or null for a form not saved yet (nothing to compare with). */
  file: string | null;
}

export interface Tasks {
  check: { input: Place & { raw: unknown }; output: Report };
  /** `lastYear`: last year's file beside it, as the page marks measures still last year's (src/data/carried.ts). */
  load: { input: Place & { text: string }; output: { raw: unknown; report: Report; lastYear?: LastYear } };
  render: {
    input: Place & { raw: unknown; kind: DocumentKind; format: OutputFormat };
    output: { bytes: Uint8Array } | { invalid: Report };
  };
  'next-year': { input: { text: string }; output: { raw: NewFile } };
  update: { input: Place & { before: string; raw: unknown }; output: { text: string; report: Report } };
  /** What each text states of its agency and fiscal year; null for a text that does not parse. */
  identify: { input: { texts: string[] }; output: (Identity | null)[] };
}
export type TaskName = keyof Tasks;

/**
 * checkText with the previous year's file confined to the data folder: the pipeline would look
 * for it beside the file wherever that leads; here it is looked up only inside the data folder
 * (after following symbolic links), like every other file the server reads.
 */
async function checkConfined(text: string, place: Place): Promise<Checked> {
  // An emblem file the data names is read only inside the data folder, like every other file.
  const emblems = { within: place.root };
  const first = await checkText(text, place.file ?? 'form', { previous: false, emblems });
  if (place.file === null || !first.data || !first.analysis) return first;
  const previous = confinedPreviousYear(place.root, place.file, first.data.fiscalYear);
  return previous === false ? first : checkText(text, place.file, { previous, emblems });
}

/**
 * Last year's file of the same agency beside the file (src/data/previous-name.ts, confined to the
 * data folder as every file the server reads), as the page is told of it; undefined when there is
 * none or it is not last year's. Looked for whatever this file's findings: a file being written
 * has errors, and its carried-over measures are marked all the same.
 */
function lastYearBeside(place: Place, raw: unknown): LastYear | undefined {
  const year = (raw as { fiscal_year?: unknown } | null)?.fiscal_year;
  if (place.file === null || typeof year !== 'number' || !Number.isInteger(year)) return undefined;
  const previous = confinedPreviousYear(place.root, place.file, year);
  if (previous === false) return undefined;
  try {
    return lastYearOf(toData(readFileSync(previous, 'utf8')), raw);
  } catch {
    // Unreadable now (removed, no permission): no marks, as when there is no file.
    return undefined;
  }
}

type Handlers = { [K in TaskName]: (input: Tasks[K]['input']) => Promise<Tasks[K]['output']> };

export const tasks: Handlers = {
  check: async (input) => report(await checkConfined(rawToText(input.raw), input)),
  load: async (input) => {
    const checked = await checkConfined(input.text, input);
    const raw = toData(input.text) ?? null;
    const lastYear = lastYearBeside(input, raw);
    return { raw, report: report(checked), ...(lastYear && { lastYear }) };
  },
  render: async (input) => {
    const text = rawToText(input.raw);
    // In memory: the page downloads the document; its year is the form's, whatever the folder.
    const built = await buildFile({
      file: input.file ?? 'form',
      options: { formats: [input.format], digits: 'thai', kinds: [input.kind] },
      check: () => checkConfined(text, input),
    });
    if (built.status === 'refused') return { invalid: report(built.checked) };
    const [doc] = built.documents;
    // The server asks for a follow-up report only of a round the form has (server.ts).
    if (!doc) throw noDocument(input.kind);
    return { bytes: doc.bytes };
  },
  'next-year': async (input) => ({ raw: nextYearFromText(input.text) }),
  identify: async ({ texts }) => texts.map(identityOf),
  update: async (input) => {
    rawToText(input.raw);
    const text = updateYaml(input.before, input.raw);
    return { text, report: report(await checkConfined(text, input)) };
  },
};

export function runTask<K extends TaskName>(name: K, input: Tasks[K]['input']): Promise<Tasks[K]['output']> {
  return (tasks[name] as (input: Tasks[K]['input']) => Promise<Tasks[K]['output']>)(input);
}
