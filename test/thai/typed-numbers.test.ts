import { describe, expect, it } from 'vitest';
import { readTypedNumber, type TypedNumber, type TypedNumberKind } from '../../src/thai/typed-numbers.ts';

const read = (value: number): TypedNumber => ({ ok: true, value });
const refused = (reason: Extract<TypedNumber, { ok: false }>['reason']): TypedNumber => ({ ok: false, reason });

describe('readTypedNumber: what a clerk types into a number field', () => {
  it.each<[string, TypedNumberKind, TypedNumber]>([
    // Scores, as the NACC system shows them and as they get typed or pasted.
    ['92.5', 'score', read(92.5)],
    ['๙๒.๕', 'score', read(92.5)],
    ['๙๒.๕๖', 'score', read(92.56)],
    ['92,5', 'score', read(92.5)],
    ['92,56', 'score', read(92.56)],
    ['๙๒,๕', 'score', read(92.5)],
    ['89.00', 'score', read(89)],
    ['100', 'score', read(100)],
    ['0', 'score', read(0)],
    ['.5', 'score', read(0.5)],
    [' 93.68 ', 'score', read(93.68)],
    ['93.68%', 'score', read(93.68)],
    ['๙๓.๖๘ %', 'score', read(93.68)],
    ['ร้อยละ ๙๓.๖๘', 'score', read(93.68)],
    ['９２．５', 'score', read(92.5)],
    ['\u00a092.5\u00a0', 'score', read(92.5)],
    // Out of 0–100 is the checker's to say, with the range; the reader reads it as typed.
    ['925', 'score', read(925)],
    ['-5', 'score', read(-5)],
    ['1,500', 'score', read(1500)],
    // Not a score.
    ['', 'score', refused('empty')],
    ['   ', 'score', refused('empty')],
    ['เก้าสิบ', 'score', refused('unreadable')],
    ['92.5.1', 'score', refused('separators')],
    ['92..5', 'score', refused('separators')],
    ['9,2,5', 'score', refused('separators')],
    ['92.', 'score', refused('separators')],
    ['92 5', 'score', refused('separators')],
    ['1 500 000', 'amount', refused('separators')],
    ['1.5 ล้าน', 'score', refused('unit')],
    ['92.5 บาท', 'score', refused('unit')],
    ['5-2', 'score', refused('unreadable')],
    ['%', 'score', refused('unreadable')],
    // Amounts of baht, as budgets are written.
    ['50000', 'amount', read(50000)],
    ['50,000', 'amount', read(50000)],
    ['๕๐,๐๐๐', 'amount', read(50000)],
    ['๕๐,๐๐๐ บาท', 'amount', read(50000)],
    ['๕๐,๐๐๐.-', 'amount', read(50000)],
    ['50,000.- บาท', 'amount', read(50000)],
    ['50,000 บาทถ้วน', 'amount', read(50000)],
    ['1,500,000', 'amount', read(1500000)],
    ['1,500,000.50', 'amount', read(1500000.5)],
    ['1.500.000', 'amount', read(1500000)],
    ['1.234,56', 'amount', read(1234.56)],
    ['1,234.56', 'amount', read(1234.56)],
    ['1.5 ล้าน', 'amount', read(1500000)],
    ['1.15 ล้าน', 'amount', read(1150000)],
    ['๑.๕ ล้านบาท', 'amount', read(1500000)],
    ['2 ล้าน', 'amount', read(2000000)],
    ['5 แสน', 'amount', read(500000)],
    ['๕ แสนบาท', 'amount', read(500000)],
    ['3 หมื่น', 'amount', read(30000)],
    ['50 พัน', 'amount', read(50000)],
    ['0.000001 ล้าน', 'amount', read(1)],
    ['12,5', 'amount', read(12.5)],
    ['1,5 ล้าน', 'amount', read(1500000)],
    // Not an amount.
    ['ล้าน', 'amount', refused('unreadable')],
    ['บาท', 'amount', refused('unreadable')],
    ['1,50,000', 'amount', refused('separators')],
    ['1,500.000,5', 'amount', refused('separators')],
    ['50%', 'amount', refused('unit')],
    ['1 ล้าน 5 แสน', 'amount', refused('unit')],
    ['ห้าหมื่น', 'amount', refused('unreadable')],
    ['50,000 USD', 'amount', refused('unreadable')],
  ])('%j as %s', (typed, kind, expected) => {
    expect(readTypedNumber(typed, kind)).toEqual(expected);
  });

  it('never gives -0', () => {
    const r = readTypedNumber('-0', 'score');
    expect(r.ok && Object.is(r.value, -0)).toBe(false);
  });
});
