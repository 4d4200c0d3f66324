import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { weightedOverall } from '../../src/analysis/overall.ts';
import { availableFrameworkYears, FrameworkError, latestFrameworkYear, loadFramework, parseFramework, previousFramework } from '../../src/data/frameworks.ts';
import type { Finding } from '../../src/data/types.ts';
import { messageFor } from '../../src/messages/catalogue.ts';
import { formatFinding } from '../../src/messages/findings.ts';
import { checkText, renderDocuments, type Checked } from '../../src/pipeline.ts';
import { toArabicDigits } from '../../src/thai/digits.ts';
import { docxText } from '../helpers/docx.ts';
import { edit } from '../helpers/minimal.ts';

/**
 * Issue 12: the frameworks of the assessment years 2562–2564 (data files, status marks from
 * ../shared/docs/ita-framework.md), the refusal of a result of the ITA before the ten indicators,
 * and the year after the latest framework (what to add, how to build meanwhile).
 */

const ROOT = new URL('../../', import.meta.url);
const frameworkText = (year: number): string => readFileSync(new URL(`frameworks/${year}.yaml`, ROOT), 'utf8');

// The 2565 indicators, as ita-framework.md lists them (2562 to at least 2568).
const INDICATORS = [
  [1, 'การปฏิบัติหน้าที่', 'IIT', 6],
  [2, 'การใช้งบประมาณ', 'IIT', 6],
  [3, 'การใช้อำนาจ', 'IIT', 6],
  [4, 'การใช้ทรัพย์สินของราชการ', 'IIT', 6],
  [5, 'การแก้ไขปัญหาการทุจริต', 'IIT', 6],
  [6, 'คุณภาพการดำเนินงาน', 'EIT', 10],
  [7, 'ประสิทธิภาพการสื่อสาร', 'EIT', 10],
  [8, 'การปรับปรุงระบบการทำงาน', 'EIT', 10],
  [9, 'การเปิดเผยข้อมูล', 'OIT', 20],
  [10, 'การป้องกันการทุจริต', 'OIT', 20],
] as const;

// The five indices of the ITA until 2561, as ita-framework.md names them.
const INDICES = ['ความโปร่งใส', 'ความพร้อมรับผิด', 'ความปลอดจากการทุจริตในการปฏิบัติงาน', 'วัฒนธรรมคุณธรรมในองค์กร', 'คุณธรรมการทำงานในหน่วยงาน'];

describe('the frameworks of 2562, 2563 and 2564', () => {
  it('are there, and every year from 2562 to the latest has a file', () => {
    const years = availableFrameworkYears();
    expect(years.slice(0, 3)).toEqual([2562, 2563, 2564]);
    expect(years).toEqual(Array.from({ length: years.at(-1)! - 2562 + 1 }, (_, i) => 2562 + i));
  });

  it.each([2562, 2563, 2564])('%i: the ten indicators, tools 30/30/40, weights 6 × 5, 10 × 3, 20 × 2, levels AA–F, pass mark 85', (year) => {
    const f = loadFramework(year)!;
    expect(f.year).toBe(year);
    expect(f.title).toBe(`การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ ประจำปีงบประมาณ พ.ศ. ${year}`);
    expect(f.indicators.map((i) => [i.number, i.name, i.tool, i.weight])).toEqual(INDICATORS);
    expect(f.tools.map((t) => [t.id, t.weight])).toEqual([['IIT', 30], ['EIT', 30], ['OIT', 40]]);
    expect(f.tools.map((t) => t.name)).toEqual(loadFramework(2565)!.tools.map((t) => t.name));
    expect(f.levels).toEqual([
      { level: 'AA', min: 95 },
      { level: 'A', min: 85 },
      { level: 'B', min: 75 },
      { level: 'C', min: 65 },
      { level: 'D', min: 55 },
      { level: 'E', min: 50 },
      { level: 'F', min: 0 },
    ]);
    expect([f.passMark, f.rounding, f.tolerance]).toEqual([85, 2, 0.01]);
    // No rating in words before 2566, not even a commented-out one.
    const raw = parse(frameworkText(year)) as Record<string, unknown>;
    expect(raw).not.toHaveProperty('rating');
    expect(frameworkText(year)).toMatch(/^# rating: none in \d{4} \(the rating in words starts in 2566\)$/m);
  });

  it.each([2562, 2563, 2564])('%i: the comments give the source and mark what is assumed', (year) => {
    const text = frameworkText(year);
    expect(text).toContain('# Source: ../shared/docs/ita-framework.md');
    expect(text).toMatch(/levels AA…F: \[C for 2565\], assumed the same in \d{4} \[U\]/);
    expect(text).toContain('[D: reproduces five published 2563–2564 provincial results to within 0.01');
  });

  it('2562 says it is the first year of the tools and indicators, and that its weights are assumed', () => {
    const text = frameworkText(2562);
    expect(text).toContain('The FIRST year of this framework');
    expect(text).toContain('WEIGHTS ARE UNCONFIRMED FOR 2562 [U]');
    expect(text).toContain('[L: likely]');
  });

  // Published by the NACC (รายงาน ITA2564 กลุ่ม 2, which prints each province's ten indicator
  // scores and ITA total for 2563 and 2564 side by side); see frameworks/2563.yaml and 2564.yaml.
  it.each([
    { province: 'ตราด', year: 2563, scores: [92.57, 86.13, 90.08, 85.98, 88.04, 83.67, 82.11, 79.29, 69.94, 52.78], total: 75.62 },
    { province: 'ตราด', year: 2564, scores: [93.55, 87.72, 91.01, 87.93, 89.52, 90.55, 88.68, 88.58, 72.89, 65.56], total: 81.45 },
    { province: 'จันทบุรี', year: 2563, scores: [92.17, 85.44, 88.74, 84.05, 86.51, 84.62, 83.7, 81.88, 51.68, 29.82], total: 67.54 },
    { province: 'จันทบุรี', year: 2564, scores: [92.84, 86.27, 89.21, 84.7, 87.51, 90.03, 87.99, 85.97, 75.39, 65.39], total: 80.99 },
    { province: 'นครนายก', year: 2564, scores: [94.65, 89.11, 91.95, 89.29, 89.86, 92.12, 89.9, 89.49, 65.89, 51.15], total: 77.85 },
  ])('the $year weighting reproduces the published total of $province ($total) within the tolerance', ({ year, scores, total }) => {
    const f = loadFramework(year)!;
    const computed = weightedOverall(f, new Map(scores.map((s, i) => [i + 1, s])))!;
    expect(Math.abs(computed - total)).toBeLessThanOrEqual(f.tolerance + 1e-9);
  });
});

describe('the framework before 2562, as data', () => {
  it('is in frameworks/2562.yaml: until 2561, the five indices', () => {
    const before = previousFramework()!;
    expect(before.until).toBe(2561);
    expect(before.indices.map((i) => i.name)).toEqual(INDICES);
    expect(before.indices.every((i) => i.en.length > 0 && !/[\u0E00-\u0E7F]/.test(i.en))).toBe(true);
    expect(loadFramework(2562)!.previousFramework).toEqual(before);
    expect(loadFramework(2563)!.previousFramework).toBeUndefined();
  });

  const withPrevious = (extra: string): string => frameworkText(2565).replace('rounding: 2', `${extra}\nrounding: 2`);

  it('is validated: until must be before the file\'s year, indices must be given with their English', () => {
    expect(parseFramework(withPrevious('previous_framework: {until: 2561, indices: [{name: ก, en: A}]}'), 'x').previousFramework).toEqual({ until: 2561, indices: [{ name: 'ก', en: 'A' }] });
    expect(() => parseFramework(withPrevious('previous_framework: {until: 2565, indices: [{name: ก, en: A}]}'), 'x')).toThrow(/previous_framework.until 2565 is not before year 2565/);
    expect(() => parseFramework(withPrevious('previous_framework: {until: 2561, indices: []}'), 'x')).toThrow(FrameworkError);
    expect(() => parseFramework(withPrevious('previous_framework: {until: 2561, indices: [{name: ก}]}'), 'x')).toThrow(FrameworkError);
    expect(() => parseFramework(withPrevious('previous_framework: {indices: [{name: ก, en: A}]}'), 'x')).toThrow(FrameworkError);
  });

  it('latestFrameworkYear: the year itself, else the latest before it', () => {
    const latest = availableFrameworkYears().at(-1)!;
    expect(latestFrameworkYear()).toBe(latest);
    expect(latestFrameworkYear(2565)).toBe(2565);
    expect(latestFrameworkYear(latest + 1)).toBe(latest);
    expect(latestFrameworkYear(2600)).toBe(latest);
    expect(latestFrameworkYear(2561)).toBeUndefined();
  });
});

describe('no absolute paths of one machine in the repository', () => {
  it.each(['README.md', 'frameworks/README.md', ...availableFrameworkYears().map((y) => `frameworks/${y}.yaml`)])('%s', (file) => {
    const text = readFileSync(new URL(file, ROOT), 'utf8');
    expect(text).not.toMatch(/\/work\//);
    if (file.startsWith('frameworks/2')) expect(text).toContain('Source: ../shared/docs/ita-framework.md');
  });
});

// ---- data files against the frameworks --------------------------------------------------------

/** A complete data file; `years` is the lines of fiscal_year, assessment_year and framework. */
function dataFile(years: string): string {
  return [
    'agency: จังหวัดทดสอบ',
    years,
    'overall:',
    '  score: 80',
    'scores:',
    ...INDICATORS.map(([n]) => `  ${n}: 80`),
    'measures:',
    '  - title: มาตรการ',
    '    steps: [ขั้นตอนแรก]',
    '    owner: ผู้รับผิดชอบ',
    '    monitoring: รายงานผล',
    'signatory:',
    '  position: ผู้ว่าราชการจังหวัด',
    '',
  ].join('\n');
}

const errors = (c: Checked): Finding[] => c.findings.filter((f) => f.severity === 'error');

/** The one error of a file, with its place in the file and its wording. */
function onlyError(c: Checked): { finding: Finding; line: number; th: string; en: string; maintainer?: { th: string; en: string } } {
  const [finding, ...rest] = errors(c);
  expect(rest).toEqual([]);
  expect(finding).toBeDefined();
  const m = messageFor(finding!);
  const maintainer = m.maintainer && { th: toArabicDigits(m.maintainer.th), en: m.maintainer.en };
  return { finding: finding!, line: c.source!.locate(finding!.path).line, th: toArabicDigits(m.th), en: m.en, ...(maintainer && { maintainer }) };
}

/** 1-based line of the only line of `text` starting with `start`. */
const lineOf = (text: string, start: string): number => {
  const lines = text.split('\n').flatMap((l, i) => (l.startsWith(start) ? [i + 1] : []));
  expect(lines).toHaveLength(1);
  return lines[0]!;
};

describe('a data file of 2562, 2563 or 2564 without framework:', () => {
  it.each([
    { years: 'fiscal_year: 2563', year: 2562 },
    { years: 'fiscal_year: 2564\nassessment_year: 2563', year: 2563 },
    { years: 'fiscal_year: 2565\nassessment_year: 2564', year: 2564 },
    { years: 'fiscal_year: 2566\nassessment_year: 2562', year: 2562 },
  ])('$years: checked against the $year framework', async ({ years, year }) => {
    const c = await checkText(dataFile(years), 'x.yaml', { previous: false });
    expect(errors(c)).toEqual([]);
    expect(c.framework?.year).toBe(year);
    expect(c.analysis?.overall.computed).toBe(80);
  });
});

describe('a result of the ITA before the ten indicators (2561 and earlier)', () => {
  it.each([
    { years: 'fiscal_year: 2566\nassessment_year: 2561', field: 'assessment_year', year: 2561 },
    { years: 'fiscal_year: 2562', field: 'fiscal_year', year: 2561 },
    { years: 'fiscal_year: 2560\nassessment_year: 2555', field: 'assessment_year', year: 2555 },
    // framework: does not make the indicators right for a 2561 result.
    { years: 'fiscal_year: 2562\nframework: 2565', field: 'fiscal_year', year: 2561 },
    { years: 'fiscal_year: 2566\nassessment_year: 2561\nframework: 2565', field: 'assessment_year', year: 2561 },
  ])('$years: refused at $field, naming the five indices', async ({ years, field, year }) => {
    const text = dataFile(years);
    const c = await checkText(text, 'x.yaml', { previous: false });
    const e = onlyError(c);
    expect(e.finding).toMatchObject({ code: 'framework.before-indicators', path: [field], params: { year, until: 2561, first: 2562 } });
    expect(e.line).toBe(lineOf(text, `${field}:`));
    for (const index of INDICES) expect(e.th).toContain(index);
    expect(e.th).toContain(`ผลการประเมินปี พ.ศ. ${year}`);
    expect(e.th).toContain('ไม่ใช่ตัวชี้วัด 10 ตัวของเครื่องมือ IIT/EIT/OIT ที่เริ่มใช้ในปี 2562');
    expect(e.en).toContain(`until 2561 the ITA measured 5 indices (Transparency, Accountability, Corruption-Free, Integrity Culture, Work Integrity), not the 10 indicators`);
    expect(e.en).not.toContain('no assessment framework');
  });
});

describe('an assessment year after the latest framework (2569)', () => {
  it.each([
    { years: 'fiscal_year: 2570\nassessment_year: 2569', field: 'assessment_year' },
    { years: 'fiscal_year: 2570', field: 'fiscal_year' },
  ])('$years: an error at $field that says which file to add, from which, and how to build meanwhile', async ({ years, field }) => {
    const text = dataFile(years);
    const c = await checkText(text, 'x.yaml', { previous: false });
    const e = onlyError(c);
    expect(e.finding).toMatchObject({ code: 'framework.not-yet', path: [field], params: { year: 2569, latest: 2568 } });
    expect(e.line).toBe(lineOf(text, `${field}:`));
    // The clerk's words: whom to ask, and how to build meanwhile; which files to add is the
    // maintainer's (printed after it by `check`, folded away on the page: issue 17).
    expect(e.th).toMatch(/^ยังไม่มีกรอบการประเมินของปี พ.ศ. 2569 ในโปรแกรมรุ่นนี้ \(ล่าสุดคือปี 2568\) ให้แจ้งผู้ดูแลโปรแกรมเพื่อปรับปรุงโปรแกรม/);
    expect(e.th).toContain('เพิ่มบรรทัด framework: 2568 ในไฟล์ข้อมูล');
    expect(e.en).toContain('ask whoever maintains the program to update it; meanwhile the report can be built with the 2568 framework by writing framework: 2568 in the data file');
    expect(`${e.th} ${e.en}`).not.toContain('frameworks/');
    const maintainer = e.maintainer!;
    for (const s of ['เพิ่มไฟล์ frameworks/2569.yaml โดยคัดลอกจาก frameworks/2568.yaml', 'คู่มือการประเมิน ITA ประจำปี 2569', 'เครื่องมือ', 'ตัวชี้วัดและน้ำหนัก', 'เกณฑ์ผ่าน', 'ระดับผลการประเมิน', 'ผ่านดีเยี่ยม', 'templates/explanations/2569.yaml']) {
      expect(maintainer.th).toContain(s);
    }
    for (const s of ['add frameworks/2569.yaml as a copy of frameworks/2568.yaml', "the NACC's ITA manual for 2569", 'the tools, the indicators and their weights, the pass mark, the levels and the rating in words']) {
      expect(maintainer.en).toContain(s);
    }
    // `check` prints both, the maintainer's after the clerk's.
    const printed = formatFinding(c, e.finding);
    expect(printed).toContain('ให้แจ้งผู้ดูแลโปรแกรมเพื่อปรับปรุงโปรแกรม');
    expect(printed).toMatch(/writing framework: 2568 in the data file\) · สำหรับผู้ดูแลโปรแกรม: เพิ่มไฟล์ frameworks\/2569\.yaml โดยคัดลอกจาก frameworks\/2568\.yaml .*\(for the program's maintainer: add frameworks\/2569\.yaml as a copy/);
  });

  it('framework: 2568 builds it meanwhile, and the documents still name the assessment year 2569', async () => {
    const c = await checkText(dataFile('fiscal_year: 2570\nassessment_year: 2569\nframework: 2568'), 'x.yaml', { previous: false });
    expect(errors(c)).toEqual([]);
    expect(c.framework?.year).toBe(2568);
    expect(c.data?.assessmentYear).toBe(2569);
    const [report] = await renderDocuments(c, { formats: ['docx'], digits: 'thai', kinds: ['report'], charts: false });
    const text = (await docxText(report!.bytes)).join('\n');
    expect(text).toContain('ประจำปีงบประมาณ พ.ศ. ๒๕๖๙ ได้คะแนนภาพรวมเท่ากับ ๘๐ คะแนน อยู่ในระดับ B');
    expect(text).toContain('ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่');
    expect(text).not.toContain('๒๕๖๘');
  });

  it.each([
    { framework: 2570, years: 'fiscal_year: 2570\nassessment_year: 2569' },
    { framework: 2569, years: 'fiscal_year: 2570\nassessment_year: 2569' },
    { framework: 2561, years: 'fiscal_year: 2566' },
  ])('framework: $framework (no such file) gets the years available, at framework', async ({ framework, years }) => {
    const text = dataFile(`${years}\nframework: ${framework}`);
    const e = onlyError(await checkText(text, 'x.yaml', { previous: false }));
    expect(e.finding).toMatchObject({ code: 'framework.missing', path: ['framework'], params: { year: framework } });
    expect(e.line).toBe(lineOf(text, 'framework:'));
    expect(e.en).toContain(`available: ${availableFrameworkYears().join(', ')}`);
    expect(e.en).toContain('2562, 2563, 2564, 2565');
  });

  it('the sample with its year moved on gets the same error', async () => {
    const sample = readFileSync(new URL('data/2566/nakhon-pathom.yaml', ROOT), 'utf8');
    let text = edit(sample, 'fiscal_year: 2566 ', 'fiscal_year: 2570 ');
    text = edit(text, 'assessment_year: 2565 ', 'assessment_year: 2569 ');
    text = edit(text, 'framework: 2565 ', '# framework: 2565 ');
    const e = onlyError(await checkText(text, 'data/2570/nakhon-pathom.yaml', { previous: false }));
    expect(e.finding.code).toBe('framework.not-yet');
    expect(e.line).toBe(lineOf(text, 'assessment_year:'));
  });
});
