import type { FrameworkAnswer, Report } from '../api.ts';

/**
 * The form's data, as the page reads and writes it: the keys of a data file (README, "The data
 * file"), each optional and loosely typed, because the form holds a file while it is being written
 * (and a file as it is on disk): what is wrong with it is what the server's check says.
 */
export type PeriodForm = string | { quarter?: number; from?: string; to?: string };
export interface IssueForm {
  indicator?: number;
  points?: string[];
}
export interface MeasureForm {
  title?: string;
  steps?: string[];
  owner?: string;
  monitoring?: string;
  budget?: number;
  period?: PeriodForm;
}
export type EvidenceForm = string | { title?: string; url?: string };
export interface StepForm {
  status?: string;
  result?: string;
  when?: PeriodForm;
  evidence?: EvidenceForm[];
  problems?: string;
  suggestions?: string;
}
export interface MeasureProgressForm {
  steps?: Record<string, StepForm>;
  problems?: string;
  suggestions?: string;
}
/** Rounds of the follow-up report: followup."6" and followup."12". */
export type Round = '6' | '12';
export interface RoundForm {
  as_of?: string;
  measures?: Record<string, MeasureProgressForm>;
}
export interface FormData {
  agency?: string;
  fiscal_year?: number;
  assessment_year?: number;
  framework?: number;
  overall?: { score?: number | null; level?: string; rating?: string };
  scores?: Record<string, number>;
  urgent?: IssueForm[];
  improve?: IssueForm[];
  measures?: MeasureForm[];
  signatory?: { position?: string; name?: string; date?: string };
  followup?: Partial<Record<Round, RoundForm>>;
  [key: string]: unknown;
}

export interface State {
  /** The file's path in the data folder ('' before one is chosen). */
  path: string;
  raw: FormData | null;
  /** A new file, not saved yet: saving creates it. */
  create: boolean;
  framework: FrameworkAnswer | null;
  previewUrl: string | null;
  /** The round of progress the form shows. */
  round: Round | null;
  /** The findings last shown, to show again beside fields drawn anew. */
  report: Report | null;
  /** Changed since the file was opened or last saved: leaving or switching asks first. */
  dirty: boolean;
  /**
   * Fields whose text cannot be read (a number or a date), by data-path, with what they say. Their
   * key is out of the data meanwhile, and saving is refused until each is read or emptied: the file
   * never holds a value the clerk did not see.
   */
  unreadable: Map<string, string>;
  /**
   * Next year's file started from last year's (เริ่มปีใหม่จากไฟล์นี้): last year's fiscal year, and
   * the measures carried over that the clerk has not edited yet. Their text was written for last
   * year; fields.ts marks them until edited, and a text that still names that year while it does.
   * By the measure itself, so that a mark moves with its measure. A file opened with last year's
   * file beside it has them too: its measures whose words are still last year's (carriedOver in
   * fields.ts). Null for any other file.
   */
  carried: { from: number; measures: WeakSet<MeasureForm> } | null;
}

export const state: State = { path: '', raw: null, create: false, framework: null, previewUrl: null, round: null, report: null, dirty: false, unreadable: new Map(), carried: null };

/** The form's data; only called while a form is open. */
export function form(): FormData {
  if (!state.raw) throw new Error('no file is open');
  return state.raw;
}

const listeners: (() => void)[] = [];

/** What follows every change of the form (app.ts: the save button, the checks, the preview). */
export function onChanged(listener: () => void): void {
  listeners.push(listener);
}

/** The clerk changed the form. */
export function changed(): void {
  state.dirty = true;
  for (const listener of listeners) listener();
}
