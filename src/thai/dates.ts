/**
 * Calendar dates for the report: strict ISO parsing and Thai formatting with
 * Buddhist Era years (B.E. = C.E. + 543).
 *
 * Dates are calendar dates, never instants, so they are parsed and formatted
 * in UTC mode (`dayjs.utc`), which never consults the machine's time zone.
 * Local mode is not enough: it builds `new Date(y, m, d)` at local midnight,
 * and on days a zone skipped (Pacific/Apia has no 2011-12-30) that lands on
 * another day, so a valid date would be rejected. And `new Date('2023-03-15')`
 * is UTC midnight, which local formatting shows as 14 March west of Greenwich.
 */
import dayjs from 'dayjs';
import buddhistEra from 'dayjs/plugin/buddhistEra.js';
import customParseFormat from 'dayjs/plugin/customParseFormat.js';
import utc from 'dayjs/plugin/utc.js';
// Registers the "th" locale without making it dayjs's global default.
import 'dayjs/locale/th.js';
import { toArabicDigits } from './digits.ts';

// dayjs plugins patch the shared dayjs prototype; extending is idempotent and
// only adds format tokens, parse formats and UTC mode, so other users of dayjs
// are unaffected.
dayjs.extend(buddhistEra);
dayjs.extend(customParseFormat);
dayjs.extend(utc);

/** Strict UTC-mode parse of a `YYYY-MM-DD` string (see the module comment for why UTC). */
function parseUtc(s: string): dayjs.Dayjs {
  return dayjs.utc(s, 'YYYY-MM-DD', true);
}

export type ParseIsoDateResult =
  | { ok: true; date: string }
  | { ok: false; reason: 'format' | 'invalid' | 'buddhist-year' };

/**
 * From this year on, a "Gregorian" year is almost certainly a Buddhist Era
 * year typed by mistake (B.E. 2400 = C.E. 1857; today's B.E. years are 25xx).
 */
const FIRST_SUSPICIOUS_YEAR = 2400;

/**
 * Parses a Gregorian `YYYY-MM-DD` date strictly.
 * - 'format': not exactly `YYYY-MM-DD` (e.g. "2023-3-5", "15/03/2023");
 * - 'buddhist-year': the year is ≥ 2400, which dayjs would silently accept as
 *   a Gregorian year although it is almost surely B.E. (2566-03-15);
 * - 'invalid': no such calendar day (2023-02-30, 2023-13-01). Years 0000-0099
 *   are also 'invalid': JavaScript's Date maps them to 1900-1999.
 */
export function parseIsoDate(s: string): ParseIsoDateResult {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return { ok: false, reason: 'format' };
  if (Number(s.slice(0, 4)) >= FIRST_SUSPICIOUS_YEAR) return { ok: false, reason: 'buddhist-year' };
  // Strict mode re-formats the parsed date and compares, so overflowing days
  // (Feb 30 → Mar 2) are reported instead of rolled over.
  if (!parseUtc(s).isValid()) return { ok: false, reason: 'invalid' };
  return { ok: true, date: s };
}

const THAI_MONTHS = [
  'มกราคม',
  'กุมภาพันธ์',
  'มีนาคม',
  'เมษายน',
  'พฤษภาคม',
  'มิถุนายน',
  'กรกฎาคม',
  'สิงหาคม',
  'กันยายน',
  'ตุลาคม',
  'พฤศจิกายน',
  'ธันวาคม',
] as const;

/** Full Thai month name, 1 → "มกราคม" … 12 → "ธันวาคม". Throws RangeError otherwise. */
export function thaiMonthName(month1to12: number): string {
  const name = Number.isInteger(month1to12) ? THAI_MONTHS[month1to12 - 1] : undefined;
  if (name === undefined) throw new RangeError(`month must be an integer from 1 to 12, got ${month1to12}`);
  return name;
}

/**
 * Formats an ISO date in Thai with a B.E. year:
 * full → "15 มีนาคม พ.ศ. 2566", short → "15 มี.ค. 2566" (Arabic digits;
 * digit conversion is a later pass). Throws RangeError for a date
 * `parseIsoDate` rejects.
 */
export function formatThaiDate(iso: string, style: 'full' | 'short' = 'full'): string {
  const parsed = parseIsoDate(iso);
  if (!parsed.ok) throw new RangeError(`not a valid ISO date (${parsed.reason}): ${JSON.stringify(iso)}`);
  // "[พ.ศ.]" is bracketed so dayjs never reads any of it as a format token.
  const pattern = style === 'full' ? 'D MMMM [พ.ศ.] BBBB' : 'D MMM BBBB';
  return parseUtc(parsed.date).locale('th').format(pattern);
}

/** Abbreviated Thai month names as written in dates ("ม.ค."), 1 → "ม.ค." … 12 → "ธ.ค.". */
const THAI_MONTHS_SHORT = ['ม.ค.', 'ก.พ.', 'มี.ค.', 'เม.ย.', 'พ.ค.', 'มิ.ย.', 'ก.ค.', 'ส.ค.', 'ก.ย.', 'ต.ค.', 'พ.ย.', 'ธ.ค.'] as const;

export type TypedDate =
  | { ok: true; date: string }
  | {
      ok: false;
      /**
       * - 'empty': nothing typed;
       * - 'unreadable': not day, month and year in that order;
       * - 'month': a month that is neither 1–12 nor a Thai month's name;
       * - 'invalid': no such day (31 เมษายน, 29 ก.พ. of a common year).
       */
      reason: 'empty' | 'unreadable' | 'month' | 'invalid';
    };

/** The month a clerk wrote: 1–12, or a Thai month's name, full or short, with or without its dots. */
function monthOf(written: string): number | undefined {
  if (/^[0-9]{1,2}$/.test(written)) {
    const m = Number(written);
    return m >= 1 && m <= 12 ? m : undefined;
  }
  const bare = written.replace(/\./g, '');
  const full = THAI_MONTHS.findIndex((name) => name === bare);
  if (full >= 0) return full + 1;
  const short = THAI_MONTHS_SHORT.findIndex((name) => name.replace(/\./g, '') === bare);
  return short >= 0 ? short + 1 : undefined;
}

/**
 * A date as a clerk types it: day, month, year, the way Thai dates are written: "15/1/2567",
 * "15-01-67", "๑๕ มกราคม พ.ศ. ๒๕๖๗", "15 ม.ค. 67". The year is B.E.; two digits are B.E. 25xx
 * ("67" is 2567); a four-digit year before 2400 is taken as C.E. (a clerk who wrote 2024). An ISO
 * `YYYY-MM-DD` is read as such. The answer is the ISO date, for the data file.
 */
export function readTypedDate(typed: string): TypedDate {
  const text = toArabicDigits(typed.normalize('NFKC')).trim().replace(/\s+/g, ' ');
  if (text === '') return { ok: false, reason: 'empty' };
  const iso = /^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$/.exec(text);
  const parts = iso
    ? { day: iso[3]!, month: iso[2]!, year: iso[1]! }
    : (() => {
        const m = /^([0-9]{1,2})(?:\s*[/.-]\s*|\s+)([0-9]{1,2}|[ก-๛.]+?)(?:\s*[/.-]\s*|\s+)(?:พ\.?\s?ศ\.?\s*)?([0-9]{2}|[0-9]{4})$/.exec(text);
        return m ? { day: m[1]!, month: m[2]!, year: m[3]! } : undefined;
      })();
  if (!parts) return { ok: false, reason: 'unreadable' };
  const month = monthOf(parts.month);
  if (month === undefined) return { ok: false, reason: 'month' };
  const written = Number(parts.year);
  const ce = parts.year.length === 2 ? written + 2500 - 543 : written >= FIRST_SUSPICIOUS_YEAR ? written - 543 : written;
  const date = `${String(ce).padStart(4, '0')}-${String(month).padStart(2, '0')}-${parts.day.padStart(2, '0')}`;
  const parsed = parseIsoDate(date);
  return parsed.ok ? { ok: true, date } : { ok: false, reason: parsed.reason === 'format' ? 'unreadable' : 'invalid' };
}
