import { describe, expect, it } from 'vitest';
import { lastYearOf, measureText, namesYear } from '../../src/data/carried.ts';

/** The rule by which the page marks measures still last year's when a file is opened (issue 17). */

const measure = { title: 'การใช้ทรัพย์สินของราชการ', steps: ['จัดทำแนวทาง', 'ประชาสัมพันธ์'], owner: 'สำนักปลัด', monitoring: 'รายงานทุกไตรมาส', budget: 5000, period: { quarter: 2 } };

describe('measureText', () => {
  it('is the same for the same words however they are spaced or composed, and differs when a word does', () => {
    expect(measureText({ ...measure, title: '  การใช้ทรัพย์สินของราชการ\n', steps: ['จัดทำแนวทาง', 'ประชาสัมพันธ์  '] })).toBe(measureText(measure));
    // The budget and a period of dates are not words: a clerk may change them and keep the text.
    expect(measureText({ ...measure, budget: 0, period: { quarter: 3 } })).toBe(measureText(measure));
    for (const edit of [{ title: 'อื่น' }, { steps: ['จัดทำแนวทาง'] }, { owner: 'กอง' }, { monitoring: '' }, { period: 'ตลอดปี' }]) {
      expect(measureText({ ...measure, ...edit })).not.toBe(measureText(measure));
    }
    expect(measureText(null)).toBe(measureText({}));
  });
});

describe('lastYearOf', () => {
  const agency = 'จังหวัดนครปฐม';
  it('is last year\'s measures when the file is the year before\'s, of the same agency', () => {
    expect(lastYearOf({ agency, fiscal_year: 2566, measures: [measure] }, { agency, fiscal_year: 2567 })).toEqual({ fiscalYear: 2566, measures: [measureText(measure)] });
    expect(lastYearOf({ agency, fiscal_year: 2566 }, { agency, fiscal_year: 2567 })).toEqual({ fiscalYear: 2566, measures: [] });
  });
  it('is nothing for another year, another agency, or what is not a data file', () => {
    expect(lastYearOf({ agency, fiscal_year: 2565, measures: [measure] }, { agency, fiscal_year: 2567 })).toBeUndefined();
    expect(lastYearOf({ agency: 'จังหวัดอื่น', fiscal_year: 2566, measures: [measure] }, { agency, fiscal_year: 2567 })).toBeUndefined();
    expect(lastYearOf(null, { agency, fiscal_year: 2567 })).toBeUndefined();
    expect(lastYearOf({ agency, fiscal_year: 2566 }, { agency, fiscal_year: '2567' })).toBeUndefined();
  });
});

describe('namesYear', () => {
  it('finds the year in Thai or Arabic digits as a number of its own, in any text of the measure', () => {
    expect(namesYear({ ...measure, steps: ['แนวทางประจำปีงบประมาณ พ.ศ. ๒๕๖๖'] }, 2566)).toBe(true);
    expect(namesYear({ ...measure, title: 'มาตรการปี 2566' }, 2566)).toBe(true);
    expect(namesYear({ ...measure, period: 'ตลอดปี 2566' }, 2566)).toBe(true);
    expect(namesYear({ ...measure, title: 'เลขที่ 25661' }, 2566)).toBe(false);
    expect(namesYear(measure, 2566)).toBe(false);
  });
});
