import type { LastYear } from '../data/carried.ts';
import type { NewFile } from '../data/new-file.ts';

/**
 * What the web page and the server say to each other: the JSON answers of server.ts's routes, as
 * types. The server states its answers with them (`satisfies`), the page (src/serve/page) reads
 * them; the page imports this file type-only, so it imports nothing but types itself and compiles
 * without Node's types.
 */

/** A message for the clerk (Thai) and for support (English). */
export interface Message {
  th: string;
  en: string;
  /** What only whoever maintains the program can do (src/messages/catalogue.ts): the page folds it away. */
  maintainer?: { th: string; en: string };
}

/** Every refusal of the server: 4xx and 5xx, and 422 for a document the data cannot make. */
export interface ErrorAnswer {
  error: Message;
}

/** Findings as the page shows them: beside the field they concern, Thai first. */
export interface Report {
  findings: {
    severity: string;
    path: string;
    field: string | null;
    th: string;
    en: string;
    /** What only whoever maintains the program can do about it (a framework file to add). */
    maintainer?: { th: string; en: string };
    at: { line: number; col: number } | null;
  }[];
  overall: {
    declared: number;
    declaredLevel: string | null;
    level: string;
    computed: number | null;
    computedLevel: string | null;
    /** The rating in words as the report prints it, and the rule's, in years that have one. */
    rating: { words: string; rule: string } | null;
    /** Each tool as a percent of its maximum, and whether it reaches the pass mark. */
    tools: { id: string; name: string; score: number | null; passed: boolean | null }[];
    passMark: number;
  } | null;
}

/** A year's framework, as much of it as labels the form. */
export interface FrameworkAnswer {
  year: number;
  passMark: number;
  indicators: { number: number; name: string }[];
  levels: { level: string; min: number }[];
  /** A new file whose year has no framework yet: the earlier one it uses meanwhile. */
  notice?: Message;
  /**
   * Every assessment year that has a framework, oldest first: the page offers a new file only the
   * fiscal years these allow (newFileYears in src/data/new-file.ts). Absent from an older engine.
   */
  years?: number[];
}

/**
 * A file of the data folder as the page lists it: its agency and fiscal year as the file states
 * them (either absent when the file does not state it), or, for a file that does not parse or is
 * not UTF-8, the note that says so (it is still listed by its path, so that it can be opened and
 * its findings read).
 */
export interface FileEntry {
  path: string;
  agency?: string;
  fiscalYear?: number;
  note?: Message;
}

/** The answer of each route that answers JSON, by `METHOD /path`. */
export interface Answers {
  'GET /api/framework': FrameworkAnswer;
  'POST /api/new-year': { path: string; raw: NewFile; notice?: Message };
  /** Files whose names the page may not use are listed apart, with the reason. */
  'GET /api/files': {
    files: string[];
    refused?: (Message & { path: string })[];
    /** `files` with what each states, sorted by fiscal year (newest first) then agency; absent from an older server. */
    entries?: FileEntry[];
  };
  /**
   * `raw` is null for a file that does not parse (its findings say why). `lastYear`: the same
   * agency's file of the year before, found beside it, whose measures the page compares (the
   * measures still last year's are marked); absent when there is none.
   */
  'GET /api/file': Report & { path: string; text: string; raw: unknown; lastYear?: LastYear };
  'POST /api/check': Report;
  /** 200 is the document's bytes; 422 is this: the findings that stop it, or an ErrorAnswer. */
  'POST /api/render': Report;
  'POST /api/save': Report & { saved: true };
}
