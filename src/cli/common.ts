import type { Shard } from '../batch/shard.ts';
import type { OutputFormat } from '../export/formats.ts';
import type { DigitSystem } from '../model/types.ts';

/** What the program (main.ts) and the commands (commands.ts) share: codes, limits, options. */

/**
 * Exit codes: 0 all written, 1 invalid data (or warnings under --strict, or a file the system
 * would not let us read or write), 2 usage error, 3 internal error (a bug: please report it).
 */
export const EXIT = { ok: 0, invalid: 1, usage: 2, internal: 3 } as const;

/** At most this many findings are printed per file; the rest are counted. */
export const MAX_PRINTED_FINDINGS = 100;

export interface CommonOptions {
  strict: boolean;
}

/** The options `build` and `batch` share: where to write, and what the documents look like. */
export interface DocumentOptions {
  out: string;
  format?: OutputFormat[];
  digits: DigitSystem;
  font?: string;
  pdfFont?: string;
  justify: boolean;
  continuation: boolean;
  charts: boolean;
  previousYear: boolean;
  documents?: DocumentChoice[];
}

export type BuildOptions = CommonOptions & DocumentOptions & { previous?: string };

export interface BatchCliOptions extends DocumentOptions {
  year?: number[];
  jobs: number;
  force: boolean;
  prune: boolean;
  shard?: Shard;
}


/** What --documents names: followup stands for the follow-up report of each round the file has. */
export const DOCUMENT_CHOICES = ['report', 'announcement', 'followup'] as const;
export type DocumentChoice = (typeof DOCUMENT_CHOICES)[number];

export const log = (line: string): void => void process.stdout.write(line + '\n');
export const warn = (line: string): void => void process.stderr.write(line + '\n');
