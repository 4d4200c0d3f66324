import { describe, expect, it } from 'vitest';
import { numberWords } from '../../src/thai/words.ts';

describe('numberWords: a percent in Thai words, as printed beside its figures', () => {
  it.each([
    [0, 'ศูนย์'],
    [1, 'หนึ่ง'],
    [11, 'สิบเอ็ด'],
    [20, 'ยี่สิบ'],
    [21, 'ยี่สิบเอ็ด'],
    [50, 'ห้าสิบ'],
    [66.67, 'หกสิบหกจุดหกเจ็ด'],
    [42.86, 'สี่สิบสองจุดแปดหก'],
    [33.3, 'สามสิบสามจุดสามศูนย์'],
    [0.5, 'ศูนย์จุดห้าศูนย์'],
    [100, 'หนึ่งร้อย'],
    [101, 'หนึ่งร้อยเอ็ด'],
    // Rounded as formatScore prints it: 99.999 is 100.
    [99.999, 'หนึ่งร้อย'],
    [12.345, 'สิบสองจุดสามห้า'],
  ])('%d → %s', (n, words) => {
    expect(numberWords(n)).toBe(words);
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('refuses %d', (n) => {
    expect(() => numberWords(n)).toThrow(RangeError);
  });
});
