import { toArabicDigits } from './digits.ts';

/**
 * A number as a clerk types or pastes it into the form: Thai or Arabic digits, a decimal point or
 * a decimal comma, thousands separators, spaces, a per-cent sign on a score, and on an amount the
 * words a budget is written with ("๕๐,๐๐๐ บาท", "1.5 ล้าน", "๕ แสนบาท", "12,000.-"). What cannot be
 * read is said, never guessed: the page refuses it beside the field instead of dropping it.
 *
 * The value is exact for what was typed: "1.15 ล้าน" is 1,150,000, not 1.15 × 10⁶ in binary.
 */

export type TypedNumberKind = 'score' | 'amount';

export type TypedNumber =
  | { ok: true; value: number }
  | {
      ok: false;
      /**
       * - 'empty': nothing but spaces;
       * - 'unreadable': not a number (letters, two numbers, a sign in the middle);
       * - 'separators': commas and points that fit no grouping ("1,23,4", "1.2.3");
       * - 'unit': a word or sign that does not belong to this kind of number (ล้าน on a score, % on an amount).
       */
      reason: 'empty' | 'unreadable' | 'separators' | 'unit';
    };

/** Thai words of size written after an amount, as powers of ten. */
const MULTIPLIERS: ReadonlyMap<string, number> = new Map([
  ['พัน', 3],
  ['หมื่น', 4],
  ['แสน', 5],
  ['ล้าน', 6],
]);

/** Spaces of every kind, including the no-break and thin spaces a pasted number carries. */
const SPACES = /[\s\u00a0\u2000-\u200b\u202f\u205f\u3000]+/g;

/**
 * Reads a typed score (0–100 is the checker's rule, not this reader's) or amount of baht.
 * A comma followed by other than three digits is a decimal comma ("92,5"); three digits after a
 * comma are thousands, as Thai writes them ("1,500"); with both a point and a comma, the last
 * one is the decimal mark ("1.234,56").
 */
export function readTypedNumber(typed: string, kind: TypedNumberKind): TypedNumber {
  // NFKC folds full-width digits and signs (a number pasted from a Chinese or Japanese input) to ASCII.
  const folded = toArabicDigits(typed.normalize('NFKC'));
  // Digits apart ("92 5") are two numbers or a lost decimal mark: which, only the clerk knows.
  if (/[0-9][\s\u00a0\u2000-\u200b\u202f\u205f\u3000]+[0-9]/.test(folded)) return { ok: false, reason: 'separators' };
  let text = folded.replace(SPACES, '');
  if (text === '') return { ok: false, reason: 'empty' };
  let shift = 0;
  if (kind === 'score') {
    text = text.replace(/^ร้อยละ/, '').replace(/%$/, '');
  } else {
    // "50,000.-" and "50,000.—" are how a budget says "exactly, no satang".
    text = text.replace(/บาท(ถ้วน)?$/, '').replace(/(?:\.[-–—]|บ\.)$/, '');
    for (const [word, power] of MULTIPLIERS) {
      if (text.endsWith(word)) {
        text = text.slice(0, -word.length);
        shift = power;
        break;
      }
    }
  }
  if (text === '') return { ok: false, reason: 'unreadable' };
  if (/%|ร้อยละ|พัน|หมื่น|แสน|ล้าน|บาท/.test(text)) return { ok: false, reason: 'unit' };
  const match = /^([+-]?)([0-9.,]+)$/.exec(text);
  if (!match) return { ok: false, reason: 'unreadable' };
  const [, sign, body] = match as unknown as [string, string, string];
  const decimal = splitDecimal(body);
  if (!decimal) return { ok: false, reason: 'separators' };
  const value = exactValue(decimal.whole, decimal.fraction, shift);
  return { ok: true, value: sign === '-' && value !== 0 ? -value : value };
}

/** The digits before and after the decimal mark, thousands separators taken out; undefined when they fit no grouping. */
function splitDecimal(body: string): { whole: string; fraction: string } | undefined {
  if (!/[0-9]/.test(body)) return undefined;
  const lastPoint = body.lastIndexOf('.');
  const lastComma = body.lastIndexOf(',');
  let mark: '.' | ',' | undefined;
  if (lastPoint >= 0 && lastComma >= 0) mark = lastPoint > lastComma ? '.' : ',';
  else if (lastPoint >= 0) mark = countOf(body, '.') === 1 ? '.' : undefined;
  else if (lastComma >= 0) mark = countOf(body, ',') === 1 && !/,[0-9]{3}$/.test(body) ? ',' : undefined;
  const at = mark === undefined ? -1 : body.lastIndexOf(mark);
  const wholePart = at < 0 ? body : body.slice(0, at);
  const fraction = at < 0 ? '' : body.slice(at + 1);
  if (!/^[0-9]*$/.test(fraction) || (at >= 0 && fraction === '')) return undefined;
  const separator = mark === '.' ? ',' : mark === ',' ? '.' : wholePart.includes(',') ? ',' : '.';
  if (wholePart.includes(separator === ',' ? '.' : ',')) return undefined;
  const groups = wholePart.split(separator);
  // Thousands: the first group 1–3 digits, every other exactly 3.
  if (groups.length > 1 && !(/^[0-9]{1,3}$/.test(groups[0]!) && groups.slice(1).every((g) => /^[0-9]{3}$/.test(g)))) return undefined;
  const whole = groups.join('');
  if (!/^[0-9]*$/.test(whole) || (whole === '' && fraction === '')) return undefined;
  return { whole: whole === '' ? '0' : whole, fraction };
}

const countOf = (s: string, c: string): number => s.split(c).length - 1;

/** whole.fraction × 10^shift, by moving the decimal mark in the digits rather than multiplying floats. */
function exactValue(whole: string, fraction: string, shift: number): number {
  const digits = whole + fraction.padEnd(shift, '0');
  const point = whole.length + shift;
  return Number(`${digits.slice(0, point)}.${digits.slice(point) || '0'}`);
}
