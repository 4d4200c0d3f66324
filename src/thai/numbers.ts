/**
 * Number formatting for the report. Output uses Arabic digits; a later pass
 * (see `convertDigits`) turns them into Thai digits where wanted.
 */

/**
 * Rounds `n` to `decimals` places, half away from zero, the way a person
 * rounding the printed decimal would.
 *
 * Why not `Math.round(n * 100) / 100` or `toFixed`: binary floating point
 * stores 1.005 as 1.00499999999999989…, so those give 1.00. Here the value is
 * first reduced to 15 significant digits (as spreadsheets do), which removes
 * representation and accumulated arithmetic error (1.15 * 100 =
 * 114.99999999999999), then the decimal point is moved by editing the decimal
 * exponent of that string, which is exact, before `Math.round`.
 * Trade-off: a non-integer with more than 15 significant digits is first cut
 * to 15; no score or baht amount comes near that.
 */
export function roundTo(n: number, decimals: number): number {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 15) {
    throw new RangeError(`decimals must be an integer from 0 to 15, got ${decimals}`);
  }
  if (!Number.isFinite(n)) return n;
  // Integers need no rounding (and must not lose digits beyond the 15th);
  // `+ 0` turns -0 into 0 so a score never prints as "-0".
  if (Number.isInteger(n)) return n + 0;
  const shift = (value: string, by: number): number => {
    const [mantissa = '0', exponent = '0'] = value.split('e');
    return Number(`${mantissa}e${Number(exponent) + by}`);
  };
  const abs = Math.abs(n);
  const scaled = Math.round(shift(abs.toPrecision(15), decimals));
  const result = shift(String(scaled), -decimals);
  // `+ 0` again: a tiny negative value rounds to -0.
  return (n < 0 ? -result : result) + 0;
}

/**
 * A percentage score: whole numbers print without decimals ("100", "97"),
 * anything else with exactly two ("85.50", "93.68"), after rounding half away
 * from zero to two decimals (so 99.999 prints as "100").
 */
export function formatScore(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`score must be a finite number, got ${n}`);
  const r = roundTo(n, 2);
  // toFixed is safe here: r already has at most two decimals, and its binary
  // error is far below the 0.005 that could change the printed digits.
  return Number.isInteger(r) ? String(r) : r.toFixed(2);
}

/**
 * Largest amount for which every satang is still exactly representable
 * (amount * 100 must stay within Number.MAX_SAFE_INTEGER).
 */
const MAX_AMOUNT = Math.floor(Number.MAX_SAFE_INTEGER / 100);

/** Inserts "," every three digits of a string of digits. */
function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+$)/g, ',');
}

/**
 * A baht amount with thousands separators: 50000 → "50,000",
 * 1234.5 → "1,234.50", 0 → "0". Whole amounts have no decimals, others exactly two.
 * Grouping is done by hand rather than with `toLocaleString` so the output does
 * not depend on the ICU data or locale of the machine.
 */
export function formatAmount(n: number): string {
  if (!Number.isFinite(n) || n < 0) {
    throw new RangeError(`amount must be a finite, non-negative number, got ${n}`);
  }
  if (n > MAX_AMOUNT) throw new RangeError(`amount is too large to format exactly, got ${n}`);
  const r = roundTo(n, 2);
  const [whole = '0', fraction = '00'] = r.toFixed(2).split('.');
  return Number.isInteger(r) ? groupThousands(whole) : `${groupThousands(whole)}.${fraction}`;
}
