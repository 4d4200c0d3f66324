import ThaiBahtTextExport from 'thai-baht-text';
import { describe, expect, it } from 'vitest';
import { bahtText } from '../../src/thai/baht.ts';

/**
 * Expected wording, written out by hand from the Thai rules:
 * - tens digit 1 is just "สิบ" (10 สิบ, 11 สิบเอ็ด), tens digit 2 is "ยี่สิบ";
 * - units digit 1 is "เอ็ด" whenever anything precedes it (11, 21, 101,
 *   1001, 1,000,001), "หนึ่ง" only when it stands alone;
 * - the same applies inside the millions group (11 ล้าน = สิบเอ็ดล้าน,
 *   101 ล้าน = หนึ่งร้อยเอ็ดล้าน, but 1 ล้าน = หนึ่งล้าน);
 * - whole amounts end in "ถ้วน"; satang are read like a number below 100;
 *   below 1 baht there is no "ศูนย์บาท" (0.50 = ห้าสิบสตางค์).
 */
describe('bahtText: hand-checked wording', () => {
  it.each<[number, string]>([
    [0, 'ศูนย์บาทถ้วน'],
    [1, 'หนึ่งบาทถ้วน'],
    [2, 'สองบาทถ้วน'],
    [10, 'สิบบาทถ้วน'],
    [11, 'สิบเอ็ดบาทถ้วน'],
    [12, 'สิบสองบาทถ้วน'],
    [20, 'ยี่สิบบาทถ้วน'],
    [21, 'ยี่สิบเอ็ดบาทถ้วน'],
    [22, 'ยี่สิบสองบาทถ้วน'],
    [99, 'เก้าสิบเก้าบาทถ้วน'],
    [100, 'หนึ่งร้อยบาทถ้วน'],
    [101, 'หนึ่งร้อยเอ็ดบาทถ้วน'],
    [110, 'หนึ่งร้อยสิบบาทถ้วน'],
    [111, 'หนึ่งร้อยสิบเอ็ดบาทถ้วน'],
    [120, 'หนึ่งร้อยยี่สิบบาทถ้วน'],
    [511, 'ห้าร้อยสิบเอ็ดบาทถ้วน'],
    [1000, 'หนึ่งพันบาทถ้วน'],
    [1001, 'หนึ่งพันเอ็ดบาทถ้วน'],
    [10050, 'หนึ่งหมื่นห้าสิบบาทถ้วน'],
    [50000, 'ห้าหมื่นบาทถ้วน'],
    [100000, 'หนึ่งแสนบาทถ้วน'],
    [1000000, 'หนึ่งล้านบาทถ้วน'],
    [1000001, 'หนึ่งล้านเอ็ดบาทถ้วน'],
    [1100000, 'หนึ่งล้านหนึ่งแสนบาทถ้วน'],
    [10000000, 'สิบล้านบาทถ้วน'],
    [11000000, 'สิบเอ็ดล้านบาทถ้วน'],
    [20000000, 'ยี่สิบล้านบาทถ้วน'],
    [21000000, 'ยี่สิบเอ็ดล้านบาทถ้วน'],
    [21021021, 'ยี่สิบเอ็ดล้านสองหมื่นหนึ่งพันยี่สิบเอ็ดบาทถ้วน'],
    [101000000, 'หนึ่งร้อยเอ็ดล้านบาทถ้วน'],
    [1000000000, 'หนึ่งพันล้านบาทถ้วน'],
    [1234.56, 'หนึ่งพันสองร้อยสามสิบสี่บาทห้าสิบหกสตางค์'],
    [1234567.89, 'หนึ่งล้านสองแสนสามหมื่นสี่พันห้าร้อยหกสิบเจ็ดบาทแปดสิบเก้าสตางค์'],
    [2500000.75, 'สองล้านห้าแสนบาทเจ็ดสิบห้าสตางค์'],
    [0.5, 'ห้าสิบสตางค์'],
    [0.25, 'ยี่สิบห้าสตางค์'],
    [0.01, 'หนึ่งสตางค์'],
    [0.05, 'ห้าสตางค์'],
    [0.11, 'สิบเอ็ดสตางค์'],
    [0.21, 'ยี่สิบเอ็ดสตางค์'],
    [1.01, 'หนึ่งบาทหนึ่งสตางค์'],
    [100.1, 'หนึ่งร้อยบาทสิบสตางค์'],
    // Rounded half away from zero to whole satang (the library truncates).
    [100.505, 'หนึ่งร้อยบาทห้าสิบเอ็ดสตางค์'],
    [1.005, 'หนึ่งบาทหนึ่งสตางค์'],
    [0.005, 'หนึ่งสตางค์'],
    [0.004, 'ศูนย์บาทถ้วน'],
    [99.995, 'หนึ่งร้อยบาทถ้วน'],
    [-0, 'ศูนย์บาทถ้วน'],
    [
      999999999999.99,
      'เก้าแสนเก้าหมื่นเก้าพันเก้าร้อยเก้าสิบเก้าล้านเก้าแสนเก้าหมื่นเก้าพันเก้าร้อยเก้าสิบเก้าบาทเก้าสิบเก้าสตางค์',
    ],
  ])('bahtText(%d) = %s', (amount, expected) => {
    expect(bahtText(amount)).toBe(expected);
  });
});

describe('bahtText: guards', () => {
  it.each<[number, RegExp]>([
    [-1, /^จำนวนเงินต้องไม่ติดลบ \(amount must not be negative\)$/],
    [-0.001, /^จำนวนเงินต้องไม่ติดลบ \(amount must not be negative\)$/],
    [-Infinity, /^จำนวนเงินต้องไม่ติดลบ \(amount must not be negative\)$/],
    [NaN, /^จำนวนเงินต้องเป็นตัวเลข \(amount must be a number/],
    [Infinity, /^จำนวนเงินต้องเป็นจำนวนจำกัด \(amount must be finite\)$/],
    [1e12, /^จำนวนเงินต้องไม่เกิน 999,999,999,999\.99 บาท \(amount must not exceed/],
    [999999999999.995, /amount must not exceed/],
    [1e21, /amount must not exceed/],
  ])('bahtText(%d) throws RangeError %s', (amount, message) => {
    expect(() => bahtText(amount)).toThrow(RangeError);
    expect(() => bahtText(amount)).toThrow(message);
  });

  it('accepts 999,999,999,999.994 (rounds down to the maximum)', () => {
    expect(bahtText(999999999999.994)).toBe(bahtText(999999999999.99));
  });
});

/**
 * An independent reading of whole numbers, written from the rules above, to
 * cross-check the library over many more values than the hand-written table.
 */
const DIGIT_WORDS = ['ศูนย์', 'หนึ่ง', 'สอง', 'สาม', 'สี่', 'ห้า', 'หก', 'เจ็ด', 'แปด', 'เก้า'];
const PLACE_WORDS = ['', 'สิบ', 'ร้อย', 'พัน', 'หมื่น', 'แสน'];

function readBelowMillion(n: number, afterMillions: boolean): string {
  let out = '';
  for (let place = 5; place >= 0; place -= 1) {
    const digit = Math.floor(n / 10 ** place) % 10;
    if (digit === 0) continue;
    let word = DIGIT_WORDS[digit] ?? '';
    if (place === 1 && digit === 1) word = '';
    else if (place === 1 && digit === 2) word = 'ยี่';
    else if (place === 0 && digit === 1 && (afterMillions || n >= 10)) word = 'เอ็ด';
    out += word + (PLACE_WORDS[place] ?? '');
  }
  return out;
}

function readInteger(n: number): string {
  if (n < 1_000_000) return readBelowMillion(n, false);
  return `${readInteger(Math.floor(n / 1_000_000))}ล้าน${readBelowMillion(n % 1_000_000, true)}`;
}

function expectedWords(satangTotal: number): string {
  if (satangTotal === 0) return 'ศูนย์บาทถ้วน';
  const baht = Math.floor(satangTotal / 100);
  const satang = satangTotal % 100;
  return (baht > 0 ? `${readInteger(baht)}บาท` : '') + (satang > 0 ? `${readInteger(satang)}สตางค์` : 'ถ้วน');
}

describe('bahtText: cross-check against an independent reading', () => {
  it('agrees with the hand-checked table on a few values', () => {
    expect(expectedWords(2102102100)).toBe('ยี่สิบเอ็ดล้านสองหมื่นหนึ่งพันยี่สิบเอ็ดบาทถ้วน');
    expect(expectedWords(50)).toBe('ห้าสิบสตางค์');
  });

  it('every whole amount 0..2100 and every satang value 0.01..0.99', () => {
    for (let baht = 0; baht <= 2100; baht += 1) expect(bahtText(baht)).toBe(expectedWords(baht * 100));
    for (let satang = 1; satang <= 99; satang += 1) {
      expect(bahtText(satang / 100)).toBe(expectedWords(satang));
    }
  });

  it('5,000 pseudo-random amounts of every length up to 999,999,999,999.99', () => {
    // Deterministic LCG so a failure is reproducible.
    let seed = 20230930;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let i = 0; i < 5000; i += 1) {
      const digits = 1 + (i % 14); // 1..14 digits of satang
      let satangTotal = Math.floor(next() * 10 ** digits);
      // Sprinkle zeros and ones, where the เอ็ด/ยี่/ล้าน rules bite.
      if (i % 3 === 0) satangTotal = Number(String(satangTotal).replace(/[3-9]/g, (d) => (d < '6' ? '0' : '1')));
      expect(bahtText(satangTotal / 100)).toBe(expectedWords(satangTotal));
    }
  });
});

/**
 * Pins the library behaviour that bahtText works around, so an upgrade that
 * changes it is noticed.
 */
describe('thai-baht-text quirks', () => {
  const raw = ThaiBahtTextExport as unknown as (input: string | number) => string;

  it('returns "" for 0', () => expect(raw(0)).toBe(''));
  it('prints "undefined" for negatives', () => expect(raw(-5)).toBe('undefinedสิบห้าบาทถ้วน'));
  it('truncates satang instead of rounding', () => expect(raw(100.505)).toBe('หนึ่งร้อยบาทห้าสิบสตางค์'));
  it('throws on thousands separators', () => expect(() => raw('1,000')).toThrow(TypeError));
});
