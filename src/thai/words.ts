import { bahtText } from './baht.ts';
import { formatScore } from './numbers.ts';

const DIGITS = ['ศูนย์', 'หนึ่ง', 'สอง', 'สาม', 'สี่', 'ห้า', 'หก', 'เจ็ด', 'แปด', 'เก้า'];

/**
 * A number in Thai words, as a percent is written out beside its figures: the whole part as Thai
 * counts it (thai-baht-text's reading, without บาทถ้วน), the decimals read digit by digit after
 * จุด, with the decimals formatScore prints: 66.67 → หกสิบหกจุดหกเจ็ด, 100 → หนึ่งร้อย, 0 → ศูนย์.
 */
export function numberWords(n: number): string {
  if (!Number.isFinite(n) || n < 0) throw new RangeError(`numberWords needs a finite number ≥ 0, got ${n}`);
  const [whole = '0', decimals = ''] = formatScore(n).split('.');
  const wholeWords = bahtText(Number(whole)).replace(/บาทถ้วน$/, '');
  return decimals === '' ? wholeWords : `${wholeWords}จุด${[...decimals].map((d) => DIGITS[Number(d)]).join('')}`;
}
