/**
 * Line-break opportunities for Thai report text. Thai is written without spaces between words,
 * so the PDF layout cannot wrap on spaces alone; the ICU dictionary behind Intl.Segmenter finds
 * the words, and the rules below undo the breaks it offers that would look wrong in print
 * (a line starting with a space, ๆ, a closing bracket or a tone mark; a number or URL cut in two).
 *
 * Input is one paragraph: callers split on newlines first. A stray "\n" is treated like a space.
 */

// Constructing a Segmenter loads ICU break data and the Thai dictionary, which is slow.
const WORDS = new Intl.Segmenter('th', { granularity: 'word' });

/**
 * Characters that continue the grapheme cluster before them: combining marks, joiners, variation
 * selectors, the second half of a surrogate pair. Checked only where a break is a candidate, which
 * is many times cheaper than segmenting the whole text into graphemes.
 */
const CONTINUES_CLUSTER = /[\p{M}\u200C\u200D\uFE00-\uFE0F\uDC00-\uDFFF]/u;

/**
 * Spaces a line may break after. ZWSP is included because it exists only to mark a break and
 * must not start a line either. NBSP, U+2007 and U+202F are left out: they are no-break spaces.
 */
const BREAKING_SPACE = /[\t\n\v\f\r \u1680\u2000-\u2006\u2008-\u200A\u200B\u2028\u2029\u205F\u3000]/;

/** Characters whose whole purpose is to prevent a break on both sides. */
const GLUE = /[\u00A0\u2007\u202F\u2060\uFEFF]/;

/** A line may not end with these: brackets, quotes and currency signs belong to what follows. */
const OPENING = /[([{“‘«฿$€£]/;

/**
 * A line may not start with these. Besides closing punctuation: ๆ and ฯ are read with the word
 * before them; the Thai vowels ะ า ำ ๅ follow their consonant but the grapheme segmenter treats
 * them as separate clusters, so they need naming explicitly; the combining marks are listed as
 * well so that a break inside a syllable, which would misplace its marks, never rests on ICU's
 * grapheme data alone.
 */
const NO_BREAK_BEFORE = /[)\]}”’»,.:;!?%/…ฯๆ\u0E30\u0E31\u0E32-\u0E3A\u0E45\u0E47-\u0E4E]/;

/** Hyphens stay on the line with the text before them unless a space separates them from it. */
const HYPHEN = /[-\u2010\u2013]/;

/** ASCII quotes do not say which side they open; decided from what stands before them. */
const AMBIGUOUS_QUOTE = /["']/;

const LATIN = /\p{Script=Latin}/u;
const INHERITED = /\p{Script=Inherited}/u;

/** Spans in which no break is allowed at all. */
const UNBREAKABLE: readonly RegExp[] = [
  // Numbers, with the separators used in amounts, scores, dates, times and year ranges.
  /[0-9๐-๙]+(?:[.,:/-][0-9๐-๙]+)*/g,
  // Latin words, codes, e-mail addresses and URLs; the Segmenter splits them at - / : @.
  /[\p{Script=Latin}\p{Script=Inherited}0-9๐-๙]+(?:[-/.:@_'’&]+[\p{Script=Latin}\p{Script=Inherited}0-9๐-๙]+)*/gu,
  // Abbreviation marks that begin with ฯ, so the Segmenter may break after the first ฯ.
  /ฯลฯ|ฯพณฯ/g,
  // An era and its year are one thing to a Thai reader: "พ.ศ. ๒๕๖๗" is never split over two lines.
  /(?:พ\.ศ\.|ค\.ศ\.|ร\.ศ\.|จ\.ศ\.)[ \u00A0]?[0-9๐-๙]+/g,
];

/** Splits text into units a line may never be broken inside; a line may break between any two units. units.join('') === text always. */
export function breakUnits(text: string): string[] {
  if (text === '') return [];
  const n = text.length;

  const candidate = new Uint8Array(n + 1);
  for (const { index } of WORDS.segment(text)) candidate[index] = 1;
  // The base letter before p, looking through accents, so "café" followed by Thai still counts as Latin.
  let base = '';
  // Per-character regular expressions dominate on long text; most characters are plain Thai
  // letters or ASCII, which the character-code checks below settle without one.
  let beforeSpace = false;
  for (let p = 1; p < n; p++) {
    const before = text[p - 1]!;
    const after = text[p]!;
    if (p === 1) beforeSpace = isBreakingSpace(before);
    if (!isInherited(before)) base = before;
    // ICU keeps letters of different scripts in one word ("ITAที่"), but they read as two.
    const afterThai = isThaiNonDigit(after);
    if ((afterThai && isLatin(base)) || (isThaiNonDigit(base) && !afterThai && isLatin(after))) candidate[p] = 1;
    const afterSpace = isBreakingSpace(after);
    if (beforeSpace && !afterSpace) candidate[p] = 1;
    beforeSpace = afterSpace;
  }

  const forbidden = new Uint8Array(n + 1);
  for (const pattern of UNBREAKABLE) {
    for (const m of text.matchAll(pattern)) {
      const end = m.index + m[0].length;
      for (let p = m.index + 1; p < end; p++) forbidden[p] = 1;
    }
  }

  const units: string[] = [];
  let start = 0;
  for (let p = 1; p < n; p++) {
    if (candidate[p] && !forbidden[p] && !CONTINUES_CLUSTER.test(text[p]!) && mayBreakAt(text, p)) {
      units.push(text.slice(start, p));
      start = p;
    }
  }
  units.push(text.slice(start));
  return units;
}

/** Thai letters, vowels and marks; Thai digits are excluded because they bind to Latin as in "ITA๒๕๖๖". */
const isThaiNonDigit = (c: string): boolean => {
  const code = c.charCodeAt(0);
  return (code >= 0x0e00 && code <= 0x0e4f) || (code >= 0x0e5a && code <= 0x0e7f);
};
const isLatin = (c: string): boolean => {
  const code = c.charCodeAt(0);
  if (code < 0x80) return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
  if (code >= 0x0e00 && code <= 0x0e7f) return false;
  return LATIN.test(c);
};
const isInherited = (c: string): boolean => {
  const code = c.charCodeAt(0);
  if (code < 0x300 || (code >= 0x0e00 && code <= 0x0e7f)) return false;
  return INHERITED.test(c);
};
const isBreakingSpace = (c: string): boolean => {
  const code = c.charCodeAt(0);
  if (code === 0x20) return true;
  if (code > 0x20 && code < 0x1680) return false;
  return BREAKING_SPACE.test(c);
};

function mayBreakAt(text: string, p: number): boolean {
  const after = text[p]!;
  const before = text[p - 1]!;
  if (BREAKING_SPACE.test(after)) return false;
  if (GLUE.test(before) || GLUE.test(after)) return false;
  if (NO_BREAK_BEFORE.test(after)) return false;
  if (HYPHEN.test(after) && !BREAKING_SPACE.test(before)) return false;
  if (AMBIGUOUS_QUOTE.test(after) && !opensQuote(text, p)) return false;
  // A full stop between letters ("ป.ป.ช.", "จ.นครปฐม", "พ.ศ.", "e.g") is inside the word, as
  // Unicode's word rules have it (UAX #29, WB6/WB7) and Node's ICU segments it; Chromium's
  // Intl.Segmenter breaks after every full stop. Decided here, the units are the same in both.
  if (before === '.' && LETTER.test(after) && LETTER.test(letterBefore(text, p - 1))) return false;

  // Spaces after an opening bracket do not make a break there acceptable: "( ข" stays together.
  let q = p - 1;
  while (q >= 0 && BREAKING_SPACE.test(text[q]!)) q--;
  if (q < 0) return false; // only spaces so far: leading spaces belong to the first unit
  const lastVisible = text[q]!;
  if (OPENING.test(lastVisible)) return false;
  if (AMBIGUOUS_QUOTE.test(lastVisible) && opensQuote(text, q)) return false;
  return true;
}

const LETTER = /\p{L}/u;
const MARK = /\p{M}/u;

/** The character before index `i`, looking through combining marks to the letter they sit on. */
function letterBefore(text: string, i: number): string {
  let q = i - 1;
  while (q > 0 && MARK.test(text[q]!)) q--;
  return q >= 0 ? text[q]! : '';
}

/** An ASCII quote opens when nothing visible, or only an opening bracket, stands right before it. */
function opensQuote(text: string, i: number): boolean {
  if (i === 0) return true;
  const prev = text[i - 1]!;
  return BREAKING_SPACE.test(prev) || OPENING.test(prev) || (AMBIGUOUS_QUOTE.test(prev) && opensQuote(text, i - 1));
}
