import validateOoxml from '@ooxml-tools/validate';
import { inflateSync, strToU8, unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { docxParagraphs, docxPart, docxTables, docxText } from '../helpers/docx.ts';
import { renderSample, sampleText } from '../helpers/sample.ts';
import { deflatedOnce } from '../../src/export/docx/deterministic.ts';

type Rendered = Awaited<ReturnType<typeof renderSample>>;
let sample: Rendered;
let reportText: string[];
let announcementText: string[];

beforeAll(async () => {
  sample = await renderSample();
  reportText = await docxText(sample.report.bytes);
  announcementText = await docxText(sample.announcement.bytes);
});

const joined = (): string => reportText.join('\n');

describe('the sample report, as text extracted from the DOCX', () => {
  it('has both years in the title, explicitly (contradiction 1)', () => {
    expect(reportText[0]).toBe('รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ');
    expect(reportText[1]).toBe('จังหวัดนครปฐม ประจำปีงบประมาณ พ.ศ. ๒๕๖๖');
    expect(reportText[2]).toBe('(วิเคราะห์ผลการประเมินประจำปีงบประมาณ พ.ศ. ๒๕๖๕)');
  });

  it('has sections ๑ to ๖ and the subsections in order, as Word headings', () => {
    const headings = docxParagraphs(sample.report.bytes).filter((p) => /^Heading\d$/.test(p.style));
    expect(headings.map((h) => h.text)).toEqual([
      '๑. หลักการและเหตุผล',
      '๒. ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของจังหวัดนครปฐม',
      '๓. การวิเคราะห์ข้อมูล',
      '๓.๑ จุดแข็ง คือตัวชี้วัดที่ได้คะแนนตั้งแต่ร้อยละ ๘๕ ขึ้นไป จำนวน ๙ ตัวชี้วัด',
      '๓.๒ จุดอ่อนที่ต้องพัฒนา คือตัวชี้วัดที่ได้คะแนนต่ำกว่าร้อยละ ๘๕ จำนวน ๑ ตัวชี้วัด',
      '๔. ประเด็นที่เป็นข้อบกพร่องหรือจุดอ่อนที่ต้องแก้ไขโดยเร่งด่วน',
      '๕. ประเด็นที่ต้องพัฒนาให้ดีขึ้น',
      '๖. มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงานภาครัฐ',
    ]);
    expect(headings.map((h) => h.style)).toEqual(['Heading1', 'Heading1', 'Heading1', 'Heading2', 'Heading2', 'Heading1', 'Heading1', 'Heading1']);
  });

  it('states the official overall score and its level', () => {
    expect(joined()).toContain(
      'ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของจังหวัดนครปฐม ประจำปีงบประมาณ พ.ศ. ๒๕๖๕ ได้คะแนนภาพรวมเท่ากับ ๙๓.๖๘ คะแนน อยู่ในระดับ A',
    );
  });

  it('lists every indicator from highest to lowest', () => {
    expect(joined()).toContain(
      'เมื่อพิจารณาตามตัวชี้วัด พบว่า ตัวชี้วัดการป้องกันการทุจริต ได้คะแนนเท่ากับร้อยละ ๑๐๐ รองลงมาคือตัวชี้วัดการเปิดเผยข้อมูล ได้คะแนนเท่ากับร้อยละ ๙๗ ' +
        'ตัวชี้วัดประสิทธิภาพการสื่อสาร ได้คะแนนร้อยละ ๙๔.๗๘ ตัวชี้วัดคุณภาพการดำเนินงาน ได้คะแนนร้อยละ ๙๔.๑๒ ตัวชี้วัดการปฏิบัติหน้าที่ ได้คะแนนร้อยละ ๙๒.๕๖ ' +
        'ตัวชี้วัดการปรับปรุงระบบการทำงาน ได้คะแนนร้อยละ ๙๑.๘๒ ตัวชี้วัดการใช้อำนาจ ได้คะแนนร้อยละ ๘๗.๔๖ ตัวชี้วัดการแก้ไขปัญหาการทุจริต ได้คะแนนร้อยละ ๘๖.๕๖ ' +
        'ตัวชี้วัดการใช้งบประมาณ ได้คะแนนร้อยละ ๘๕.๒๕ และตัวชี้วัดการใช้ทรัพย์สินของราชการ ได้คะแนนร้อยละ ๘๒.๑๔',
    );
    expect(joined()).toContain(
      'สรุปได้ว่า จุดแข็งที่หน่วยงานได้คะแนนสูงสุดเท่ากับร้อยละ ๑๐๐ คือตัวชี้วัดที่ ๑๐ การป้องกันการทุจริต ส่วนที่ต้องพัฒนาเนื่องจากได้คะแนนต่ำสุดคือตัวชี้วัดที่ ๔ การใช้ทรัพย์สินของราชการ ได้คะแนนร้อยละ ๘๒.๑๔',
    );
  });

  it('gives each indicator the same score everywhere (contradiction 2)', () => {
    const table = docxTables(sample.report.bytes)[0]!;
    const fromTable = new Map(table.slice(1, -1).map(([name, , score]) => [name!.split('. ')[0]!, score!]));
    expect(fromTable.size).toBe(10);
    const mentions = [...joined().matchAll(/ตัวชี้วัดที่ ([๐-๙]+) [^\n]*?โดยรวมได้คะแนนเท่ากับร้อยละ ([๐-๙.]+)/g)];
    expect(mentions).toHaveLength(10);
    for (const [, number, score] of mentions) expect(score).toBe(fromTable.get(number!));
  });

  it('counts the strengths it lists and lists only scores at or above ๘๕ (contradictions 3 and 4)', () => {
    const start = reportText.findIndex((l) => l.startsWith('๓.๑ '));
    const end = reportText.findIndex((l) => l.startsWith('๓.๒ '));
    expect(reportText[start]).toBe('๓.๑ จุดแข็ง คือตัวชี้วัดที่ได้คะแนนตั้งแต่ร้อยละ ๘๕ ขึ้นไป จำนวน ๙ ตัวชี้วัด');
    expect(reportText[end]).toBe('๓.๒ จุดอ่อนที่ต้องพัฒนา คือตัวชี้วัดที่ได้คะแนนต่ำกว่าร้อยละ ๘๕ จำนวน ๑ ตัวชี้วัด');
    const toNumber = (thai: string): number => Number(thai.replace(/[๐-๙]/g, (d) => String(d.charCodeAt(0) - 0x0e50)));
    const strengths = reportText.slice(start + 1, end).map((l) => /โดยรวมได้คะแนนเท่ากับร้อยละ ([๐-๙.]+)/.exec(l)?.[1]);
    expect(strengths).toHaveLength(9);
    for (const s of strengths) expect(toNumber(s!)).toBeGreaterThanOrEqual(85);
  });

  it('has no page-continuation line leaked into the text (contradiction 6)', () => {
    expect(reportText.filter((l) => l.startsWith('/'))).toEqual([]);
  });

  it('prints the same measures table in §6 and in the announcement (contradiction 7)', () => {
    const inReport = docxTables(sample.report.bytes).at(-1)!;
    const inAnnouncement = docxTables(sample.announcement.bytes)[0]!;
    expect(inReport).toEqual(inAnnouncement);
    expect(inReport).toHaveLength(6);
    expect(inReport[0]).toEqual(['มาตรการ', 'ขั้นตอนหรือวิธีการ', 'ผู้รับผิดชอบ', 'การกำกับติดตาม']);
    expect(inReport[1]![0]).toBe('๑. การใช้ทรัพย์สินของราชการ');
    expect(inReport[1]![1]).toBe(
      '๑. จัดทำแนวทางในการใช้ทรัพย์สินของราชการ ๒. ประชาสัมพันธ์แนวทางการใช้ทรัพย์สินของราชการ ผ่านช่องทางต่าง ๆ ให้บุคลากรได้รับรู้ ๓. แต่งตั้งคณะทำงาน กำกับดูแล ตรวจสอบการใช้ทรัพย์สินของราชการ',
    );
  });

  it('fills §4 and §5 from the data, in its order', () => {
    const tables = docxTables(sample.report.bytes);
    expect(tables[1]!.map((r) => r[0])).toEqual(['ตัวชี้วัด', 'ตัวชี้วัดที่ ๔ การใช้ทรัพย์สินของราชการ', 'ตัวชี้วัดที่ ๒ การใช้งบประมาณ']);
    expect(tables[2]!.map((r) => r[0])).toEqual(['ตัวชี้วัด', 'ตัวชี้วัดที่ ๘ การปรับปรุงระบบการทำงาน', 'ตัวชี้วัดที่ ๙ การเปิดเผยข้อมูล']);
  });

  it('uses only Thai digits in the body', () => {
    expect(joined()).not.toMatch(/[0-9]/);
  });
});

describe('the announcement', () => {
  it('is a ประกาศ by default: its head, opening, table, closing and signature block', () => {
    expect(announcementText[0]).toBe('ประกาศจังหวัดนครปฐม');
    expect(announcementText[1]).toBe('เรื่อง มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๖');
    expect(announcementText.join('\n')).toContain('ได้คะแนนภาพรวม ๙๓.๖๘ คะแนน อยู่ในระดับ A');
    expect(announcementText).toContain('จึงประกาศมาเพื่อทราบและถือปฏิบัติโดยทั่วกัน');
    expect(announcementText.at(-1)).toBe('ผู้ว่าราชการจังหวัดนครปฐม');
    expect(announcementText.some((l) => l.startsWith('ประกาศ ณ วันที่'))).toBe(true);
  });

  it('has the table form when the data chooses it (announcement.form: table)', async () => {
    const { announcement } = await renderSample({}, sampleText() + 'announcement:\n  form: table\n');
    const lines = await docxText(announcement.bytes);
    expect(lines[0]).toBe('มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงานภาครัฐ ของจังหวัดนครปฐม');
    expect(lines[1]).toBe('ประจำปีงบประมาณ พ.ศ. ๒๕๖๖');
    expect(lines.join('\n')).toContain('ได้คะแนนภาพรวม ๙๓.๖๘ คะแนน อยู่ในระดับ A');
    expect(lines.at(-1)).toBe('ผู้ว่าราชการจังหวัดนครปฐม');
    expect(lines.some((l) => l.startsWith('ประกาศ ณ วันที่'))).toBe(true);
    // No emblem, no closing formula of a ประกาศ; the same measures table as §6.
    expect(Object.keys(unzipSync(announcement.bytes)).filter((p) => p.startsWith('word/media/'))).toEqual([]);
    expect(lines).not.toContain('จึงประกาศมาเพื่อทราบและถือปฏิบัติโดยทั่วกัน');
    expect(docxTables(announcement.bytes)[0]).toEqual(docxTables(sample.report.bytes).at(-1));
  });

  it('prints the signatory and the date in Thai when the data has them', async () => {
    const text = sampleText().replace(
      '  position: ผู้ว่าราชการจังหวัดนครปฐม',
      '  name: นายทดสอบ ระบบรายงาน\n  position: ผู้ว่าราชการจังหวัดนครปฐม\n  date: 2023-01-16',
    );
    const { announcement } = await renderSample({}, text);
    const lines = await docxText(announcement.bytes);
    expect(lines).toContain('ประกาศ ณ วันที่ ๑๖ มกราคม พ.ศ. ๒๕๖๖');
    expect(lines).toContain('(นายทดสอบ ระบบรายงาน)');
  });
});

describe('the official format in the OOXML', () => {
  it('is A4 with margins 2.5 / 2 / 3 / 2 cm and page numbers from page 2 in Thai digits', () => {
    const xml = docxPart(sample.report.bytes, 'word/document.xml');
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/<w:pgMar w:top="1417" w:right="1134" w:bottom="1134" w:left="1701"/);
    expect(xml).toContain('<w:titlePg/>');
    expect(xml).toMatch(/<w:pgNumType w:start="1" w:fmt="thaiNumbers"\/>/);
    const headerRefs = [...xml.matchAll(/<w:headerReference w:type="(\w+)" r:id="(\w+)"\/>/g)].map((m) => m[1]);
    expect(headerRefs.sort()).toEqual(['default', 'first']);
    const headers = Object.keys(unzipSync(sample.report.bytes)).filter((n) => /^word\/header\d+\.xml$/.test(n));
    const withPage = headers.map((h) => docxPart(sample.report.bytes, h)).filter((x) => x.includes('PAGE'));
    expect(withPage).toHaveLength(1);
    expect(withPage[0]).toMatch(/<w:t xml:space="preserve">- <\/w:t>[\s\S]*PAGE[\s\S]*<w:t xml:space="preserve"> -<\/w:t>/);
  });

  it('sets TH SarabunPSK 16 pt once in the defaults, complex-script slots included', () => {
    const styles = docxPart(sample.report.bytes, 'word/styles.xml');
    const defaults = /<w:docDefaults>[\s\S]*?<\/w:docDefaults>/.exec(styles)![0];
    expect(defaults).toMatch(/<w:rFonts w:ascii="TH SarabunPSK" w:cs="TH SarabunPSK" w:eastAsia="TH SarabunPSK" w:hAnsi="TH SarabunPSK"\/>/);
    expect(defaults).toContain('<w:sz w:val="32"/>');
    expect(defaults).toContain('<w:szCs w:val="32"/>');
    expect(defaults).toMatch(/<w:lang [^>]*w:bidi="th-TH"/);
    expect(defaults).toMatch(/<w:spacing [^>]*w:lineRule="auto"/);
  });

  it('sets body paragraphs Thai-distributed with a 2.5 cm first-line indent and bold headings', () => {
    const styles = docxPart(sample.report.bytes, 'word/styles.xml');
    const body = /<w:style w:type="paragraph" w:styleId="ITABody">[\s\S]*?<\/w:style>/.exec(styles)![0];
    expect(body).toContain('<w:jc w:val="thaiDistribute"/>');
    expect(body).toMatch(/w:firstLine="1417"/);
    const heading = /<w:style w:type="paragraph" w:styleId="Heading1">[\s\S]*?<\/w:style>/.exec(styles)![0];
    expect(heading).toContain('<w:b/>');
    expect(heading).toContain('<w:bCs/>');
    expect(heading).toContain('<w:keepNext/>');
  });

  it('draws bordered fixed tables whose header repeats and whose rows never split', () => {
    const xml = docxPart(sample.report.bytes, 'word/document.xml');
    const tables = xml.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g)!;
    expect(tables).toHaveLength(4);
    for (const table of tables) {
      expect(table).toContain('<w:tblLayout w:type="fixed"/>');
      expect(table).toMatch(/<w:insideH w:val="single"/);
      const rows = table.match(/<w:tr>[\s\S]*?<\/w:tr>/g)!;
      expect(rows[0]).toContain('<w:tblHeader/>');
      for (const row of rows) expect(row).toContain('<w:cantSplit/>');
      expect(rows.slice(1).some((r) => r.includes('<w:tblHeader/>'))).toBe(false);
    }
  });

  it('writes document properties from the data', () => {
    const core = docxPart(sample.report.bytes, 'docProps/core.xml');
    expect(core).toContain('<dc:creator>จังหวัดนครปฐม</dc:creator>');
    expect(core).toContain('ประจำปีงบประมาณ พ.ศ. ๒๕๖๖</dc:title>');
    expect(core).toContain('2022-10-01T00:00:00Z');
  });

  it('is valid OOXML for an offline validator', async () => {
    for (const doc of [sample.report, sample.announcement]) {
      const errors = await validateOoxml(doc.bytes, 'docx', 'Microsoft365');
      expect(errors).toEqual([]);
    }
  });

  it('the validator does catch a broken document', async () => {
    const files = unzipSync(sample.announcement.bytes);
    files['word/document.xml'] = strToU8(docxPart(sample.announcement.bytes, 'word/document.xml').replace('<w:tblHeader/>', '<w:tblHeaderX/>'));
    const errors = await validateOoxml(zipSync(files), 'docx', 'Microsoft365');
    expect(errors.length).toBeGreaterThan(0);
  });
});

describe('options and determinism', () => {
  it('gives byte-identical files for the same input', async () => {
    const again = await renderSample();
    expect(Buffer.compare(Buffer.from(again.report.bytes), Buffer.from(sample.report.bytes))).toBe(0);
    expect(Buffer.compare(Buffer.from(again.announcement.bytes), Buffer.from(sample.announcement.bytes))).toBe(0);
  });

  it('switches every digit with --digits arabic, page numbers included', async () => {
    const { report } = await renderSample({ digits: 'arabic' });
    const text = (await docxText(report.bytes)).join('\n');
    expect(text).not.toMatch(/[๐-๙]/);
    expect(text).toContain('ได้คะแนนภาพรวมเท่ากับ 93.68 คะแนน อยู่ในระดับ A');
    expect(text).toContain('3.1 จุดแข็ง คือตัวชี้วัดที่ได้คะแนนตั้งแต่ร้อยละ 85 ขึ้นไป จำนวน 9 ตัวชี้วัด');
    expect(docxPart(report.bytes, 'word/document.xml')).toMatch(/<w:pgNumType w:start="1" w:fmt="decimal"\/>/);
  });

  it('uses the configured font name', async () => {
    const { report } = await renderSample({ font: 'TH Sarabun New' });
    expect(docxPart(report.bytes, 'word/styles.xml')).toContain('w:cs="TH Sarabun New"');
    expect(docxPart(report.bytes, 'word/styles.xml')).not.toContain('TH SarabunPSK');
  });
});

describe('the package: parts deflated once per process (issue 15)', () => {
  const styles = strToU8('<w:styles>' + 'x'.repeat(5000) + '</w:styles>');

  it('a part that recurs (styles, theme, the emblem) is deflated once: the same stream for the same name and bytes', () => {
    const first = deflatedOnce('word/styles.xml', styles);
    expect(deflatedOnce('word/styles.xml', styles.slice())).toBe(first);
    expect(inflateSync(first)).toEqual(styles);
  });

  it('other bytes under the same name are deflated afresh', () => {
    const changed = styles.slice();
    changed[100] = 0x79;
    const stream = deflatedOnce('word/styles.xml', changed);
    expect(stream).not.toBe(deflatedOnce('word/styles.xml', styles));
    expect(inflateSync(stream)).toEqual(changed);
  });

  it('the body and the parts with the agency’s data are not kept', () => {
    expect(deflatedOnce('word/document.xml', styles)).not.toBe(deflatedOnce('word/document.xml', styles));
    expect(deflatedOnce('docProps/core.xml', styles)).not.toBe(deflatedOnce('docProps/core.xml', styles));
  });

  it('every part of the sample is in the package as docx compiled it, in its order, after a first render', async () => {
    const again = await renderSample();
    const a = unzipSync(sample.announcement.bytes);
    const b = unzipSync(again.announcement.bytes);
    expect(Object.keys(b)).toEqual(Object.keys(a));
    for (const name of Object.keys(a)) expect(b[name], name).toEqual(a[name]);
    expect(Object.keys(a)).toContain('word/media/image1.svg');
  });
});
