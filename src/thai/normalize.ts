import { THAI_MARKS } from './scripts.ts';

/**
 * Repairs Thai that looks right on screen but is stored wrongly, as typed or pasted from PDFs:
 * sara am typed as nikhahit + sara aa, a tone mark typed before the vowel above or below it,
 * the same mark typed twice, and fonts' private-use forms of Thai characters. Such text renders
 * with misplaced marks in other fonts, and search and copy-paste then fail, so the loader
 * normalises every string once.
 */
const SARA_AM = '\u0E33';
const NIKHAHIT = '\u0E4D';
const SARA_AA = '\u0E32';
const TONES = '[\u0E48-\u0E4B]';
/** Vowels written above or below the consonant, which come before the tone mark. */
const VOWELS_ABOVE_BELOW = '[\u0E31\u0E34-\u0E3A\u0E47]';
const COMBINING = new RegExp(`([${THAI_MARKS}])\\1+`, 'g');

/**
 * Thai fonts keep shifted and lowered forms of marks, and letters without their descender, at
 * private-use code points U+F700–U+F71F (ฺู lowered, ่ moved left, ฐ without its tail…); text
 * copied out of old PDFs and documents can carry them. Each stands for one Thai character (the
 * glyph names say which: uni0E49.low is ้): the loader writes that character, so that search, the
 * DOCX and the PDF's text see what the clerk sees.
 */
const PRESENTATION_FORMS: Readonly<Record<string, string>> = Object.fromEntries(
  [
    [0xf700, 0x0e10], [0xf701, 0x0e34], [0xf702, 0x0e35], [0xf703, 0x0e36], [0xf704, 0x0e37], [0xf705, 0x0e48],
    [0xf706, 0x0e49], [0xf707, 0x0e4a], [0xf708, 0x0e4b], [0xf709, 0x0e4c], [0xf70a, 0x0e48], [0xf70b, 0x0e49],
    [0xf70c, 0x0e4a], [0xf70d, 0x0e4b], [0xf70e, 0x0e4c], [0xf70f, 0x0e0d], [0xf710, 0x0e31], [0xf711, 0x0e4d],
    [0xf712, 0x0e47], [0xf713, 0x0e48], [0xf714, 0x0e49], [0xf715, 0x0e4a], [0xf716, 0x0e4b], [0xf717, 0x0e4c],
    [0xf718, 0x0e38], [0xf719, 0x0e39], [0xf71a, 0x0e3a], [0xf71b, 0x0e0e], [0xf71c, 0x0e0f], [0xf71d, 0x0e2c],
    [0xf71e, 0x0e4d], [0xf71f, 0x0e47],
  ].map(([from, to]) => [String.fromCharCode(from!), String.fromCharCode(to!)]),
);

export function normalizeThai(text: string): string {
  return text
    .replace(/[\uF700-\uF71F]/g, (c) => PRESENTATION_FORMS[c] ?? c)
    .normalize('NFC')
    // (Other marks typed between the circle and sara aa, ํึา, go before sara am too, as the PDF's
    // shaper draws them.)
    .replace(new RegExp(`${NIKHAHIT}((?:(?!${NIKHAHIT})[${THAI_MARKS}])*)${SARA_AA}`, 'g'), (_m, marks: string) => marks + SARA_AM)
    // Sara am holds its own nikhahit: one typed before it on the same letter is the same mark twice
    // (ลํำ, ลํิำ, or ลํํา once repaired above), drawn on top of the other and lost in the PDF's text.
    .replace(new RegExp(`${NIKHAHIT}+((?:(?!${NIKHAHIT})[${THAI_MARKS}])*)${SARA_AM}`, 'g'), (_m, marks: string) => marks + SARA_AM)
    .replace(new RegExp(`(${TONES})(${VOWELS_ABOVE_BELOW})`, 'g'), '$2$1')
    .replace(COMBINING, '$1');
}
