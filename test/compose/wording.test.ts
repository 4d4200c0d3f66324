import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/analyse.ts';
import { composeDocuments } from '../../src/compose/compose.ts';
import { loadFramework } from '../../src/data/frameworks.ts';
import { parseReportData } from '../../src/data/load.ts';
import { renderText } from '../../src/export/text/text.ts';
import type { DigitSystem } from '../../src/model/types.ts';
import { sampleText } from '../helpers/sample.ts';

/** The sample with its scores (and anything else) replaced, rendered to plain text. */
function compose(replace: (yaml: string) => string, digits: DigitSystem = 'thai') {
  const loaded = parseReportData(replace(sampleText()), 'variant.yaml');
  if (!loaded.data) throw new Error(JSON.stringify(loaded.findings));
  const framework = loadFramework(loaded.data.frameworkYear)!;
  const analysis = analyse(loaded.data, framework);
  const docs = composeDocuments(loaded.data, framework, analysis, { digits });
  return { report: renderText(docs.report), announcement: renderText(docs.announcement), analysis };
}

/** Replaces the ten scores of the sample. */
const withScores = (scores: number[]) => (yaml: string): string =>
  yaml.replace(/scores:[\s\S]*?\n\n/, `scores:\n${scores.map((s, i) => `  ${i + 1}: ${s}`).join('\n')}\n\n`);

describe('derived sentences', () => {
  it('groups tied scores into one phrase, in indicator order', () => {
    const { report } = compose(withScores([80, 80, 80, 80, 80, 90, 90, 90, 100, 100]));
    expect(report).toContain(
      'พบว่า ตัวชี้วัดการเปิดเผยข้อมูล และตัวชี้วัดการป้องกันการทุจริต ได้คะแนนเท่ากันที่ร้อยละ ๑๐๐ ' +
        'รองลงมาคือตัวชี้วัดคุณภาพการดำเนินงาน ตัวชี้วัดประสิทธิภาพการสื่อสาร และตัวชี้วัดการปรับปรุงระบบการทำงาน ได้คะแนนเท่ากันที่ร้อยละ ๙๐ ' +
        'และตัวชี้วัดการปฏิบัติหน้าที่ ตัวชี้วัดการใช้งบประมาณ ตัวชี้วัดการใช้อำนาจ ตัวชี้วัดการใช้ทรัพย์สินของราชการ และตัวชี้วัดการแก้ไขปัญหาการทุจริต ได้คะแนนเท่ากันที่ร้อยละ ๘๐',
    );
    expect(report).toContain(
      'จุดแข็งที่หน่วยงานได้คะแนนสูงสุดเท่ากับร้อยละ ๑๐๐ คือตัวชี้วัดที่ ๙ การเปิดเผยข้อมูล และตัวชี้วัดที่ ๑๐ การป้องกันการทุจริต',
    );
  });

  it('says so when every indicator scored the same', () => {
    const { report } = compose(withScores(Array(10).fill(90)));
    expect(report).toContain('สรุปได้ว่า ทุกตัวชี้วัดได้คะแนนเท่ากันที่ร้อยละ ๙๐');
  });

  it('counts a score of exactly ๘๕ as a strength (contradiction 4)', () => {
    const { report, analysis } = compose(withScores([85, 84.99, 90, 90, 90, 90, 90, 90, 90, 90]));
    expect(analysis.counts).toEqual({ indicators: 10, strengths: 9, weaknesses: 1 });
    expect(report).toContain('ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่ โดยรวมได้คะแนนเท่ากับร้อยละ ๘๕ ');
    expect(report).toContain('๓.๒ จุดอ่อนที่ต้องพัฒนา คือตัวชี้วัดที่ได้คะแนนต่ำกว่าร้อยละ ๘๕ จำนวน ๑ ตัวชี้วัด');
    expect(report).toContain('ตัวชี้วัดที่ ๒ การใช้งบประมาณ โดยรวมได้คะแนนเท่ากับร้อยละ ๘๔.๙๙');
  });

  it('says there are no weaknesses when all indicators pass', () => {
    const { report } = compose(withScores([90, 91, 92, 93, 94, 95, 96, 97, 98, 99]));
    expect(report).toContain('๓.๑ จุดแข็ง คือตัวชี้วัดที่ได้คะแนนตั้งแต่ร้อยละ ๘๕ ขึ้นไป จำนวน ๑๐ ตัวชี้วัด');
    expect(report).toContain('๓.๒ จุดอ่อนที่ต้องพัฒนา\n\nไม่มีตัวชี้วัดที่ได้คะแนนต่ำกว่าร้อยละ ๘๕ ทุกตัวชี้วัดได้คะแนนตั้งแต่ร้อยละ ๘๕ ขึ้นไป');
  });

  it('says there are no strengths when none reaches the threshold, and does not call the top one a strength', () => {
    const { report } = compose((y) => withScores([60, 61, 62, 63, 64, 65, 66, 67, 68, 70])(y).replace('score: 93.68', 'score: 66.00').replace('level: A', 'level: C'));
    expect(report).toContain('๓.๑ จุดแข็ง\n\nไม่มีตัวชี้วัดที่ได้คะแนนตั้งแต่ร้อยละ ๘๕ ขึ้นไป');
    expect(report).toContain('สรุปได้ว่า ตัวชี้วัดที่หน่วยงานได้คะแนนสูงสุดเท่ากับร้อยละ ๗๐');
    expect(report).toContain('อยู่ในระดับ C ซึ่งยังไม่ผ่านเกณฑ์การประเมิน');
  });

  it('follows a custom threshold', () => {
    const { report } = compose((y) => y.replace('threshold: 85', 'threshold: 95'));
    expect(report).toContain('จุดแข็ง คือตัวชี้วัดที่ได้คะแนนตั้งแต่ร้อยละ ๙๕ ขึ้นไป จำนวน ๒ ตัวชี้วัด');
    expect(report).toContain('จุดอ่อนที่ต้องพัฒนา คือตัวชี้วัดที่ได้คะแนนต่ำกว่าร้อยละ ๙๕ จำนวน ๘ ตัวชี้วัด');
  });

  it('prints the level of the score band when the declared level is wrong', () => {
    const { report, analysis } = compose((y) => y.replace('level: A', 'level: AA'));
    expect(analysis.findings.map((f) => f.code)).toContain('overall.level-mismatch');
    expect(report).toContain('อยู่ในระดับ A ');
  });
});

describe('sections from the agency data', () => {
  it('says so when there is nothing urgent or to improve', () => {
    const { report } = compose((y) => y.replace(/urgent:[\s\S]*?\n\nmeasures:/, 'measures:'));
    expect(report).toContain('๔. ประเด็นที่เป็นข้อบกพร่องหรือจุดอ่อนที่ต้องแก้ไขโดยเร่งด่วน\n\nไม่มีประเด็นที่เป็นข้อบกพร่องหรือจุดอ่อนที่ต้องแก้ไขโดยเร่งด่วน');
    expect(report).toContain('๕. ประเด็นที่ต้องพัฒนาให้ดีขึ้น\n\nไม่มีประเด็นที่ต้องพัฒนาเพิ่มเติม');
  });

  it('prints budget in figures and words, no budget, and periods', () => {
    const { report, announcement } = compose((y) =>
      y
        .replace('  - title: การใช้ทรัพย์สินของราชการ\n', '  - title: การใช้ทรัพย์สินของราชการ\n    budget: 50000\n    period: {quarter: 2}\n')
        .replace('  - title: การเปิดเผยข้อมูล\n', '  - title: การเปิดเผยข้อมูล\n    budget: 0\n    period: {from: 2022-11-01, to: 2023-03-31}\n')
        .replace('  - title: การใช้งบประมาณ\n', '  - title: การใช้งบประมาณ\n    budget: 1234.5\n    period: ตลอดปีงบประมาณ\n'),
    );
    for (const text of [report, announcement]) {
      expect(text).toContain('๑. การใช้ทรัพย์สินของราชการ งบประมาณ ๕๐,๐๐๐ บาท (ห้าหมื่นบาทถ้วน) ระยะเวลา ไตรมาสที่ ๒ (๑ มกราคม พ.ศ. ๒๕๖๖ – ๓๑ มีนาคม พ.ศ. ๒๕๖๖)');
      expect(text).toContain('๓. การเปิดเผยข้อมูล ไม่ใช้งบประมาณ ระยะเวลา ๑ พฤศจิกายน พ.ศ. ๒๕๖๕ – ๓๑ มีนาคม พ.ศ. ๒๕๖๖');
      expect(text).toContain('๕. การใช้งบประมาณ งบประมาณ ๑,๒๓๔.๕๐ บาท (หนึ่งพันสองร้อยสามสิบสี่บาทห้าสิบสตางค์) ระยะเวลา ตลอดปีงบประมาณ');
    }
  });

  it('prints the agency text literally, even when it looks like template syntax', () => {
    const { report } = compose((y) => y.replace('agency: จังหวัดนครปฐม', 'agency: "จังหวัด {{agency}} *ทดสอบ* <b>"'));
    expect(report).toContain('จังหวัด {{agency}} *ทดสอบ* <b> ประจำปีงบประมาณ พ.ศ. ๒๕๖๖');
  });

  it('uses the framework default explanation unless the agency overrides it', () => {
    const { report } = compose((y) => y.replace(/explanations:[\s\S]*?\n\nurgent:/, 'urgent:'));
    expect(report).not.toContain('แต่บุคลากรมีความรู้เกี่ยวกับแผนการใช้จ่ายงบประมาณประจำปีไม่มาก');
    const { report: original } = compose((y) => y);
    expect(original).toContain('แต่บุคลากรมีความรู้เกี่ยวกับแผนการใช้จ่ายงบประมาณประจำปีไม่มาก');
  });

  it('keeps every digit Arabic with --digits arabic', () => {
    const { report, announcement } = compose((y) => y, 'arabic');
    expect(report + announcement).not.toMatch(/[๐-๙]/);
    expect(report).toContain('3.2 จุดอ่อนที่ต้องพัฒนา คือตัวชี้วัดที่ได้คะแนนต่ำกว่าร้อยละ 85 จำนวน 1 ตัวชี้วัด');
  });
});
