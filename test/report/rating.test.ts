import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkFile, renderDocuments, type RenderedDocument } from '../../src/pipeline.ts';
import { toThaiDigits } from '../../src/thai/digits.ts';
import { formatScore } from '../../src/thai/numbers.ts';
import { docxTables, docxText } from '../helpers/docx.ts';
import { pdfText, squash } from '../helpers/pdf.ts';
import { sampleText, writeVariant } from '../helpers/sample.ts';

/**
 * Issue 12: the rating in words in §2, end to end, on variants of the sample moved to the 2567
 * assessment (fiscal 2568). The tool scores are recomputed here from the data file, independently
 * of the tool, and the rating from the rule as the notes state it.
 */

const th = (n: number): string => toThaiDigits(formatScore(n));
const TOOLS = [
  { id: 'IIT', name: 'แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน', indicators: [1, 2, 3, 4, 5], weight: 30 },
  { id: 'EIT', name: 'แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก', indicators: [6, 7, 8], weight: 30 },
  { id: 'OIT', name: 'แบบตรวจการเปิดเผยข้อมูลสาธารณะ', indicators: [9, 10], weight: 40 },
];
const RATINGS = ['ผ่านดีเยี่ยม', 'ผ่านดี', 'ผ่าน', 'ต้องปรับปรุง', 'ต้องปรับปรุงโดยด่วน'];

/** The sample as a 2567 assessment with these scores and overall score of record. */
function variant(scores: number[], overall: number, extra = ''): string {
  let text = sampleText()
    .replace('fiscal_year: 2566', 'fiscal_year: 2568')
    .replace('assessment_year: 2565', 'assessment_year: 2567')
    .replace(/\nframework: 2565.*\n/, '\n')
    .replace('score: 93.68', `score: ${overall}${extra}`);
  scores.forEach((s, i) => {
    text = text.replace(new RegExp(`\\n  ${i + 1}: [0-9.]+`), `\n  ${i + 1}: ${s}`);
  });
  return text;
}

async function render(text: string): Promise<{ docs: RenderedDocument[]; scores: Record<string, number> }> {
  const checked = await checkFile(writeVariant(text, 'agency.yaml'));
  expect(checked.findings.filter((f) => f.severity === 'error')).toEqual([]);
  const docs = await renderDocuments(checked, { formats: ['docx', 'pdf'], digits: 'thai' });
  return { docs, scores: (parse(text) as { scores: Record<string, number> }).scores };
}

const doc = (docs: RenderedDocument[], kind: string, format: string): Uint8Array => docs.find((d) => d.kind === kind && d.format === format)!.bytes;
const toolPercent = (scores: Record<string, number>, indicators: number[]): number =>
  Math.round(indicators.reduce((s, n) => s + Math.round(scores[n]! * 100), 0) / indicators.length) / 100;

/** §2 from its heading to the indicator table, in reading order, white space removed. */
async function section2(docs: RenderedDocument[], format: 'docx' | 'pdf'): Promise<string> {
  const text = format === 'docx' ? (await docxText(doc(docs, 'report', 'docx'))).join('\n') : await pdfText(doc(docs, 'report', 'pdf'));
  const all = squash(text);
  return all.slice(all.indexOf(squash('๒. ผลการประเมิน')), all.indexOf(squash('เมื่อพิจารณาตามตัวชี้วัด')));
}

describe('the published case: 94.64 overall with EIT under 85 is ผ่าน', () => {
  let docs: RenderedDocument[];
  let scores: Record<string, number>;
  beforeAll(async () => {
    ({ docs, scores } = await render(variant([98, 98, 98, 98, 98, 84.1, 84.2, 84.1, 100, 100], 94.64)));
  });

  for (const format of ['docx', 'pdf'] as const) {
    it(`states ผ่าน beside the overall score and the level, and no higher rating (${format})`, async () => {
      const s2 = await section2(docs, format);
      expect(s2).toContain(squash('ได้คะแนนภาพรวมเท่ากับ ๙๔.๖๔ คะแนน อยู่ในระดับ A ซึ่งผ่านเกณฑ์การประเมินที่กำหนดไว้ ๘๕ คะแนนขึ้นไป และได้ผลการประเมิน “ผ่าน”'));
      for (const higher of RATINGS.slice(0, 2)) expect(s2).not.toContain(higher);
      // Why: the tool under the mark, with its score recomputed here.
      const eit = toolPercent(scores, [6, 7, 8]);
      expect(eit).toBeLessThan(85);
      expect(s2).toContain(squash(`แต่แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก (EIT) ได้ร้อยละ ${th(eit)} ต่ำกว่าร้อยละ ๘๕`));
    });
  }

  it('gives each tool as a percent of its maximum, and whether it reaches the pass mark, in a table (DOCX)', () => {
    const table = docxTables(doc(docs, 'report', 'docx')).find((t) => t[0]?.[0] === 'เครื่องมือการประเมิน')!;
    expect(table[0]).toEqual(['เครื่องมือการประเมิน', 'น้ำหนัก', 'ร้อยละของคะแนนเต็ม', 'เกณฑ์ร้อยละ ๘๕']);
    expect(table.slice(1)).toEqual(
      TOOLS.map((t) => {
        const percent = toolPercent(scores, t.indicators);
        return [`${t.name} (${t.id})`, `ร้อยละ ${th(t.weight)}`, th(percent), percent >= 85 ? 'ถึงเกณฑ์' : 'ต่ำกว่าเกณฑ์'];
      }),
    );
  });

  it('gives the same rows in the PDF', async () => {
    const s2 = await section2(docs, 'pdf');
    for (const t of TOOLS) {
      const percent = toolPercent(scores, t.indicators);
      expect(s2).toContain(squash(`${t.name} (${t.id})ร้อยละ ${th(t.weight)}${th(percent)}${percent >= 85 ? 'ถึงเกณฑ์' : 'ต่ำกว่าเกณฑ์'}`));
    }
  });

  it('states the rating in the announcement too', async () => {
    const text = squash(await pdfText(doc(docs, 'announcement', 'pdf')));
    expect(text).toContain(squash('ได้คะแนนภาพรวม ๙๔.๖๔ คะแนน อยู่ในระดับ A ผลการประเมิน “ผ่าน”'));
  });
});

describe('other splits of 2567', () => {
  it('rates every tool at or above 95 with 95 overall ผ่านดีเยี่ยม, with no reason to give', async () => {
    const { docs } = await render(variant([95, 95, 95, 95, 95, 95, 95, 95, 95, 95], 95));
    for (const format of ['docx', 'pdf'] as const) {
      const s2 = await section2(docs, format);
      expect(s2).toContain(squash('อยู่ในระดับ AA ซึ่งผ่านเกณฑ์การประเมินที่กำหนดไว้ ๘๕ คะแนนขึ้นไป และได้ผลการประเมิน “ผ่านดีเยี่ยม”'));
      expect(s2).not.toContain('ระดับที่สูงกว่า');
    }
  });

  it('prints a declared rating as the one of record, with the rule\'s warning and no reason', async () => {
    const text = variant([98, 98, 98, 98, 98, 84.1, 84.2, 84.1, 100, 100], 94.64, '\n  rating: ผ่านดี');
    const checked = await checkFile(writeVariant(text, 'agency.yaml'));
    expect(checked.findings.map((f) => f.code)).toEqual(['overall.rating-mismatch']);
    const docs = await renderDocuments(checked, { formats: ['docx'], digits: 'thai', kinds: ['report'] });
    const s2 = await section2(docs, 'docx');
    expect(s2).toContain(squash('และได้ผลการประเมิน “ผ่านดี”'));
    expect(s2).not.toContain('ระดับที่สูงกว่า');
  });
});

describe('a year without a rule', () => {
  it('says nothing about a rating, and shows no tool table (the sample, 2565)', async () => {
    const checked = await checkFile(writeVariant(sampleText(), 'agency.yaml'));
    const docs = await renderDocuments(checked, { formats: ['docx'], digits: 'thai', kinds: ['report'] });
    const text = squash((await docxText(doc(docs, 'report', 'docx'))).join(''));
    expect(text).not.toContain('ผลการประเมิน“');
    expect(text).not.toContain('เครื่องมือการประเมิน');
    for (const words of RATINGS) expect(text).not.toContain(`“${words}”`);
  });
});
