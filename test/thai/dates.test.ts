import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { formatThaiDate, parseIsoDate, readTypedDate, thaiMonthName, type ParseIsoDateResult, type TypedDate } from '../../src/thai/dates.ts';

describe('parseIsoDate', () => {
  it.each([
    '2023-03-15',
    '2024-02-29', // leap year
    '2000-02-29', // divisible by 400: leap
    '2022-10-01',
    '2023-12-31',
    '1900-01-01',
    '2011-12-30', // a day Pacific/Apia skipped; must not matter
    '2399-12-31', // last year not taken for B.E.
  ])('accepts %s', (s) => {
    expect(parseIsoDate(s)).toEqual({ ok: true, date: s });
  });

  it.each<[string, Extract<ParseIsoDateResult, { ok: false }>['reason']]>([
    ['2023-02-29', 'invalid'],
    ['2023-02-30', 'invalid'],
    ['2023-04-31', 'invalid'],
    ['1900-02-29', 'invalid'], // divisible by 100 but not 400: not leap
    ['2023-13-01', 'invalid'],
    ['2023-00-10', 'invalid'],
    ['2023-01-00', 'invalid'],
    ['2023-01-32', 'invalid'],
    ['0050-01-01', 'invalid'], // JavaScript dates map years 0-99 to 1900-1999
    ['2400-01-01', 'buddhist-year'],
    ['2566-03-15', 'buddhist-year'],
    ['2567-02-29', 'buddhist-year'], // B.E. 2567 = 2024 is leap; report the year, not the day
    ['2566-02-30', 'buddhist-year'],
    ['2023-3-5', 'format'],
    ['15/03/2023', 'format'],
    ['2023/03/15', 'format'],
    ['20230315', 'format'],
    ['2023-03-15T00:00:00Z', 'format'],
    [' 2023-03-15', 'format'],
    ['2023-03-15\n', 'format'],
    ['๒๕๖๖-๐๓-๑๕', 'format'],
    ['+02023-03-15', 'format'],
    ['', 'format'],
  ])('rejects %j as %s', (s, reason) => {
    expect(parseIsoDate(s)).toEqual({ ok: false, reason });
  });
});

describe('thaiMonthName', () => {
  it.each<[number, string]>([
    [1, 'มกราคม'],
    [2, 'กุมภาพันธ์'],
    [3, 'มีนาคม'],
    [4, 'เมษายน'],
    [5, 'พฤษภาคม'],
    [6, 'มิถุนายน'],
    [7, 'กรกฎาคม'],
    [8, 'สิงหาคม'],
    [9, 'กันยายน'],
    [10, 'ตุลาคม'],
    [11, 'พฤศจิกายน'],
    [12, 'ธันวาคม'],
  ])('thaiMonthName(%d) = %s, the same as dayjs th', (month, name) => {
    expect(thaiMonthName(month)).toBe(name);
    const iso = `2023-${String(month).padStart(2, '0')}-01`;
    expect(formatThaiDate(iso)).toBe(`1 ${name} พ.ศ. 2566`);
  });

  it.each([0, 13, 1.5, -1, NaN])('throws RangeError for %d', (month) => {
    expect(() => thaiMonthName(month)).toThrow(RangeError);
  });
});

describe('formatThaiDate', () => {
  it.each<[string, 'full' | 'short', string]>([
    ['2023-03-15', 'full', '15 มีนาคม พ.ศ. 2566'],
    ['2023-03-15', 'short', '15 มี.ค. 2566'],
    ['2023-01-01', 'full', '1 มกราคม พ.ศ. 2566'],
    ['2022-12-31', 'full', '31 ธันวาคม พ.ศ. 2565'],
    ['2024-02-29', 'full', '29 กุมภาพันธ์ พ.ศ. 2567'],
    ['2022-10-01', 'full', '1 ตุลาคม พ.ศ. 2565'],
    ['2000-01-01', 'full', '1 มกราคม พ.ศ. 2543'],
    ['2023-01-09', 'short', '9 ม.ค. 2566'],
    ['2023-02-10', 'short', '10 ก.พ. 2566'],
    ['2023-04-11', 'short', '11 เม.ย. 2566'],
    ['2023-05-12', 'short', '12 พ.ค. 2566'],
    ['2023-06-13', 'short', '13 มิ.ย. 2566'],
    ['2023-07-14', 'short', '14 ก.ค. 2566'],
    ['2023-08-15', 'short', '15 ส.ค. 2566'],
    ['2023-09-16', 'short', '16 ก.ย. 2566'],
    ['2023-10-17', 'short', '17 ต.ค. 2566'],
    ['2023-11-18', 'short', '18 พ.ย. 2566'],
    ['2023-12-19', 'short', '19 ธ.ค. 2566'],
  ])('formatThaiDate(%s, %s) = %s', (iso, style, expected) => {
    expect(formatThaiDate(iso, style)).toBe(expected);
  });

  it('defaults to the full style', () => {
    expect(formatThaiDate('2023-03-15')).toBe('15 มีนาคม พ.ศ. 2566');
  });

  it.each(['2566-03-15', '2023-02-30', '15/03/2023', ''])('throws RangeError for %j', (iso) => {
    expect(() => formatThaiDate(iso)).toThrow(RangeError);
  });

  it('does not change the global dayjs locale', () => {
    const before = dayjs.locale();
    formatThaiDate('2023-03-15');
    expect(dayjs.locale()).toBe(before);
  });
});

describe('time-zone independence', () => {
  const datesModule = fileURLToPath(new URL('../../src/thai/dates.ts', import.meta.url));
  const probe = [
    '2023-03-15',
    '2022-12-31',
    '2023-01-01',
    '2011-12-30', // skipped in Pacific/Apia
    '2018-11-04', // Brazil's DST started at midnight: 00:00 did not exist in São Paulo
    '2024-02-29',
  ];
  const script = `
    import { formatThaiDate, parseIsoDate } from ${JSON.stringify(datesModule)};
    const probe = ${JSON.stringify(probe)};
    console.log(JSON.stringify(probe.map((d) => [parseIsoDate(d), formatThaiDate(d), formatThaiDate(d, 'short')])));
  `;
  const expected = probe.map((d) => [parseIsoDate(d), formatThaiDate(d), formatThaiDate(d, 'short')]);

  // A fresh process per zone: the zone is fixed when the process starts.
  it.each(['UTC', 'Asia/Bangkok', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Pacific/Apia', 'America/Sao_Paulo'])(
    'gives the same results with TZ=%s',
    (tz) => {
      const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        env: { ...process.env, TZ: tz },
        encoding: 'utf8',
      });
      expect(JSON.parse(out)).toEqual(expected);
    },
  );
});

describe('readTypedDate: a date as a clerk types it (day, month, B.E. year)', () => {
  it.each<[string, TypedDate]>([
    ['15/1/2567', { ok: true, date: '2024-01-15' }],
    ['15/01/2567', { ok: true, date: '2024-01-15' }],
    ['๑๕/๐๑/๒๕๖๗', { ok: true, date: '2024-01-15' }],
    ['15-01-2567', { ok: true, date: '2024-01-15' }],
    ['15.1.67', { ok: true, date: '2024-01-15' }],
    ['15/1/67', { ok: true, date: '2024-01-15' }],
    ['15 มกราคม 2567', { ok: true, date: '2024-01-15' }],
    ['๑๕ มกราคม พ.ศ. ๒๕๖๗', { ok: true, date: '2024-01-15' }],
    ['15 ม.ค. 2567', { ok: true, date: '2024-01-15' }],
    ['15 ม.ค. 67', { ok: true, date: '2024-01-15' }],
    ['15 มค 67', { ok: true, date: '2024-01-15' }],
    ['1 ต.ค. 2566', { ok: true, date: '2023-10-01' }],
    ['30 กันยายน 2567', { ok: true, date: '2024-09-30' }],
    ['  15 / 1 / 2567 ', { ok: true, date: '2024-01-15' }],
    // A C.E. year is read as C.E.; ISO as ISO.
    ['15/01/2024', { ok: true, date: '2024-01-15' }],
    ['2024-01-15', { ok: true, date: '2024-01-15' }],
    // Leap days: B.E. 2567 is C.E. 2024 (leap), 2566 is 2023 (not).
    ['29 ก.พ. 2567', { ok: true, date: '2024-02-29' }],
    ['29 ก.พ. 2566', { ok: false, reason: 'invalid' }],
    ['31 เมษายน 2567', { ok: false, reason: 'invalid' }],
    ['32/1/2567', { ok: false, reason: 'invalid' }],
    ['0/1/2567', { ok: false, reason: 'invalid' }],
    ['15/13/2567', { ok: false, reason: 'month' }],
    ['15 มกรา 2567', { ok: false, reason: 'month' }],
    ['', { ok: false, reason: 'empty' }],
    ['พรุ่งนี้', { ok: false, reason: 'unreadable' }],
    ['15/1', { ok: false, reason: 'unreadable' }],
    ['2567/1/15', { ok: false, reason: 'unreadable' }],
    ['15/1/567', { ok: false, reason: 'unreadable' }],
  ])('%j', (typed, expected) => {
    expect(readTypedDate(typed)).toEqual(expected);
  });
});
