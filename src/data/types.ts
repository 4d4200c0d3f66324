/** A location in the data file, as a path of keys and indexes (`['scores', '4']`). */
export type FieldPath = readonly (string | number)[];

export type Severity = 'error' | 'warning';

/**
 * Something wrong with, or worth knowing about, a data file. Findings carry a code and parameters
 * rather than text, so the messages layer can word them in Thai and English and the CLI can point
 * at the line.
 */
export interface Finding {
  severity: Severity;
  code: string;
  path: FieldPath;
  params: Record<string, string | number>;
  /** Set when the problem has a place but no field (a YAML syntax error). */
  at?: { line: number; col: number };
}

export interface IssueRow {
  indicator: number;
  points: string[];
}

export type Period = string | { from: string; to: string } | { quarter: 1 | 2 | 3 | 4 };

export interface Measure {
  title: string;
  steps: string[];
  owner: string;
  monitoring: string;
  budget?: number;
  period?: Period;
}

/**
 * Who signs the announcement. Every part may be unknown when the file is written: the announcement
 * then leaves a dotted line to fill in by hand (and the loader warns about a missing position).
 * In ReportData a blank name or position (only spaces) is absent.
 */
export interface Signatory {
  name?: string;
  position?: string;
  /** ISO date (Gregorian), validated by the loader. */
  date?: string;
}

/** How far a step of a measure has come in a round of the follow-up report. */
export type StepStatus = 'done' | 'in_progress' | 'not_started';

export interface Evidence {
  title: string;
  url?: string;
}

/** A step's progress in one round, as the clerk wrote it (status words already mapped). */
export interface StepProgress {
  status: StepStatus;
  result?: string;
  when?: Period;
  evidence: Evidence[];
  problems?: string;
  suggestions?: string;
}

export interface MeasureProgress {
  /** By step number (1-based, as in §6). */
  steps: Map<number, StepProgress>;
  problems?: string;
  suggestions?: string;
}

/** The follow-up report's rounds: six months (to 31 March) and the full year (to 30 September). */
export type RoundMonths = 6 | 12;

export interface RoundProgress {
  months: RoundMonths;
  /** ISO date the round reports up to, when the clerk gave one. */
  asOf?: string;
  /** By measure number (1-based, as in §6). */
  measures: Map<number, MeasureProgress>;
}

/**
 * How the measures are announced: `proclamation`, an official ประกาศ on Garuda paper (the default),
 * or `table`, the measures' title over the table.
 */
export type AnnouncementForm = 'proclamation' | 'table';

/** An agency's own emblem file, read and checked by the loader (src/data/emblem.ts). */
export interface EmblemFile {
  /** Absolute path of the file. */
  file: string;
  /** The file's SVG text. */
  svg: string;
}

/** The data file with defaults applied: what every later layer works from. */
export interface ReportData {
  agency: string;
  fiscalYear: number;
  assessmentYear: number;
  frameworkYear: number;
  overall: { score: number; level?: string; rating?: string };
  threshold: number;
  /** Indicator number → percent, in the order of the file. */
  scores: Map<number, number>;
  explanations: Map<number, string>;
  principles?: string;
  urgent: IssueRow[];
  improve: IssueRow[];
  measures: Measure[];
  /** `emblem` only when the file names one and the form uses it; else the Garuda is drawn. */
  announcement: { intro?: string; form: AnnouncementForm; emblem?: EmblemFile };
  /** Always present ({} when the file has none), so later layers need not ask. */
  signatory: Signatory;
  /** Rounds of the follow-up report, six months first; empty when the file has none. */
  followup: RoundProgress[];
}

/** A step's progress as written in the file. */
export interface RawStepProgress {
  status: string;
  result?: string;
  when?: Period;
  evidence?: (string | Evidence)[];
  problems?: string;
  suggestions?: string;
}

export interface RawRound {
  as_of?: string;
  measures: Record<string, { steps?: Record<string, RawStepProgress>; problems?: string; suggestions?: string }>;
}

/** The file as written, after schema validation (snake_case keys are the published contract). */
export interface RawData {
  agency: string;
  fiscal_year: number;
  assessment_year?: number;
  framework?: number;
  overall: { score: number; level?: string; rating?: string };
  threshold?: number;
  scores: Record<string, number>;
  explanations?: Record<string, string>;
  principles?: string;
  urgent?: IssueRow[];
  improve?: IssueRow[];
  measures: Measure[];
  announcement?: { intro?: string; form?: AnnouncementForm; emblem?: string };
  signatory?: Signatory;
  followup?: { '6'?: RawRound; '12'?: RawRound };
}
