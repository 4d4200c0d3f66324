import { describe, expect, it } from 'vitest';
import { fiscalQuarterOf, fiscalYearOf, fiscalYearRange, quarterRange, type FiscalQuarter } from '../../src/thai/fiscal.ts';

describe('fiscalYearRange', () => {
  it.each<[number, string, string]>([
    [2566, '2022-10-01', '2023-09-30'],
    [2567, '2023-10-01', '2024-09-30'],
    [2565, '2021-10-01', '2022-09-30'],
    [2544, '2000-10-01', '2001-09-30'],
  ])('fiscal year %d runs %s .. %s', (fy, start, end) => {
    expect(fiscalYearRange(fy)).toEqual({ start, end });
  });

  // 2023 is the typical mistake: a C.E. year where a B.E. year is expected.
  it.each([2023, 2399, 2566.5, NaN, Infinity])('throws RangeError for %d', (fy) => {
    expect(() => fiscalYearRange(fy)).toThrow(RangeError);
  });
});

describe('fiscalQuarterOf', () => {
  it.each<[string, number, FiscalQuarter]>([
    ['2022-09-30', 2565, 4],
    ['2022-10-01', 2566, 1],
    ['2022-11-15', 2566, 1],
    ['2022-12-31', 2566, 1],
    ['2023-01-01', 2566, 2],
    ['2023-02-28', 2566, 2],
    ['2023-03-31', 2566, 2],
    ['2023-04-01', 2566, 3],
    ['2023-06-30', 2566, 3],
    ['2023-07-01', 2566, 4],
    ['2023-08-31', 2566, 4],
    ['2023-09-30', 2566, 4],
    ['2023-10-01', 2567, 1],
    ['2024-02-29', 2567, 2],
  ])('%s is in fiscal year %d quarter %d', (iso, fiscalYear, quarter) => {
    expect(fiscalQuarterOf(iso)).toEqual({ fiscalYear, quarter });
  });

  it.each(['2566-03-15', '2023-02-30', '2023-3-5', ''])('throws RangeError for %j', (iso) => {
    expect(() => fiscalQuarterOf(iso)).toThrow(RangeError);
  });
});

describe('fiscalYearOf (the fiscal year of a month: the web page\'s "this year")', () => {
  it.each<[number, number, number]>([
    [2022, 1, 2565],
    [2022, 9, 2565],
    [2022, 10, 2566],
    [2022, 12, 2566],
    [2023, 1, 2566],
    [2023, 9, 2566],
    [2023, 10, 2567],
    [2026, 11, 2570],
  ])('%d month %d is in fiscal year %d', (year, month, fiscalYear) => {
    expect(fiscalYearOf(year, month)).toBe(fiscalYear);
  });

  it('agrees with fiscalQuarterOf on the first and last day of every month', () => {
    for (let month = 1; month <= 12; month += 1) {
      const mm = String(month).padStart(2, '0');
      for (const day of ['01', '28']) expect(fiscalQuarterOf(`2024-${mm}-${day}`).fiscalYear).toBe(fiscalYearOf(2024, month));
    }
  });

  it.each<[number, number]>([
    [2022, 0],
    [2022, 13],
    [2022, 9.5],
    [2022.5, 9],
    [NaN, 1],
  ])('throws RangeError for year %d month %d', (year, month) => {
    expect(() => fiscalYearOf(year, month)).toThrow(RangeError);
  });
});

describe('quarterRange', () => {
  it.each<[number, number, string, string]>([
    [2566, 1, '2022-10-01', '2022-12-31'],
    [2566, 2, '2023-01-01', '2023-03-31'],
    [2566, 3, '2023-04-01', '2023-06-30'],
    [2566, 4, '2023-07-01', '2023-09-30'],
    [2567, 1, '2023-10-01', '2023-12-31'],
    [2567, 2, '2024-01-01', '2024-03-31'],
  ])('fiscal year %d quarter %d runs %s .. %s', (fy, q, start, end) => {
    expect(quarterRange(fy, q)).toEqual({ start, end });
  });

  it.each<[number, number]>([
    [2566, 0],
    [2566, 5],
    [2566, 1.5],
    [2566, NaN],
    [2566, -1],
    [2023, 1],
  ])('quarterRange(%d, %d) throws RangeError', (fy, q) => {
    expect(() => quarterRange(fy, q)).toThrow(RangeError);
  });

  it.each([2560, 2566, 2567, 2568])('quarters of %d tile the fiscal year and agree with fiscalQuarterOf', (fy) => {
    const ranges = ([1, 2, 3, 4] as const).map((q) => quarterRange(fy, q));
    expect(ranges[0]?.start).toBe(fiscalYearRange(fy).start);
    expect(ranges[3]?.end).toBe(fiscalYearRange(fy).end);
    ranges.forEach((range, i) => {
      const quarter = i + 1;
      expect(fiscalQuarterOf(range.start)).toEqual({ fiscalYear: fy, quarter });
      expect(fiscalQuarterOf(range.end)).toEqual({ fiscalYear: fy, quarter });
      const following = ranges[i + 1];
      if (following !== undefined) {
        // The next quarter starts the day after this one ends.
        const dayAfter = new Date(`${range.end}T00:00:00Z`);
        dayAfter.setUTCDate(dayAfter.getUTCDate() + 1);
        expect(dayAfter.toISOString().slice(0, 10)).toBe(following.start);
      }
    });
  });
});
