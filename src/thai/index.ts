/** Thai-specific helpers: digits, number/amount formatting, baht words, dates, fiscal years. */
export { convertDigits, findProtectedSpans, toArabicDigits, toThaiDigits } from './digits.ts';
export type { DigitSystem, ProtectedSpan } from './digits.ts';
export { formatAmount, formatScore, roundTo } from './numbers.ts';
export { bahtText } from './baht.ts';
export { numberWords } from './words.ts';
export { formatThaiDate, parseIsoDate, readTypedDate, thaiMonthName } from './dates.ts';
export type { ParseIsoDateResult, TypedDate } from './dates.ts';
export { readTypedNumber } from './typed-numbers.ts';
export type { TypedNumber, TypedNumberKind } from './typed-numbers.ts';
export { fiscalQuarterOf, fiscalYearOf, fiscalYearRange, quarterRange } from './fiscal.ts';
export type { DateRange, FiscalQuarter } from './fiscal.ts';
export { normalizeThai } from './normalize.ts';
export { breakUnits } from './linebreak.ts';
export { scriptRuns, visibleLength } from './scripts.ts';
export type { Script, ScriptRun } from './scripts.ts';
