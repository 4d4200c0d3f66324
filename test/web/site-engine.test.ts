import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../../src/bundle/site.ts';
import { checkFile, checkText, renderDocuments } from '../../src/pipeline.ts';
import { packageRoot } from '../../src/resources/node.ts';
import { launchChromium } from '../helpers/browser.ts';
import { listenLocally, staticSiteServer } from '../helpers/static-site.ts';
import { docxText } from '../helpers/docx.ts';
import { pdfText } from '../helpers/pdf.ts';
import { fakeFolder, fileList } from '../helpers/fake-folder.ts';
import { sampleText } from '../helpers/sample.ts';
import { BEFORE, NOW, NOW_PLAIN, SEAL, writeBesideFolder } from '../helpers/beside.ts';
import { parse, parseDocument } from 'yaml';

/**
 * Issue 16, as it will be checked: the static site built with the real engine (`buildSite`, as
 * `npm run build:web` does), served by a plain static file server on 127.0.0.1, driven in Chromium
 * as a new clerk would. A real province's data (Nakhon Pathom's, the reference report's) is opened
 * from disk, a score typed as a clerk types it, and every document downloaded: each byte-identical
 * to what the command line makes of the file the page saved, and its text read back. A file with
 * an error gives no document; after the first visit the page works with the network gone.
 */

const SUB_PATH = '/ita/';

let out: string;
let server: Server;
let base: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;
/** While true the server answers nothing but 503. */
let serverDown = false;


beforeAll(async () => {
  out = path.join(mkdtempSync(path.join(tmpdir(), 'ita-site-engine-')), 'web');
  await buildSite(packageRoot, out);
  server = staticSiteServer(out, SUB_PATH, () => serverDown);
  base = await listenLocally(server, SUB_PATH);
  ({ browser } = await launchChromium());
  context = await browser.newContext({ acceptDownloads: true });
  page = await context.newPage();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

/** The page's globals the tests reach (the tests compile with Node's types, not the DOM's). */
interface PageGlobals {
  showOpenFilePicker?: unknown;
  showSaveFilePicker?: unknown;
  navigator: { serviceWorker: { ready: Promise<unknown>; controller: unknown } };
}

/** As a browser without the File System Access API: the file input, and a download to save. */
const withoutPickers = (p: Page) =>
  p.evaluate(() => {
    delete (globalThis as unknown as PageGlobals).showOpenFilePicker;
    delete (globalThis as unknown as PageGlobals).showSaveFilePicker;
  });

async function openFile(text: string): Promise<void> {
  await withoutPickers(page);
  await page.setInputFiles('#open-input', { name: 'nakhon-pathom.yaml', mimeType: 'application/x-yaml', buffer: Buffer.from(text) });
  await expect.poll(() => page.inputValue('[data-path="agency"]'), { timeout: 30_000 }).toBe('จังหวัดนครปฐม');
}

const previewSrc = () => page.getAttribute('#preview', 'src');

async function bytesOf(download: Download): Promise<Buffer> {
  return readFileSync((await download.path())!);
}

async function downloaded(button: string, name: string): Promise<Buffer> {
  const [download] = await Promise.all([page.waitForEvent('download', { predicate: (d) => d.suggestedFilename() === name, timeout: 30_000 }), page.click(button)]);
  return bytesOf(download);
}

describe('the static site with the engine in the browser', () => {
  it('carries the licences of every package its engine and page are made of, and of the fonts and the emblem, linked from the page', async () => {
    const notices = readFileSync(path.join(out, 'THIRD-PARTY-NOTICES.txt'), 'utf8');
    for (const name of ['pdfmake', 'pdfkit', 'fontkit', 'docx', 'echarts', 'fflate', 'yaml', 'handlebars', '@resvg/resvg-wasm']) {
      expect(notices, name).toMatch(new RegExp(`^${name.replace('/', '\\/')} \\d+\\.\\d+\\.\\d+\\nLicence: `, 'm'));
    }
    expect(notices).toContain('Apache License');
    expect(notices).toContain('fonts/COPYING-Laksaman');
    expect(notices).toContain('fonts/COPYING-DejaVu');
    await page.goto(base);
    const link = page.locator('a[href="THIRD-PARTY-NOTICES.txt"]');
    expect(await link.textContent()).toBe('สัญญาอนุญาตของซอฟต์แวร์และฟอนต์ที่ใช้ (third-party licences)');
    const served = await page.evaluate(async (href) => (await fetch(href)).text(), 'THIRD-PARTY-NOTICES.txt');
    expect(served).toBe(notices);
  });

  it('opens a real province’s file, takes a score as typed, and gives documents byte-identical to the command line’s', async () => {
    await page.goto(base);
    await openFile(sampleText());
    await expect.poll(previewSrc, { timeout: 30_000 }).toMatch(/^blob:/);
    const first = await previewSrc();

    // A decimal comma and Thai digits, as a clerk types a score.
    await page.fill('[data-path="scores.1"]', '๙๐,๕');
    await expect.poll(previewSrc, { timeout: 30_000 }).not.toBe(first);

    // Saved as a download (no File System Access API): the file the command line is given.
    await expect.poll(() => page.isEnabled('#save'), { timeout: 30_000 }).toBe(true);
    // Listening before the key is pressed: the save's download may come before a listener set after it.
    const [saved] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.keyboard.press('Control+s')]);
    const text = (await bytesOf(saved)).toString('utf8');
    expect(text).toMatch(/^ {2}1: 90\.5\b/m);
    expect(text).toContain('# การปฏิบัติหน้าที่');

    const checked = await checkText(text, 'nakhon-pathom.yaml', { previous: false });
    const node = await renderDocuments(checked, { formats: ['pdf', 'docx'], digits: 'thai', kinds: ['report', 'announcement'] });
    for (const kind of ['report', 'announcement'] as const) {
      for (const format of ['pdf', 'docx'] as const) {
        const bytes = await downloaded(`[data-download="${kind}.${format}"]`, `จังหวัดนครปฐม-2566-${kind}.${format}`);
        const cli = node.find((d) => d.kind === kind && d.format === format)!.bytes;
        expect(Buffer.compare(bytes, Buffer.from(cli)), `${kind}.${format}`).toBe(0);
        const read = format === 'pdf' ? await pdfText(bytes) : (await docxText(bytes)).join('\n');
        expect(read).toContain('จังหวัดนครปฐม');
        if (kind === 'report') expect(read.replace(/\s+/g, '')).toContain('ร้อยละ๙๐.๕๐');
      }
    }
  }, 180_000);

  it('gives no document for a file with an error: the finding is beside the field', async () => {
    await page.fill('[data-path="scores.2"]', '182');
    await expect.poll(() => page.locator('[data-path="scores.2"]').getAttribute('aria-invalid'), { timeout: 30_000 }).toBe('true');
    let downloads = 0;
    page.on('download', () => downloads++);
    await page.click('[data-download="report.pdf"]');
    // The engine refused the document for the finding: the page says so, and nothing was downloaded.
    await expect.poll(() => page.textContent('#status'), { timeout: 30_000 }).toContain('แก้ข้อผิดพลาดก่อนจึงจะสร้างเอกสารได้');
    await expect.poll(() => page.textContent('#preview-note'), { timeout: 30_000 }).toContain('แก้ข้อผิดพลาดในแบบฟอร์มก่อน');
    expect(downloads).toBe(0);
  }, 60_000);

  it('works offline after the first visit: the page, the engine and a new preview', async () => {
    await page.evaluate(() => (globalThis as unknown as PageGlobals).navigator.serviceWorker.ready);
    serverDown = true;
    await context.setOffline(true);
    try {
      page.once('dialog', (d) => void d.accept());
      await page.reload();
      await openFile(sampleText());
      await expect.poll(previewSrc, { timeout: 30_000 }).toMatch(/^blob:/);
    } finally {
      serverDown = false;
      await context.setOffline(false);
    }
  }, 120_000);
});

describe('the static site with the files the command line reads beside the data file (issue 16)', () => {
  const [before, now] = [BEFORE, NOW];

  it('without the File System Access API: the file opened says what it lacks; last year\'s file and the emblem given with the second picker give the command line\'s documents', async () => {
    const dir = writeBesideFolder('ita-site-beside-');
    const checked = await checkFile(path.join(dir, 'sample-agency-2567.yaml'));
    expect(checked.comparison).toBeDefined();
    const node = await renderDocuments(checked, { formats: ['pdf', 'docx'], digits: 'thai', kinds: ['report', 'announcement'] });

    await page.goto(base);
    await withoutPickers(page);
    await page.setInputFiles('#open-input', { name: 'sample-agency-2567.yaml', mimeType: 'application/x-yaml', buffer: Buffer.from(now) });
    await expect.poll(() => page.inputValue('[data-path="agency"]'), { timeout: 30_000 }).toBe('องค์การบริหารส่วนจังหวัดตัวอย่าง');
    // Said, Thai first: no comparison without last year's file, no emblem without its file.
    await expect.poll(() => page.textContent('#status'), { timeout: 30_000 }).toContain('รายงานไม่มีการเปรียบเทียบกับปีก่อน');
    expect(await page.textContent('#status')).toContain('ประกาศไม่มีตราสัญลักษณ์ของหน่วยงาน เพราะยังไม่ได้ให้ไฟล์ seal.svg');
    expect(await page.isVisible('#beside')).toBe(true);

    await page.setInputFiles('#beside-input', [
      { name: 'sample-agency-2566.yaml', mimeType: 'application/x-yaml', buffer: Buffer.from(before) },
      { name: 'seal.svg', mimeType: 'image/svg+xml', buffer: Buffer.from(SEAL) },
    ]);
    await expect.poll(() => page.textContent('#status'), { timeout: 30_000 }).toBe('');
    await expectCommandLineDocuments(node);
  }, 240_000);

  it('a file opened on its own, last year\'s file given afterwards: the measure still last year\'s word for word is marked, the other not, and what the clerk typed meanwhile is kept', async () => {
    // Its second measure kept word for word from last year's file, its first rewritten for this year (no emblem named: last year's file is all it lacks).
    const doc = parseDocument(NOW_PLAIN);
    doc.setIn(['measures', 1], doc.createNode((parse(before) as { measures: unknown[] }).measures[0]));
    await page.goto(base);
    await withoutPickers(page);
    await page.setInputFiles('#open-input', { name: 'sample-agency-2567.yaml', mimeType: 'application/x-yaml', buffer: Buffer.from(doc.toString()) });
    await expect.poll(() => page.inputValue('[data-path="agency"]'), { timeout: 30_000 }).toBe('องค์การบริหารส่วนจังหวัดตัวอย่าง');
    const notes = page.locator('.carried-note:not([hidden])');
    expect(await notes.count()).toBe(0);
    // Typed before last year's file is given: kept (the form is not read again from the file).
    await page.fill('[data-path="measures[0].owner"]', 'กองยุทธศาสตร์ (แก้แล้ว)');
    await page.fill('[data-path="scores.1"]', '๙๑');

    await page.setInputFiles('#beside-input', [{ name: 'sample-agency-2566.yaml', mimeType: 'application/x-yaml', buffer: Buffer.from(before) }]);
    await expect.poll(() => notes.count(), { timeout: 30_000 }).toBe(1);
    expect(await notes.first().textContent()).toContain('มาตรการจากปีก่อน');
    expect(await notes.first().getAttribute('id')).toBe('carried-note-1');
    await expect.poll(() => page.textContent('#status'), { timeout: 30_000 }).toBe('');
    expect(await page.getAttribute('[data-path="measures[1].title"]', 'aria-describedby')).toContain('carried-note-1');
    expect(await page.inputValue('[data-path="measures[0].owner"]')).toBe('กองยุทธศาสตร์ (แก้แล้ว)');
    expect(await page.inputValue('[data-path="scores.1"]')).toBe('๙๑');
    expect(await page.isEnabled('#save')).toBe(true);
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.locator('[data-path="measures[1].title"]').scrollIntoViewIfNeeded();
    mkdirSync('/tmp/h17c-shots', { recursive: true });
    await page.screenshot({ path: '/tmp/h17c-shots/2-single-file-then-last-year-marked.png' });
  }, 120_000);

  it('with the data folder opened (Chrome, Edge): the list by agency and year, last year\'s file and the emblem found in the folder, documents byte-identical to the command line\'s; an emblem outside the folder refused as the server refuses it', async () => {
    // The years in year folders, as the server keeps them; the emblem beside them.
    // Its second measure kept word for word from last year's file: the page marks it as carried over.
    const inFolder = (() => {
      const doc = parseDocument(now.replace('emblem: emblems/seal.svg', 'emblem: ../emblems/seal.svg'));
      doc.setIn(['measures', 1], doc.createNode((parse(before) as { measures: unknown[] }).measures[0]));
      return doc.toString();
    })();
    const outside = now.replace('agency: องค์การบริหารส่วนจังหวัดตัวอย่าง', 'agency: องค์การบริหารส่วนตำบลนอกโฟลเดอร์').replace('emblem: emblems/seal.svg', 'emblem: ../seal.svg');
    const files = { '2566/sample-agency.yaml': before, '2567/sample-agency.yaml': inFolder, 'emblems/seal.svg': SEAL, 'outside-2567.yaml': outside };
    const dir = mkdtempSync(path.join(tmpdir(), 'ita-site-folder-'));
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    }
    const checked = await checkFile(path.join(dir, '2567/sample-agency.yaml'));
    expect(checked.comparison).toBeDefined();
    expect(checked.data?.announcement?.emblem).toBeDefined();
    const node = await renderDocuments(checked, { formats: ['pdf', 'docx'], digits: 'thai', kinds: ['report', 'announcement'] });

    await page.goto(base);
    await fakeFolder(page, files);
    await page.click('#open-folder');
    await expect.poll(() => page.textContent('#status'), { timeout: 30_000 }).toContain('มีไฟล์ข้อมูล ๓ ไฟล์');
    expect(await fileList(page)).toEqual([
      ['ปีงบประมาณ ๒๕๖๗', 'องค์การบริหารส่วนจังหวัดตัวอย่าง · ปีงบประมาณ ๒๕๖๗', 'องค์การบริหารส่วนตำบลนอกโฟลเดอร์ · ปีงบประมาณ ๒๕๖๗'],
      ['ปีงบประมาณ ๒๕๖๖', 'องค์การบริหารส่วนจังหวัดตัวอย่าง · ปีงบประมาณ ๒๕๖๖'],
    ]);
    await page.selectOption('#file', '2567/sample-agency.yaml');
    await expect.poll(() => page.inputValue('[data-path="fiscal_year"]'), { timeout: 30_000 }).toBe('2567');
    // Which file was opened, and nothing said missing: the folder had both.
    await expect.poll(() => page.textContent('#status'), { timeout: 30_000 }).toBe('เปิดไฟล์ 2567/sample-agency.yaml แล้ว: องค์การบริหารส่วนจังหวัดตัวอย่าง ปีงบประมาณ ๒๕๖๗ (opened 2567/sample-agency.yaml)');
    // Last year's measure, kept as it was, is marked; the one rewritten for this year is not.
    const notes = page.locator('.carried-note:not([hidden])');
    await expect.poll(() => notes.count(), { timeout: 30_000 }).toBe(1);
    expect(await notes.first().textContent()).toContain('มาตรการจากปีก่อน');
    expect(await notes.first().getAttribute('id')).toBe('carried-note-1');
    expect(await page.textContent('#general-findings')).toBe('');
    await expectCommandLineDocuments(node);

    // `../seal.svg` from the folder's top: the server's own finding, beside no field.
    const { runTask } = await import('../../src/serve/tasks.ts');
    const server = await runTask('check', { root: dir, file: path.join(dir, 'outside-2567.yaml'), raw: parse(outside) });
    const refusal = server.findings.find((f) => f.path === 'announcement.emblem');
    expect(refusal?.th).toContain('อยู่นอกโฟลเดอร์ข้อมูล');
    await page.selectOption('#file', 'outside-2567.yaml');
    await expect.poll(() => page.textContent('#general-findings'), { timeout: 30_000 }).toContain(refusal!.th);
  }, 240_000);
});

/**
 * Each document of the form downloaded from the page, byte for byte the command line's (`node`,
 * of Sample Agency's 2567 file with last year's and the emblem); the report's text compared with last year.
 */
async function expectCommandLineDocuments(node: Awaited<ReturnType<typeof renderDocuments>>): Promise<void> {
  for (const kind of ['report', 'announcement'] as const) {
    for (const format of ['pdf', 'docx'] as const) {
      const bytes = await downloaded(`[data-download="${kind}.${format}"]`, `องค์การบริหารส่วนจังหวัดตัวอย่าง-2567-${kind}.${format}`);
      const cli = node.find((d) => d.kind === kind && d.format === format)!.bytes;
      expect(Buffer.compare(bytes, Buffer.from(cli)), `${kind}.${format}`).toBe(0);
      if (kind === 'report') {
        const read = format === 'pdf' ? await pdfText(bytes) : (await docxText(bytes)).join('\n');
        // The comparison table's heading cell: only a report compared with last year has it.
        expect(read).toContain('เปลี่ยนแปลง');
      }
    }
  }
}
