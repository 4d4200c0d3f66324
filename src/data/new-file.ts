import type { AnnouncementForm, IssueRow, Measure } from './types.ts';

/**
 * The start of a new data file, one definition for the web page (a new agency) and the server (next
 * year's file from last year's, src/serve/tasks.ts): which keys it has, in which order, and what is
 * left empty for the clerk to fill in. Pure (no Node, no I/O), so that the page's bundle takes it
 * as it is.
 */

/**
 * The name of a new agency's file (without `.yaml`), derived from the agency's Thai name
 * (newFileNameOf) and editable: letters of any script with their marks (Thai too), digits, "-" and
 * "_", starting with a letter or a digit, in NFC. The server's rule for a file that exists
 * (src/serve/guard.ts, SAFE_PART) narrowed by what a new name does not need: no "." (the name is
 * the part before `.yaml`) and no leading "-" or "_" (a name that reads as an option on a command
 * line). Thai, not a transliteration: a clerk finds `จังหวัดนครปฐม.yaml` in a folder, and Thai has
 * no transliteration a program gets right (the RTGS needs the syllables and their vowels, which
 * the script does not write); NTFS, Chrome's downloads and a `?file=` URL carry it unchanged.
 */
export const NEW_FILE_NAME = /^[\p{L}\p{N}][\p{L}\p{M}\p{N}_-]*$/u;

/**
 * The most a new name may take in UTF-8 (a Thai letter takes 3): file systems hold 255 bytes a
 * name, less `.yaml` and the static site's `-2567` after it, with room to spare for a copy's "(2)".
 */
export const NEW_FILE_NAME_BYTES = 200;

/** Why a name cannot be a new file's, Thai first and English beside; undefined when it can. */
export function newFileNameProblem(name: string): { th: string; en: string } | undefined {
  const rule = { th: 'ใช้ได้เฉพาะตัวอักษรไทยหรืออังกฤษ ตัวเลข - และ _ ขึ้นต้นด้วยตัวอักษรหรือตัวเลข', en: 'letters (Thai or Latin), digits, - and _, starting with a letter or digit' };
  const nfc = name.normalize('NFC');
  if (nfc === '') return { th: 'ยังไม่ได้ใส่ชื่อไฟล์', en: 'no file name yet' };
  const bad = [...nfc].find((ch) => !/[\p{L}\p{M}\p{N}_-]/u.test(ch));
  if (bad !== undefined) {
    const shown = /\s/u.test(bad) ? 'เว้นวรรค (space)' : /[\p{L}\p{N}\p{P}\p{S}]/u.test(bad) ? `“${bad}”` : `U+${bad.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
    return { th: `ชื่อไฟล์มี ${shown} ซึ่งใช้ไม่ได้: ${rule.th}`, en: `the file name holds ${shown.replace('เว้นวรรค ', '')}: ${rule.en}` };
  }
  if (!NEW_FILE_NAME.test(nfc)) return { th: `ชื่อไฟล์ต้องขึ้นต้นด้วยตัวอักษรหรือตัวเลข: ${rule.th}`, en: `a file name starts with a letter or digit: ${rule.en}` };
  if (new TextEncoder().encode(nfc).length > NEW_FILE_NAME_BYTES) return { th: 'ชื่อไฟล์ยาวเกินไป ย่อให้สั้นลง', en: 'the file name is too long: shorten it' };
  return undefined;
}

/**
 * A new file's name from the agency's name: "จังหวัดนครปฐม" → "จังหวัดนครปฐม", "อบต. บ้านใหม่" →
 * "อบต-บ้านใหม่": spaces and what a name may not hold become "-", once, none at either end, cut
 * to the length a name may have. Empty when nothing of the name can be used.
 */
export function newFileNameOf(agency: string): string {
  let name = agency
    .normalize('NFC')
    .replace(/[^\p{L}\p{M}\p{N}_-]+/gu, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-_\p{M}]+|[-_]+$/gu, '');
  const encoder = new TextEncoder();
  while (encoder.encode(name).length > NEW_FILE_NAME_BYTES) name = [...name].slice(0, -1).join('').replace(/[-_]+$/, '');
  return name;
}

/** The earliest fiscal year of a new file (the page's year field has it as its minimum too). */
export const FIRST_NEW_FISCAL_YEAR = 2560;

/** The assessment year of a file that states none: the results published in the year before. */
export const defaultAssessmentYear = (fiscalYear: number): number => fiscalYear - 1;

/** A data file's place in the data folder: its fiscal year's folder (`2567/nakhon-pathom.yaml`). */
export const dataFilePath = (fiscalYear: number, name: string): string => `${fiscalYear}/${name}.yaml`;

/** A new agency's file in the data folder, or undefined when the year or the name is not one a new file may have. */
export function newFilePath(fiscalYear: number, name: string): string | undefined {
  if (!Number.isInteger(fiscalYear) || fiscalYear < FIRST_NEW_FISCAL_YEAR || newFileNameProblem(name) !== undefined) return undefined;
  return dataFilePath(fiscalYear, name.normalize('NFC'));
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
