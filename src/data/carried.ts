import { toThaiDigits } from '../thai/digits.ts';

/**
 * Measures carried over from last year's file (issue 17): the page marks a measure whose text is
 * still last year's, so that a clerk who started the year from last year's file (เริ่มปีใหม่จาก
 * ไฟล์นี้) checks it before it is printed in this year's announcement. Nothing is written into the
 * data file for it: when a file is opened, its measures are compared with last year's file, found
 * beside it (src/data/previous-name.ts). Node-free: the server, the engine in the browser and the
 * page use the same rule.
 */

/** What the page is told of last year's file: its fiscal year, and each measure's text (measureText). */
export interface LastYear {
  fiscalYear: number;
  measures: string[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A text as compared: NFC, spaces and line breaks run together, trimmed; anything else as nothing. */
const plain = (v: unknown): string => (typeof v === 'string' ? v.normalize('NFC').replace(/\s+/g, ' ').trim() : '');

/**
 * A measure's words (title, steps, owner, monitoring, a period written as text), as one string:
 * two measures with the same words have the same text. The budget and a period of dates are not
 * words that name a year in a sentence, and a clerk may keep them: they are left out.
 */
export function measureText(measure: unknown): string {
  const m = isRecord(measure) ? measure : {};
  const steps = Array.isArray(m.steps) ? m.steps.map(plain) : [];
  return JSON.stringify([plain(m.title), steps, plain(m.owner), plain(m.monitoring), plain(m.period)]);
}

/**
 * Last year's file as the page is told of it, when it is last year's of the same agency: its
 * fiscal year is the one before this file's, and it names the same agency (when both name one).
 * Undefined otherwise, or when either is not a data file.
 */
export function lastYearOf(previous: unknown, current: unknown): LastYear | undefined {
  if (!isRecord(previous) || !isRecord(current)) return undefined;
  const year = current.fiscal_year;
  if (typeof year !== 'number' || previous.fiscal_year !== year - 1) return undefined;
  if (typeof previous.agency === 'string' && typeof current.agency === 'string' && plain(previous.agency) !== plain(current.agency)) return undefined;
  const measures = Array.isArray(previous.measures) ? previous.measures : [];
  return { fiscalYear: year - 1, measures: measures.map(measureText) };
}

/**
 * Whether a measure's text names `year` in Thai or Arabic digits, as a number of its own (not
 * inside 25661): text written for last year ("ในปีงบประมาณ พ.ศ. ๒๕๖๖") printed in this year's
 * announcement is the likeliest thing a clerk forgets to change.
 */
export function namesYear(measure: unknown, year: number): boolean {
  const m = isRecord(measure) ? measure : {};
  const texts = [m.title, ...(Array.isArray(m.steps) ? m.steps : []), m.owner, m.monitoring, m.period];
  const pattern = new RegExp(`(?<![0-9๐-๙])(?:${year}|${toThaiDigits(String(year))})(?![0-9๐-๙])`);
  return texts.some((t) => typeof t === 'string' && pattern.test(t));
}
