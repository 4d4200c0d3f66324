import type { DocumentKind } from '../compose/compose.ts';
import type { LastYear } from '../data/carried.ts';
import type { NewFile } from '../data/new-file.ts';
import type { OutputFormat } from '../export/formats.ts';
import type { FileEntry, FrameworkAnswer, Message, Report } from '../serve/api.ts';

/**
 * What the web page asks of the engine when the engine runs in the browser itself (the static
 * site of `npm run build:web`, issue 16): the same work as the server's routes (src/serve/api.ts),
 * with the clerk's file handed over as text instead of named by a path on the server's disk.
 * The page imports this file type-only; the engine's browser worker (src/web/engine-worker.ts)
 * answers it.
 *
 * `name` is the clerk's file name as the browser knows it (`nakhon-pathom.yaml`), or null for a
 * form not saved yet: it names the file in findings, as a path does on the server.
 */
export interface EngineRequests {
  framework: { input: { year: number; fallback: boolean }; output: FrameworkAnswer };
  /**
   * A file the clerk opened: its data for the form (null when it does not parse) and its findings;
   * with `previous` beside it, `lastYear` as the server's (src/data/carried.ts).
   */
  load: { input: { name: string; text: string } & Beside; output: Report & { raw: unknown; lastYear?: LastYear } };
  check: { input: { name: string | null; raw: unknown } & Beside; output: Report };
  /** 'invalid': the findings that stop the document, as the server's 422. */
  render: {
    input: { name: string | null; raw: unknown; kind: DocumentKind; format: OutputFormat } & Beside;
    output: { bytes: Uint8Array } | { invalid: Report };
  };
  /** Next year's file started from this one: its suggested file name and its data. */
  'next-year': { input: { name: string; text: string }; output: { name: string; raw: NewFile; notice?: Message } };
  /** The file's new text: `before` (the text as opened, '' for a new file) with the form's data written into it, comments and layout kept, and its findings. */
  update: { input: { name: string | null; before: string; raw: unknown } & Beside; output: { text: string; report: Report } };
  /**
   * The files of a folder the clerk opened, as the server's file list names them (its `entries`):
   * each file's agency and fiscal year, or the note that it does not parse (`text` null: not
   * UTF-8), sorted as the server sorts them.
   */
  identify: { input: { listed: { path: string; text: string | null }[] }; output: FileEntry[] };
}
export type EngineRequestName = keyof EngineRequests;

/**
 * What the command line reads beside the data file, handed over by the page (which read it from
 * the clerk's data folder, or from the pickers where there is no folder): without it the engine
 * has nothing but the one file's text.
 * - `previous`: the same agency's file of the previous fiscal year (src/data/previous-name.ts
 *   says where the page looks), compared with as `build` compares `<data>/2566/x.yaml`; `name` names it in
 *   the findings, as its path does on the command line.
 * - `files`: the files the data names (the agency's emblem, `announcement.emblem`), each by its
 *   path relative to the data file's folder as written in the data (`emblems/x.svg`,
 *   `../emblems/x.svg`); a file the data names and that is not here reads as missing.
 */
export interface Beside {
  previous?: { name: string; text: string };
  files?: { path: string; bytes: Uint8Array }[];
  /**
   * The data file's `name` is its path inside a folder the clerk opened (`2567/x.yaml`): a file the
   * data names that leads out of that folder (`../../x.svg`, an absolute path) is refused as the
   * server refuses one outside its data folder, not reported missing.
   */
  inFolder?: true;
}

export interface EngineRequest<K extends EngineRequestName = EngineRequestName> {
  id: number;
  name: K;
  input: EngineRequests[K]['input'];
}

/** An answer, or a refusal in the clerk's words (Thai) and support's (English). */
export type EngineAnswer =
  | { id: number; ok: true; output: EngineRequests[EngineRequestName]['output'] }
  | { id: number; ok: false; error: Message };

/**
 * The engine's script (src/web/engine-worker.ts, bundled by src/bundle/web-engine.ts) loaded with
 * `<script>` instead of started as a worker (a page opened from a folder cannot start one) defines
 * this global function; it resolves to the answer the worker would post.
 */
export const ENGINE_GLOBAL = 'itaReportEngine';
export type EngineFunction = (request: EngineRequest) => Promise<EngineAnswer>;
