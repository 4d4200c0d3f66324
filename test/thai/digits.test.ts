import { describe, expect, it } from 'vitest';
import {
  convertDigits,
  findProtectedSpans,
  toArabicDigits,
  toThaiDigits,
  type ProtectedSpan,
} from '../../src/thai/digits.ts';

describe('toThaiDigits / toArabicDigits', () => {
  it.each([
    ['0123456789', '๐๑๒๓๔๕๖๗๘๙'],
    ['ปีงบประมาณ 2566', 'ปีงบประมาณ ๒๕๖๖'],
    ['85.50%', '๘๕.๕๐%'],
    ['1,234.50', '๑,๒๓๔.๕๐'],
    ['', ''],
    ['ไม่มีตัวเลข', 'ไม่มีตัวเลข'],
    ['๑2', '๑๒'],
  ])('toThaiDigits(%j) → %j', (input, expected) => {
    expect(toThaiDigits(input)).toBe(expected);
  });

  it.each([
    ['๐๑๒๓๔๕๖๗๘๙', '0123456789'],
    ['ปีงบประมาณ ๒๕๖๖', 'ปีงบประมาณ 2566'],
    ['๑,๒๓๔.๕๐', '1,234.50'],
    ['', ''],
    ['1๒', '12'],
  ])('toArabicDigits(%j) → %j', (input, expected) => {
    expect(toArabicDigits(input)).toBe(expected);
  });

  it.each(['0123456789', 'ข้อ 1.2 คะแนน 97.25 จาก 100', 'abc'])('round-trips %j', (s) => {
    expect(toArabicDigits(toThaiDigits(s))).toBe(s);
  });
});

describe('convertDigits', () => {
  it.each<[string, string]>([
    ['ปีงบประมาณ 2566 ไตรมาส 1', 'ปีงบประมาณ ๒๕๖๖ ไตรมาส ๑'],
    ['ดู https://www.example.go.th/ita2566/q1 ปี 2566', 'ดู https://www.example.go.th/ita2566/q1 ปี ๒๕๖๖'],
    ['http://a.b/1?x=2#3', 'http://a.b/1?x=2#3'],
    ['www.nakhonpathom2.go.th/page/10', 'www.nakhonpathom2.go.th/page/10'],
    ['HTTPS://EXAMPLE.COM/2566 และ WWW.X1.COM', 'HTTPS://EXAMPLE.COM/2566 และ WWW.X1.COM'],
    ['อีเมล ita2566@example.go.th โทร 02-123-4567', 'อีเมล ita2566@example.go.th โทร ๐๒-๑๒๓-๔๕๖๗'],
    ['ติดต่อita2566@example.go.th', 'ติดต่อita2566@example.go.th'],
    ['(ดู https://example.com/r2566) ข้อ 3', '(ดู https://example.com/r2566) ข้อ ๓'],
    ['ที่ https://example.com/report2566. ปี 2567', 'ที่ https://example.com/report2566. ปี ๒๕๖๗'],
    ['ดูที่https://x.go.th/a1 1', 'ดูที่https://x.go.th/a1 ๑'],
    ['a1@b2.co.th, c3@d4.com', 'a1@b2.co.th, c3@d4.com'],
    ['https://x.com/?mail=a1@b2.com 5', 'https://x.com/?mail=a1@b2.com ๕'],
    // "www." inside a Latin word is not a URL start.
    ['awww.b1 2', 'awww.b๑ ๒'],
    // Not an e-mail: no dot in the domain.
    ['a1@b2 3', 'a๑@b๒ ๓'],
    ['', ''],
  ])('to thai: %j → %j', (input, expected) => {
    expect(convertDigits(input, 'thai')).toBe(expected);
  });

  it.each<[string, string]>([
    ['ปีงบประมาณ ๒๕๖๖', 'ปีงบประมาณ 2566'],
    // A (broken) Thai-digit URL or e-mail is still left byte-identical.
    ['https://example.com/๒๕๖๖ ปี ๒๕๖๖', 'https://example.com/๒๕๖๖ ปี 2566'],
    ['ita๒๕๖๖@example.go.th โทร ๐๒', 'ita๒๕๖๖@example.go.th โทร 02'],
  ])('to arabic: %j → %j', (input, expected) => {
    expect(convertDigits(input, 'arabic')).toBe(expected);
  });
});

describe('findProtectedSpans', () => {
  const span = (kind: ProtectedSpan['kind'], text: string, part: string): ProtectedSpan => {
    const start = text.indexOf(part);
    return { kind, start, end: start + part.length };
  };

  it.each<[string, string]>([
    ['ดู https://x.go.th/a.', 'https://x.go.th/a'],
    ['ดู https://x.go.th/a, และ', 'https://x.go.th/a'],
    ['(https://x.go.th/a)', 'https://x.go.th/a'],
    ['(https://x.go.th/a).', 'https://x.go.th/a'],
    ['ดู https://x.go.th/a?!', 'https://x.go.th/a'],
    ['"www.x.go.th"', 'www.x.go.th'],
    // Balanced parentheses belong to the URL.
    ['https://en.wikipedia.org/wiki/Foo_(bar)', 'https://en.wikipedia.org/wiki/Foo_(bar)'],
    ['(https://en.wikipedia.org/wiki/Foo_(bar))', 'https://en.wikipedia.org/wiki/Foo_(bar)'],
    // A dot inside the URL stays.
    ['https://x.go.th/file.pdf', 'https://x.go.th/file.pdf'],
    ['https://x.go.th/', 'https://x.go.th/'],
  ])('URL in %j is %j', (text, url) => {
    expect(findProtectedSpans(text)).toEqual([span('url', text, url)]);
  });

  it.each<[string, string]>([
    ['ส่งถึง a.b-1@x.go.th.', 'a.b-1@x.go.th'],
    ['(a+b@x.com)', 'a+b@x.com'],
    ['อีเมลabc@x.co.th ครับ', 'abc@x.co.th'],
  ])('e-mail in %j is %j', (text, email) => {
    expect(findProtectedSpans(text)).toEqual([span('email', text, email)]);
  });

  it('finds several spans in order', () => {
    const text = 'a@b.co และ https://c.d/1 และ www.e.f';
    expect(findProtectedSpans(text)).toEqual([
      span('email', text, 'a@b.co'),
      span('url', text, 'https://c.d/1'),
      span('url', text, 'www.e.f'),
    ]);
  });

  it.each(['', 'ไม่มีลิงก์ 123', 'http:/x.com', 'x@y'])('finds nothing in %j', (text) => {
    expect(findProtectedSpans(text)).toEqual([]);
  });
});
