import { describe, expect, it } from 'vitest';
import { dataFilePath, newDataFile, newFileNameOf, newFileNameProblem, newFilePath, newFileYears, statingFramework } from '../../src/data/new-file.ts';
import { nextYear } from '../../src/messages/answers.ts';

/** The start of a new data file: one definition for the page's new agency and the server's next year. */
describe('newDataFile', () => {
  it('a new agency: empty, the assessment year the year before, keys in the order of a data file', () => {
    const file = newDataFile({ agency: '', fiscalYear: 2567 });
    expect(file).toEqual({ agency: '', fiscal_year: 2567, assessment_year: 2566, overall: { score: null }, scores: {}, urgent: [], improve: [], measures: [], signatory: { position: '' } });
    expect(Object.keys(file)).toEqual(['agency', 'fiscal_year', 'assessment_year', 'overall', 'scores', 'urgent', 'improve', 'measures', 'signatory']);
  });

  it('next year from last year: the same keys, with what carries over in its place', () => {
    const measures = [{ title: 'ม', steps: ['ก'], owner: 'o', monitoring: 'm' }];
    const next = nextYear({ agency: 'ก', fiscal_year: 2566, assessment_year: 2565, threshold: 90, measures, signatory: { position: 'ผู้ว่า' }, announcement: { form: 'table' } });
    expect(next).toEqual(
      newDataFile({ agency: 'ก', fiscalYear: 2567, assessmentYear: 2566, framework: 2566, threshold: 90, measures, position: 'ผู้ว่า', announcement: { form: 'table' } }),
    );
    expect(Object.keys(next)).toEqual(['agency', 'fiscal_year', 'assessment_year', 'framework', 'overall', 'threshold', 'scores', 'urgent', 'improve', 'measures', 'signatory', 'announcement']);
  });

  it('statingFramework puts framework right after assessment_year, once', () => {
    const file = statingFramework(newDataFile({ agency: '', fiscalYear: 2571 }), 2569);
    expect(Object.keys(file).slice(0, 4)).toEqual(['agency', 'fiscal_year', 'assessment_year', 'framework']);
    expect(statingFramework(file, 2568).framework).toBe(2568);
    expect(Object.keys(statingFramework(file, 2568)).filter((k) => k === 'framework')).toHaveLength(1);
  });
});

describe('the path of a new file', () => {
  it.each<[number, string, string | undefined]>([
    [2567, 'nakhon-pathom', '2567/nakhon-pathom.yaml'],
    [2560, 'a', '2560/a.yaml'],
    [2570, 'agency-2570', '2570/agency-2570.yaml'],
    [2559, 'a', undefined],
    [2567.5, 'a', undefined],
    [2567, '', undefined],
    [2567, '-a', undefined],
    [2567, 'Nakhon', '2567/Nakhon.yaml'],
    [2567, 'นครปฐม', '2567/นครปฐม.yaml'],
    [2567, 'นคร ปฐม', undefined],
    [2567, '_a', undefined],
    [2567, 'ก'.repeat(67), undefined],
    [2567, 'a/b', undefined],
    [2567, 'a.yaml', undefined],
  ])('%d %j → %j', (year, name, expected) => {
    expect(newFilePath(year, name)).toBe(expected);
  });

  it('is in the fiscal year\'s folder, as the server names next year\'s file', () => {
    expect(dataFilePath(2567, 'นครปฐม')).toBe('2567/นครปฐม.yaml');
  });
});

describe('the fiscal years a new file is offered (issue 17)', () => {
  const frameworks = [2562, 2563, 2564, 2565, 2566, 2567, 2568];
  const offered = (today: number) => newFileYears(frameworks, today);

  it('each year whose assessment year has a framework, and the newest without one, which uses the newest framework meanwhile', () => {
    const { years, chosen } = offered(2570);
    expect(years.map((y) => y.fiscalYear)).toEqual([2570, 2569, 2568, 2567, 2566, 2565, 2564, 2563]);
    expect(years.filter((y) => y.meanwhile).map((y) => y.fiscalYear)).toEqual([2570]);
    expect(chosen).toBe(2570);
  });

  it('today\'s fiscal year is chosen while it has a framework; next year is offered with the notice', () => {
    const { years, chosen } = offered(2567);
    expect(years[0]).toEqual({ fiscalYear: 2570, meanwhile: true });
    expect(chosen).toBe(2567);
  });

  it('two years past the newest framework: today\'s year with the notice, not the one between', () => {
    const { years, chosen } = offered(2572);
    expect(years.slice(0, 2).map((y) => y.fiscalYear)).toEqual([2572, 2569]);
    expect(chosen).toBe(2572);
  });

  it('no year before the first new file\'s, and nothing without frameworks', () => {
    expect(newFileYears([2558, 2559, 2560], 2561).years.map((y) => y.fiscalYear)).toEqual([2562, 2561, 2560]);
    expect(newFileYears([], 2570)).toEqual({ years: [], chosen: undefined });
  });
});

describe('a new file\'s name from the agency\'s (issue 17)', () => {
  it.each([
    ['จังหวัดนครปฐม', 'จังหวัดนครปฐม'],
    ['อบต. บ้านใหม่', 'อบต-บ้านใหม่'],
    ['  สำนักงาน / ส่วนกลาง  ', 'สำนักงาน-ส่วนกลาง'],
    ['Nakhon Pathom Province', 'Nakhon-Pathom-Province'],
    ['...', ''],
    // A sara am typed decomposed (nikhahit + sara aa) is the same name in NFC.
    ['กำแพงแสน'.normalize('NFD'), 'กำแพงแสน'],
  ])('%j → %j', (agency, name) => {
    expect(newFileNameOf(agency)).toBe(name);
    if (name) expect(newFileNameProblem(name)).toBeUndefined();
  });

  it('a long name is cut to the length a name may have, at a whole character', () => {
    const name = newFileNameOf('ก'.repeat(100));
    expect(name).toBe('ก'.repeat(66));
    expect(newFileNameProblem(name)).toBeUndefined();
  });

  it('says why a name cannot be one, Thai first, English beside', () => {
    expect(newFileNameProblem('')).toEqual({ th: 'ยังไม่ได้ใส่ชื่อไฟล์', en: 'no file name yet' });
    expect(newFileNameProblem('a:b')?.th).toContain('“:”');
    expect(newFileNameProblem('a\u0000b')?.en).toContain('U+0000');
    expect(newFileNameProblem('-a')?.th).toContain('ขึ้นต้นด้วยตัวอักษรหรือตัวเลข');
  });
});
