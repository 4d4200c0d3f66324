import type { Finding } from '../data/types.ts';
import { toThaiDigits } from '../thai/digits.ts';

/** A message in the clerk's language first, with English beside it for support staff. */
export interface Message {
  th: string;
  en: string;
  /**
   * What only whoever maintains the program can do about it (which files of the program to add),
   * apart from what the clerk can do: the command line prints it after the message, the web page
   * folds it away under "สำหรับผู้ดูแลโปรแกรม" so that the clerk reads first what is theirs.
   */
  maintainer?: { th: string; en: string };
}

type Params = Finding['params'];

/** Scores in the Thai sentence are in Thai digits, as in the report; the English keeps Arabic. */
const th = (value: string | number | undefined): string => toThaiDigits(String(value));
type Wording = (p: Params) => Message;
/** A follow-up step's date as the analysis labels it: an ISO date, or Q1–Q4 for a fiscal quarter. */
const when = (value: string | number | undefined, language: 'th' | 'en'): string => {
  const quarter = /^Q([1-4])$/.exec(String(value))?.[1];
  if (quarter) return language === 'th' ? `ไตรมาสที่ ${th(quarter)}` : `quarter ${quarter}`;
  return language === 'th' ? `วันที่ ${value}` : `the date ${value}`;
};
/** Counts and limits with thousands separators (2,000), in both languages. */
const count = (value: string | number | undefined): string => (typeof value === 'number' ? value.toLocaleString('en-US') : String(value));

const catalogue: Record<string, Wording> = {
  'file.unreadable': (p) => ({ th: `เปิดไฟล์ไม่ได้ (${p.reason})`, en: `cannot read the file (${p.reason})` }),
  'file.not-utf8': () => ({
    th: 'ไฟล์ไม่ได้บันทึกเป็น UTF-8 (อาจเป็น Windows-874/TIS-620) ให้บันทึกใหม่โดยเลือกการเข้ารหัส UTF-8',
    en: 'the file is not UTF-8 (perhaps Windows-874/TIS-620); save it again with the UTF-8 encoding',
  }),
  'file.too-large': (p) => ({
    th: `ไฟล์มีขนาด ${p.value} ใหญ่เกินกว่าไฟล์ข้อมูลจะเป็นได้ (ไม่เกิน ${p.max}) จึงไม่ได้อ่าน ตรวจสอบว่าเลือกไฟล์ถูกหรือมีข้อความที่วางซ้ำหลายครั้ง`,
    en: `the file is ${p.value}, larger than a data file can be (at most ${p.max}), so it was not read; check that it is the right file, or for text pasted many times`,
  }),
  'yaml.alias': (p) => ({
    th: `ไฟล์ข้อมูลใช้ anchor หรือ alias ของ YAML (${p.key}) ไม่ได้ ให้เขียนข้อความเต็มในแต่ละที่แทน`,
    en: `YAML anchors and aliases (${p.key}) are not allowed in a data file; write the value out in full where it is needed`,
  }),
  'file.not-a-mapping': () => ({
    th: 'ไฟล์ต้องเป็นข้อมูลแบบ "ชื่อ: ค่า" เช่น agency: จังหวัดนครปฐม',
    en: 'the file must be a YAML mapping of keys to values',
  }),
  'yaml.DUPLICATE_KEY': (p) => ({ th: 'มีชื่อข้อมูลซ้ำกัน ให้ลบรายการที่ซ้ำออก', en: `duplicate key: ${p.detail}` }),
  'text.control-character': (p) => ({
    th: `มีอักขระควบคุมที่มองไม่เห็น (${p.char}) ซึ่งมักติดมาจากการคัดลอก ให้พิมพ์ข้อความนี้ใหม่`,
    en: `invisible control character ${p.char}, usually pasted from another program; retype this text`,
  }),
  'text.lone-surrogate': (p) => ({
    th: `มีรหัสอักขระที่ไม่สมบูรณ์ (${p.char}) ซึ่งจะแสดงเป็นเครื่องหมาย � ในเอกสาร ให้ลบออกหรือพิมพ์ตัวอักษรที่ต้องการใหม่`,
    en: `incomplete character code ${p.char} (half of a surrogate pair), which would print as �; remove it or type the intended character`,
  }),
  'text.no-pdf-glyph': (p) => ({
    th: `อักขระ ${p.char} ไม่มีในแบบอักษรของ PDF จะแสดงเป็นกรอบสี่เหลี่ยมในไฟล์ PDF (ไฟล์ DOCX ยังแสดงได้ตามแบบอักษรของเครื่อง) ควรพิมพ์เป็นคำแทน`,
    en: `${p.char} has no glyph in the PDF's fonts and would print as a box in the PDF (the DOCX shows it with the reader's fonts); consider writing it in words`,
  }),
  'schema.required': () => ({ th: 'ยังไม่ได้กรอกข้อมูลที่จำเป็น', en: 'required field is missing' }),
  'schema.unknown-key': (p) => ({
    th: `ไม่รู้จักชื่อข้อมูล "${p.key}" ตรวจสอบการสะกด`,
    en: `unknown key "${p.key}"; check the spelling`,
  }),
  'schema.bad-key': (p) => ({
    th: `"${p.key}" ไม่ใช่หมายเลขตัวชี้วัด (ต้องเป็นตัวเลข เช่น 1 ถึง 10)`,
    en: `"${p.key}" is not an indicator number (use 1 to 10)`,
  }),
  'schema.type.number': () => ({ th: 'ต้องเป็นตัวเลข', en: 'must be a number' }),
  'schema.type.integer': () => ({ th: 'ต้องเป็นจำนวนเต็ม', en: 'must be a whole number' }),
  'schema.type.string': () => ({ th: 'ต้องเป็นข้อความ', en: 'must be text' }),
  'schema.type.array': () => ({ th: 'ต้องเป็นรายการ (แต่ละบรรทัดขึ้นต้นด้วย "- ")', en: 'must be a list (lines starting with "- ")' }),
  'schema.type.object': () => ({ th: 'ต้องเป็นกลุ่มข้อมูลแบบ "ชื่อ: ค่า"', en: 'must be a mapping of keys to values' }),
  'schema.range': (p) => ({ th: `ต้องอยู่ระหว่าง ${th(p.min)} ถึง ${th(p.max)}`, en: `must be between ${p.min} and ${p.max}` }),
  'schema.empty-list': () => ({ th: 'ต้องมีอย่างน้อยหนึ่งรายการ', en: 'must have at least one item' }),
  'schema.empty-text': () => ({ th: 'ข้อความต้องไม่ว่าง', en: 'must not be empty' }),
  'schema.too-long': (p) => ({
    th: `ข้อความยาว ${count(p.count)} ตัวอักษร เกินที่กำหนดไว้ ${count(p.max)} ตัวอักษร ให้ย่อให้สั้นลงหรือแบ่งเป็นหลายรายการ`,
    en: `the text is ${count(p.count)} characters long, more than the limit of ${count(p.max)}; shorten it or split it into several items`,
  }),
  'schema.too-many': (p) => ({
    th: `มี ${count(p.count)} รายการ เกินที่กำหนดไว้ ${count(p.max)} รายการ ให้รวมหรือตัดรายการที่ไม่จำเป็นออก`,
    en: `${count(p.count)} items, more than the limit of ${count(p.max)}; merge or remove some`,
  }),
  'schema.empty-map': () => ({ th: 'ต้องมีข้อมูลอย่างน้อยหนึ่งรายการ', en: 'must have at least one entry' }),
  'schema.enum': (p) => ({ th: `ต้องเป็นค่าใดค่าหนึ่งต่อไปนี้: ${p.allowed}`, en: `must be one of: ${p.allowed}` }),
  'schema.pattern': () => ({ th: 'รูปแบบไม่ถูกต้อง', en: 'wrong format' }),
  'schema.one-of': () => ({
    th: 'รูปแบบไม่ถูกต้อง: ใส่เป็นข้อความ หรือ from/to เป็นวันที่ ค.ศ. (YYYY-MM-DD) หรือ quarter: 1 ถึง 4',
    en: 'wrong format: give text, from/to ISO dates (YYYY-MM-DD), or quarter: 1 to 4',
  }),
  'schema.evidence-form': () => ({
    th: 'รูปแบบไม่ถูกต้อง: หลักฐานแต่ละรายการใส่เป็นชื่อหลักฐาน หรือ title: ชื่อหลักฐาน และ url: ที่อยู่เว็บ (ถ้ามี)',
    en: 'wrong format: give each evidence item as a title, or title: and url: (optional)',
  }),
  'schema.other': (p) => ({ th: 'ข้อมูลไม่ถูกต้อง', en: String(p.detail) }),
  'date.format': (p) => ({
    th: `วันที่ "${p.value}" ต้องเขียนแบบ ปี ค.ศ.-เดือน-วัน เช่น 2023-01-16`,
    en: `date "${p.value}" must be written YYYY-MM-DD, e.g. 2023-01-16`,
  }),
  'date.invalid': (p) => ({ th: `ไม่มีวันที่ "${p.value}" ในปฏิทิน`, en: `"${p.value}" is not a calendar date` }),
  'date.buddhist-year': (p) => ({
    th: `วันที่ "${p.value}" ใช้ปี พ.ศ. ให้ใช้ปี ค.ศ. (ลบ 543) เช่น 2566 → 2023`,
    en: `"${p.value}" uses a Buddhist Era year; write the Gregorian year (subtract 543)`,
  }),
  'date.out-of-range': (p) => ({
    th: `วันที่ "${p.value}" อยู่นอกช่วงที่เอกสารรองรับ ต้องเป็นปี ค.ศ. ${th(p.min)} ถึง ${th(p.max)}`,
    en: `date "${p.value}" is outside the years the documents can hold: use a year from ${p.min} to ${p.max}`,
  }),
  'date.reversed': (p) => ({
    th: `วันเริ่ม (${p.from}) อยู่หลังวันสิ้นสุด (${p.to})`,
    en: `start date ${p.from} is after end date ${p.to}`,
  }),
  'date.outside-fiscal-year': (p) => ({
    th: `วันที่ประกาศ ${p.value} อยู่นอกปีงบประมาณ พ.ศ. ${th(p.fiscal)} (${p.start} ถึง ${p.end})`,
    en: `announcement date ${p.value} is outside fiscal year ${p.fiscal} (${p.start} to ${p.end})`,
  }),
  'signatory.missing': () => ({
    th: 'ยังไม่ได้ระบุผู้ลงนาม ประกาศมาตรการจะเว้นเป็นจุดไข่ปลา (.....) ไว้ที่ตำแหน่ง ชื่อ และวันที่ ให้กรอกด้วยลายมือก่อนลงนาม เมื่อทราบแล้วให้เพิ่มผู้ลงนาม (signatory) พร้อมตำแหน่ง (position) ในไฟล์ ส่วนรายงานการวิเคราะห์ไม่ได้รับผลกระทบ',
    en: 'no signatory: the announcement will have dotted lines for the position, name and date, to be filled in by hand before signing; add signatory: with its position: when known (the report is not affected)',
  }),
  'signatory.position-missing': () => ({
    th: 'ยังไม่ได้ระบุตำแหน่งผู้ลงนาม ประกาศมาตรการจะเว้นเป็นจุดไข่ปลา (.....) ไว้ใต้ชื่อ ให้กรอกตำแหน่งด้วยลายมือก่อนลงนาม หรือกรอกตำแหน่ง (position) เมื่อทราบแล้ว',
    en: "the signatory's position is not given: the announcement will have a dotted line for it under the name, to be filled in by hand before signing; fill in position: when known",
  }),
  'emblem.missing': (p) => ({
    th: `ไม่พบไฟล์ตราสัญลักษณ์ "${p.file}" (ตำแหน่งของไฟล์นับจากโฟลเดอร์ของไฟล์ข้อมูลนี้) ตรวจสอบชื่อและโฟลเดอร์ของไฟล์ หรือลบบรรทัดนี้ออกเพื่อใช้ตราครุฑ`,
    en: `the emblem file "${p.file}" was not found (its path is relative to this data file's folder); check its name and folder, or remove this line to use the Garuda`,
  }),
  'emblem.unreadable': (p) => ({
    th: `เปิดไฟล์ตราสัญลักษณ์ "${p.file}" ไม่ได้ (${p.reason}) ตรวจสอบว่าเป็นไฟล์และมีสิทธิ์อ่านไฟล์`,
    en: `cannot read the emblem file "${p.file}" (${p.reason}); check that it is a file and may be read`,
  }),
  'emblem.too-large': (p) => ({
    th: `ไฟล์ตราสัญลักษณ์ "${p.file}" มีขนาด ${p.value} ใหญ่เกินที่กำหนดไว้ (ไม่เกิน ${p.max}) ให้บันทึกเป็น SVG ที่เล็กลง เช่น ลดจุดของเส้นหรือไม่ฝังภาพขนาดใหญ่`,
    en: `the emblem file "${p.file}" is ${p.value}, more than the limit of ${p.max}; save a smaller SVG (simplify its paths, or embed no large pictures)`,
  }),
  'emblem.not-svg': (p) => ({
    th: `ไฟล์ตราสัญลักษณ์ "${p.file}" ไม่ใช่ไฟล์ SVG ที่อ่านได้ (${p.detail}) ประกาศพิมพ์ตราสัญลักษณ์เป็นภาพเวกเตอร์ ให้ใช้ไฟล์ SVG เช่น ส่งออกจาก Inkscape หรือ Illustrator เป็น SVG`,
    en: `the emblem file "${p.file}" is not a readable SVG file (${p.detail}); the announcement draws the emblem as vectors: use an SVG file, e.g. exported as SVG from Inkscape or Illustrator`,
  }),
  'emblem.external': (p) => ({
    th: `ไฟล์ตราสัญลักษณ์ "${p.file}" อ้างถึงไฟล์อื่น (${p.ref}) ซึ่งโปรแกรมจะไม่อ่าน ให้บันทึกตราสัญลักษณ์เป็น SVG ที่รวมทุกส่วนไว้ในไฟล์เดียว (ฝังภาพไว้ในไฟล์)`,
    en: `the emblem file "${p.file}" refers to another file (${p.ref}), which is not read; save the emblem as an SVG that holds everything itself (pictures embedded)`,
  }),
  'emblem.empty': (p) => ({
    th: `ไฟล์ตราสัญลักษณ์ "${p.file}" ไม่มีภาพที่จะพิมพ์ได้ ตรวจสอบว่าเลือกไฟล์ถูก`,
    en: `the emblem file "${p.file}" draws nothing; check that it is the right file`,
  }),
  'emblem.outside': (p) => ({
    th: `ไฟล์ตราสัญลักษณ์ "${p.file}" อยู่นอกโฟลเดอร์ข้อมูล หน้าเว็บอ่านได้เฉพาะไฟล์ภายในโฟลเดอร์ข้อมูล ให้ย้ายไฟล์ไปไว้ในโฟลเดอร์ข้อมูลแล้วแก้ตำแหน่งให้ตรงกัน`,
    en: `the emblem file "${p.file}" is outside the data folder, and the web page reads files inside the data folder only; move it there and correct the path`,
  }),
  'emblem.unused': () => ({
    th: 'ตราสัญลักษณ์ (emblem) ใช้เฉพาะประกาศรูปแบบ proclamation ส่วนรูปแบบตาราง (form: table) ไม่มีตราสัญลักษณ์ จึงไม่ได้ใช้ไฟล์นี้',
    en: 'the emblem is used by the proclamation form only; the table form (form: table) has none, so this file is not used',
  }),
  'framework.missing': (p) => ({
    th: `ไม่มีกรอบการประเมินปี ${th(p.year)} (มีปี ${th(p.available)}) ระบุ framework: ให้ถูกต้อง`,
    en: `no assessment framework for ${p.year} (available: ${p.available}); set framework:`,
  }),
  'framework.before-indicators': (p) => ({
    th: `ผลการประเมินปี พ.ศ. ${th(p.year)} ใช้กรอบการประเมินเดิม: จนถึงปี ${th(p.until)} การประเมิน ITA วัดด้วยดัชนี ${th(p.index_count)} ด้าน ได้แก่ ${p.indices} ไม่ใช่ตัวชี้วัด ${th(p.count)} ตัวของเครื่องมือ ${p.tools} ที่เริ่มใช้ในปี ${th(p.first)} จึงทำรายงานนี้จากผลการประเมินปี ${th(p.year)} ไม่ได้ ถ้าพิมพ์ปีผิด ให้แก้ assessment_year (ปีที่ประเมิน) หรือ fiscal_year (ถ้าไม่ระบุ assessment_year ปีของผลการประเมินคือปีก่อนปีงบประมาณ)`,
    en: `the ${p.year} assessment used the earlier framework: until ${p.until} the ITA measured ${p.index_count} indices (${p.indices_en}), not the ${p.count} indicators of the ${p.tools} tools used from ${p.first}, so this report cannot be made from a ${p.year} result; if the year is a typo, correct assessment_year (or fiscal_year: without assessment_year the assessment is the year before)`,
  }),
  'framework.not-yet': (p) => ({
    th: `ยังไม่มีกรอบการประเมินของปี พ.ศ. ${th(p.year)} ในโปรแกรมรุ่นนี้ (ล่าสุดคือปี ${th(p.latest)}) ให้แจ้งผู้ดูแลโปรแกรมเพื่อปรับปรุงโปรแกรม ระหว่างนี้ สร้างรายงานด้วยกรอบของปี ${th(p.latest)} ได้ โดยเพิ่มบรรทัด framework: ${p.latest} ในไฟล์ข้อมูล`,
    en: `this version of the program has no assessment framework for ${p.year} yet (the latest is ${p.latest}): ask whoever maintains the program to update it; meanwhile the report can be built with the ${p.latest} framework by writing framework: ${p.latest} in the data file`,
    maintainer: {
      th: `เพิ่มไฟล์ frameworks/${p.year}.yaml โดยคัดลอกจาก frameworks/${p.latest}.yaml แก้ year และ title เป็นปี ${th(p.year)} แล้วตรวจกับคู่มือการประเมิน ITA ประจำปี ${th(p.year)} ของสำนักงาน ป.ป.ช. ว่าเครื่องมือ ตัวชี้วัดและน้ำหนัก เกณฑ์ผ่าน ระดับผลการประเมิน (AA ถึง F) และผลการประเมินแบบข้อความ (ผ่านดีเยี่ยม ผ่านดี ผ่าน …) เปลี่ยนไปหรือไม่ และเพิ่ม templates/explanations/${p.year}.yaml (ดู frameworks/README.md)`,
      en: `add frameworks/${p.year}.yaml as a copy of frameworks/${p.latest}.yaml with its year and title changed, check in the NACC's ITA manual for ${p.year} the tools, the indicators and their weights, the pass mark, the levels and the rating in words, and add templates/explanations/${p.year}.yaml (see frameworks/README.md)`,
    },
  }),
  'scores.missing': (p) => ({
    th: `ยังไม่มีคะแนนตัวชี้วัดที่ ${th(p.indicator)} ${p.name}`,
    en: `score of indicator ${p.indicator} is missing`,
  }),
  'scores.unknown-indicator': (p) => ({
    th: `กรอบการประเมินปี ${th(p.framework)} ไม่มีตัวชี้วัดที่ ${th(p.indicator)} (มี ${th(p.count)} ตัวชี้วัด)`,
    en: `the ${p.framework} framework has no indicator ${p.indicator} (it has ${p.count})`,
  }),
  'scores.out-of-range': (p) => ({
    th: `คะแนนตัวชี้วัดที่ ${th(p.indicator)} (${th(p.score)}) ต้องอยู่ระหว่าง ๐ ถึง ๑๐๐`,
    en: `score of indicator ${p.indicator} (${p.score}) must be between 0 and 100`,
  }),
  'explanations.unknown-indicator': (p) => ({
    th: `คำอธิบายของตัวชี้วัดที่ ${th(p.indicator)} จะไม่ถูกใช้ เพราะกรอบการประเมินปี ${th(p.framework)} ไม่มีตัวชี้วัดนี้`,
    en: `explanation for indicator ${p.indicator} is unused: the ${p.framework} framework has no such indicator`,
  }),
  'issues.unknown-indicator': (p) => ({
    th: `กรอบการประเมินปี ${th(p.framework)} ไม่มีตัวชี้วัดที่ ${th(p.indicator)} (มี ${th(p.count)} ตัวชี้วัด)`,
    en: `the ${p.framework} framework has no indicator ${p.indicator} (it has ${p.count})`,
  }),
  'issues.duplicate-indicator': (p) => ({
    th: `ตัวชี้วัดที่ ${th(p.indicator)} มีอยู่แล้วในหัวข้อนี้ ควรรวมประเด็นไว้ในแถวเดียวกัน`,
    en: `indicator ${p.indicator} is listed twice in this section; merge its points into one row`,
  }),
  'years.assessment-after-fiscal': (p) => ({
    th: `ปีที่ประเมิน (${th(p.assessment)}) ต้องไม่อยู่หลังปีงบประมาณของรายงาน (${th(p.fiscal)})`,
    en: `assessment year ${p.assessment} is after the report's fiscal year ${p.fiscal}`,
  }),
  'overall.mismatch': (p) => ({
    th: `คะแนนภาพรวม ${th(p.declared)} ไม่ตรงกับผลการถ่วงน้ำหนักคะแนนรายตัวชี้วัด (${th(p.computed)}) ต่างกัน ${th(p.difference)} ให้ตรวจสอบคะแนนกับระบบของสำนักงาน ป.ป.ช. รายงานจะใช้ ${th(p.declared)} ตามที่ประกาศ`,
    en: `overall score ${p.declared} does not match the weighting of the indicator scores (${p.computed}), a difference of ${p.difference}; the report keeps the declared ${p.declared}`,
  }),
  'followup.unknown-measure': (p) => ({
    th: `รอบ ${th(p.round)} เดือน: ไม่มีมาตรการที่ ${th(p.measure)} (หัวข้อ ๖ มี ${th(p.count)} มาตรการ) ให้ตรวจเลขมาตรการ`,
    en: `round ${p.round} months: there is no measure ${p.measure} (§6 has ${p.count}); check the measure's number`,
  }),
  'followup.unknown-step': (p) => ({
    th: `รอบ ${th(p.round)} เดือน: มาตรการที่ ${th(p.measure)} ไม่มีขั้นตอนที่ ${th(p.step)} (มี ${th(p.count)} ขั้นตอน) ให้ตรวจเลขขั้นตอน`,
    en: `round ${p.round} months: measure ${p.measure} has no step ${p.step} (it has ${p.count}); check the step's number`,
  }),
  'followup.done-without-result': (p) => ({
    th: `รอบ ${th(p.round)} เดือน: มาตรการที่ ${th(p.measure)} ขั้นตอนที่ ${th(p.step)} ดำเนินการแล้วเสร็จ แต่ยังไม่ได้กรอกผลการดำเนินการ (result)`,
    en: `round ${p.round} months: measure ${p.measure}, step ${p.step} is done but has no result`,
  }),
  'followup.date-outside-fiscal-year': (p) => ({
    th: `${when(p.value, 'th')} อยู่นอกปีงบประมาณ พ.ศ. ${th(p.fiscal)} (${p.start} ถึง ${p.end})`,
    en: `${when(p.value, 'en')} is outside fiscal year ${p.fiscal} (${p.start} to ${p.end})`,
  }),
  'followup.date-after-round': (p) => ({
    th: `${when(p.value, 'th')} อยู่หลังวันที่ที่รอบ ${th(p.round)} เดือนรายงานถึง (${p.end}) ให้ตรวจวันที่ หรือรายงานในรอบถัดไป`,
    en: `${when(p.value, 'en')} is after the date the ${p.round}-month round reports up to (${p.end}); check the date, or report it in the next round`,
  }),
  'followup.as-of-outside-round': (p) => ({
    th: `วันที่รายงานถึง ${p.value} อยู่นอกรอบ ${th(p.round)} เดือน (${p.start} ถึง ${p.end})`,
    en: `the as-of date ${p.value} is outside the ${p.round}-month round (${p.start} to ${p.end})`,
  }),
  'overall.rating-mismatch': (p) => ({
    th: `ผลการประเมินระดับ "${p.declared}" ที่ระบุ ไม่ตรงกับเกณฑ์ของกรอบการประเมินปี ${th(p.framework)} ซึ่งได้ระดับ "${p.rule}" (คะแนนภาพรวม ${th(p.score)}; ร้อยละของคะแนนเต็มแต่ละเครื่องมือ ${th(p.tools)}) ให้ตรวจสอบกับระบบของสำนักงาน ป.ป.ช. รายงานจะใช้ "${p.declared}" ตามที่ระบุ`,
    en: `the declared rating (overall.rating) differs from the ${p.framework} framework's rule (overall ${p.score}; tools as percents of their maximum: ${p.tools}); check it against the NACC system; the report prints the declared one`,
  }),
  'overall.rating-unconfirmed': (p) => ({
    th: `ผลการประเมินระดับ "${p.rule}" คำนวณจากเกณฑ์ที่ยังไม่ได้รับการยืนยันในกรอบการประเมินปี ${th(p.framework)} ให้ตรวจสอบระดับในระบบของสำนักงาน ป.ป.ช. แล้วระบุไว้ที่ overall: rating: ในไฟล์ข้อมูล`,
    en: `the rating in words comes from a band of the ${p.framework} framework's rule that is not confirmed; check the rating in the NACC system and write it as overall: rating: in the data file`,
  }),
  'overall.rating-no-rule': (p) => ({
    th: `กรอบการประเมินปี ${th(p.framework)} ไม่มีผลการประเมินระดับเป็นคำ (เริ่มปี ๒๕๖๖) จึงไม่พิมพ์ "${p.declared}" ที่ระบุไว้ในรายงาน`,
    en: `the ${p.framework} framework has no rating in words (it starts in 2566), so the declared overall.rating is not printed`,
  }),
  'previous.unusable': (p) => ({
    th: `ไฟล์ของปีก่อน (${p.file}) มีข้อผิดพลาด ${th(p.errors)} รายการ จึงไม่ได้นำมาเปรียบเทียบกับปีนี้ ตรวจได้ด้วย ita-report check ${p.file}`,
    en: `the previous year's file (${p.file}) has ${p.errors} error(s), so this year is not compared with it; see ita-report check ${p.file}`,
  }),
  'previous.wrong-year': (p) => ({
    th: `ไฟล์ของปีก่อน (${p.file}) เป็นปีงบประมาณ ${th(p.found)} ไม่ใช่ ${th(p.expected)} จึงไม่ได้นำมาเปรียบเทียบ`,
    en: `the previous year's file (${p.file}) is for fiscal year ${p.found}, not ${p.expected}, so it is not compared with`,
  }),
  'previous.other-agency': (p) => ({
    th: `ไฟล์ของปีก่อน (${p.file}) เป็นของ "${p.found}" ไม่ใช่ "${p.expected}" จึงไม่ได้นำมาเปรียบเทียบ หากเป็นหน่วยงานเดียวกัน ให้แก้ชื่อหน่วยงานให้ตรงกัน`,
    en: `the previous year's file (${p.file}) is for "${p.found}", not "${p.expected}", so it is not compared with; if it is the same agency, make the names match`,
  }),
  'overall.level-mismatch': (p) => ({
    th: `ระดับ ${p.declared} ไม่ตรงกับคะแนนภาพรวม ${th(p.score)} ซึ่งอยู่ในระดับ ${p.expected} รายงานจะใช้ระดับ ${p.expected}`,
    en: `level ${p.declared} does not match the overall score ${p.score}, which is level ${p.expected}; the report uses ${p.expected}`,
  }),
};

export function messageFor(finding: Finding): Message {
  const wording = catalogue[finding.code];
  if (wording) return wording(finding.params);
  if (finding.code.startsWith('yaml.')) {
    return { th: 'รูปแบบไฟล์ YAML ไม่ถูกต้อง (ตรวจสอบการย่อหน้าและเครื่องหมาย :)', en: String(finding.params.detail ?? finding.code) };
  }
  return { th: 'ข้อมูลไม่ถูกต้อง', en: finding.code };
}

/** Codes the catalogue words, for the test that every finding the code can raise has wording. */
export const knownCodes = (): string[] => Object.keys(catalogue);

/**
 * An exception that is not a finding about the data: a bug in the tool. The clerk cannot fix it,
 * so the message says so and asks for a report with what the maintainers need.
 */
export function internalErrorMessage(detail: string): Message {
  return {
    th: `ข้อผิดพลาดภายในโปรแกรม: ${detail} ไม่ใช่ความผิดของข้อมูล โปรดแจ้งผู้ดูแลโปรแกรม พร้อมชื่อไฟล์และข้อความนี้`,
    en: `internal error: ${detail}; this is a bug in ita-report, not a fault of the data: please report it with the file name and this message (ITA_REPORT_DEBUG=1 or --debug prints the details)`,
  };
}

/**
 * The PDF layout could not place some text of a valid file (src/export/pdf/placement.ts): nothing
 * was written, and since the data is within every limit, it is the tool's to fix.
 */
export function unplacedTextMessage(p: { count: number; excerpt: string; page?: number }): Message {
  const where = p.page === undefined ? { th: 'ไม่อยู่ในหน้าใดเลย', en: 'on no page' } : { th: `อยู่นอกพื้นที่พิมพ์ของหน้า ${toThaiDigits(String(p.page))}`, en: `outside the text area of page ${p.page}` };
  return {
    th: `ข้อผิดพลาดภายในโปรแกรม: การจัดหน้า PDF วางข้อความไม่ครบ ${toThaiDigits(String(p.count))} ส่วน ส่วนแรก "${p.excerpt}" ${where.th} จึงไม่ได้เขียนเอกสารของไฟล์นี้ ไม่ใช่ความผิดของข้อมูล โปรดแจ้งผู้ดูแลโปรแกรม พร้อมไฟล์ข้อมูลนี้`,
    en: `internal error: the PDF layout could not place ${p.count} piece(s) of text, the first "${p.excerpt}" ${where.en}, so nothing was written for this file; this is a bug in ita-report, not a fault of the data: please report it with this data file`,
  };
}

/** The web page's check or rendering ran past its time limit and was stopped. */
export function tookTooLongMessage(work: 'check' | 'render', seconds: number): Message {
  return work === 'check'
    ? { th: 'การตรวจข้อมูลใช้เวลานานเกินกำหนดจึงหยุดไว้ ข้อมูลอาจใหญ่หรือซับซ้อนเกินไป', en: `checking took longer than ${seconds} s and was stopped; the data may be too large` }
    : { th: 'การสร้างเอกสารใช้เวลานานเกินกำหนดจึงหยุดไว้ ข้อความบางส่วนอาจยาวเกินไป', en: `rendering took longer than ${seconds} s and was stopped; some text may be too long` };
}

/**
 * The web page started a file (a new agency, next year) whose assessment year has no framework
 * yet: the file states the latest earlier one (`framework:`). The clerk is told what it means for
 * the report and whom to ask; the maintainer, which files to add and what to change after.
 */
export function previousFrameworkNotice(p: { year: number; framework: number }): Message {
  return {
    th: `โปรแกรมรุ่นนี้ยังไม่มีกรอบการประเมินของปี พ.ศ. ${th(p.year)} รายงานจึงใช้กรอบของปี ${th(p.framework)} ไปก่อนจนกว่าจะมี ให้แจ้งผู้ดูแลโปรแกรมเพื่อปรับปรุงโปรแกรมเมื่อสำนักงาน ป.ป.ช. ออกคู่มือการประเมินปี ${th(p.year)}`,
    en: `this version of the program has no ${p.year} framework yet, so the report uses the ${p.framework} framework until it has one; ask whoever maintains the program to update it once the NACC publishes its ${p.year} manual`,
    maintainer: {
      th: `ไฟล์ข้อมูลระบุ framework: ${p.framework} ไว้ เมื่อเพิ่มไฟล์ frameworks/${p.year}.yaml และ templates/explanations/${p.year}.yaml แล้ว (ดู frameworks/README.md) ให้ลบบรรทัด framework ออกจากไฟล์ข้อมูลของปีนี้`,
      en: `the data file states framework: ${p.framework}; once frameworks/${p.year}.yaml and templates/explanations/${p.year}.yaml are added (see frameworks/README.md), remove the framework line from this year's data files`,
    },
  };
}

/**
 * `ita-report serve` could not listen: another program has the port, most often a serve started
 * before (a second double-click). Not a file's problem, as the operating system's words alone say.
 */
export function portInUseMessage(p: { host: string; port: number }): Message {
  const url = `http://${p.host}:${p.port}/`;
  return {
    th: `พอร์ต ${p.port} มีโปรแกรมอื่นใช้อยู่แล้ว อาจเป็น ita-report serve ที่เปิดไว้ก่อนแล้ว: ลองเปิด ${url} ในเบราว์เซอร์ หรือเลือกพอร์ตอื่นด้วย --port ${p.port + 1}`,
    en: `port ${p.port} is in use by another program, perhaps an ita-report serve started before: open ${url} in the browser, or choose another port with --port ${p.port + 1}`,
  };
}

/** The operating system refused to read or write a file (permissions, a full disk). */
export function systemErrorMessage(detail: string): Message {
  return {
    th: `อ่านหรือเขียนไฟล์ไม่ได้: ${detail} ตรวจสอบสิทธิ์การเข้าถึงและพื้นที่ว่างของดิสก์`,
    en: `cannot read or write a file: ${detail}; check the permissions and the free disk space`,
  };
}
