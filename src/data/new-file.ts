import type { AnnouncementForm, IssueRow, Measure } from './types.ts';

/**
 * The start of a new data file, one definition for the web page (a new agency) and the server (next
 * year's file from last year's, src/serve/tasks.ts): which keys it has, in which order, and what is
 * left empty for the clerk to fill in. Pure (no Node, no I/O), so that the page's bundle takes it
 * as it is.
 */

/**
 * The name of a new agency's file as the page asks for it (without `.yaml`): lower-case Latin
 * letters, digits and "-", not starting with "-". Narrower than what the server accepts for a file
 * that exists (src/serve/guard.ts, Thai names too): a new name is one a clerk can type and a URL
 * (`?file=…`) carries unchanged.
 */
export const NEW_FILE_NAME = /^[a-z0-9][a-z0-9-]*$/;

/** The earliest fiscal year of a new file (the page's year field has it as its minimum too). */
export const FIRST_NEW_FISCAL_YEAR = 2560;

/** The assessment year of a file that states none: the results published in the year before. */
export const defaultAssessmentYear = (fiscalYear: number): number => fiscalYear - 1;

/** A data file's place in the data folder: its fiscal year's folder (`2567/nakhon-pathom.yaml`). */
export const dataFilePath = (fiscalYear: number, name: string): string => `${fiscalYear}/${name}.yaml`;

/** A new agency's file in the data folder, or undefined when the year or the name is not one a new file may have. */
export function newFilePath(fiscalYear: number, name: string): string | undefined {
  if (!Number.isInteger(fiscalYear) || fiscalYear < FIRST_NEW_FISCAL_YEAR || !NEW_FILE_NAME.test(name)) return undefined;
  return dataFilePath(fiscalYear, name);
}

/** What a new file is made from: the agency, its year, and what carries over from last year's file. */
export interface NewFileFrom {
  agency: string;
  fiscalYear: number;
  /** defaultAssessmentYear(fiscalYear) when not given. */
  assessmentYear?: number;
  /** The framework stated in the file (a year whose framework is not there yet uses an earlier one). */
  framework?: number;
  threshold?: number;
  measures?: Measure[];
  /** The signatory's position: an empty field when not known. */
  position?: string;
  announcement?: { form?: AnnouncementForm; emblem?: string };
}

/** A new data file: scores, the overall score and the issue lists empty, for the year's results. */
export type NewFile = {
  agency: string;
  fiscal_year: number;
  assessment_year: number;
  framework?: number;
  overall: { score: null };
  threshold?: number;
  scores: Record<string, number>;
  urgent: IssueRow[];
  improve: IssueRow[];
  measures: Measure[];
  signatory: { position: string };
  announcement?: { form?: AnnouncementForm; emblem?: string };
};

export function newDataFile(from: NewFileFrom): NewFile {
  return {
    agency: from.agency,
    fiscal_year: from.fiscalYear,
    assessment_year: from.assessmentYear ?? defaultAssessmentYear(from.fiscalYear),
    ...(from.framework !== undefined && { framework: from.framework }),
    overall: { score: null },
    ...(from.threshold !== undefined && { threshold: from.threshold }),
    scores: {},
    urgent: [],
    improve: [],
    measures: from.measures ?? [],
    // The position as a field to fill in; left empty it is "not yet known" (a warning, and a
    // dotted line in the announcement), never an error.
    signatory: { position: from.position ?? '' },
    ...(from.announcement !== undefined && { announcement: from.announcement }),
  };
}

/**
 * A file with `framework:` stated where newDataFile puts it, right after assessment_year (at the
 * end when the file has none).
 */
export function statingFramework<T extends object>(file: T, framework: number): T & { framework: number } {
  const entries = Object.entries(file).filter(([k]) => k !== 'framework');
  const after = entries.findIndex(([k]) => k === 'assessment_year');
  entries.splice(after === -1 ? entries.length : after + 1, 0, ['framework', framework]);
  // The same keys and values as `file`, with framework among them.
  return Object.fromEntries(entries) as T & { framework: number };
}

/**
 * A fiscal year a new file may be made for. `meanwhile`: its assessment year has no framework yet,
 * so the newest one is used and stated in the file (README, "Assessment years, and adding a new one").
 */
export interface NewFileYear {
  fiscalYear: number;
  meanwhile: boolean;
}

/**
 * The fiscal years a clerk is offered for a new file, newest first: each whose default assessment
 * year has a framework, and the newest fiscal year whose assessment year has none yet (the year
 * after the newest framework's, or today's fiscal year when that is later), which uses the newest
 * framework meanwhile. Any other year would give a form without indicators, refused only at the
 * save. `chosen` is the year most likely wanted: today's fiscal year when offered, else the nearest
 * offered before it, else the newest.
 */
export function newFileYears(frameworkYears: readonly number[], todayFiscalYear: number): { years: NewFileYear[]; chosen: number | undefined } {
  const latest = Math.max(...frameworkYears);
  const years: NewFileYear[] = frameworkYears
    .map((a) => a + 1)
    .filter((f) => f >= FIRST_NEW_FISCAL_YEAR)
    .map((fiscalYear) => ({ fiscalYear, meanwhile: false }));
  // No frameworks at all: nothing can be offered (Math.max of nothing is -Infinity).
  if (Number.isFinite(latest)) years.push({ fiscalYear: Math.max(latest + 2, todayFiscalYear), meanwhile: true });
  years.sort((a, b) => b.fiscalYear - a.fiscalYear);
  const chosen = years.find((y) => y.fiscalYear <= todayFiscalYear)?.fiscalYear ?? years[0]?.fiscalYear;
  return { years, chosen };
}
