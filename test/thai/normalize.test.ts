import { describe, expect, it } from 'vitest';
import { normalizeThai } from '../../src/thai/normalize.ts';

describe('normalizeThai', () => {
  it.each([
    ['already correct', 'น้ำ ที่ปรึกษา ผู้ใหญ่', 'น้ำ ที่ปรึกษา ผู้ใหญ่'],
    ['nikhahit + sara aa becomes sara am', 'ทํางาน', 'ทำงาน'],
    ['nikhahit, tone, sara aa becomes tone + sara am', 'น\u0E4D\u0E49\u0E32', 'น้ำ'],
    ['tone typed before the vowel above', 'ท\u0E48\u0E35', 'ที่'],
    ['tone typed before the vowel below', 'ผ\u0E49\u0E39', 'ผู้'],
    ['doubled tone mark', 'ที่\u0E48', 'ที่'],
    ['doubled vowel above', 'ท\u0E35\u0E35่', 'ที่'],
    ['Latin and digits untouched', 'ITA 2566 e-Service', 'ITA 2566 e-Service'],
    ['empty', '', ''],
  ])('%s', (_name, input, expected) => {
    expect(normalizeThai(input)).toBe(expected);
  });
});
