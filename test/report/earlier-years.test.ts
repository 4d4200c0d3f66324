import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkFile, renderDocuments, type Checked, type RenderedDocument } from '../../src/pipeline.ts';
import { toThaiDigits } from '../../src/thai/digits.ts';
import { formatScore } from '../../src/thai/numbers.ts';
import { docxText } from '../helpers/docx.ts';
import { canonicalMarks, squash } from '../property/expected.ts';
import { pdfBodyPages } from '../property/extract.ts';
import { writeVariant } from '../helpers/sample.ts';

/**
 * Issue 12: data files of the assessment years 2562–2564 build without framework:, and the report
 * says what the scores say. The 2563 and 2564 scores and totals are Trat's, as the NACC published
 * them (รายงาน ITA2564 กลุ่ม 2, 2563 beside 2564); the measures and the signatory are invented.
 */

const NAMES = ['การปฏิบัติหน้าที่', 'การใช้งบประมาณ', 'การใช้อำนาจ', 'การใช้ทรัพย์สินของราชการ', 'การแก้ไขปัญหาการทุจริต', 'คุณภาพการดำเนินงาน', 'ประสิทธิภาพการสื่อสาร', 'การปรับปรุงระบบการทำงาน', 'การเปิดเผยข้อมูล', 'การป้องกันการทุจริต'];

const th = (n: number): string => toThaiDigits(formatScore(n));
/** Text as both readers give it: no white space, marks in canonical order. */
const norm = (s: string): string => canonicalMarks(squash(s));

/** A province's data file as a clerk types it: no framework:, assessment_year only when given. */
function dataFile(o: { fiscal: number; assessment?: number; scores: number[]; total: number; date: string }): string {
  return [
    'agency: จังหวัดตราด',
    `fiscal_year: ${o.fiscal}`,
    ...(o.assessment === undefined ? [] : [`assessment_year: ${o.assessment}`]),
    'overall:',
    `  score: ${o.total}`,
    'scores:',
    ...o.scores.map((s, i) => `  ${i + 1}: ${s}`),
    'measures:',
    '  - title: การเปิดเผยข้อมูลสาธารณะ',
    '    steps:',
    '      - ปรับปรุงข้อมูลบนเว็บไซต์ของหน่วยงานให้ครบถ้วนและเป็นปัจจุบัน',
    '    owner: สำนักงานจังหวัด',
    '    monitoring: รายงานผลต่อผู้ว่าราชการจังหวัดทุกไตรมาส',
    'signatory:',
    '  position: ผู้ว่าราชการจังหวัดตราด',
    `  date: ${o.date}`,
    '',
  ].join('\n');
}

const TRAT_2563 = { fiscal: 2564, scores: [92.57, 86.13, 90.08, 85.98, 88.04, 83.67, 82.11, 79.29, 69.94, 52.78], total: 75.62, date: '2021-01-15' };

describe('the 2563 result of Trat, without assessment_year or framework: (both formats)', () => {
  let checked: Checked;
  let docs: RenderedDocument[];
  /** The report's text read back from the DOCX (mammoth) and the PDF (pdf.js, body text only). */
  let docx: string;
  let pdf: string;

  beforeAll(async () => {
    checked = await checkFile(writeVariant(dataFile(TRAT_2563), 'trat.yaml'));
    docs = await renderDocuments(checked, { formats: ['docx', 'pdf'], digits: 'thai', kinds: ['report'] });
    docx = norm((await docxText(docs.find((d) => d.format === 'docx')!.bytes)).join('\n'));
    pdf = (await pdfBodyPages(docs.find((d) => d.format === 'pdf')!.bytes)).join('');
  });

  it('is checked against the 2563 framework, without a finding: the published total is the weighting', () => {
    expect(checked.findings).toEqual([]);
    expect(checked.framework?.year).toBe(2563);
    expect(checked.analysis?.overall).toMatchObject({ score: 75.62, computed: 75.62, level: 'B' });
  });

  it('§2: the overall score and its level, not passed', () => {
    const sentence = 'ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของจังหวัดตราด ประจำปีงบประมาณ พ.ศ. ๒๕๖๓ ได้คะแนนภาพรวมเท่ากับ ๗๕.๖๒ คะแนน อยู่ในระดับ B';
    for (const text of [docx, pdf]) {
      expect(text).toContain(norm(sentence));
      expect(text).toContain(norm('ซึ่งยังไม่ผ่านเกณฑ์การประเมินที่กำหนดไว้ ๘๕'));
    }
  });

  it('§2: the ranking from the highest score to the lowest, with the highest and the lowest named', () => {
    const order = TRAT_2563.scores.map((s, i) => ({ s, i })).sort((a, b) => b.s - a.s);
    expect(order.map((o) => o.i + 1)).toEqual([1, 3, 5, 2, 4, 6, 7, 8, 9, 10]);
    for (const text of [docx, pdf]) {
      const start = text.indexOf('เมื่อพิจารณาตามตัวชี้วัดพบว่า');
      const end = text.indexOf('สรุปได้ว่า', start);
      expect(start).toBeGreaterThan(0);
      const ranking = text.slice(start, end);
      // Each indicator with its own score, in this order.
      const at = order.map(({ s, i }) => ranking.search(new RegExp(`${NAMES[i]}ได้คะแนน(?:เท่ากับ)?ร้อยละ${th(s).replace('.', '\\.')}`)));
      expect(at.every((p) => p > 0)).toBe(true);
      expect(at).toEqual([...at].sort((a, b) => a - b));
      expect(text).toContain(norm(`ได้คะแนนสูงสุดเท่ากับร้อยละ ${th(92.57)} คือตัวชี้วัดที่ ๑ ${NAMES[0]}`));
      expect(text).toContain(norm(`ได้คะแนนต่ำสุดคือตัวชี้วัดที่ ๑๐ ${NAMES[9]} ได้คะแนนร้อยละ ${th(52.78)}`));
    }
  });

  it('§3: five strengths and five weaknesses, explained by the 2563 default texts', () => {
    const explanations = parse(readFileSync(new URL('../../templates/explanations/2563.yaml', import.meta.url), 'utf8')) as Record<string, { strength: string; weakness: string }>;
    for (const text of [docx, pdf]) {
      expect(text).toContain(norm('จุดแข็ง คือตัวชี้วัดที่ได้คะแนนตั้งแต่ร้อยละ'));
      expect(text).toMatch(/จุดแข็งคือตัวชี้วัดที่ได้คะแนนตั้งแต่ร้อยละ[๐-๙.]+ขึ้นไปจำนวน๕ตัวชี้วัด/);
      expect(text).toMatch(/จุดอ่อนที่ต้องพัฒนาคือตัวชี้วัดที่ได้คะแนนต่ำกว่าร้อยละ[๐-๙.]+จำนวน๕ตัวชี้วัด/);
      expect(text).toContain(norm(`ตัวชี้วัดที่ ๑ ${NAMES[0]} โดยรวมได้คะแนนเท่ากับร้อยละ ${th(92.57)} ${toThaiDigits(explanations['1']!.strength)}`));
      expect(text).toContain(norm(`ตัวชี้วัดที่ ๑๐ ${NAMES[9]} โดยรวมได้คะแนนเท่ากับร้อยละ ${th(52.78)} ${toThaiDigits(explanations['10']!.weakness)}`));
    }
  });
});

describe('2562 and 2564 without framework: check and build', () => {
  it.each([
    // Trat's published 2564 result, with assessment_year written.
    { year: 2564, file: { fiscal: 2565, assessment: 2564, scores: [93.55, 87.72, 91.01, 87.93, 89.52, 90.55, 88.68, 88.58, 72.89, 65.56], total: 81.45, date: '2022-01-14' } },
    // Invented TEST scores (no published 2562 result at hand); the total is their weighting.
    { year: 2562, file: { fiscal: 2563, scores: [90, 91, 92, 93, 94, 80, 81, 82, 70, 60], total: 77.9, date: '2020-01-15' } },
  ])('$year', async ({ year, file }) => {
    const checked = await checkFile(writeVariant(dataFile(file), 'trat.yaml'));
    expect(checked.findings).toEqual([]);
    expect(checked.framework?.year).toBe(year);
    const [report] = await renderDocuments(checked, { formats: ['docx'], digits: 'thai', kinds: ['report'], charts: false });
    const text = (await docxText(report!.bytes)).join('\n');
    expect(text).toContain(`ประจำปีงบประมาณ พ.ศ. ${toThaiDigits(String(year))} ได้คะแนนภาพรวมเท่ากับ ${th(file.total)} คะแนน อยู่ในระดับ B`);
  });
});
