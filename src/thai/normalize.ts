import { THAI_MARKS } from './scripts.ts';

/**
 * Repairs Thai that looks right on screen but is stored wrongly, as typed or pasted from PDFs:
 * sara am typed as nikhahit + sara aa, a tone mark typed before the vowel above or below it,
 * and the same mark typed twice. Such text renders with misplaced marks in other fonts, and
 * search and copy-paste then fail, so the loader normalises every string once.
 */
const SARA_AM = '\u0E33';
const NIKHAHIT = '\u0E4D';
const SARA_AA = '\u0E32';
const TONES = '[\u0E48-\u0E4B]';
/** Vowels written above or below the consonant, which come before the tone mark. */
const VOWELS_ABOVE_BELOW = '[\u0E31\u0E34-\u0E3A\u0E47]';
const COMBINING = new RegExp(`([${THAI_MARKS}])\\1+`, 'g');

export function normalizeThai(text: string): string {
  return text
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
