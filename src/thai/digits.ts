/**
 * Conversion between Arabic digits (0-9) and Thai digits (๐-๙).
 *
 * Thai official documents traditionally print numbers with Thai digits, but
 * URLs and e-mail addresses must keep their exact characters or they stop
 * working, so `convertDigits` leaves those untouched.
 */

export type DigitSystem = 'thai' | 'arabic';

/** Code point of THAI DIGIT ZERO (๐); the Thai digits ๐-๙ are contiguous from here. */
const THAI_ZERO = 0x0e50;
const ARABIC_ZERO = 0x30;

/** Converts every ASCII digit 0-9 to the matching Thai digit ๐-๙. */
export function toThaiDigits(s: string): string {
  return s.replace(/[0-9]/g, (d) => String.fromCharCode(THAI_ZERO + d.charCodeAt(0) - ARABIC_ZERO));
}

/** Converts every Thai digit ๐-๙ to the matching ASCII digit 0-9. */
export function toArabicDigits(s: string): string {
  return s.replace(/[๐-๙]/g, (d) => String.fromCharCode(ARABIC_ZERO + d.charCodeAt(0) - THAI_ZERO));
}

/**
 * Matches a URL or an e-mail address.
 *
 * - URL (group 1): starts with `http://`, `https://` or `www.` (case-insensitive)
 *   and runs over all following non-whitespace characters. Thai text glued to
 *   a URL without a space is therefore kept as part of the URL: leaving a few
 *   digits unconverted is the safe failure, breaking a link is not.
 *   The lookbehind stops "www." from matching in the middle of a Latin word.
 * - E-mail (group 2): local part and domain are restricted to ASCII letters,
 *   digits (Arabic or Thai, so a mistyped address is still left alone) and the
 *   usual punctuation, so Thai words written directly before an address are not
 *   swallowed. The domain must contain a dot and cannot end with one, so a
 *   sentence-ending "." after the address is not included.
 */
const PROTECTED =
  /(?<![A-Za-z0-9])((?:https?:\/\/|www\.)\S+)|([A-Za-z0-9๐-๙._%+-]+@[A-Za-z0-9๐-๙-]+(?:\.[A-Za-z0-9๐-๙-]+)+)/gi;

/** Punctuation that ends a sentence or clause rather than the URL. */
const TRAILING_PUNCTUATION = new Set(['.', ',', ';', ':', '!', '?', '"', "'", '”', '’', '»']);
const CLOSING_TO_OPENING: Readonly<Record<string, string>> = { ')': '(', ']': '[', '}': '{', '>': '<' };

function count(s: string, ch: string): number {
  let n = 0;
  for (const c of s) if (c === ch) n += 1;
  return n;
}

/**
 * Length of `url` once trailing sentence punctuation is removed.
 * A closing bracket is only dropped when it has no opening partner inside the
 * URL, so "(see https://x.org/a)" loses the ")" while
 * "https://en.wikipedia.org/wiki/Foo_(bar)" keeps it.
 */
function trimmedUrlLength(url: string): number {
  let end = url.length;
  while (end > 0) {
    const last = url.charAt(end - 1);
    const opening = CLOSING_TO_OPENING[last];
    const body = url.slice(0, end);
    if (TRAILING_PUNCTUATION.has(last)) {
      end -= 1;
    } else if (opening !== undefined && count(body, last) > count(body, opening)) {
      end -= 1;
    } else {
      break;
    }
  }
  return end;
}

/** A URL or e-mail address found in a text: `text.slice(start, end)`. */
export interface ProtectedSpan {
  kind: 'url' | 'email';
  start: number;
  end: number;
}

/**
 * Finds the URLs (`http://`, `https://`, `www.`) and e-mail addresses in `s`,
 * in order. A URL is the maximal run of non-whitespace after its start, minus
 * trailing sentence punctuation (`.`, `,`, an unmatched `)` …).
 */
export function findProtectedSpans(s: string): ProtectedSpan[] {
  const spans: ProtectedSpan[] = [];
  for (const m of s.matchAll(PROTECTED)) {
    const isUrl = m[1] !== undefined;
    const length = isUrl ? trimmedUrlLength(m[0]) : m[0].length;
    spans.push({ kind: isUrl ? 'url' : 'email', start: m.index, end: m.index + length });
  }
  return spans;
}

/**
 * Converts all digits in `s` to the given digit system, except inside URLs and
 * e-mail addresses, which are copied byte-for-byte (a Thai-digit URL is broken).
 */
export function convertDigits(s: string, system: DigitSystem): string {
  const convert = system === 'thai' ? toThaiDigits : toArabicDigits;
  let out = '';
  let last = 0;
  for (const span of findProtectedSpans(s)) {
    out += convert(s.slice(last, span.start)) + s.slice(span.start, span.end);
    last = span.end;
  }
  return out + convert(s.slice(last));
}
