/**
 * Thai words for a baht amount ("หนึ่งร้อยบาทถ้วน"), as written on receipts
 * and official money figures.
 */
import thaiBahtTextExport from 'thai-baht-text';
import { roundTo } from './numbers.ts';

/**
 * thai-baht-text is CommonJS and does `module.exports = ThaiBahtText`, so from
 * ESM the default import is the function itself. Its .d.ts however describes
 * named exports `{ ThaiBahtText, THBText }` (which are `undefined` at runtime
 * under Node ESM, because they are assigned to the orphaned `exports` object),
 * so TypeScript types the default import as that namespace. Hence the cast,
 * checked once at load time.
 */
type ThaiBahtTextFn = (input: string | number) => string;
const ThaiBahtText = thaiBahtTextExport as unknown as ThaiBahtTextFn;
if (typeof ThaiBahtText !== 'function') {
  throw new TypeError('thai-baht-text: expected its default export to be a function');
}

/** The largest amount accepted: 999,999,999,999.99 baht. */
const MAX_AMOUNT = 999_999_999_999.99;

/**
 * Thai words for `amount` baht, e.g. 1234.56 → "หนึ่งพันสองร้อยสามสิบสี่บาทห้าสิบหกสตางค์".
 *
 * Wraps thai-baht-text, guarding its rough edges:
 * - it returns "" for 0, so 0 is handled here as "ศูนย์บาทถ้วน";
 * - it prints "undefined…" for negative numbers, so those throw;
 * - it truncates to whole satang (100.505 → ห้าสิบสตางค์), so the amount is
 *   first rounded half away from zero to whole satang (→ ห้าสิบเอ็ดสตางค์);
 * - it reads its input through a float-to-string round trip, so the library is
 *   given an exact "baht.satang" string built from integers instead.
 *
 * @throws RangeError (Thai message, then English) for negative, NaN, infinite
 * or > 999,999,999,999.99 amounts.
 */
export function bahtText(amount: number): string {
  if (Number.isNaN(amount)) {
    throw new RangeError('จำนวนเงินต้องเป็นตัวเลข (amount must be a number, got NaN)');
  }
  if (amount < 0) {
    throw new RangeError('จำนวนเงินต้องไม่ติดลบ (amount must not be negative)');
  }
  if (amount === Infinity) {
    throw new RangeError('จำนวนเงินต้องเป็นจำนวนจำกัด (amount must be finite)');
  }
  const rounded = roundTo(amount, 2);
  if (rounded > MAX_AMOUNT) {
    throw new RangeError(
      'จำนวนเงินต้องไม่เกิน 999,999,999,999.99 บาท (amount must not exceed 999,999,999,999.99)',
    );
  }
  // rounded has at most two decimals, so Math.round only removes the tiny
  // binary error of the multiplication (100.51 * 100 = 10050.999999999998).
  const satang = Math.round(rounded * 100);
  if (satang === 0) return 'ศูนย์บาทถ้วน';
  const baht = Math.floor(satang / 100);
  const fraction = String(satang % 100).padStart(2, '0');
  return ThaiBahtText(`${baht}.${fraction}`);
}
