import fc from 'fast-check';
import { normalizeThai } from '../../src/thai/normalize.ts';

/**
 * Text a clerk might type or paste into a data file, built from tokens so that it reads like Thai
 * office prose most of the time and like a stress test the rest: Thai words, Latin glued to Thai
 * ("ITAที่", "e-Serviceของ"), digits in both systems, web and e-mail addresses, emoji, combining
 * and zero-width characters, Thai typed in the wrong order, markup- and template-looking text,
 * other scripts, odd spaces, and now and then any printable character at all.
 */

const THAI_WORDS = [
  'การ', 'ประเมิน', 'คุณธรรม', 'และ', 'ความโปร่งใส', 'ใน', 'การดำเนินงาน', 'ของ', 'หน่วยงาน', 'ภาครัฐ',
  'จังหวัด', 'นครปฐม', 'ส่วนราชการ', 'ส่วนภูมิภาค', 'รายงานผล', 'ภายใน', 'ไตรมาสที่', 'บุคลากร', 'ได้รับ', 'ทราบ',
  'เผยแพร่', 'ประชาสัมพันธ์', 'ช่องทาง', 'ต่าง', 'ๆ', 'ทรัพย์สิน', 'ราชการ', 'งบประมาณ', 'ประจำปี', 'ผู้รับผิดชอบ',
  'กำกับ', 'ติดตาม', 'ตรวจสอบ', 'เว็บไซต์', 'ให้', 'มี', 'ความทันสมัย', 'ผู้ใหญ่', 'น้ำ', 'ที่', 'ซึ่ง', 'เพื่อ',
  'ป้องกัน', 'ทุจริต', 'ฯลฯ', 'กรุงเทพฯ', 'พ.ศ.', 'ร้อยละ', 'คะแนน', 'ตัวชี้วัด', 'เจ้าหน้าที่', 'สำนักงาน', 'ปลัด',
  'องค์การบริหารส่วนตำบล', 'เทศบาล', 'อำเภอ', 'กฎหมาย', 'ระเบียบ', 'ข้อบังคับ', 'ศึกษา', 'ปฏิบัติ', 'หน้าที่',
  'ฤๅษี', 'ฦๅ', 'ฃ', 'ฅ', 'ปั้น', 'ก๊วยเตี๋ยว', 'เกี๊ยะ', 'ญาติ', 'ฐาน', 'ฎีกา', 'ฏิบัติ', 'ธุรกิจ', 'ศรี',
];

const LATIN_GLUED = [
  'ITAที่', 'e-Serviceของ', 'OITและ', 'IITกับ', 'EITใน', 'Facebookของหน่วยงาน', 'Line OAเพื่อ', 'QR Codeสำหรับ',
  'ระบบe-GP', 'ผ่านe-mail', 'www.nacc.go.thและ', 'Zoomประชุม', 'ITAS', 'Integrity and Transparency Assessment',
  'No Gift Policy', 'Open Data', 'KPIที่', 'PDCAของ', 'SMART', 'Google Formสำรวจ',
];

const NUMBERS = [
  '2566', '๒๕๖๖', '1,234.50', '85.25', '0', '100%', '10/2566', '1', '12', '3.14', '๑๒๓', '999,999,999,999.99',
  '0.5', '-1', '+66 2 123 4567', '02-141-9999', '1.', '2)', '(3)', 'ข้อ 4', 'ไตรมาสที่ 2', '30 ก.ย. 66',
];

const ADDRESSES = [
  'www.nakhonpathom.go.th', 'https://itas.nacc.go.th/go/iit/5e7a2b', 'http://www.moi.go.th/ita2566/index.php?id=12',
  'saraban1@moi.go.th', 'info2566@example.org', 'www.abc123.go.th/', 'https://example.com/a_(b)/1', 'WWW.PAO-2.GO.TH',
  'ita.2566@dla.go.th.', '(https://x.org/a1)', 'https://th.wikipedia.org/wiki/ไทย_2566',
];

const EMOJI = ['😀', '👍🏽', '👨‍👩‍👧', '🇹🇭', '❤️', '✅', '📌', '🙏', '1️⃣', '☎', '✓', '★', '⚠️', '🏛️'];

/** Combining marks and Thai typed in an order the loader repairs (normalizeThai). */
const COMBINING = [
  'e\u0301', 'a\u0308\u0323', 'n\u0303', 'ก\u0e4d\u0e32', 'น\u0e49\u0e4d\u0e32', 'ท\u0e48\u0e35', 'ผ\u0e49\u0e39',
  'ก\u0e48\u0e48', 'ท\u0e35\u0e35\u0e48', '\u0e48', '\u0e31', '\u0e4d\u0e32', 'x\u0e47', '\u0301', 'ǅ', 'ﬁ', 'Å',
];

/** Characters that draw nothing: break marks, joiners, a BOM in the middle, a soft hyphen. */
const ZERO_WIDTH = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u200e', '\u200f', '\u034f'];

/**
 * Text that means something to Handlebars, XML, HTML, Markdown, regular expressions or format
 * strings. The markup reader (src/model/markup.ts) treats only U+0001/U+0002 specially, which
 * the loader refuses as control characters; these must all come out literally.
 */
const MARKUP = [
  '{{x}}', '{{agency}}', '{{{principles}}}', '{{#if x}}', '{{/if}}', '{{> measures-table}}', '{{!-- c --}}', '{{else}}',
  '{{#Title}}', '{{/Title}}', '{{#Para style="center"}}', '\\{{x}}', '<b>', '</b>', '<w:t>', '</w:p>', '<![CDATA[',
  ']]>', '&amp;', '&lt;', '&#x41;', '&nbsp;', '**', '__', '`code`', '# ', '- ', '> ', '$1', '$&', '%s', '${x}',
  '<script>alert(1)</script>', '"', "'", '\\', '\\n', '\\u0001', '[[x]]', '(', ')', '/', '~', '|', '@', '*', '{"tag":"b"}',
];

const OTHER_SCRIPTS = ['Ελληνικά', 'русский', '中文字', '日本語', '한국어', 'ລາວ', 'ខ្មែរ', 'မြန်မာ', 'हिन्दी', 'Ωμέγα', 'ẞ', 'İı'];

/** Right-to-left text, kept apart: its order in copied PDF text is a reader's choice. */
const RIGHT_TO_LEFT = ['العربية', 'עברית'];

const SPACES = [' ', ' ', ' ', '  ', '\u00a0', '\t', '\n', '\r\n', '\u3000', '\u2009', '\u202f', '\u2028'];

const PUNCTUATION = ['ๆ', 'ฯ', '.', ',', '-', '–', '—', ':', ';', '!', '?', '“', '”', '…', '•', '▲', '▼', '#', '%', '฿', '๏', '๚', '๛'];

/** C0 controls other than tab and line ends, DEL and the two non-characters: refused by the loader. */
export const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]/g;

const thaiChar = fc.integer({ min: 0x0e01, max: 0x0e5b }).filter((c) => c < 0x0e3b || c > 0x0e3e).map((c) => String.fromCodePoint(c));

/** Any code point the loader accepts (no lone surrogates: those are a separate, open question). */
const anyChar = fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }).map((s) => s.replace(CONTROL, '') || '?');

export interface TextOptions {
  /** Right-to-left scripts too (fuzz runs); off in the seeded test. */
  rtl?: boolean;
  /**
   * Plain office text only: Thai words, Latin glued to Thai, digits, addresses, punctuation, spaces
   * and markup-looking text, none of the exotic characters. For runs about layout (long texts,
   * many items), so that a character problem cannot hide a layout one.
   */
  plain?: boolean;
  /**
   * Mostly exotic characters: emoji, other scripts, combining marks, zero-width characters, any
   * character at all (some with no glyph in the PDF's faces: `check` warns about those). For runs
   * about characters rather than layout.
   */
  exotic?: boolean;
  /** Long texts and long lists most of the time (fuzz runs about layout and limits). */
  big?: boolean;
}

export function tokenArbitrary(options: TextOptions = {}): fc.Arbitrary<string> {
  const from = (list: readonly string[]): fc.Arbitrary<string> => fc.constantFrom(...list);
  if (options.plain) {
    return fc.oneof(
      { arbitrary: from(THAI_WORDS), weight: 40 },
      { arbitrary: from([' ', ' ', ' ', '  ', '\n']), weight: 12 },
      { arbitrary: from(LATIN_GLUED), weight: 6 },
      { arbitrary: from(NUMBERS), weight: 6 },
      { arbitrary: from(PUNCTUATION.filter((c) => c !== '▲' && c !== '▼')), weight: 4 },
      { arbitrary: from(ADDRESSES), weight: 2 },
      { arbitrary: from(MARKUP), weight: 3 },
    );
  }
  // Exotic runs weigh the office text down to a tenth.
  const office = options.exotic ? 0.1 : 1;
  const w = (weight: number): number => Math.max(1, Math.round(weight * office));
  const token = fc.oneof(
    { arbitrary: from(THAI_WORDS), weight: w(40) },
    { arbitrary: from(SPACES), weight: w(14) },
    { arbitrary: from(LATIN_GLUED), weight: w(6) },
    { arbitrary: from(NUMBERS), weight: w(6) },
    { arbitrary: from(PUNCTUATION), weight: 4 },
    { arbitrary: from(ADDRESSES), weight: 2 },
    { arbitrary: from(EMOJI), weight: 2 },
    { arbitrary: from(COMBINING), weight: 2 },
    { arbitrary: from(ZERO_WIDTH), weight: 2 },
    { arbitrary: from(MARKUP), weight: 3 },
    { arbitrary: from(OTHER_SCRIPTS), weight: 1 },
    { arbitrary: fc.string({ unit: thaiChar, minLength: 1, maxLength: 6 }), weight: 2 },
    { arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 3 }), weight: 1 },
    { arbitrary: anyChar, weight: 1 },
    ...(options.rtl ? [{ arbitrary: from(RIGHT_TO_LEFT), weight: 1 }] : []),
  );
  return options.rtl ? token : token.filter((t) => !RTL.test(t));
}

/**
 * Letters of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko and the like), which random
 * characters include now and then: only with `rtl` (the PDF copies Arabic as presentation forms,
 * a question for another day).
 */
const RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;

/** The first `max` code points of `s`, never half of a surrogate pair. */
export function clipCodePoints(s: string, max: number): string {
  const points = Array.from(s);
  return points.length <= max ? s : points.slice(0, max).join('');
}

/** Length as JSON Schema counts it (code points), after the loader's normalisation. */
export const schemaLength = (s: string): number => Array.from(normalizeThai(s)).length;

/**
 * A text of 1 to `max` code points. Lengths are weighted toward short (a name, a step) but reach
 * `max` (5,000 by default) now and then: the bands are counts of tokens of about five characters,
 * the last one long enough to be cut at `max`.
 */
export function textArbitrary(max: number, options: TextOptions & { long?: boolean } = {}): fc.Arbitrary<string> {
  const token = tokenArbitrary(options);
  const band = (minLength: number, maxLength: number, weight: number) => ({ arbitrary: fc.array(token, { minLength, maxLength }), weight });
  const long = options.long ?? true;
  // `big`: long texts are the rule rather than the exception.
  const [short, mid, longer] = options.big ? [2, 4, 8] : [30, 40, 1];
  return fc
    .oneof(
      band(1, 3, short),
      band(3, 16, mid),
      band(16, 80, 12),
      // Long: hundreds of words, and texts at the field's limit (cut to it).
      ...(long ? [band(80, 400, 3 * longer), band(400, 1600, longer), band(Math.ceil(max / 2), Math.ceil(max / 2) + 8, longer)] : []),
    )
    .map((tokens) => fitText(tokens.join(''), max));
}

/** Cuts a text to the schema's length (as counted after normalisation) and keeps it non-empty. */
export function fitText(text: string, max: number): string {
  let s = clipCodePoints(text, max);
  while (s.length > 0 && schemaLength(s) > max) s = clipCodePoints(s, Array.from(s).length - 1);
  return s === '' ? 'ก' : s;
}

/** An exact-length text (for limits): Thai words repeated and cut. */
export function textOfLength(length: number, seed = 0): string {
  let s = '';
  for (let i = seed; Array.from(s).length < length; i++) s += THAI_WORDS[i % THAI_WORDS.length];
  return clipCodePoints(s, length);
}

/**
 * Pieces of web addresses as clerks paste them: hosts (Thai ones too), ports, paths with digits in
 * both systems, queries, fragments, percent-encoding, brackets, and what ends a sentence rather than
 * an address (a dot, a comma, an unmatched bracket), which convertDigits must not take for part of it.
 */
const URL_PARTS = [
  'www.example.go.th', 'itas.nacc.go.th', 'nakhonpathom.go.th', 'localhost:8080', '192.168.1.10', '[::1]', 'ไทย.ไทย',
  'xn--12c1fe0br.xn--o3cw4h', 'user:pass@', ':443', '/ita/2566/o43.pdf', '/a_(b)', '/%E0%B8%81', '?id=12&year=2566',
  '#หัวข้อ', '/index.php?x=1;y=2', '/~user/', '/๒๕๖๖/', '/file.pdf.', ')', '...', ',', '/{{x}}', '/<b>', '&amp;',
  '"', "'", '*', '!', '$1', '/ITA-2566', '=', '+', '/รายงาน_ผล', '/0', '9',
];

/**
 * A web address the schema takes (`^https?://\S+$`): http:// or https:// and then pieces of
 * addresses and now and then any token of the text generator, white space taken out (JavaScript's
 * \s, as the pattern reads it); of at most `max` code points, now and then long (`long`).
 */
export function urlArbitrary(max: number, options: TextOptions & { long?: boolean } = {}): fc.Arbitrary<string> {
  const part = fc.oneof({ arbitrary: fc.constantFrom(...URL_PARTS), weight: 6 }, { arbitrary: tokenArbitrary(options), weight: 2 });
  const parts = fc.oneof(
    { arbitrary: fc.array(part, { minLength: 1, maxLength: 8 }), weight: 9 },
    ...(options.long ?? true ? [{ arbitrary: fc.array(part, { minLength: 40, maxLength: 600 }), weight: 1 }] : []),
  );
  return fc.record({ scheme: fc.constantFrom('http://', 'https://'), parts }).map(({ scheme, parts }) => {
    const rest = parts.join('').replace(/\s/gu, '');
    return scheme + fitText(rest === '' ? 'x' : rest, max - scheme.length);
  });
}
