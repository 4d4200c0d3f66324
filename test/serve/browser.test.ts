import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkFile } from '../../src/pipeline.ts';
import { createAppServer, listen } from '../../src/serve/server.ts';
import { launchChromium } from '../helpers/browser.ts';
import { pdfText, squash } from '../helpers/pdf.ts';
import { SAMPLE, sampleText } from '../helpers/sample.ts';

const FOLLOWUP_FIXTURE = new URL('../fixtures/followup/progress.yaml', import.meta.url).pathname;

/**
 * The page in a real browser driven by playwright-core: the system's Chromium when there is one,
 * otherwise the one the npm package @sparticuz/chromium ships (test/helpers/browser.ts). A clerk's
 * session: open the sample, change a score, see the finding beside it, see the preview follow the
 * form, download the PDF, save the file.
 */

let server: Server;
let browser: Browser;
let page: Page;
let dataDir: string;
let base: string;

beforeAll(async () => {
  dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'ita-browser-')), 'data');
  mkdirSync(path.join(dataDir, '2566'), { recursive: true });
  copyFileSync(SAMPLE, path.join(dataDir, '2566', 'nakhon-pathom.yaml'));
  server = createAppServer({ dataDir, port: 0 });
  const port = await listen(server, { dataDir, port: 0 });
  base = `http://127.0.0.1:${port}`;
  ({ browser } = await launchChromium());
  page = await (await browser.newContext({ acceptDownloads: true, locale: 'th-TH' })).newPage();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

/** The PDF in the preview frame once it is not `previous` any more, read through the page. */
async function previewText(p: Page, previous: string | null): Promise<{ src: string; text: string }> {
  await expect.poll(() => p.getAttribute('#preview', 'src'), { timeout: 30_000 }).not.toBe(previous);
  const src = (await p.getAttribute('#preview', 'src'))!;
  const base64 = await p.evaluate(async (url) => {
    const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
    let binary = '';
    for (const b of bytes) binary += String.fromCharCode(b);
    return btoa(binary);
  }, src);
  return { src, text: await pdfText(Buffer.from(base64, 'base64')) };
}

/**
 * The page's download of `name`. Headless Chromium has no PDF viewer: a preview that lands in the
 * frame meanwhile (a quarter of a second after the last change) comes as a download too, of
 * another name, and is not the one asked for.
 */
const downloadNamed = (p: Page, name: string) => p.waitForEvent('download', { predicate: (d) => d.suggestedFilename() === name, timeout: 30_000 });

/** The values of the options `selector` names, in order. */
const optionValues = async (p: Page, selector: string): Promise<(string | null)[]> => Promise.all((await p.locator(selector).all()).map((o) => o.getAttribute('value')));

/** Where a line of text is laid out: how many lines (distinct tops of its boxes), the first's top, the leftmost edge. */
interface Lines {
  lines: number;
  top: number;
  left: number;
}
/** A typed field's note as laid out (LAID_OUT): the value understood, the aside (how a score prints), the field's box. */
interface LaidOut {
  text: string;
  value: Lines;
  aside: (Lines & { text: string }) | null;
  field: { top: number; bottom: number; right: number };
}
/** Run in the page (the tests compile without the DOM's types): the note of the field of data-path `p`, as LaidOut. */
const LAID_OUT = `(p) => {
  const input = document.querySelector('[data-path="' + p + '"]');
  const note = document.getElementById(input.getAttribute('aria-describedby').split(' ')[0]);
  const lines = (node) => {
    const range = document.createRange();
    range.selectNodeContents(node);
    const rects = [...range.getClientRects()].filter((r) => r.width > 0);
    return { lines: new Set(rects.map((r) => Math.round(r.top))).size, top: Math.min(...rects.map((r) => r.top)), left: Math.min(...rects.map((r) => r.left)) };
  };
  const aside = note.querySelector('.typed-aside');
  const field = input.getBoundingClientRect();
  return { text: note.textContent, value: lines(note.firstChild), aside: aside && { text: aside.textContent, ...lines(aside) }, field: { top: field.top, bottom: field.bottom, right: field.right } };
}`;

let lastPreview: string | null = null;

/** A page of its own as a clerk's laptop shows it (1366×768), with `file` of the data folder opened when given. */
async function laptop(file?: string): Promise<Page> {
  const own = await (await browser.newContext({ locale: 'th-TH', viewport: { width: 1366, height: 768 } })).newPage();
  if (file) {
    await own.goto(`${base}/?file=${file}`);
    await expect.poll(() => own.inputValue('[data-path="scores.1"]')).not.toBe('');
  }
  return own;
}

/** The note beside the title of measure `i` (index from 0) of §6, and what it says of a carried-over measure. */
const noteOf = (i: number) => page.locator('#measures .carried-note').nth(i);
const carried = 'มาตรการจากปีก่อน: ตรวจข้อความและปีงบประมาณในข้อความ (carried over from last year: check the text and the fiscal year in it)';
/** The sample with a step that names its fiscal year (๒๕๖๖), carried over to 2567 in the tests. */
const carryText = () => sampleText().replace('- จัดทำแนวทางในการใช้ทรัพย์สินของราชการ', '- จัดทำแนวทางในการใช้ทรัพย์สินของราชการ ประจำปีงบประมาณ พ.ศ. ๒๕๖๖');
const lastYear = 'ข้อความยังระบุปี ๒๕๖๖ ซึ่งเป็นปีงบประมาณที่แล้ว (the text still names 2566, last fiscal year)';

describe('the page in Chromium', () => {
  it('loads the sample with its warning beside the overall score', async () => {
    await page.goto(`${base}/`);
    await page.selectOption('#file', '2566/nakhon-pathom.yaml');
    await expect.poll(() => page.inputValue('[data-path="scores.4"]')).toBe('82.14');
    expect(await page.textContent('label:has([data-path="scores.4"])')).toContain('ตัวชี้วัดที่ ๔ การใช้ทรัพย์สินของราชการ');
    const warning = page.locator('label:has([data-path="overall.score"]) + .finding.warning');
    await expect.poll(() => warning.textContent()).toContain('๙๓.๕๑');
    expect(await page.textContent('#computed')).toContain('คำนวณจากคะแนนรายตัวชี้วัดได้ ๙๓.๕๑');
    const preview = await previewText(page, null);
    expect(preview.text).toContain('จังหวัดนครปฐม ประจำปีงบประมาณ พ.ศ. ๒๕๖๖');
    lastPreview = preview.src;
  });

  it('shows an error beside a score as it is typed, and clears it when corrected', async () => {
    await page.fill('[data-path="scores.4"]', '182.14');
    const error = page.locator('label:has([data-path="scores.4"]) + .finding.error');
    await expect.poll(() => error.count()).toBe(1);
    expect(await error.textContent()).toMatch(/ข้อผิดพลาด/);
    expect(await page.getAttribute('[data-path="scores.4"]', 'class')).toContain('invalid');
    await page.fill('[data-path="scores.4"]', '82.14');
    await expect.poll(() => error.count()).toBe(0);
  });

  it('updates the preview after a change, and downloads the PDF with it', async () => {
    await page.fill('[data-path="agency"]', 'จังหวัดทดสอบในเบราว์เซอร์');
    let text = '';
    await expect
      .poll(async () => {
        const preview = await previewText(page, lastPreview);
        lastPreview = preview.src;
        text = preview.text;
        return text.includes('จังหวัดทดสอบในเบราว์เซอร์');
      }, { timeout: 30_000 })
      .toBe(true);
    expect(text).toContain('จังหวัดทดสอบในเบราว์เซอร์ ประจำปีงบประมาณ พ.ศ. ๒๕๖๖');
    // Named by agency, year and document (issue 17).
    const download = downloadNamed(page, 'จังหวัดทดสอบในเบราว์เซอร์-2566-report.pdf');
    await page.click('[data-download="report.pdf"]');
    const file = await (await download).path();
    expect(await pdfText(readFileSync(file))).toContain('จังหวัดทดสอบในเบราว์เซอร์');
  });

  it('saves the YAML back, keeping the comments of the file', async () => {
    await page.click('#save');
    await expect.poll(() => page.textContent('#status')).toContain('บันทึกแล้ว');
    const saved = readFileSync(path.join(dataDir, '2566', 'nakhon-pathom.yaml'), 'utf8');
    expect(saved).toContain('agency: จังหวัดทดสอบในเบราว์เซอร์');
    const changed = saved.split('\n').filter((l, i) => l !== sampleText().split('\n')[i]);
    expect(changed).toEqual(['agency: จังหวัดทดสอบในเบราว์เซอร์']);
  });

  it('takes a whole year of a new agency without touching a file, and saves a valid data file', async () => {
    await page.click('#new-agency');
    await page.selectOption('#new-year-value', '2567');
    await page.fill('#new-name', 'new-agency');
    await page.click('#new-agency-create');
    await expect.poll(() => page.textContent('#status')).toContain('2567/new-agency.yaml');
    await page.fill('[data-path="agency"]', 'องค์การบริหารส่วนตำบลทดสอบ');
    const scores = [91.5, 88, 86.25, 79.4, 90, 95.1, 93, 84.2, 100, 100];
    for (const [i, v] of scores.entries()) await page.fill(`[data-path="scores.${i + 1}"]`, String(v));
    await page.click('[data-add="urgent"]');
    await page.selectOption('[data-path="urgent[0].indicator"]', '4');
    await page.fill('[data-path="urgent[0].points"]', 'การยืมทรัพย์สินของราชการไปใช้ให้ถูกต้อง\nการกำกับดูแลการใช้ทรัพย์สิน');
    await page.click('[data-add="measures"]');
    await page.fill('[data-path="measures[0].title"]', 'การใช้ทรัพย์สินของราชการ');
    await page.fill('[data-path="measures[0].steps[0]"]', 'จัดทำแนวทางการใช้ทรัพย์สินของราชการ');
    await page.click('#measures button:text("+ เพิ่มขั้นตอน")');
    await page.fill('[data-path="measures[0].steps[1]"]', 'ประชาสัมพันธ์แนวทางให้บุคลากรรับทราบ');
    await page.fill('[data-path="measures[0].owner"]', 'สำนักปลัด');
    await page.fill('[data-path="measures[0].monitoring"]', 'รายงานผลภายในไตรมาสที่ ๒');
    await page.fill('[data-path="measures[0].budget"]', '5000');
    await page.selectOption('[data-path="measures[0].period"] select', 'quarter');
    await page.selectOption('[data-path="measures[0].period"] span select', '2');
    await page.fill('[data-path="signatory.position"]', 'นายกองค์การบริหารส่วนตำบลทดสอบ');
    // The official overall is typed in as the NACC system gives it; the computed one appears beside it.
    await page.fill('[data-path="overall.score"]', '90.53');
    await expect.poll(() => page.locator('.finding.error').count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => page.textContent('#computed'), { timeout: 10_000 }).toContain('คำนวณจากคะแนนรายตัวชี้วัดได้');
    // The 2566 assessment rates in words: every tool at 85 % or more of its maximum, 90.53 overall.
    expect(await page.textContent('#computed')).toContain('ผลการประเมิน “ผ่านดี”');
    expect(await page.textContent('#tool-scores')).toBe('IIT ร้อยละ ๘๗.๐๓ ✓ ถึงเกณฑ์ ๘๕ · EIT ร้อยละ ๙๐.๗๗ ✓ ถึงเกณฑ์ ๘๕ · OIT ร้อยละ ๑๐๐.๐๐ ✓ ถึงเกณฑ์ ๘๕');
    // Typing a lower EIT score changes the rating beside the overall score as the clerk types.
    await page.fill('[data-path="scores.8"]', '60');
    await expect.poll(() => page.textContent('#computed'), { timeout: 10_000 }).toContain('ผลการประเมิน “ผ่าน”');
    expect(await page.textContent('#tool-scores')).toContain('EIT ร้อยละ ๘๒.๗๐ ✗ ต่ำกว่าเกณฑ์ ๘๕');
    await page.fill('[data-path="scores.8"]', '84.2');
    await expect.poll(() => page.textContent('#computed'), { timeout: 10_000 }).toContain('ผลการประเมิน “ผ่านดี”');
    // Emptied, the position is "not yet known": a warning beside its field, not an error (issue 12).
    const positionWarning = page.locator('label:has([data-path="signatory.position"]) + .finding.warning');
    await page.fill('[data-path="signatory.position"]', '');
    await expect.poll(() => positionWarning.count(), { timeout: 10_000 }).toBe(1);
    expect(await positionWarning.textContent()).toContain('ยังไม่ได้ระบุตำแหน่งผู้ลงนาม');
    expect(await page.locator('.finding.error').count()).toBe(0);
    await page.fill('[data-path="signatory.position"]', 'นายกองค์การบริหารส่วนตำบลทดสอบ');
    await expect.poll(() => positionWarning.count(), { timeout: 10_000 }).toBe(0);
    await page.click('#save');
    await expect.poll(() => page.textContent('#status')).toContain('บันทึกแล้ว');
    const checked = await checkFile(path.join(dataDir, '2567', 'new-agency.yaml'));
    expect(checked.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(checked.data?.agency).toBe('องค์การบริหารส่วนตำบลทดสอบ');
    expect(checked.data?.measures[0]).toMatchObject({ steps: [expect.any(String), expect.any(String)], budget: 5000, period: { quarter: 2 } });
    const download = downloadNamed(page, 'องค์การบริหารส่วนตำบลทดสอบ-2567-report.docx');
    await page.click('[data-download="report.docx"]');
    expect((await download).suggestedFilename()).toBe('องค์การบริหารส่วนตำบลทดสอบ-2567-report.docx');
  });

  it('starts next year from a file: measures kept, scores empty, saved as a new file', async () => {
    await page.goto(`${base}/?file=2566/nakhon-pathom.yaml`);
    await expect.poll(() => page.inputValue('[data-path="scores.1"]')).not.toBe('');
    await page.click('#new-year');
    await expect.poll(() => page.textContent('#status')).toContain('2567/nakhon-pathom.yaml');
    expect(await page.inputValue('[data-path="fiscal_year"]')).toBe('2567');
    expect(await page.inputValue('[data-path="scores.1"]')).toBe('');
    expect(await page.inputValue('[data-path="measures[0].title"]')).toBe('การใช้ทรัพย์สินของราชการ');
    // Indicator names come from the 2566 framework now.
    expect(await page.textContent('label:has([data-path="scores.1"])')).toContain('ตัวชี้วัดที่ ๑');
  });

  it('carried-over measures (issue 17): after เริ่มปีใหม่จากไฟล์นี้ each is marked until edited; a text that still names last year (Thai or Arabic digits) is flagged until it does not', async () => {
    writeFileSync(path.join(dataDir, '2566', 'carry.yaml'), carryText());
    await page.goto(`${base}/?file=2566/carry.yaml`);
    await expect.poll(() => page.inputValue('[data-path="scores.1"]')).not.toBe('');
    // An opened file has no marks.
    expect(await page.locator('.carried-note:visible').count()).toBe(0);
    await page.click('#new-year');
    await expect.poll(() => page.textContent('#status')).toContain('2567/carry.yaml');
    // One note per measure, in the measures' order (hidden while it has nothing to say).
    expect(await page.locator('#measures > .row').count()).toBe(5);
    for (let i = 0; i < 5; i++) expect(await noteOf(i).textContent()).toContain(carried);
    // Thai digits in a step of the first, Arabic in the title of the fourth and a step of the fifth; not the second.
    expect(await noteOf(0).textContent()).toContain(lastYear);
    expect(await noteOf(3).textContent()).toContain(lastYear);
    expect(await noteOf(4).textContent()).toContain(lastYear);
    expect(await noteOf(1).textContent()).toBe(carried);
    // Beside the measure's title, and read with it.
    const describedBy = (await page.getAttribute('[data-path="measures[1].title"]', 'aria-describedby'))!;
    expect(describedBy.split(' ')).toContain(await noteOf(1).getAttribute('id'));
    // Edited: the carried mark goes; the year flag stays while the text names 2566.
    await page.fill('[data-path="measures[1].owner"]', 'สำนักงานจังหวัด');
    expect(await noteOf(1).isHidden()).toBe(true);
    await page.fill('[data-path="measures[3].owner"]', 'สำนักงานจังหวัด');
    expect(await noteOf(3).textContent()).toBe(lastYear);
    // Its title and first step name 2566: flagged until both say 2567.
    const title = await page.inputValue('[data-path="measures[3].title"]');
    await page.fill('[data-path="measures[3].title"]', title.replace('2566', '2567'));
    expect(await noteOf(3).textContent()).toBe(lastYear);
    for (const step of await page.locator('[data-path^="measures[3].steps"]').all()) await step.fill((await step.inputValue()).replace('2566', '2567'));
    expect(await noteOf(3).isHidden()).toBe(true);
    // A mark moves with its measure: the first (unedited) moved down is still marked, the edited second, now first, is not.
    await page.getByRole('button', { name: 'เลื่อนมาตรการที่ ๑ลง', exact: true }).click();
    expect(await noteOf(1).textContent()).toBe(`${carried} · ${lastYear}`);
    expect(await noteOf(0).isHidden()).toBe(true);
    // Opened again from the file, a measure is no longer last year's.
    await page.goto(`${base}/?file=2566/carry.yaml`);
    await expect.poll(() => page.inputValue('[data-path="scores.1"]')).not.toBe('');
    expect(await page.locator('#measures .carried-note').count()).toBe(0);
  });

  it('carried-over measures survive saving and opening again (issue 17): opened with last year\'s file beside it, the measures whose words are still last year\'s are marked until edited, and any that names last year is flagged; nothing is written into the file for it', async () => {
    writeFileSync(path.join(dataDir, '2566', 'carry-again.yaml'), carryText());
    await page.goto(`${base}/?file=2566/carry-again.yaml`);
    await expect.poll(() => page.inputValue('[data-path="scores.1"]')).not.toBe('');
    await page.click('#new-year');
    await expect.poll(() => page.textContent('#status')).toContain('2567/carry-again.yaml');
    // The second measure edited (its owner), then saved and opened again.
    await page.fill('[data-path="measures[1].owner"]', 'สำนักงานจังหวัด');
    await page.keyboard.press('Control+s');
    await expect.poll(() => page.textContent('#status')).toContain('บันทึกแล้ว');
    const saved = readFileSync(path.join(dataDir, '2567', 'carry-again.yaml'), 'utf8');
    expect(saved).not.toMatch(/carried|ปีก่อน/);
    await page.goto(`${base}/?file=2567/carry-again.yaml`);
    await expect.poll(() => page.locator('#measures .carried-note').count()).toBe(5);
    expect(await noteOf(0).textContent()).toBe(`${carried} · ${lastYear}`);
    expect(await noteOf(1).isHidden()).toBe(true);
    expect(await noteOf(2).textContent()).toBe(carried);
    expect(await noteOf(3).textContent()).toBe(`${carried} · ${lastYear}`);
    expect(await noteOf(4).textContent()).toBe(`${carried} · ${lastYear}`);
    // Tied to the title for a screen reader, as in the session that started the year.
    expect((await page.getAttribute('[data-path="measures[2].title"]', 'aria-describedby'))!.split(' ')).toContain(await noteOf(2).getAttribute('id'));
    // Edited: the mark goes; the year flag stays while the text names 2566.
    await page.fill('[data-path="measures[2].monitoring"]', 'รายงานผลทุกไตรมาส');
    expect(await noteOf(2).isHidden()).toBe(true);
    await page.fill('[data-path="measures[0].owner"]', 'สำนักงานจังหวัด');
    expect(await noteOf(0).textContent()).toBe(lastYear);
    // A measure of this year's that names last year is flagged too.
    await page.click('[data-add="measures"]');
    await page.keyboard.type('มาตรการต่อเนื่องจากปี 2566');
    expect(await noteOf(5).textContent()).toBe(lastYear);
  });

  it('opens a file without a signatory with a warning beside the signatory fields, which typing a position clears (issue 12)', async () => {
    const text = sampleText().replace(/\n# ผู้ลงนามในประกาศมาตรการ[\s\S]*$/, '\n');
    expect(text).not.toContain('signatory');
    writeFileSync(path.join(dataDir, '2566', 'no-signatory.yaml'), text);
    await page.goto(`${base}/?file=2566/no-signatory.yaml`);
    const warning = page.locator('fieldset[data-path="signatory"] + .finding.warning');
    await expect.poll(() => warning.count(), { timeout: 10_000 }).toBe(1);
    expect(await warning.textContent()).toContain('ยังไม่ได้ระบุผู้ลงนาม');
    expect(await page.locator('.finding.error').count()).toBe(0);
    expect(await page.inputValue('[data-path="signatory.position"]')).toBe('');
    await page.fill('[data-path="signatory.position"]', 'ผู้ว่าราชการจังหวัดนครปฐม');
    await expect.poll(() => warning.count(), { timeout: 10_000 }).toBe(0);
    expect(await page.locator('label:has([data-path="signatory.position"]) + .finding').count()).toBe(0);
  });

  it('a new agency whose assessment year has no framework yet: only years with a framework are offered, or the newest with the notice; today\'s is chosen; the latest framework is stated in the file, and the page says so', async () => {
    // The clerk's calendar on 30 November 2026 (C.E.): fiscal year 2570, whose 2569 assessment has
    // no framework yet. A page of its own, so that the fixed clock touches no other test.
    const own = await (await browser.newContext({ locale: 'th-TH' })).newPage();
    await own.clock.setFixedTime(new Date('2026-11-30T10:00:00+07:00'));
    await own.goto(`${base}/`);
    // By keyboard: the button, Enter, the agency's name first, then the year list.
    await own.focus('#new-agency');
    await own.keyboard.press('Enter');
    await expect.poll(() => own.getAttribute(':focus', 'id')).toBe('new-agency-name');
    await own.keyboard.type('องค์การบริหารส่วนตำบลปีใหม่');
    expect(await own.inputValue('#new-name')).toBe('องค์การบริหารส่วนตำบลปีใหม่');
    await own.keyboard.press('Tab');
    expect(await own.getAttribute(':focus', 'id')).toBe('new-year-value');
    const offered = await optionValues(own, '#new-year-value option');
    // 2563–2569 have the frameworks of 2562–2568; 2570 the newest with the notice; nothing later or earlier.
    expect(offered).toEqual(['2570', '2569', '2568', '2567', '2566', '2565', '2564', '2563']);
    expect(await own.inputValue('#new-year-value')).toBe('2570');
    expect(await own.textContent('#new-year-value option[value="2570"]')).toContain('ใช้กรอบการประเมินปี ๒๕๖๘ ไปก่อน');
    // Words for a clerk: what it means for the report and whom to ask, Thai first, English beside;
    // which files to add is the maintainer's, folded away until asked for.
    const yearNote = 'โปรแกรมรุ่นนี้ยังไม่มีกรอบการประเมินของปี พ.ศ. ๒๕๖๙ รายงานจึงใช้กรอบของปี ๒๕๖๘ ไปก่อนจนกว่าจะมี ให้แจ้งผู้ดูแลโปรแกรมเพื่อปรับปรุงโปรแกรม';
    await expect.poll(() => own.textContent('#new-year-note')).toContain(yearNote);
    expect(await own.innerText('#new-year-note')).toMatch(/ไปก่อน.*\(this version of the program has no 2569 framework yet, so the report uses the 2568 framework until it has one; ask whoever maintains the program to update it/);
    expect(await own.innerText('#new-year-note')).not.toMatch(/frameworks\/|templates\/|คัดลอก|copy/);
    const maintainer = own.locator('#new-year-note details.for-maintainer');
    expect(await maintainer.getAttribute('open')).toBeNull();
    expect(await maintainer.locator('summary').textContent()).toBe('สำหรับผู้ดูแลโปรแกรม (for the program\'s maintainer)');
    await maintainer.locator('summary').click();
    expect(await maintainer.innerText()).toContain('เมื่อเพิ่มไฟล์ frameworks/2569.yaml และ templates/explanations/2569.yaml แล้ว (ดู frameworks/README.md) ให้ลบบรรทัด framework ออก');
    await maintainer.locator('summary').click();
    await own.focus('#new-year-value');
    await own.keyboard.press('ArrowDown');
    expect(await own.inputValue('#new-year-value')).toBe('2569');
    await expect.poll(() => own.textContent('#new-year-note')).toBe('');
    await own.keyboard.press('ArrowUp');
    await expect.poll(() => own.textContent('#new-year-note')).toContain('๒๕๖๘');
    // The maintainer's words are one Tab away (Enter opens them), then the file name.
    await own.keyboard.press('Tab');
    expect(await own.evaluate('document.activeElement.closest("#new-year-note details") !== null')).toBe(true);
    await own.keyboard.press('Tab');
    expect(await own.getAttribute(':focus', 'id')).toBe('new-name');
    expect(await own.textContent('#new-name-note')).toBe('= ไฟล์ 2570/องค์การบริหารส่วนตำบลปีใหม่.yaml (file)');
    await own.keyboard.press('Tab');
    await own.keyboard.press('Enter');
    await expect.poll(() => own.textContent('#status')).toContain('2570/องค์การบริหารส่วนตำบลปีใหม่.yaml');
    expect(await own.inputValue('[data-path="agency"]')).toBe('องค์การบริหารส่วนตำบลปีใหม่');
    // The form's fiscal year suggests the same years.
    expect(await optionValues(own, '#fiscal-years option')).toEqual(offered);
    // A year typed without a framework leaves the indicator names as they were, never blank.
    await own.fill('[data-path="assessment_year"]', '2555');
    await own.waitForTimeout(800);
    expect(await own.textContent('label:has([data-path="scores.1"])')).toContain('การปฏิบัติหน้าที่');
    await own.fill('[data-path="assessment_year"]', '2569');
    await own.waitForTimeout(800);
    await own.close();

    await page.goto(`${base}/`);
    await page.click('#new-agency');
    await page.selectOption('#new-year-value', '2570');
    await page.fill('#new-name', 'agency-2570');
    await page.click('#new-agency-create');
    await expect.poll(() => page.textContent('#status')).toContain('2570/agency-2570.yaml');
    expect(await page.textContent('#status')).toContain('โปรแกรมรุ่นนี้ยังไม่มีกรอบการประเมินของปี พ.ศ. ๒๕๖๙ รายงานจึงใช้กรอบของปี ๒๕๖๘ ไปก่อนจนกว่าจะมี');
    expect(await page.textContent('#status')).not.toContain('frameworks/');
    // The scores are labelled with the 2568 indicators at once, never blank.
    expect(await page.textContent('label:has([data-path="scores.1"])')).toContain('ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่');
    expect(await page.textContent('label:has([data-path="scores.10"])')).toContain('การป้องกันการทุจริต');
    await page.fill('[data-path="agency"]', 'องค์การบริหารส่วนตำบลปีใหม่');
    await page.click('#save');
    // Run alone, this is the server's first save: its worker threads start cold.
    await expect.poll(() => page.textContent('#status'), { timeout: 10_000 }).toContain('บันทึกแล้ว');
    const file = path.join(dataDir, '2570', 'agency-2570.yaml');
    expect(readFileSync(file, 'utf8')).toMatch(/^assessment_year: 2569\nframework: 2568\n/m);
    // No framework error: what is left is the scores and measures the clerk has not typed yet.
    const checked = await checkFile(file);
    expect(checked.findings.filter((f) => f.code.startsWith('framework.'))).toEqual([]);

    // A file of that year without framework:, opened: the error beside its year says what the clerk
    // can do; the files to add are the maintainer's, folded away.
    const sample2570 = sampleText().replace(/^fiscal_year: 2566 /m, 'fiscal_year: 2570 ').replace(/^assessment_year: 2565 /m, 'assessment_year: 2569 ').replace(/^framework: 2565 .*\n/m, '');
    writeFileSync(path.join(dataDir, '2570', 'no-framework.yaml'), sample2570);
    await page.goto(`${base}/?file=2570/no-framework.yaml`);
    const error = page.locator('label:has([data-path="assessment_year"]) + .finding.error');
    await expect.poll(() => error.count()).toBe(1);
    expect(await error.innerText()).toMatch(/^ข้อผิดพลาด: ยังไม่มีกรอบการประเมินของปี พ.ศ. ๒๕๖๙ ในโปรแกรมรุ่นนี้ \(ล่าสุดคือปี ๒๕๖๘\) ให้แจ้งผู้ดูแลโปรแกรมเพื่อปรับปรุงโปรแกรม/);
    expect(await error.innerText()).not.toContain('frameworks/');
    await error.locator('details.for-maintainer summary').click();
    expect(await error.innerText()).toContain('add frameworks/2569.yaml as a copy of frameworks/2568.yaml');
  });

  it('a clerk\'s keyboard walk (issue 17): the notes beside the new file\'s name read on the dark header; a new agency\'s or next year\'s file is not shown as last year\'s in the list, and a new agency takes the keyboard in its first field; what it lacks is said beside its section', async () => {
    const own = await laptop('2566/nakhon-pathom.yaml');
    expect(await own.inputValue('#file')).toBe('2566/nakhon-pathom.yaml');
    await own.focus('#new-agency');
    await own.keyboard.press('Enter');
    await own.keyboard.type('องค์การบริหารส่วนตำบลหนองใหม่');
    /** WCAG's contrast ratio of the note's colour on the header's background. */
    const contrast = async (selector: string) => {
      const [fg, bg] = (await own.evaluate(`[getComputedStyle(document.querySelector(${JSON.stringify(selector)})).color, getComputedStyle(document.querySelector('header')).backgroundColor]`)) as string[];
      const luminance = (rgb: string) => {
        const [r, g, b] = rgb.match(/\d+/g)!.slice(0, 3).map((v) => Number(v) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
        return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
      };
      const [hi, lo] = [luminance(fg!), luminance(bg!)].sort((a, b) => b - a);
      return (hi! + 0.05) / (lo! + 0.05);
    };
    expect(await own.textContent('#new-name-note')).toContain('= ไฟล์');
    expect(await contrast('#new-name-note')).toBeGreaterThanOrEqual(4.5);
    await own.fill('#new-name', 'หนอง/ใหม่');
    expect(await own.getAttribute('#new-name-note', 'class')).toContain('error');
    expect(await contrast('#new-name-note')).toBeGreaterThanOrEqual(4.5);
    await own.fill('#new-name', 'หนองใหม่');
    await own.focus('#new-agency-create');
    await own.keyboard.press('Enter');
    await expect.poll(() => own.inputValue('[data-path="agency"]')).toBe('องค์การบริหารส่วนตำบลหนองใหม่');
    // The button pressed went with its form: the keyboard is in the new file's first field, not lost.
    await expect.poll(() => own.evaluate('document.activeElement?.dataset.path ?? document.activeElement?.tagName')).toBe('agency');
    expect(await own.inputValue('#file')).toBe('');
    // What the new file lacks is said where it goes (the scores, the measures), not in a pile at the top.
    await expect.poll(() => own.locator('#measures + .finding.error').count()).toBe(1);
    expect(await own.textContent('#measures + .finding.error')).toContain('ต้องมีอย่างน้อยหนึ่งรายการ');
    expect(await own.textContent('#scores + .finding.error')).toContain('ต้องมีข้อมูลอย่างน้อยหนึ่งรายการ');
    expect(await own.locator('#general-findings .finding').count()).toBe(0);
    // Next year's file: not yet in the list, which does not name last year's as the one open.
    await own.close();
    const again = await (await browser.newContext({ locale: 'th-TH' })).newPage();
    await again.goto(`${base}/?file=2566/nakhon-pathom.yaml`);
    await expect.poll(() => again.inputValue('[data-path="scores.1"]')).not.toBe('');
    await again.click('#new-year');
    await expect.poll(() => again.inputValue('[data-path="fiscal_year"]')).not.toBe('2566');
    expect(await again.inputValue('#file')).toBe('');
    await again.close();
  });

  it('the sticky header at 1366×768 (keyboard walk): a new agency of a year without a framework keeps the status to two lines; the notice is whole under the assessment year in the form and in the live region', async () => {
    const own = await laptop();
    await own.clock.setFixedTime(new Date('2026-11-30T10:00:00+07:00'));
    await own.goto(`${base}/`);
    await own.click('#new-agency');
    await own.fill('#new-agency-name', 'องค์การบริหารส่วนตำบลหนองใหม่');
    await expect.poll(() => own.inputValue('#new-year-value')).toBe('2570');
    await own.click('#new-agency-create');
    await expect.poll(() => own.evaluate('document.activeElement?.dataset.path')).toBe('agency');
    await expect.poll(() => own.textContent('#status')).toContain('2570/องค์การบริหารส่วนตำบลหนองใหม่.yaml');
    // The status laid out: how many lines (distinct tops of its text's boxes) and their height.
    const laid = (await own.evaluate(`(() => {
      const range = document.createRange();
      range.selectNodeContents(document.getElementById('status'));
      const rects = [...range.getClientRects()].filter((r) => r.width > 1 && r.height > 1);
      const bar = document.querySelector('#new-agency').getBoundingClientRect();
      const lines = new Set(rects.map((r) => Math.round(r.top))).size;
      return { lines, line: document.getElementById('status').getBoundingClientRect().height / lines, barBottom: bar.bottom, header: document.querySelector('header').getBoundingClientRect().height };
    })()`)) as { lines: number; line: number; barBottom: number; header: number };
    // At most two lines of status; the header no taller than its title and buttons, two such lines,
    // the bar's gap (0.6rem) and its padding (0.5rem), 24 px for both: about 175 px of the 768,
    // where the walk found 205 with three (a quarter of the screen, 192 px, is the most it may take).
    expect(laid.lines).toBeLessThanOrEqual(2);
    expect(laid.header).toBeLessThanOrEqual(laid.barBottom + 2 * laid.line + 24);
    expect(laid.header).toBeLessThanOrEqual(768 / 4);
    // The notice, whole, under the assessment year, visible in the first screen, and tied to the field.
    const notice = 'โปรแกรมรุ่นนี้ยังไม่มีกรอบการประเมินของปี พ.ศ. ๒๕๖๙ รายงานจึงใช้กรอบของปี ๒๕๖๘ ไปก่อนจนกว่าจะมี ให้แจ้งผู้ดูแลโปรแกรมเพื่อปรับปรุงโปรแกรม';
    const note = own.locator('#framework-note');
    expect(await note.innerText()).toContain(notice);
    expect(await note.innerText()).toMatch(/\(this version of the program has no 2569 framework yet, so the report uses the 2568 framework until it has one; ask whoever maintains the program/);
    const box = (await note.boundingBox())!;
    const year = (await own.locator('[data-path="assessment_year"]').boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(year.y + year.height - 2);
    expect(box.y + box.height).toBeLessThanOrEqual(768);
    expect((await own.getAttribute('[data-path="assessment_year"]', 'aria-describedby'))!.split(' ')).toContain('framework-note');
    // The status line points to it, and a screen reader hears it whole from the live region.
    expect(await own.innerText('#status')).toContain('ดูหมายเหตุใต้ปีของผลการประเมิน');
    expect(await own.getAttribute('#status', 'role')).toBe('status');
    expect(await own.textContent('#status')).toContain(notice);
    // A year that has its framework: no notice; an opened file has none either.
    await own.fill('[data-path="assessment_year"]', '2568');
    await expect.poll(() => note.isHidden(), { timeout: 5_000 }).toBe(true);
    expect(await own.getAttribute('[data-path="assessment_year"]', 'aria-describedby')).not.toContain('framework-note');
    await own.close();
  });

  it('the status line says what the page is doing (keyboard walk): the new agency\'s form opened and cancelled (ยกเลิก or Esc), not the last file\'s words', async () => {
    const own = await laptop('2566/nakhon-pathom.yaml');
    await own.click('#new-year');
    await expect.poll(() => own.textContent('#status')).toContain('ไฟล์ใหม่ 2567/nakhon-pathom.yaml');
    await own.focus('#new-agency');
    await own.keyboard.press('Enter');
    await expect.poll(() => own.getAttribute(':focus', 'id')).toBe('new-agency-name');
    expect(await own.textContent('#status')).not.toContain('ไฟล์ใหม่');
    expect(await own.textContent('#status')).toMatch(/^หน่วยงานใหม่: กรอกชื่อหน่วยงาน เลือกปีงบประมาณ แล้วกด “สร้าง” หรือ “ยกเลิก” \(Esc\) · แบบฟอร์มด้านล่างยังเป็นไฟล์ 2567\/nakhon-pathom.yaml \(new agency:/);
    // Esc: the form goes, the keyboard is back on its button, the status says what the form holds.
    await own.keyboard.press('Escape');
    expect(await own.isHidden('#new-agency-form')).toBe(true);
    expect(await own.getAttribute(':focus', 'id')).toBe('new-agency');
    expect(await own.textContent('#status')).toBe('ยกเลิกหน่วยงานใหม่ แบบฟอร์มยังเป็นไฟล์ 2567/nakhon-pathom.yaml (ยังไม่ได้บันทึก) (new agency cancelled; the form still holds 2567/nakhon-pathom.yaml)');
    // ยกเลิก, by keyboard, likewise; with no file open it says only that.
    await own.goto(`${base}/`);
    await own.click('#new-agency');
    expect(await own.textContent('#status')).toMatch(/^หน่วยงานใหม่: .*\(Esc\) \(new agency/);
    await own.focus('#new-agency-cancel');
    await own.keyboard.press('Enter');
    expect(await own.isHidden('#new-agency-form')).toBe(true);
    expect(await own.textContent('#status')).toBe('ยกเลิกหน่วยงานใหม่ (new agency cancelled)');
    await own.close();
  });

  it('tab order in a measure (keyboard walk): from a new measure\'s title, Tab reaches the step\'s text, then its ↑ ↓ ลบ, still drawn beside it at its top right', async () => {
    const own = await laptop('2566/nakhon-pathom.yaml');
    await own.focus('[data-add="measures"]');
    await own.keyboard.press('Enter');
    expect(await own.getAttribute(':focus', 'data-path')).toBe('measures[5].title');
    await own.keyboard.type('มาตรการทดสอบด้วยแป้นพิมพ์');
    await own.keyboard.press('Tab');
    expect(await own.getAttribute(':focus', 'data-path')).toBe('measures[5].steps[0]');
    await own.keyboard.type('ขั้นตอนแรก');
    for (const name of ['เลื่อนขั้นตอนที่ ๑ ของมาตรการที่ ๖ขึ้น', 'เลื่อนขั้นตอนที่ ๑ ของมาตรการที่ ๖ลง', 'ลบขั้นตอนที่ ๑ ของมาตรการที่ ๖']) {
      await own.keyboard.press('Tab');
      expect(await own.getAttribute(':focus', 'aria-label')).toBe(name);
    }
    await own.keyboard.press('Tab');
    expect(await own.getAttribute(':focus', 'aria-label')).toBe('เพิ่มขั้นตอนในมาตรการที่ ๖');
    // Drawn as before: the buttons at the top right of the step, right of its text, on its first line.
    const text = (await own.locator('[data-path="measures[5].steps[0]"]').boundingBox())!;
    const label = (await own.locator('label:has([data-path="measures[5].steps[0]"])').boundingBox())!;
    const remove = (await own.getByRole('button', { name: 'ลบขั้นตอนที่ ๑ ของมาตรการที่ ๖', exact: true }).boundingBox())!;
    expect(remove.x).toBeGreaterThanOrEqual(text.x + text.width);
    expect(remove.y).toBeLessThan(label.y + 12);
    await own.close();
  });

  it('opening by keyboard (keyboard walk): a file from the list, and next year\'s, take the keyboard to the form\'s first field and are said in the live region; arrows on the closed list go through it', async () => {
    // A file listed before the sample (กระบี่ sorts before นครปฐม): the arrow goes from one to the other.
    writeFileSync(path.join(dataDir, '2566', 'krabi.yaml'), sampleText().replace('agency: จังหวัดนครปฐม', 'agency: จังหวัดกระบี่'));
    const own = await laptop();
    await own.goto(`${base}/`);
    await own.waitForSelector('#file option[value="2566/krabi.yaml"]', { state: 'attached' });
    // Chosen from the opened list (its keys are the browser's; the page sees the change only).
    await own.selectOption('#file', '2566/krabi.yaml');
    await expect.poll(() => own.evaluate('document.activeElement?.dataset.path ?? document.activeElement?.id')).toBe('agency');
    expect(await own.inputValue('[data-path="agency"]')).toBe('จังหวัดกระบี่');
    expect(await own.getAttribute('#status', 'role')).toBe('status');
    expect(await own.textContent('#status')).toBe('เปิดไฟล์ 2566/krabi.yaml แล้ว: จังหวัดกระบี่ ปีงบประมาณ ๒๕๖๖ (opened 2566/krabi.yaml)');
    // Arrows on the closed list open each file in turn and leave the keyboard there; Enter goes to the form.
    await own.focus('#file');
    await own.keyboard.press('ArrowDown');
    await expect.poll(() => own.textContent('#status')).toMatch(/^เปิดไฟล์ .* · กด Enter เพื่อไปที่แบบฟอร์ม \(opened .*; Enter goes to the form\)$/);
    const opened = await own.inputValue('#file');
    expect(opened).not.toBe('2566/krabi.yaml');
    expect(await own.getAttribute(':focus', 'id')).toBe('file');
    await own.keyboard.press('Enter');
    expect(await own.getAttribute(':focus', 'data-path')).toBe('agency');
    expect(await own.inputValue('#file')).toBe(opened);
    // เริ่มปีใหม่จากไฟล์นี้ by keyboard: the button goes on to the new file's first field.
    await own.selectOption('#file', '2566/krabi.yaml');
    await expect.poll(() => own.textContent('#status')).toContain('เปิดไฟล์ 2566/krabi.yaml แล้ว');
    await own.focus('#new-year');
    await own.keyboard.press('Enter');
    await expect.poll(() => own.evaluate('document.activeElement?.dataset.path ?? document.activeElement?.id')).toBe('agency');
    expect(await own.inputValue('[data-path="fiscal_year"]')).toBe('2567');
    expect(await own.textContent('#status')).toBe('ไฟล์ใหม่ 2567/krabi.yaml: กรอกคะแนนของปีนี้ แล้วกดบันทึก');
    await own.close();
  });

  it('tab order in list rows (keyboard walk): a row of §4 or §5 and a measure take their fields first and their ↑ ↓ ลบ after them, still drawn at the row\'s top right', async () => {
    mkdirSync('/tmp/h17c-shots', { recursive: true });
    const own = await (await browser.newContext({ locale: 'th-TH', viewport: { width: 1366, height: 768 } })).newPage();
    await own.goto(`${base}/?file=2566/nakhon-pathom.yaml`);
    await expect.poll(() => own.inputValue('[data-path="scores.1"]')).not.toBe('');
    const focused = async () => (await own.getAttribute(':focus', 'data-path')) ?? (await own.getAttribute(':focus', 'aria-label'));
    const walk = async (from: string, expected: string[]) => {
      await own.focus(from);
      for (const next of expected) {
        await own.keyboard.press('Tab');
        expect(await focused()).toBe(next);
      }
    };
    const tools = (name: string) => [`เลื่อน${name}ขึ้น`, `เลื่อน${name}ลง`, `ลบ${name}`];
    for (const [section, no, before] of [['urgent', '๔', '[data-path="scores.10"]'], ['improve', '๕', '[data-add="urgent"]']] as const) {
      // From the field before the section, its first row's first field; the buttons after the row's fields; then the next row.
      await walk(before, [`${section}[0].indicator`, `${section}[0].points`, ...tools(`ตัวชี้วัดแถวที่ ๑ ของหัวข้อ ${no}`), `${section}[1].indicator`]);
    }
    await walk('[data-add="improve"]', ['measures[0].title', 'measures[0].steps[0]']);
    await walk('[data-path="measures[0].monitoring"]', [...tools('มาตรการที่ ๑'), 'measures[1].title']);
    // Drawn as before: a row's buttons at its top right, right of its first field, on its first line.
    for (const [field, name] of [['measures[0].title', 'ลบมาตรการที่ ๑'], ['urgent[0].indicator', 'ลบตัวชี้วัดแถวที่ ๑ ของหัวข้อ ๔']]) {
      const input = (await own.locator(`[data-path="${field}"]`).boundingBox())!;
      const label = (await own.locator(`label:has([data-path="${field}"])`).boundingBox())!;
      const remove = (await own.getByRole('button', { name, exact: true }).boundingBox())!;
      expect(remove.x).toBeGreaterThanOrEqual(input.x + input.width);
      expect(remove.y).toBeLessThan(label.y + 12);
    }
    await own.locator('[data-path="urgent[0].points"]').focus();
    await own.screenshot({ path: '/tmp/h17c-shots/1-issue-row-fields-then-tools.png' });
    await own.getByRole('button', { name: 'ลบมาตรการที่ ๑', exact: true }).focus();
    await own.locator('[data-path="measures[0].title"]').scrollIntoViewIfNeeded();
    await own.screenshot({ path: '/tmp/h17c-shots/1-measure-tools-after-fields.png' });
    await own.close();
  });

  it('a file opened from a link (?file=) says in the status line which file it opened, as the list does, with the refused file names of the folder kept after it', async () => {
    // A folder of its own: the shared one's sample has been renamed by the tests before.
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'ita-browser-link-')), 'data');
    mkdirSync(path.join(dir, '2566'), { recursive: true });
    copyFileSync(SAMPLE, path.join(dir, '2566', 'nakhon-pathom.yaml'));
    const other = createAppServer({ dataDir: dir, port: 0 });
    const own = await (await browser.newContext({ locale: 'th-TH' })).newPage();
    try {
      const link = `http://127.0.0.1:${await listen(other, { dataDir: dir, port: 0 })}/?file=2566/nakhon-pathom.yaml`;
      const opened = 'เปิดไฟล์ 2566/nakhon-pathom.yaml แล้ว: จังหวัดนครปฐม ปีงบประมาณ ๒๕๖๖ (opened 2566/nakhon-pathom.yaml)';
      await own.goto(link);
      // The first file of a new server: its check thread starts cold (seconds under a loaded full run).
      await expect.poll(() => own.textContent('#status'), { timeout: 30_000 }).toBe(opened);
      // Still said once the preview has come (its "rendering" words do not take the line over).
      await expect.poll(() => own.getAttribute('#preview', 'src'), { timeout: 30_000 }).toMatch(/^blob:/);
      expect(await own.textContent('#status')).toBe(opened);

      // A file whose name the page cannot use: named after the file opened, not dropped.
      copyFileSync(SAMPLE, path.join(dir, '2566', 'ชื่อ มีวรรค.yaml'));
      await own.goto(link);
      await expect.poll(() => own.textContent('#status'), { timeout: 30_000 }).toMatch(new RegExp(`^${opened.replace(/[.()/]/g, '\\$&')} · ชื่อไฟล์ "2566/ชื่อ มีวรรค\\.yaml" ใช้ไม่ได้: .*\\(file name "2566/ชื่อ มีวรรค\\.yaml" refused: `));
    } finally {
      await own.close();
      await new Promise<void>((resolve) => other.close(() => resolve()));
    }
  });

  it('names a clerk understands (issue 17): the agency\'s Thai name gives the file name, shown and editable; a name that cannot be one is refused beside the field; the file is saved under its Thai name', async () => {
    await page.goto(`${base}/`);
    await page.click('#new-agency');
    await page.selectOption('#new-year-value', '2566');
    await page.fill('#new-agency-name', 'อบต. บ้าน/ใหม่');
    expect(await page.inputValue('#new-name')).toBe('อบต-บ้าน-ใหม่');
    expect(await page.textContent('#new-name-note')).toBe('= ไฟล์ 2566/อบต-บ้าน-ใหม่.yaml (file)');
    // Edited by the clerk: refused beside the field, Thai first, English beside; the keyboard goes there.
    await page.fill('#new-name', 'บ้าน/ใหม่');
    const note = await page.textContent('#new-name-note');
    expect(note).toMatch(/^ชื่อไฟล์มี “\/” ซึ่งใช้ไม่ได้: ใช้ได้เฉพาะตัวอักษรไทยหรืออังกฤษ.*\(the file name holds “\/”: letters \(Thai or Latin\)/);
    expect(await page.getAttribute('#new-name', 'aria-invalid')).toBe('true');
    await page.fill('#new-name', 'บ้าน ใหม่');
    expect(await page.textContent('#new-name-note')).toContain('เว้นวรรค');
    await page.click('#new-agency-create');
    expect(await page.getAttribute(':focus', 'id')).toBe('new-name');
    expect(await page.isVisible('#form')).toBe(false);
    // Once the clerk wrote a name, the agency's no longer replaces it; emptied, it follows again.
    await page.fill('#new-name', 'บ้านใหม่');
    await page.fill('#new-agency-name', 'องค์การบริหารส่วนตำบลบ้านใหม่');
    expect(await page.inputValue('#new-name')).toBe('บ้านใหม่');
    expect(await page.getAttribute('#new-name', 'aria-invalid')).toBeNull();
    await page.fill('#new-name', '');
    await page.fill('#new-agency-name', 'องค์การบริหารส่วนตำบลบ้านใหม่');
    expect(await page.inputValue('#new-name')).toBe('องค์การบริหารส่วนตำบลบ้านใหม่');
    await page.click('#new-agency-create');
    await expect.poll(() => page.textContent('#status')).toContain('ไฟล์ใหม่ 2566/องค์การบริหารส่วนตำบลบ้านใหม่.yaml');
    expect(await page.inputValue('[data-path="agency"]')).toBe('องค์การบริหารส่วนตำบลบ้านใหม่');
    await page.click('#save');
    await expect.poll(() => page.textContent('#status'), { timeout: 10_000 }).toContain('บันทึกแล้ว');
    expect(readFileSync(path.join(dataDir, '2566', 'องค์การบริหารส่วนตำบลบ้านใหม่.yaml'), 'utf8')).toMatch(/^agency: องค์การบริหารส่วนตำบลบ้านใหม่\nfiscal_year: 2566\n/);

    // The list names each file by agency and year, in a group per year, newest first; the saved
    // file is chosen in it; a file that does not parse is listed by its path with a note.
    writeFileSync(path.join(dataDir, '2566', 'broken.yaml'), 'agency: [\n');
    await page.goto(`${base}/`);
    await page.waitForSelector('#file option[value="2566/broken.yaml"]', { state: 'attached' });
    const groups = await page.locator('#file optgroup').evaluateAll((gs) => gs.map((g) => g.getAttribute('label')));
    expect(groups.slice(0, 3)).toEqual(['ปีงบประมาณ ๒๕๗๐', 'ปีงบประมาณ ๒๕๖๗', 'ปีงบประมาณ ๒๕๖๖']);
    expect(groups.at(-1)).toBe('ไฟล์อื่น (other files)');
    const y2566 = page.locator('#file optgroup[label="ปีงบประมาณ ๒๕๖๖"] option');
    const texts = await y2566.allTextContents();
    expect(texts).toContain('จังหวัดนครปฐม · ปีงบประมาณ ๒๕๖๖');
    expect(texts).toContain('องค์การบริหารส่วนตำบลบ้านใหม่ · ปีงบประมาณ ๒๕๖๖');
    // Sorted by agency in Thai order within the year.
    expect([...texts].sort((a, b) => a.localeCompare(b, 'th'))).toEqual(texts);
    expect(await page.locator('#file option[value="2566/broken.yaml"]').textContent()).toBe('2566/broken.yaml (อ่านไฟล์นี้ไม่ได้ เปิดเพื่อดูว่าผิดที่ใด · this file does not parse: open it to see where)');
    expect(await page.getAttribute('#file option[value="2566/nakhon-pathom.yaml"]', 'title')).toBe('2566/nakhon-pathom.yaml');
    rmSync(path.join(dataDir, '2566', 'broken.yaml'));
    await page.selectOption('#file', '2566/องค์การบริหารส่วนตำบลบ้านใหม่.yaml');
    await expect.poll(() => page.inputValue('[data-path="agency"]')).toBe('องค์การบริหารส่วนตำบลบ้านใหม่');
  });

  it('progress on the measures (issue 13): a status and a result, the finding beside them, evidence by keyboard, the follow-up preview and download, the save', async () => {
    const file = path.join(dataDir, '2566', 'progress.yaml');
    copyFileSync(FOLLOWUP_FIXTURE, file);
    await page.goto(`${base}/?file=2566/progress.yaml`);
    const status = '[data-path="followup.6.measures.1.steps.3.status"]';
    await expect.poll(() => page.locator(status).count(), { timeout: 15_000 }).toBe(1);
    // The measure and the step are named for a screen reader; a step the round does not have is not started yet.
    expect(await page.getAttribute(status, 'aria-label')).toBe('สถานะ มาตรการที่ ๑ ขั้นตอนที่ ๓');
    expect(await page.inputValue(status)).toBe('');
    expect(await page.textContent('[data-path="followup.6.measures.1.steps.3"] .step-text')).toBe('ขั้นตอนที่ ๓ แต่งตั้งคณะทำงาน กำกับดูแล ตรวจสอบการใช้ทรัพย์สินของราชการ');
    // A status written as the English code shows as its Thai words.
    expect(await page.inputValue('[data-path="followup.6.measures.2.steps.1.status"]')).toBe('ดำเนินการแล้วเสร็จ');
    await page.selectOption(status, 'ดำเนินการแล้วเสร็จ');
    const warning = page.locator(`label:has(${status}) + .finding.warning`);
    await expect.poll(() => warning.count(), { timeout: 10_000 }).toBe(1);
    expect(await warning.textContent()).toContain('ดำเนินการแล้วเสร็จ แต่ยังไม่ได้กรอกผลการดำเนินการ');
    await page.fill('[data-path="followup.6.measures.1.steps.3.result"]', 'แต่งตั้งคณะทำงานแล้ว');
    await expect.poll(() => warning.count(), { timeout: 10_000 }).toBe(0);
    await page.selectOption('[data-path="followup.6.measures.1.steps.2.status"]', 'ดำเนินการแล้วเสร็จ');
    // Evidence: the new row takes the keyboard.
    await page.click('[aria-label="เพิ่มหลักฐาน มาตรการที่ ๑ ขั้นตอนที่ ๓"]');
    expect(await page.getAttribute(':focus', 'aria-label')).toBe('ชื่อหลักฐาน หลักฐานที่ ๑ มาตรการที่ ๑ ขั้นตอนที่ ๓');
    await page.keyboard.type('คำสั่งแต่งตั้งคณะทำงาน');
    await page.keyboard.press('Tab');
    await page.keyboard.type('https://www.example.go.th/ita/order.pdf');
    // The follow-up report of the round, with the new counts: 4 of 13 steps done.
    await page.check('input[name=kind][value="followup-6-months"]');
    let text = '';
    await expect
      .poll(async () => {
        const preview = await previewText(page, lastPreview);
        lastPreview = preview.src;
        text = squash(preview.text);
        return text.includes(squash('ดำเนินการแล้วเสร็จ ๔ ขั้นตอน'));
      }, { timeout: 30_000 })
      .toBe(true);
    expect(text).toContain(squash('อยู่ระหว่างดำเนินการ ๐ ขั้นตอน และยังไม่ได้ดำเนินการ ๙ ขั้นตอน'));
    expect(text).toContain(squash('ร้อยละ ๓๐.๗๗ (สามสิบจุดเจ็ดเจ็ด)'));
    expect(text).toContain(squash('แต่งตั้งคณะทำงานแล้ว'));
    expect(text).toContain(squash('คำสั่งแต่งตั้งคณะทำงาน https://www.example.go.th/ita/order.pdf'));
    const download = downloadNamed(page, 'จังหวัดนครปฐม-2566-followup-6-months.pdf');
    await page.click('[data-download="followup-6-months.pdf"]');
    expect((await download).suggestedFilename()).toBe('จังหวัดนครปฐม-2566-followup-6-months.pdf');
    await page.click('#save');
    await expect.poll(() => page.textContent('#status')).toContain('บันทึกแล้ว');
    // The new values where they belong, every other line as it was (comments, layout, the other round).
    const fixture = readFileSync(FOLLOWUP_FIXTURE, 'utf8');
    const expected = fixture
      .replace('          2:\n            status: อยู่ระหว่างดำเนินการ\n', '          2:\n            status: ดำเนินการแล้วเสร็จ\n')
      .replace(
        '            suggestions: ประชาสัมพันธ์ในการประชุมประจำเดือน\n',
        '            suggestions: ประชาสัมพันธ์ในการประชุมประจำเดือน\n' +
          '          3:\n            status: ดำเนินการแล้วเสร็จ\n            result: แต่งตั้งคณะทำงานแล้ว\n' +
          '            evidence:\n              - title: คำสั่งแต่งตั้งคณะทำงาน\n                url: https://www.example.go.th/ita/order.pdf\n',
      );
    expect(expected).not.toBe(fixture);
    expect(readFileSync(file, 'utf8')).toBe(expected);
  });

  it('adds a round that the file does not have yet; the preview offers its report; a step given a status is saved, nothing else', async () => {
    const file = path.join(dataDir, '2566', 'rounds.yaml');
    writeFileSync(file, sampleText());
    await page.goto(`${base}/?file=2566/rounds.yaml`);
    await expect.poll(() => page.locator('[data-add-round="6"]').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.locator('input[name=kind][value^="followup-"]').count()).toBe(0);
    await page.click('[data-add-round="12"]');
    // Chosen in the form and in the preview, and the keyboard is on the round chooser.
    expect(await page.inputValue('#followup-round')).toBe('12');
    expect(await page.isChecked('input[name=kind][value="followup-12-months"]')).toBe(true);
    expect(await page.getAttribute(':focus', 'id')).toBe('followup-round');
    expect(await page.textContent('#followup-section')).toContain('มาตรการที่ ๕ การใช้งบประมาณ');
    await page.selectOption('[data-path="followup.12.measures.5.steps.2.status"]', 'อยู่ระหว่างดำเนินการ');
    // A field typed and emptied again leaves nothing behind (no empty text in the file).
    await page.fill('[data-path="followup.12.measures.5.problems"]', 'x');
    await page.fill('[data-path="followup.12.measures.5.problems"]', '');
    await page.click('#save');
    await expect.poll(() => page.textContent('#status')).toContain('บันทึกแล้ว');
    expect(readFileSync(file, 'utf8')).toBe(`${sampleText()}followup:\n  "12":\n    measures:\n      5:\n        steps:\n          2:\n            status: อยู่ระหว่างดำเนินการ\n`);
    const checked = await checkFile(file);
    expect(checked.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(checked.data?.followup).toHaveLength(1);
    // Measures of §6 removed or moved take their progress along: measure ๑ removed, ๕ is ๔ …
    // A date of measure ๑'s progress that cannot be read stops a save while the measure is there …
    await page.selectOption('[data-path="followup.12.measures.1.steps.1.when"] select', 'dates');
    await page.fill('[data-path="followup.12.measures.1.steps.1.when.from"]', '31 ก.พ. 67');
    expect(await page.textContent('[data-path="followup.12.measures.1.steps.1.when.from"] + .typed-note')).toContain('ไม่มีวันที่นี้ในปฏิทิน');
    // … and goes with it. Removing a measure asks first (issue 17).
    page.once('dialog', (d) => void d.accept());
    await page.click('#measures > .row:nth-child(1) > .tools button[title="ลบรายการนี้"]');
    expect(await page.inputValue('[data-path="followup.12.measures.4.steps.2.status"]')).toBe('อยู่ระหว่างดำเนินการ');
    expect(await page.textContent('[data-measure-title="4"]')).toBe('การใช้งบประมาณ');
    // … and moved up, ๓.
    await page.click('#measures > .row:nth-child(4) > .tools button[title="เลื่อนขึ้น"]');
    expect(await page.inputValue('[data-path="followup.12.measures.3.steps.2.status"]')).toBe('อยู่ระหว่างดำเนินการ');
    expect(await page.inputValue('[data-path="followup.12.measures.4.steps.2.status"]')).toBe('');
    await page.click('#save');
    await expect.poll(() => page.locator('#save').isDisabled()).toBe(true);
    expect((parse(readFileSync(file, 'utf8')) as { followup: Record<string, unknown> }).followup).toEqual({ '12': { measures: { '3': { steps: { '2': { status: 'อยู่ระหว่างดำเนินการ' } } } } } });
  });

  it('nothing typed is dropped (issue 17): Thai digits, a decimal comma, thousands, % and ล้าน typed or pasted are read and shown as understood; what cannot be read is refused beside the field and stops the save; dates are day, month, B.E.; line breaks kept', async () => {
    const file = path.join(dataDir, '2566', 'typed.yaml');
    writeFileSync(file, sampleText());
    await page.goto(`${base}/?file=2566/typed.yaml`);
    await expect.poll(() => page.inputValue('[data-path="scores.1"]')).toBe('92.56');
    const note = (p: string) => page.textContent(`[data-path="${p}"] + .typed-note`);
    // Typed key by key, and pasted (one input event of the whole text).
    await page.fill('[data-path="scores.1"]', '');
    await page.focus('[data-path="scores.1"]');
    await page.keyboard.type('๙๒.๕');
    expect(await note('scores.1')).toBe('= ๙๒.๕ (พิมพ์ในรายงานเป็น ๙๒.๕๐ · the report prints 92.50)');
    await page.fill('[data-path="scores.2"]', '');
    await page.focus('[data-path="scores.2"]');
    await page.keyboard.insertText('92,5');
    expect(await note('scores.2')).toBe('= ๙๒.๕ (พิมพ์ในรายงานเป็น ๙๒.๕๐ · the report prints 92.50)');
    // A whole score prints without decimals, as the reference report prints ร้อยละ ๑๐๐ and ๙๗:
    // typed with them, the note says how it prints; typed as it prints, nothing more is said.
    await page.fill('[data-path="scores.5"]', '89.00');
    expect(await note('scores.5')).toBe('= ๘๙ (พิมพ์ในรายงานเป็น ๘๙ · the report prints 89)');
    await page.fill('[data-path="scores.5"]', '๘๙');
    expect(await note('scores.5')).toBe('= ๘๙');
    await page.fill('[data-path="scores.5"]', '99.999');
    expect(await note('scores.5')).toBe('= ๙๙.๙๙๙ (พิมพ์ในรายงานเป็น ๑๐๐ · the report prints 100)');
    await page.fill('[data-path="scores.5"]', '86.56');
    await page.fill('[data-path="scores.3"]', '93.68%');
    expect(await note('scores.3')).toBe('= ๙๓.๖๘');
    expect(await page.getAttribute('[data-path="scores.3"]', 'inputmode')).toBe('decimal');
    await page.fill('[data-path="measures[0].budget"]', '');
    await page.focus('[data-path="measures[0].budget"]');
    await page.keyboard.insertText('๕๐,๐๐๐');
    expect(await note('measures[0].budget')).toBe('= ๕๐,๐๐๐ บาท');
    await page.focus('[data-path="measures[1].budget"]');
    await page.keyboard.type('1.5 ล้าน');
    expect(await note('measures[1].budget')).toBe('= ๑,๕๐๐,๐๐๐ บาท');
    // Dates as day, month, B.E. year: a text field, never the browser's mm/dd/yyyy picker.
    expect(await page.getAttribute('[data-path="signatory.date"]', 'type')).toBe('text');
    await page.fill('[data-path="signatory.date"]', '15/01/2567');
    expect(await note('signatory.date')).toBe('= ๑๕ มกราคม พ.ศ. ๒๕๖๗');
    await page.selectOption('[data-path="measures[0].period"] select', 'dates');
    await page.fill('[data-path="measures[0].period.from"]', '1 ต.ค. 66');
    await page.fill('[data-path="measures[0].period.to"]', '๓๐ กันยายน พ.ศ. ๒๕๖๗');
    expect(await note('measures[0].period.to')).toBe('= ๓๐ กันยายน พ.ศ. ๒๕๖๗');
    // A line break in a step is kept.
    await page.fill('[data-path="measures[0].steps[0]"]', 'บรรทัดแรก\nบรรทัดที่สอง');

    // What cannot be read: said beside the field, marked, the text kept; the save refused.
    await page.fill('[data-path="scores.4"]', '82 14');
    const score4 = '[data-path="scores.4"]';
    expect(await note('scores.4')).toContain('อ่านไม่ได้');
    expect(await note('scores.4')).toContain('cannot read');
    expect(await page.getAttribute(score4, 'class')).toContain('unreadable');
    expect(await page.getAttribute(score4, 'aria-invalid')).toBe('true');
    const describedBy = (await page.getAttribute(score4, 'aria-describedby'))!;
    expect(await page.textContent(`#${describedBy.split(' ')[0]}`)).toContain('อ่านไม่ได้');
    await expect.poll(() => page.textContent('#announce')).toContain('อ่านไม่ได้');
    await page.fill('[data-path="measures[2].budget"]', '10 %');
    expect(await note('measures[2].budget')).toContain('ไม่ใช่ร้อยละ');
    await page.click('#save');
    expect(await page.textContent('#status')).toContain('ยังไม่ได้บันทึก: มีช่องที่อ่านไม่ได้ ๒ ช่อง');
    expect(await page.getAttribute(':focus', 'data-path')).toBe('scores.4');
    expect(readFileSync(file, 'utf8')).toBe(sampleText());
    // Adding a step draws §6 again: the unread text stays, and still stops the save.
    await page.click('#measures > .row:nth-child(1) button:text("+ เพิ่มขั้นตอน")');
    expect(await page.inputValue('[data-path="measures[2].budget"]')).toBe('10 %');
    expect(await page.getAttribute('[data-path="measures[2].budget"]', 'class')).toContain('unreadable');
    await page.fill('[data-path="measures[2].budget"]', '');
    await page.fill(score4, '82.14');
    expect(await page.getAttribute(score4, 'aria-invalid')).toBeNull();
    await page.click('#save');
    await expect.poll(() => page.textContent('#status')).toContain('บันทึกแล้ว');
    const saved = parse(readFileSync(file, 'utf8')) as { scores: Record<string, number>; measures: { budget?: number; steps: string[]; period?: unknown }[]; signatory: { date: string } };
    expect(saved.scores).toMatchObject({ 1: 92.5, 2: 92.5, 3: 93.68, 4: 82.14 });
    expect(saved.measures.map((m) => m.budget)).toEqual([50000, 1500000, undefined, undefined, undefined]);
    expect(saved.measures[0]!.steps[0]).toBe('บรรทัดแรก\nบรรทัดที่สอง');
    expect(saved.signatory.date).toBe('2024-01-15');
    expect(saved.measures[0]).toMatchObject({ period: { from: '2023-10-01', to: '2024-09-30' } });
    // Opened again, the date reads as the clerk wrote it, in Thai.
    await page.goto(`${base}/?file=2566/typed.yaml`);
    await expect.poll(() => page.inputValue('[data-path="signatory.date"]')).toBe('๑๕ มกราคม พ.ศ. ๒๕๖๗');
  });

  it('work is protected (issue 17): Ctrl+S saves; leaving, opening another file or a new agency with unsaved work asks; removing a measure or a step asks; next year\'s file that exists is offered before any typing', async () => {
    const file = path.join(dataDir, '2566', 'protect.yaml');
    writeFileSync(file, sampleText());
    await page.goto(`${base}/?file=2566/protect.yaml`);
    await expect.poll(() => page.inputValue('[data-path="agency"]')).toBe('จังหวัดนครปฐม');
    const dialogs: string[] = [];
    const answer = (accept: boolean) => page.once('dialog', (d) => (dialogs.push(d.message()), void (accept ? d.accept() : d.dismiss())));
    const unloadAsks = () => page.evaluate(() => {
      const event = new Event('beforeunload', { cancelable: true });
      // The page's window, as an EventTarget (the tests' types have no DOM).
      (globalThis as unknown as EventTarget).dispatchEvent(event);
      return event.defaultPrevented;
    });
    expect(await unloadAsks()).toBe(false);
    await page.fill('[data-path="agency"]', 'จังหวัดบันทึกด้วยแป้นพิมพ์');
    expect(await unloadAsks()).toBe(true);
    await page.keyboard.press('Control+s');
    await expect.poll(() => page.textContent('#status')).toContain('บันทึกแล้ว');
    expect(readFileSync(file, 'utf8')).toContain('agency: จังหวัดบันทึกด้วยแป้นพิมพ์');
    expect(await unloadAsks()).toBe(false);
    await page.fill('[data-path="agency"]', 'จังหวัดยังไม่บันทึก');
    await page.keyboard.press('Meta+s');
    await expect.poll(() => readFileSync(file, 'utf8')).toContain('agency: จังหวัดยังไม่บันทึก');

    // Another file with unsaved work: asked, and "Cancel" keeps the form as it is.
    await page.fill('[data-path="agency"]', 'จังหวัดงานค้าง');
    answer(false);
    await page.selectOption('#file', '2566/nakhon-pathom.yaml');
    expect(dialogs.pop()).toContain('ยังไม่ได้บันทึก');
    expect(await page.inputValue('#file')).toBe('2566/protect.yaml');
    expect(await page.inputValue('[data-path="agency"]')).toBe('จังหวัดงานค้าง');
    // A new agency, likewise.
    await page.click('#new-agency');
    await page.selectOption('#new-year-value', '2567');
    await page.fill('#new-name', 'not-started');
    answer(false);
    await page.click('#new-agency-create');
    expect(dialogs.pop()).toContain('ยังไม่ได้บันทึก');
    expect(await page.inputValue('[data-path="agency"]')).toBe('จังหวัดงานค้าง');

    // Removing a step, then a measure, asks first and names it; "Cancel" keeps it.
    const steps = async () => page.locator('#measures > .row:nth-child(1) textarea[data-path^="measures[0].steps"]').count();
    const before = await steps();
    answer(false);
    await page.click('#measures > .row:nth-child(1) > .row:nth-of-type(2) button[title="ลบรายการนี้"]');
    expect(dialogs.pop()).toContain('ลบขั้นตอนที่ ๒ ของมาตรการที่ ๑');
    expect(await steps()).toBe(before);
    answer(true);
    await page.click('#measures > .row:nth-child(1) > .row:nth-of-type(2) button[title="ลบรายการนี้"]');
    expect(await steps()).toBe(before - 1);
    dialogs.pop();
    const measures = () => page.locator('#measures > .row').count();
    const count = await measures();
    answer(false);
    await page.click('#measures > .row:nth-child(1) > .tools button[title="ลบรายการนี้"]');
    expect(dialogs.pop()).toMatch(/^ลบมาตรการที่ ๑ “การใช้ทรัพย์สินของราชการ” พร้อมขั้นตอนทั้งหมด/);
    expect(await measures()).toBe(count);
    // A new empty measure goes without a question.
    await page.click('[data-add="measures"]');
    await page.click(`#measures > .row:nth-child(${count + 1}) > .tools button[title="ลบรายการนี้"]`);
    expect(await measures()).toBe(count);
    expect(dialogs).toEqual([]);
    await page.keyboard.press('Control+s');
    await expect.poll(() => page.textContent('#status')).toContain('บันทึกแล้ว');

    // Next year's file exists: offered at once, and opened.
    mkdirSync(path.join(dataDir, '2567'), { recursive: true });
    writeFileSync(path.join(dataDir, '2567', 'protect.yaml'), sampleText().replace('fiscal_year: 2566', 'fiscal_year: 2567').replace('agency: จังหวัดนครปฐม', 'agency: จังหวัดปีถัดไป'));
    await page.goto(`${base}/?file=2566/protect.yaml`);
    await expect.poll(() => page.isDisabled('#new-year')).toBe(false);
    answer(true);
    await page.click('#new-year');
    await expect.poll(() => page.inputValue('[data-path="agency"]')).toBe('จังหวัดปีถัดไป');
    expect(dialogs.pop()).toContain('มีไฟล์ของปีถัดไปอยู่แล้ว: 2567/protect.yaml');
    await expect.poll(() => page.inputValue('#file')).toBe('2567/protect.yaml');
    expect(await page.textContent('#status')).toContain('เปิดไฟล์ของปีถัดไปที่มีอยู่แล้ว');
  });

  it('keyboard and screen reader (issue 17): a step added by keyboard takes the keyboard, clear of the header; every control named with its measure and step; errors tied to their field and read out; targets of 24 px and more', async () => {
    const file = path.join(dataDir, '2566', 'keyboard.yaml');
    writeFileSync(file, sampleText());
    await page.goto(`${base}/?file=2566/keyboard.yaml`);
    await expect.poll(() => page.inputValue('[data-path="scores.4"]')).toBe('82.14');
    // Keyboard only: from the title of measure ๑, Tab to its add-step button, Enter, type.
    await page.focus('[data-path="measures[0].title"]');
    let tabs = 0;
    while ((await page.getAttribute(':focus', 'aria-label')) !== 'เพิ่มขั้นตอนในมาตรการที่ ๑' && tabs++ < 40) await page.keyboard.press('Tab');
    const steps = await page.locator('textarea[data-path^="measures[0].steps"]').count();
    await page.keyboard.press('Enter');
    const label = `ขั้นตอนที่ ${['๐', '๑', '๒', '๓', '๔', '๕', '๖', '๗', '๘', '๙'][steps + 1]} ของมาตรการที่ ๑`;
    expect(await page.getAttribute(':focus', 'aria-label')).toBe(label);
    await page.keyboard.type('ขั้นตอนที่พิมพ์ด้วยแป้นพิมพ์');
    expect(await page.inputValue(`[data-path="measures[0].steps[${steps}]"]`)).toBe('ขั้นตอนที่พิมพ์ด้วยแป้นพิมพ์');
    // In view, below the sticky header.
    const header = (await page.locator('header').boundingBox())!;
    const focused = (await page.locator(':focus').boundingBox())!;
    expect(focused.y).toBeGreaterThanOrEqual(header.y + header.height);
    expect(focused.y + focused.height).toBeLessThanOrEqual(page.viewportSize()!.height);
    // A new measure and a new §4 row take the keyboard too.
    await page.focus('[data-add="measures"]');
    await page.keyboard.press('Enter');
    expect(await page.getAttribute(':focus', 'data-path')).toBe('measures[5].title');
    await page.focus('[data-add="urgent"]');
    await page.keyboard.press('Enter');
    expect(await page.getAttribute(':focus', 'aria-label')).toBe('ตัวชี้วัด แถวที่ ๓ ของหัวข้อ ๔');
    // Moved by keyboard, a step keeps the keyboard on its button at its new place.
    await page.focus('[aria-label="เลื่อนขั้นตอนที่ ๒ ของมาตรการที่ ๑ขึ้น"]');
    await page.keyboard.press('Enter');
    expect(await page.getAttribute(':focus', 'aria-label')).toBe('เลื่อนขั้นตอนที่ ๑ ของมาตรการที่ ๑ขึ้น');

    // Names: every control of the form has one, none the same as another's.
    const names = (await page.evaluate(`[...document.querySelectorAll('#form :is(button, input, select, textarea)')].map((e) => {
      const own = e.getAttribute('aria-label');
      if (own) return own;
      const label = e.closest('label');
      return (label ? label.firstChild?.textContent : e.textContent)?.trim() ?? '';
    })`)) as string[];
    expect(names.filter((n) => n === '')).toEqual([]);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
    expect(names).toContain('ลบขั้นตอนที่ ๒ ของมาตรการที่ ๑');
    expect(names).toContain('งบประมาณ (บาท) มาตรการที่ ๓');
    expect(names).toContain('เลื่อนมาตรการที่ ๒ลง');
    // Targets: the arrow buttons at least 24 × 24 px, button text at the body's size.
    const arrow = (await page.locator('[aria-label="เลื่อนมาตรการที่ ๒ลง"]').boundingBox())!;
    expect(arrow.width).toBeGreaterThanOrEqual(24);
    expect(arrow.height).toBeGreaterThanOrEqual(24);
    const sizes = (await page.evaluate(`[getComputedStyle(document.body).fontSize, getComputedStyle(document.querySelector('[data-add="measures"]')).fontSize]`)) as string[];
    expect(sizes[1]).toBe(sizes[0]);

    // An error of the check: the field marked and described by it, and read out.
    await page.fill('[data-path="scores.4"]', '182.14');
    const error = page.locator('label:has([data-path="scores.4"]) + .finding.error');
    await expect.poll(() => error.count()).toBe(1);
    expect(await page.getAttribute('[data-path="scores.4"]', 'aria-invalid')).toBe('true');
    // Its numbers after Thai words in Thai digits, as the labels write them.
    expect(await error.textContent()).not.toMatch(/[ก-๛] ?[0-9]/);
    const ids = (await page.getAttribute('[data-path="scores.4"]', 'aria-describedby'))!.split(' ');
    expect(ids).toContain(await error.getAttribute('id'));
    await expect.poll(() => page.textContent('#announce')).toContain('ข้อผิดพลาด');
    await page.fill('[data-path="scores.4"]', '82.14');
    await expect.poll(() => error.count()).toBe(0);
    expect(await page.getAttribute('[data-path="scores.4"]', 'aria-invalid')).toBeNull();
    expect((await page.getAttribute('[data-path="scores.4"]', 'aria-describedby'))!.split(' ')).toHaveLength(1);
    // Leave the file as it was, so that the next test is not asked about unsaved work.
    await page.keyboard.press('Control+s');
    await expect.poll(() => page.textContent('#status')).toContain('บันทึกแล้ว');
  });

  it('a score\'s row reads cleanly at 1366×768 and 1920×1080: the value understood on one line beside the field, how the score prints on a line of its own, never a word a line', async () => {
    for (const viewport of [{ width: 1366, height: 768 }, { width: 1920, height: 1080 }]) {
      const own = await (await browser.newContext({ locale: 'th-TH', viewport })).newPage();
      await own.goto(`${base}/?file=2566/nakhon-pathom.yaml`);
      await expect.poll(() => own.inputValue('[data-path="scores.1"]')).not.toBe('');
      await own.fill('[data-path="scores.1"]', '89.00');
      await own.fill('[data-path="scores.2"]', '๙๒,๕');
      for (const [path, value, aside] of [
        ['scores.1', '= ๘๙', ' (พิมพ์ในรายงานเป็น ๘๙ · the report prints 89)'],
        ['scores.2', '= ๙๒.๕', ' (พิมพ์ในรายงานเป็น ๙๒.๕๐ · the report prints 92.50)'],
        ['scores.4', '= ๘๒.๑๔', null],
      ] as const) {
        // The lines each part of the note is laid out on (the distinct tops of its text's boxes), and where.
        const laid = (await own.evaluate(`(${LAID_OUT})(${JSON.stringify(path)})`)) as LaidOut;
        expect(laid.text, `${path} at ${viewport.width}`).toBe(value + (aside ?? ''));
        // The value: one line, beside the field (to its right, within its height).
        expect(laid.value.lines, `${path} at ${viewport.width}`).toBe(1);
        expect(laid.value.left).toBeGreaterThanOrEqual(laid.field.right);
        expect(laid.value.top).toBeGreaterThanOrEqual(laid.field.top - 2);
        expect(laid.value.top).toBeLessThan(laid.field.bottom);
        // How it prints: one line of its own, under the field.
        if (aside === null) expect(laid.aside).toBeNull();
        else {
          expect(laid.aside?.text).toBe(aside);
          expect(laid.aside?.lines, `${path} at ${viewport.width}`).toBe(1);
          expect(laid.aside!.top).toBeGreaterThanOrEqual(laid.field.bottom - 2);
        }
      }
      await own.close();
    }
  });

  it('the preview stays in view and tells the truth (issue 17): pinned while the form scrolls; marked out of date while a field cannot be read or the form has errors; cleared on another file or year; every document downloadable from one place, named by agency and year', async () => {
    const file = path.join(dataDir, '2566', 'preview.yaml');
    writeFileSync(file, sampleText());
    await page.goto(`${base}/?file=2566/preview.yaml`);
    const first = await previewText(page, null);
    expect(first.text).toContain('จังหวัดนครปฐม');
    expect(await page.isVisible('#preview-note')).toBe(false);
    // Pinned: scrolled to the signatory at the bottom of the form, the preview is still in view.
    await page.locator('[data-path="signatory.position"]').scrollIntoViewIfNeeded();
    expect(await page.evaluate('scrollY')).toBeGreaterThan(1000);
    const pane = (await page.locator('#preview').boundingBox())!;
    const header = (await page.locator('header').boundingBox())!;
    expect(pane.y).toBeGreaterThanOrEqual(header.y + header.height);
    expect(pane.y + pane.height).toBeLessThanOrEqual(page.viewportSize()!.height);
    // A field that cannot be read: marked out of date, and no document is made of the form without it.
    await page.fill('[data-path="scores.2"]', '85 25');
    await expect.poll(() => page.isVisible('#preview-note')).toBe(true);
    expect(await page.textContent('#preview-note')).toContain('มีช่องที่อ่านไม่ได้');
    expect(await page.getAttribute('#preview-pane', 'class')).toContain('stale');
    await page.click('[data-download="announcement.pdf"]');
    expect(await page.textContent('#status')).toContain('ยังดาวน์โหลดไม่ได้');
    await page.fill('[data-path="scores.2"]', '85.25');
    await expect.poll(() => page.isVisible('#preview-note'), { timeout: 15_000 }).toBe(false);
    // An error of the form: the document kept is marked out of date.
    await page.fill('[data-path="scores.2"]', '185.25');
    await expect.poll(() => page.textContent('#preview-note'), { timeout: 15_000 }).toContain('แก้ข้อผิดพลาด');
    await page.fill('[data-path="scores.2"]', '85.25');
    await expect.poll(() => page.isVisible('#preview-note'), { timeout: 15_000 }).toBe(false);
    // Both documents from one place, without switching the preview.
    expect(await page.isChecked('input[name=kind][value="report"]')).toBe(true);
    const announcement = downloadNamed(page, 'จังหวัดนครปฐม-2566-announcement.docx');
    await page.click('[aria-label="ดาวน์โหลดประกาศมาตรการ DOCX"]');
    expect((await announcement).suggestedFilename()).toBe('จังหวัดนครปฐม-2566-announcement.docx');
    const report = downloadNamed(page, 'จังหวัดนครปฐม-2566-report.docx');
    await page.click('[aria-label="ดาวน์โหลดรายงาน DOCX"]');
    await report;
    await page.keyboard.press('Control+s');
    await expect.poll(() => page.textContent('#status')).toContain('บันทึกแล้ว');
    // Next year: the 2566 document goes at once; 2567's has no scores yet, so none is shown.
    const shown = await page.getAttribute('#preview', 'src');
    await page.click('#new-year');
    await expect.poll(() => page.inputValue('[data-path="fiscal_year"]')).toBe('2567');
    expect(await page.getAttribute('#preview', 'src')).not.toBe(shown);
    expect(await page.isVisible('#preview')).toBe(false);
    await expect.poll(() => page.textContent('#preview-note'), { timeout: 15_000 }).toContain('แก้ข้อผิดพลาด');
    lastPreview = null;
  });
});
