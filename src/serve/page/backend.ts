import type { Answers, FrameworkAnswer, Message, Report } from '../api.ts';
import type { LastYear } from '../../data/carried.ts';
import type { NewFile } from '../../data/new-file.ts';
import type { BesideFile } from './local-beside.ts';
import type { FormData } from './state.ts';

/**
 * Everything the page asks of whoever runs the engine, in one place, so that the same page runs
 * with `ita-report serve` (serverBackend: the server's HTTP routes, src/serve/api.ts) and as a
 * static site (localBackend: the engine in the browser, src/web/protocol.ts).
 *
 * Which one is decided once, when the page starts, by index.html's
 * `<meta name="ita-report-backend" content="server|local">`: the server serves the page with
 * "server", the static build (src/bundle/site.ts) writes "local" (pickBackend in app.ts).
 */

/** The file the form holds: the server's path (`2566/nakhon-pathom.yaml`), or locally the file's name. */
export interface OpenedFile extends Report {
  path: string;
  /** The file's data for the form; null when it does not parse (its findings say why). */
  raw: unknown;
  /** Last year's file beside it, when the backend found or was given it: the measures still last year's are marked. */
  lastYear?: LastYear;
}

/** A document, or why there is none: the findings that stop it, or a refusal (a round the data lacks). */
export type Rendered = { blob: Blob } | { invalid: Report } | { refused: Message };

export interface NextYearFile {
  path: string;
  raw: NewFile;
  notice?: Message;
}

/** What a save did, for the status line: the findings of the saved file and where it went. */
export interface Saved {
  report: Report;
  /** The status line's words ("saved …", "downloaded …"). */
  said: string;
  /** The file's name or path now (a save as a new file may have been given another name). */
  path: string;
}

/**
 * A file the clerk picked on their own computer: its contents, and, where the browser has the
 * File System Access API, the handle a save writes back to.
 */
export interface PickedFile {
  name: string;
  text: string;
  handle?: FileSystemFileHandle;
}

export interface Backend {
  readonly mode: 'server' | 'local';
  /**
   * The year's framework, else the latest one before it (with the notice that says so): the form's
   * labels are never blank. Null: none at all.
   */
  framework(year: unknown): Promise<FrameworkAnswer | null>;
  /** The files of the server's data folder, or locally of the folder the clerk opened; null locally without one. */
  files(): Promise<Answers['GET /api/files'] | null>;
  /**
   * Locally only, where the browser opens folders: the clerk picks their data folder, whose files
   * are then listed, opened by path and saved as the server's are; its name. Cancelled when the
   * picker is closed. A file picked on its own afterwards leaves the folder.
   */
  openFolder?(): Promise<string>;
  /** A file of the server's folder (or the folder the clerk opened) by its path, or locally the one the clerk picked. */
  open(source: { path: string } | { picked: PickedFile }): Promise<OpenedFile>;
  check(path: string, raw: FormData): Promise<Report>;
  render(path: string, raw: FormData, kind: string, format: 'pdf' | 'docx', signal?: AbortSignal): Promise<Rendered>;
  /**
   * Saves the form into its file, changing only what changed (comments and layout kept); `create`
   * for a new file (a new agency, next year's).
   */
  save(path: string, raw: FormData, create: boolean): Promise<Saved>;
  /** Next year's file started from the file as it was opened or last saved. */
  nextYear(path: string): Promise<NextYearFile>;
  /** Where a new agency's file goes: a path in the server's folder, or locally the name it is saved under. */
  newFilePath(fiscalYear: number, name: string): string | undefined;
  /**
   * Locally only (the server reads them from its data folder): files the clerk gave beside the one
   * open, last year's data file and the emblem file, used from now on until another file is opened.
   * Answers, when a data file is among `files` and it is last year's of the form's data (`raw`),
   * what the page is told of it on opening (OpenedFile's lastYear), so that the measures still
   * last year's are marked without the form being read again from its file.
   */
  giveBeside?(files: BesideFile[], raw: FormData): Promise<LastYear | undefined>;
  /** Locally only: what the documents lack because its file was not given (for the status line); empty when nothing. */
  missingBeside?(raw: FormData): Message[];
}


/** A refusal of either backend, as the page shows it: Thai first, English beside. */
export class Refused extends Error {
  constructor(readonly said: Message) {
    super(`${said.th} (${said.en})`);
  }
}
