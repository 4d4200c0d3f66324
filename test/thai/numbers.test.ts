import { describe, expect, it } from 'vitest';
import { formatAmount, formatScore, roundTo } from '../../src/thai/numbers.ts';

describe('roundTo', () => {
  it.each<[number, number, number]>([
    // Values that naive Math.round(n * 100) / 100 or toFixed get wrong.
    [1.005, 2, 1.01],
    [86.555, 2, 86.56],
    [1.255, 2, 1.26],
    [8.345, 2, 8.35],
    [10.235, 2, 10.24],
    [1.45, 1, 1.5],
    [1.15 * 100, 0, 115], // 114.99999999999999
    [0.1 + 0.2, 2, 0.3],
    // Half away from zero, also for negatives.
    [0.5, 0, 1],
    [2.5, 0, 3],
    [-2.5, 0, -3],
    [-1.005, 2, -1.01],
    [-86.555, 2, -86.56],
    // Ordinary cases.
    [123.456, 1, 123.5],
    [1234.5678, 3, 1234.568],
    [1.004, 2, 1],
    [2, 2, 2],
    [0, 2, 0],
    [1e-7, 2, 0],
    [1.5e-7, 7, 2e-7],
    [2 / 3, 4, 0.6667],
    [999999999999.995, 2, 1e12],
    [12345678901234.56, 1, 12345678901234.6],
    [1e21, 2, 1e21],
    [2 ** 53 + 2, 2, 2 ** 53 + 2], // integers are returned unchanged
  ])('roundTo(%d, %d) = %d', (n, decimals, expected) => {
    expect(roundTo(n, decimals)).toBe(expected);
  });

  it.each([-0.001, -0.004, -0])('never returns -0 (roundTo(%d, 2))', (n) => {
    expect(Object.is(roundTo(n, 2), 0)).toBe(true);
  });

  it.each([NaN, Infinity, -Infinity])('passes %d through', (n) => {
    expect(roundTo(n, 2)).toBe(n);
  });

  it.each([-1, 1.5, 16, NaN])('rejects decimals = %d', (decimals) => {
    expect(() => roundTo(1, decimals)).toThrow(RangeError);
  });
});

describe('formatScore', () => {
  it.each<[number, string]>([
    [100, '100'],
    [97, '97'],
    [0, '0'],
    [-0, '0'],
    [85.5, '85.50'],
    [93.68, '93.68'],
    [93.675, '93.68'],
    [1.005, '1.01'],
    [86.555, '86.56'],
    [50.1, '50.10'],
    [85.504999, '85.50'],
    [99.994, '99.99'],
    [99.995, '100'],
    [99.999, '100'],
    [0.001, '0'],
    [0.005, '0.01'],
    [(2 / 3) * 100, '66.67'],
    [171 / 2, '85.50'],
    [(0.1 + 0.2) * 100, '30'],
  ])('formatScore(%d) = %j', (n, expected) => {
    expect(formatScore(n)).toBe(expected);
  });

  it.each([NaN, Infinity, -Infinity])('throws RangeError for %d', (n) => {
    expect(() => formatScore(n)).toThrow(RangeError);
  });
});

describe('formatAmount', () => {
  it.each<[number, string]>([
    [0, '0'],
    [-0, '0'],
    [999, '999'],
    [1000, '1,000'],
    [50000, '50,000'],
    [1000000, '1,000,000'],
    [1234.5, '1,234.50'],
    [0.5, '0.50'],
    [0.05, '0.05'],
    [1.005, '1.01'],
    [100.505, '100.51'],
    [999.995, '1,000'],
    [1234567.891, '1,234,567.89'],
    [12345678901.23, '12,345,678,901.23'],
    [999999999999.99, '999,999,999,999.99'],
  ])('formatAmount(%d) = %j', (n, expected) => {
    expect(formatAmount(n)).toBe(expected);
  });

  it.each([-1, -0.01, NaN, Infinity, -Infinity, 1e16])('throws RangeError for %d', (n) => {
    expect(() => formatAmount(n)).toThrow(RangeError);
  });
});
