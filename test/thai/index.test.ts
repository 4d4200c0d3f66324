import { describe, expect, it } from 'vitest';
import * as thai from '../../src/thai/index.ts';

describe('src/thai/index.ts', () => {
  it.each([
    'toThaiDigits',
    'toArabicDigits',
    'convertDigits',
    'findProtectedSpans',
    'roundTo',
    'formatScore',
    'formatAmount',
    'bahtText',
    'parseIsoDate',
    'formatThaiDate',
    'thaiMonthName',
    'fiscalYearRange',
    'fiscalQuarterOf',
    'quarterRange',
  ])('re-exports %s', (name) => {
    expect(typeof (thai as Record<string, unknown>)[name]).toBe('function');
  });

  it('composes: a report line converted to Thai digits', () => {
    const line = `ปีงบประมาณ ${thai.fiscalQuarterOf('2023-03-15').fiscalYear} คะแนน ${thai.formatScore(86.555)} วันที่ ${thai.formatThaiDate('2023-03-15')} ดู https://itas.nacc.go.th/2566`;
    expect(thai.convertDigits(line, 'thai')).toBe(
      'ปีงบประมาณ ๒๕๖๖ คะแนน ๘๖.๕๖ วันที่ ๑๕ มีนาคม พ.ศ. ๒๕๖๖ ดู https://itas.nacc.go.th/2566',
    );
  });
});
