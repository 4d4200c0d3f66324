/**
 * The Thai government fiscal year: fiscal year B.E. N runs from 1 October of
 * B.E. N−1 to 30 September of B.E. N (B.E. = C.E. + 543). Quarters:
 * 1 = Oct–Dec, 2 = Jan–Mar, 3 = Apr–Jun, 4 = Jul–Sep.
 *
 * Pure calendar arithmetic on ISO strings: no Date objects, so no time zones.
 */
import { parseIsoDate } from './dates.ts';

export type FiscalQuarter = 1 | 2 | 3 | 4;

export interface DateRange {
  /** First day, ISO `YYYY-MM-DD` (Gregorian). */
  start: string;
  /** Last day (inclusive), ISO `YYYY-MM-DD` (Gregorian). */
  end: string;
}

const BE_OFFSET = 543;

/**
 * Fiscal years below this are rejected: a value like 2023 is a C.E. year
 * passed by mistake (the same threshold `parseIsoDate` uses in reverse).
 */
const MIN_FISCAL_YEAR_BE = 2400;

/** Month/day bounds of each quarter, and whether it falls in the calendar year before the fiscal year. */
const QUARTERS: Readonly<Record<FiscalQuarter, { from: string; to: string; previousYear: boolean }>> = {
  1: { from: '10-01', to: '12-31', previousYear: true },
  2: { from: '01-01', to: '03-31', previousYear: false },
  3: { from: '04-01', to: '06-30', previousYear: false },
  4: { from: '07-01', to: '09-30', previousYear: false },
};

function assertFiscalYear(fiscalYearBE: number): void {
  if (!Number.isInteger(fiscalYearBE) || fiscalYearBE < MIN_FISCAL_YEAR_BE) {
    throw new RangeError(
      `fiscal year must be an integer B.E. year (≥ ${MIN_FISCAL_YEAR_BE}), got ${fiscalYearBE}`,
    );
  }
}

function isFiscalQuarter(q: number): q is FiscalQuarter {
  return q === 1 || q === 2 || q === 3 || q === 4;
}

function pad4(year: number): string {
  return String(year).padStart(4, '0');
}

/** First and last day of fiscal year B.E. `fiscalYearBE`: 2566 → 2022-10-01 .. 2023-09-30. */
export function fiscalYearRange(fiscalYearBE: number): DateRange {
  assertFiscalYear(fiscalYearBE);
  const endYear = fiscalYearBE - BE_OFFSET;
  return { start: `${pad4(endYear - 1)}-10-01`, end: `${pad4(endYear)}-09-30` };
}

/**
 * Fiscal year (B.E.) and quarter containing the ISO date:
 * 2022-10-01 → { fiscalYear: 2566, quarter: 1 }. Throws RangeError for a date
 * `parseIsoDate` rejects.
 */
export function fiscalQuarterOf(iso: string): { fiscalYear: number; quarter: FiscalQuarter } {
  const parsed = parseIsoDate(iso);
  if (!parsed.ok) throw new RangeError(`not a valid ISO date (${parsed.reason}): ${JSON.stringify(iso)}`);
  const year = Number(parsed.date.slice(0, 4));
  const month = Number(parsed.date.slice(5, 7));
  const fiscalYear = fiscalYearOf(year, month);
  if (month >= 10) return { fiscalYear, quarter: 1 };
  const quarter = Math.floor((month - 1) / 3) + 2;
  if (!isFiscalQuarter(quarter)) throw new Error(`unreachable: quarter ${quarter}`);
  return { fiscalYear, quarter };
}

/**
 * Fiscal year (B.E.) of a month: C.E. `year`, `month` 1–12 (October starts the next fiscal year):
 * (2022, 9) → 2565, (2022, 10) → 2566. For "today" give the local calendar's year and month
 * (`getFullYear()`, `getMonth() + 1`). Throws RangeError for a month other than 1–12.
 */
export function fiscalYearOf(year: number, month: number): number {
  if (!Number.isInteger(year)) throw new RangeError(`year must be an integer C.E. year, got ${year}`);
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`month must be 1 to 12, got ${month}`);
  return year + BE_OFFSET + (month >= 10 ? 1 : 0);
}

/**
 * First and last day of a quarter of fiscal year B.E. `fiscalYearBE`:
 * 2566 Q1 → 2022-10-01 .. 2022-12-31, Q2 → 2023-01-01 .. 2023-03-31.
 * Throws RangeError for a quarter other than 1–4.
 */
export function quarterRange(fiscalYearBE: number, quarter: number): DateRange {
  assertFiscalYear(fiscalYearBE);
  if (!isFiscalQuarter(quarter)) throw new RangeError(`quarter must be 1, 2, 3 or 4, got ${quarter}`);
  const q = QUARTERS[quarter];
  const year = pad4(fiscalYearBE - BE_OFFSET - (q.previousYear ? 1 : 0));
  return { start: `${year}-${q.from}`, end: `${year}-${q.to}` };
}
