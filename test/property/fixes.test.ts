import { describe, expect, it } from 'vitest';
import { normalizeThai } from '../../src/thai/normalize.ts';

/**
 * The property tests' counterexamples fixed outside the exporters, as unit tests beside their
 * data files in regressions/.
 */

describe('fixes found by the property tests', () => {
  it.each([
    ['nikhahit before sara am', 'ลํำ', 'ลำ'],
    ['nikhahit twice before sara aa', 'ลํํา', 'ลำ'],
    ['nikhahit, tone, sara am', 'ก\u0E4D\u0E48\u0E33', 'ก่ำ'],
    ['nikhahit, vowel above, sara am', '๚\u0E4D\u0E34\u0E33', '๚\u0E34\u0E33'],
    ['nikhahit, vowel above, sara aa', 'า\u0E4D\u0E36\u0E32', 'า\u0E36\u0E33'],
    ['a lone nikhahit stays', 'กํ', 'กํ'],
    ['a font\'s lowered tone mark (private use)', 'ป\uF70B', 'ป้'],
    ['a font\'s left-shifted tone mark after a vowel above', 'ป\u0E35\uF713', 'ปี่'],
    ['a font\'s tailless ญ and ฐ, lowered ุ', '\uF70F\uF700\uF718', 'ญฐุ'],
    ['private use outside the Thai forms stays', '\uF720\uE000', '\uF720\uE000'],
  ])('normalizeThai: %s (regressions/thai-*.yaml)', (_name, input, expected) => {
    expect(normalizeThai(input)).toBe(expected);
  });
});
