import { describe, expect, it } from 'vitest';
import * as thai from '../../src/thai/index.ts';
import { breakUnits } from '../../src/thai/linebreak.ts';

/**
 * Thai word splits come from ICU's dictionary (Intl.Segmenter), so the rows that split Thai
 * words record what Node 20's ICU actually returns; an ICU upgrade may move them. The rows for
 * numbers, Latin, spaces and punctuation follow from our own rules and must not move.
 */
function check(text: string, expected: string[]): void {
  const units = breakUnits(text);
  expect(units).toEqual(expected);
  expect(units.join('')).toBe(text);
}

describe('breakUnits: Thai words (from Intl.Segmenter)', () => {
  it.each<[string, string[]]>([
    // Compounds come back as their parts, which are real break points in Thai typesetting.
    ['หน่วยงานภาครัฐ', ['หน่วย', 'งาน', 'ภาค', 'รัฐ']],
    ['ประจำปีงบประมาณ', ['ประจำ', 'ปีงบประมาณ']],
    ['ดำเนินงาน', ['ดำเนิน', 'งาน']],
    ['ผู้ใหญ่บ้าน', ['ผู้ใหญ่', 'บ้าน']],
    ['ที่ปรึกษา', ['ที่', 'ปรึกษา']],
    ['น้ำประปา', ['น้ำ', 'ประปา']],
    ['สำนักงาน', ['สำนักงาน']],
    // The Segmenter keeps Thai digits with the word they touch; we do not add a break there.
    ['ร้อยละ๘๕', ['ร้อย', 'ละ๘๕']],
    ['คะแนน๙๓.๖๘', ['คะแนน๙๓.๖๘']],
  ])('%j → %j', check);
});

describe('breakUnits: whitespace stays at the end of the unit before it', () => {
  it.each<[string, string[]]>([
    ['', []],
    ['ก', ['ก']],
    ['ผู้ใหญ่บ้าน น้ำประปา ที่ปรึกษา', ['ผู้ใหญ่', 'บ้าน ', 'น้ำ', 'ประปา ', 'ที่', 'ปรึกษา']],
    ['ITA AA', ['ITA ', 'AA']],
    ['ก   ข', ['ก   ', 'ข']], // a run of spaces is one break opportunity
    ['ก \t ข', ['ก \t ', 'ข']],
    ['ก\tข', ['ก\t', 'ข']],
    ['ก\nข', ['ก\n', 'ข']], // newline is not expected; it behaves like a space
    ['ก\u200Bข', ['ก\u200B', 'ข']], // ZWSP: a break after, never at the start of a line
    ['  ก ข', ['  ก ', 'ข']], // leading spaces join the first unit
    ['   ', ['   ']],
    ['ข ', ['ข ']],
  ])('%j → %j', check);
});

describe('breakUnits: no-break spaces and joiners glue their neighbours', () => {
  it.each<[string, string[]]>([
    ['ก\u00A0ข ค', ['ก\u00A0ข ', 'ค']],
    ['ITA\u00A0ที่', ['ITA\u00A0ที่']],
    ['หน่วย\u2060งาน ภาค\u2060รัฐ', ['หน่วย\u2060งาน ', 'ภาค\u2060รัฐ']],
    ['คะแนน\u00A0๙๓.๖๘\u00A0คะแนน', ['คะแนน\u00A0๙๓.๖๘\u00A0คะแนน']],
    ['๑๐\u202Fบาท', ['๑๐\u202Fบาท']],
  ])('%j → %j', check);
});

describe('breakUnits: ๆ and ฯ stay with the word before them', () => {
  it.each<[string, string[]]>([
    ['ต่างๆ', ['ต่างๆ']],
    ['ต่าง ๆ', ['ต่าง ๆ']], // the space before ๆ is not a break
    ['ต่างๆ นานา', ['ต่างๆ ', 'นานา']],
    ['กิจกรรมต่าง ๆ ของหน่วยงาน', ['กิจกรรม', 'ต่าง ๆ ', 'ของ', 'หน่วย', 'งาน']],
    ['กรุงเทพฯ', ['กรุงเทพฯ']],
    ['กรุงเทพฯ ประจำ', ['กรุงเทพฯ ', 'ประจำ']],
    ['ฯลฯ', ['ฯลฯ']],
    ['เป็นต้นฯลฯ', ['เป็นต้นฯลฯ']],
    ['ผลไม้ เช่น ส้ม ฯลฯ', ['ผล', 'ไม้ ', 'เช่น ', 'ส้ม ฯลฯ']],
    ['ฯพณฯ นายก', ['ฯพณฯ ', 'นายก']],
  ])('%j → %j', check);
});

describe('breakUnits: an era stays with its year', () => {
  it.each<[string, string[]]>([
    ['ประจำปีงบประมาณ พ.ศ. ๒๕๖๗', ['ประจำ', 'ปีงบประมาณ ', 'พ.ศ. ๒๕๖๗']],
    ['ปี พ.ศ. 2566 ให้', ['ปี ', 'พ.ศ. 2566 ', 'ให้']],
    ['ค.ศ. 2023', ['ค.ศ. 2023']],
    ['พ.ศ.๒๕๖๖', ['พ.ศ.๒๕๖๖']],
    ['พ.ศ. นี้', ['พ.ศ. ', 'นี้']],
  ])('%j → %j', check);
});

describe('breakUnits: numbers are never broken', () => {
  it.each<[string, string[]]>([
    ['93.68', ['93.68']],
    ['๙๓.๖๘', ['๙๓.๖๘']],
    ['๑,๐๐๐,๐๐๐.๕๐', ['๑,๐๐๐,๐๐๐.๕๐']],
    ['1,000,000.50', ['1,000,000.50']],
    ['๓๐/๐๙/๒๕๖๖', ['๓๐/๐๙/๒๕๖๖']],
    ['2566-2567', ['2566-2567']],
    ['๒๕๖๖-๒๕๖๗', ['๒๕๖๖-๒๕๖๗']],
    ['10:30', ['10:30']],
    ['ข้อ ๑.๒ ผ่าน', ['ข้อ ', '๑.๒ ', 'ผ่าน']],
    ['ได้คะแนน ๙๓.๖๘ คะแนน', ['ได้', 'คะแนน ', '๙๓.๖๘ ', 'คะแนน']],
    ['พ.ศ. ๒๕๖๖', ['พ.ศ. ๒๕๖๖']],
    ['฿1,000 บาท', ['฿1,000 ', 'บาท']], // a currency sign opens its amount
  ])('%j → %j', check);
});

describe('breakUnits: Latin words are never broken, but split from Thai', () => {
  it.each<[string, string[]]>([
    ['e-Service', ['e-Service']],
    ['IIT/EIT/OIT', ['IIT/EIT/OIT']],
    ['www.nacc.go.th', ['www.nacc.go.th']],
    ['https://itas.nacc.go.th/2566', ['https://itas.nacc.go.th/2566']],
    ['itas@nacc.go.th', ['itas@nacc.go.th']],
    ['COVID-19', ['COVID-19']],
    ['O1', ['O1']],
    ['ITA2566', ['ITA2566']],
    ["don't", ["don't"]],
    // ICU returns "ITAที่" and "Serviceของ" as single words; the script change is a break.
    ['ITAที่', ['ITA', 'ที่']],
    ['ที่ITA', ['ที่', 'ITA']],
    ['e-Serviceของ', ['e-Service', 'ของ']],
    ['e-Serviceของหน่วยงาน', ['e-Service', 'ของ', 'หน่วย', 'งาน']],
    ['ระดับ AA ผ่าน', ['ระดับ ', 'AA ', 'ผ่าน']],
  ])('%j → %j', check);
});

describe('breakUnits: brackets, quotes and closing punctuation', () => {
  it.each<[string, string[]]>([
    ['(ITA)ปั้น', ['(ITA)', 'ปั้น']],
    ['(๑)', ['(๑)']],
    ['(๑) ข้อ', ['(๑) ', 'ข้อ']],
    ['คะแนน (ร้อยละ ๘๕)', ['คะแนน ', '(ร้อย', 'ละ ', '๘๕)']],
    ['( ข )', ['( ข )']], // spaces inside brackets do not open a break
    ['[ITA] {OIT}', ['[ITA] ', '{OIT}']],
    ['“โรงเรียนสุจริต” และ', ['“โรงเรียน', 'สุจริต” ', 'และ']],
    ['‘ก’ ข', ['‘ก’ ', 'ข']],
    ['«ก» ข', ['«ก» ', 'ข']],
    ['ก "ข" ค', ['ก ', '"ข" ', 'ค']], // an ASCII quote opens after a space, closes after text
    ["ก 'ข' ค", ['ก ', "'ข' ", 'ค']],
    ['Assessment: ITA', ['Assessment: ', 'ITA']],
    ['ร้อยละ ๘๕%', ['ร้อย', 'ละ ', '๘๕%']],
    ['๘๕ %', ['๘๕ %']],
    ['ผ่าน! ต่อ? ใช่; ไม่, ครับ.', ['ผ่าน! ', 'ต่อ? ', 'ใช่; ', 'ไม่, ', 'ครับ.']],
    ['ครั้ง/ปี', ['ครั้ง/', 'ปี']],
    ['ก…', ['ก…']],
    ['ก-ข', ['ก-', 'ข']], // a hyphen stays with what it follows
    ['ก - ข', ['ก ', '- ', 'ข']],
  ])('%j → %j', check);
});

describe('breakUnits: grapheme clusters are never split', () => {
  it.each<[string, string[]]>([
    ['ก ั', ['ก ั']], // a stray mark after a space stays with the space
    ['ก่า', ['ก่า']],
    ['ฤๅษี', ['ฤๅษี']],
    ['ก 👨‍👩‍👧 ข', ['ก ', '👨‍👩‍👧 ', 'ข']],
    ['cafe\u0301ที่', ['cafe\u0301', 'ที่']],
  ])('%j → %j', check);
});

const PARAGRAPHS = [
  'การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (Integrity and Transparency Assessment: ITA) ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ ได้คะแนน ๙๓.๖๘ คะแนน อยู่ในระดับ AA ผ่านเกณฑ์การประเมินที่ร้อยละ ๘๕ ผู้ใหญ่บ้าน น้ำประปา ที่ปรึกษา e-Serviceของหน่วยงาน ต่างๆ กรุงเทพฯ',
  'หน่วยงานได้จัดทำมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๗ โดยนำผลการประเมิน ITA ปี ๒๕๖๖ มาวิเคราะห์ในประเด็นที่ได้คะแนนต่ำกว่าร้อยละ ๘๕ ได้แก่ ตัวชี้วัดที่ ๙ การเปิดเผยข้อมูล (OIT) และตัวชี้วัดที่ ๑๐ การป้องกันการทุจริต เผยแพร่ทางเว็บไซต์ https://www.example.go.th/ita เมื่อวันที่ ๓๐/๐๙/๒๕๖๖ เวลา 10:30 น.',
  'งบประมาณรายจ่ายประจำปี ๑,๐๐๐,๐๐๐.๕๐ บาท (หนึ่งล้านบาทห้าสิบสตางค์) สำหรับโครงการ “โรงเรียนสุจริต” และกิจกรรมต่าง ๆ ฯลฯ ตามแผนปฏิบัติราชการ 2566-2567 ของสำนักงาน ป.ป.ช. ประจำจังหวัดนครปฐม ผ่านระบบ e-Service/e-Office ในช่วง COVID-19 โดยผู้ใหญ่บ้านและกำนันได้รับแจ้งทางอีเมล itas@nacc.go.th ภายในวันที่ 15 ธ.ค. 2566',
];

const THAI_MARK_OR_FOLLOWING_VOWEL = /^[\u0E30-\u0E3A\u0E45\u0E47-\u0E4E]/;
const NUMBER = /[0-9๐-๙]+(?:[.,:/-][0-9๐-๙]+)*/g;
const LATIN_WORD = /[A-Za-z0-9]+(?:[-/.:@]+[A-Za-z0-9]+)*/g;

/** Offsets inside text at which one unit ends and the next begins. */
function boundaries(units: string[]): number[] {
  const result: number[] = [];
  let offset = 0;
  for (const unit of units.slice(0, -1)) {
    offset += unit.length;
    result.push(offset);
  }
  return result;
}

describe('breakUnits: properties over real report paragraphs', () => {
  it.each(PARAGRAPHS.map((p) => [p.slice(0, 30), p]))('%s…', (_label, text) => {
    const units = breakUnits(text);
    expect(units.join('')).toBe(text);
    // Thai words are split, not just the spaces.
    expect(units.length).toBeGreaterThan(text.split(' ').length * 1.5);

    for (const unit of units) {
      expect(unit).not.toBe('');
      expect(unit).not.toMatch(/^\s/);
      expect(unit).not.toMatch(THAI_MARK_OR_FOLLOWING_VOWEL);
      expect(unit).not.toMatch(/^[ๆฯ)\]}”’,.:;!?%]/);
      expect(unit.trimEnd()).not.toMatch(/[([{“‘«]$/);
    }

    const cuts = boundaries(units);
    for (const pattern of [NUMBER, LATIN_WORD]) {
      for (const m of text.matchAll(pattern)) {
        const inside = cuts.filter((c) => c > m.index && c < m.index + m[0].length);
        expect(inside, `${m[0]} is split`).toEqual([]);
      }
    }
  });

  it('finds the expected units in the first paragraph', () => {
    const units = breakUnits(PARAGRAPHS[0]!);
    expect(units).toEqual(
      expect.arrayContaining([
        'หน่วย',
        'ภาค',
        'รัฐ ',
        '(Integrity ',
        'Assessment: ',
        'ITA) ',
        'พ.ศ. ๒๕๖๖ ',
        '๙๓.๖๘ ',
        'AA ',
        '๘๕ ',
        'ผู้ใหญ่',
        'บ้าน ',
        'e-Service',
        'ของ',
        'ต่างๆ ',
        'กรุงเทพฯ',
      ]),
    );
  });

  it('is re-exported from src/thai/index.ts', () => {
    expect(thai.breakUnits).toBe(breakUnits);
  });
});
