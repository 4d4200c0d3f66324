import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleScript } from '../../src/bundle/bundle.ts';
import { buildSite, ENGINE_FUNCTION, ENGINE_MODULE, siteIndexHtml, webEngineScript } from '../../src/bundle/site.ts';
import { packageRoot } from '../../src/resources/node.ts';
import { launchChromium } from '../helpers/browser.ts';
import { fakeFolder, fileList, type FolderGlobals } from '../helpers/fake-folder.ts';
import { listenLocally, staticSiteServer } from '../helpers/static-site.ts';
import { sampleText } from '../helpers/sample.ts';

/**
 * The static site of `npm run build:web` (src/bundle/site.ts), built into a temporary folder with a
 * stand-in engine (test/web/fake-engine.ts) until the engine for the browser is merged, served by a
 * plain static file server under a sub-path (/ita/, as GitHub Pages serves /<repo>/) and driven in
 * Chromium as a clerk would: open the file from disk, change it, see the finding and the preview,
 * save it (a download, or back into the same file with the File System Access API), start next
 * year, reload offline, open the page from its folder (file://).
 */

const FAKE_ENGINE = new URL('./fake-engine.ts', import.meta.url);
const SUB_PATH = '/ita/';

let out: string;
let server: Server;
let base: string;
let browser: Browser;
/** Every URL the site's pages asked for, to check that nothing left the site's folder. */
const requested: string[] = [];

const fakeEngine = async () => (await bundleScript(FAKE_ENGINE, { format: 'iife' })).code;

/** While true the server answers nothing but 503: the network is gone, whatever the browser thinks. */
let serverDown = false;

/** A static file server for `dir` under SUB_PATH: the files as they are, index.html for the folder. */

beforeAll(async () => {
  out = path.join(mkdtempSync(path.join(tmpdir(), 'ita-site-')), 'web');
  await buildSite(packageRoot, out, { engineScript: fakeEngine });
  server = staticSiteServer(out, SUB_PATH, () => serverDown);
  base = await listenLocally(server, SUB_PATH);
  ({ browser } = await launchChromium());
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

/**
 * A browser without the File System Access API (Firefox, Safari): file input and download. Taken
 * away after each navigation: the page looks for the pickers when it uses them.
 */
const withoutPickers = (page: Page) =>
  page.evaluate(() => {
    delete (globalThis as unknown as PageGlobals).showOpenFilePicker;
    delete (globalThis as unknown as PageGlobals).showSaveFilePicker;
  });

/**
 * Chromium's pickers are dialogs a headless browser cannot answer: these stand in, with a file
 * handle that keeps what is written to it (`written`), and counts of the pickers shown and of the
 * requests for permission to write.
 */
const fakePickers = (page: Page) =>
  page.evaluate((text: string) => {
    const w = globalThis as unknown as PageGlobals;
    w.written = [];
    w.pickersShown = 0;
    w.permissionsAsked = 0;
    const handle = {
      kind: 'file',
      name: 'nakhon-pathom.yaml',
      requestPermission: async () => {
        w.permissionsAsked++;
        return 'granted';
      },
      getFile: async () => new w.File([text], 'nakhon-pathom.yaml'),
      createWritable: async () => {
        let written = '';
        return { write: async (t: string) => void (written += t), close: async () => void w.written.push(written) };
      },
    };
    w.showOpenFilePicker = async () => {
      w.pickersShown++;
      return [handle];
    };
    w.showSaveFilePicker = async () => {
      w.pickersShown++;
      if (w.cancelPicker) throw new w.DOMException('The user aborted a request.', 'AbortError');
      return handle;
    };
  }, sampleText());

/** Opens the sample through the page's file input, as a browser without the picker does. */
async function openSample(page: Page): Promise<void> {
  await page.setInputFiles('#open-input', { name: 'nakhon-pathom.yaml', mimeType: 'application/x-yaml', buffer: Buffer.from(sampleText()) });
  await expect.poll(() => page.inputValue('[data-path="scores.4"]')).toBe('82.14');
}

/** The text of the document in the preview frame once it is not `previous` any more. */
async function previewText(page: Page, previous: string | null = null): Promise<{ src: string; text: string }> {
  await expect.poll(() => page.getAttribute('#preview', 'src'), { timeout: 10_000 }).not.toBe(previous);
  const src = (await page.getAttribute('#preview', 'src'))!;
  return { src, text: await page.evaluate(async (url) => (await fetch(url)).text(), src) };
}

/** The page's globals as the functions run in it reach them (the tests compile with Node's types, not the DOM's). */
interface PageGlobals extends FolderGlobals {
  written: string[];
  pickersShown: number;
  permissionsAsked: number;
  /** The next picker is closed without a choice. */
  cancelPicker?: boolean;
  DOMException: new (message: string, name: string) => unknown;
  showOpenFilePicker?: unknown;
  showSaveFilePicker?: unknown;
  showDirectoryPicker?: unknown;
  navigator: { serviceWorker: { ready: Promise<unknown>; controller: unknown } };
  File: new (parts: string[], name: string) => unknown;
  itaReportEngine?: unknown;
}

/** A new agency's file of fiscal year 2567 started under the file name `name`; the status line says where it goes. */
async function startNewAgency(page: Page, name: string, goesTo: string): Promise<void> {
  await page.click('#new-agency');
  await page.selectOption('#new-year-value', '2567');
  await page.fill('#new-name', name);
  await page.click('#new-agency-create');
  await expect.poll(() => page.textContent('#status')).toContain(`ไฟล์ใหม่ ${goesTo}`);
}

const downloadNamed = (page: Page, name: string) => page.waitForEvent('download', { predicate: (d) => d.suggestedFilename() === name, timeout: 10_000 });

describe('the static site, built', () => {
  it('has the page for the engine in the browser, its script, style, engine and service worker, with relative paths only', () => {
    expect(readdirSync(out).sort()).toEqual(['THIRD-PARTY-NOTICES.txt', 'app.js', 'engine.js', 'index.html', 'style.css', 'sw.js']);
    const html = readFileSync(path.join(out, 'index.html'), 'utf8');
    expect(html).toContain('<meta name="ita-report-backend" content="local">');
    expect(html).toContain('<script defer src="app.js"></script>');
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'self';/);
    // Nothing named from the server's root (the site works under /<repo>/) or from elsewhere.
    expect(html).not.toMatch(/(?:src|href)="(?:\/|https?:)/);
    for (const file of readdirSync(out)) expect(readFileSync(path.join(out, file), 'utf8')).not.toContain(packageRoot);
    const sw = readFileSync(path.join(out, 'sw.js'), 'utf8');
    expect(sw).toContain('const FILES = ["index.html","app.js","style.css","engine.js","THIRD-PARTY-NOTICES.txt"];');
    // The licences of what the scripts are made of, linked from the page (the real engine's: site-engine.test.ts).
    expect(html).toContain('<a href="THIRD-PARTY-NOTICES.txt">สัญญาอนุญาตของซอฟต์แวร์และฟอนต์ที่ใช้ (third-party licences)</a>');
    expect(readFileSync(path.join(out, 'THIRD-PARTY-NOTICES.txt'), 'utf8')).toMatch(/^ita-report .*npm run build:web/);
    // The page's script is a classic script (a page opened from a folder loads no modules).
    expect(readFileSync(path.join(out, 'app.js'), 'utf8')).not.toMatch(/^\s*(?:import|export)\s/m);
    // A page that no longer has what the build changes in it stops the build, rather than giving a site for the server.
    expect(() => siteIndexHtml('<html><script type="module" src="app.js"></script></html>')).toThrow('src/serve/page/index.html has no <meta name="ita-report-backend" content="server">');
  });

  it('is the same bytes when built again, and another engine is another service worker version', async () => {
    const again = path.join(path.dirname(out), 'again');
    await buildSite(packageRoot, again, { engineScript: fakeEngine });
    for (const file of readdirSync(out)) expect(readFileSync(path.join(again, file), 'utf8'), file).toBe(readFileSync(path.join(out, file), 'utf8'));
    const other = path.join(path.dirname(out), 'other');
    await buildSite(packageRoot, other, { engineScript: async () => `${await fakeEngine()}\n// another build\n` });
    const version = (dir: string) => /build ([0-9a-f]{16})/.exec(readFileSync(path.join(dir, 'sw.js'), 'utf8'))?.[1];
    expect(version(other)).toMatch(/^[0-9a-f]{16}$/);
    expect(version(other)).not.toBe(version(out));
  });

  it(`takes the engine from ${ENGINE_FUNCTION} of ${ENGINE_MODULE}, and says so when it is missing`, async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'ita-site-engine-'));
    await expect(webEngineScript(root)).rejects.toThrow(`${ENGINE_MODULE} exporting ${ENGINE_FUNCTION}(root) is not there yet`);
    mkdirSync(path.join(root, 'src', 'bundle'), { recursive: true });
    writeFileSync(path.join(root, ENGINE_MODULE), 'export const somethingElse = 1;\n');
    await expect(webEngineScript(root)).rejects.toThrow(`does not export a function ${ENGINE_FUNCTION}`);
    const other = mkdtempSync(path.join(tmpdir(), 'ita-site-engine-'));
    mkdirSync(path.join(other, 'src', 'bundle'), { recursive: true });
    writeFileSync(path.join(other, ENGINE_MODULE), `export async function ${ENGINE_FUNCTION}(root) { return { code: 'engine of ' + root }; }\n`);
    expect(await webEngineScript(other)).toBe(`engine of ${other}`);
  });

  it('refers GitHub Pages to the build script and the folder it writes', () => {
    const workflow = readFileSync(path.join(packageRoot, '.github', 'workflows', 'pages.yml'), 'utf8');
    const scripts = (JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts['build:web']).toBe('tsx src/bundle/build-site.ts');
    expect(readFileSync(path.join(packageRoot, 'src', 'bundle', 'build-site.ts'), 'utf8')).toContain("const OUT = 'dist/web';");
    expect(workflow).toMatch(/^\s*- run: npm ci\s*$/m);
    expect(workflow).toMatch(/^\s*- run: npm run build:web\s*$/m);
    expect(workflow).toMatch(/^\s*path: dist\/web\s*$/m);
    expect(workflow).toContain('actions/deploy-pages@');
  });
});

// One browser context for all: the headless Chromium of @sparticuz/chromium runs as a single
// process, which a second context beside a service worker brings down.
describe('the static site in Chromium', () => {
  let page: Page;
  let context: BrowserContext;

  it('starts in local mode: no file list, a button to open a file from the computer (and no folder where the browser opens none)', async () => {
    context = await browser.newContext({ acceptDownloads: true, locale: 'th-TH' });
    context.on('request', (r) => requested.push(r.url()));
    page = await context.newPage();
    // Firefox and Safari have no folder picker: taken away before the page's script looks (the
    // visits of this address only, reloads included).
    await page.addInitScript(() => {
      if ((globalThis as unknown as { location: { hash: string } }).location.hash === '#without-folders') delete (globalThis as unknown as PageGlobals).showDirectoryPicker;
    });
    await page.goto(`${base}#without-folders`);
    await withoutPickers(page);
    expect(await page.isVisible('#open')).toBe(true);
    expect(await page.isVisible('#open-folder')).toBe(false);
    expect(await page.isVisible('#file-choice')).toBe(false);
    expect(await page.textContent('#file-name')).toBe('ยังไม่ได้เปิดไฟล์ (no file open)');
    expect(await page.textContent('#status')).toContain('ข้อมูลอยู่ในเครื่องนี้เท่านั้น');
  });

  it('opens a file through the file input and shows its values; a change is checked (the finding beside the field) and previewed by the engine', async () => {
    await openSample(page);
    expect(await page.inputValue('[data-path="agency"]')).toBe('จังหวัดนครปฐม');
    // Served over http the engine runs in a Web Worker: nothing of it in the page.
    expect(await page.evaluate(() => typeof (globalThis as unknown as PageGlobals).itaReportEngine)).toBe('undefined');
    expect(await page.textContent('#file-name')).toBe('ไฟล์ nakhon-pathom.yaml');
    // The keyboard is taken to the form, and the status line (a live region) says which file it holds.
    expect(await page.evaluate('document.activeElement?.dataset.path')).toBe('agency');
    expect(await page.textContent('#status')).toContain('เปิดไฟล์ nakhon-pathom.yaml แล้ว: จังหวัดนครปฐม ปีงบประมาณ ๒๕๖๖ (opened nakhon-pathom.yaml)');
    // The framework's indicator names, from the engine.
    expect(await page.textContent('label:has([data-path="scores.1"])')).toContain('ตัวชี้วัดจำลอง 1');
    const first = await previewText(page);
    expect(first.text).toBe('%PDF-1.4 fake report pdf nakhon-pathom.yaml จังหวัดนครปฐม\n');

    await page.fill('[data-path="scores.4"]', '182.14');
    const error = page.locator('label:has([data-path="scores.4"]) + .finding.error');
    await expect.poll(() => error.count()).toBe(1);
    expect(await error.textContent()).toBe('ข้อผิดพลาด: คะแนนเกิน ๑๐๐ (จำลอง) (score over 100 (fake))');
    // The same reading of what is typed as with the server (issue 17): Thai digits, a decimal comma.
    await page.fill('[data-path="scores.4"]', '๘๒,๑๔');
    expect(await page.textContent('[data-path="scores.4"] + .typed-note')).toBe('= ๘๒.๑๔');
    await expect.poll(() => error.count()).toBe(0);

    await page.fill('[data-path="agency"]', 'จังหวัดทดสอบแบบออฟไลน์');
    await expect.poll(async () => (await previewText(page, first.src)).text).toContain('fake report pdf nakhon-pathom.yaml จังหวัดทดสอบแบบออฟไลน์');
  });

  it('an engine that fails is said in the status line, and a fresh one takes the next request', async () => {
    await page.fill('[data-path="agency"]', 'ส่วนประมวลผลล้ม');
    await expect.poll(() => page.textContent('#status')).toContain('ส่วนประมวลผลของหน้าเว็บหยุดทำงาน');
    const before = await page.getAttribute('#preview', 'src');
    await page.fill('[data-path="agency"]', 'จังหวัดทดสอบแบบออฟไลน์');
    await expect.poll(async () => (await previewText(page, before)).text).toContain('จังหวัดทดสอบแบบออฟไลน์');
    await expect.poll(() => page.textContent('#status')).toBe('');
  });

  it('saves as a download of the same name (Ctrl+S, as the save button): the change in place, the comments kept', async () => {
    const download = downloadNamed(page, 'nakhon-pathom.yaml');
    await page.keyboard.press('Control+s');
    const saved = readFileSync(await (await download).path(), 'utf8');
    expect(saved).toBe(sampleText().replace('agency: จังหวัดนครปฐม', 'agency: จังหวัดทดสอบแบบออฟไลน์'));
    expect(saved).toContain('fiscal_year: 2566          # ปีงบประมาณของรายงานและมาตรการ (B.E.)');
    expect(await page.textContent('#status')).toContain('ดาวน์โหลด nakhon-pathom.yaml แล้ว');
    expect(await page.isDisabled('#save')).toBe(true);
  });

  it('starts next year from the file, saved beside it under the name with the year', async () => {
    await page.click('#new-year');
    await expect.poll(() => page.textContent('#status')).toContain('ไฟล์ใหม่ nakhon-pathom-2567.yaml');
    expect(await page.inputValue('[data-path="fiscal_year"]')).toBe('2567');
    expect(await page.textContent('#file-name')).toBe('ไฟล์ nakhon-pathom-2567.yaml (ยังไม่ได้บันทึก not saved yet)');
    const download = downloadNamed(page, 'nakhon-pathom-2567.yaml');
    await page.click('#save');
    expect(readFileSync(await (await download).path(), 'utf8')).toMatch(/^agency: จังหวัดทดสอบแบบออฟไลน์\nfiscal_year: 2567\n/);
    expect(await page.textContent('#status')).toContain('ให้เก็บไว้ในโฟลเดอร์เดียวกับไฟล์ข้อมูลอื่น');
  });

  it('a new agency: its file is named with its year', async () => {
    await startNewAgency(page, 'tambon-test', 'tambon-test-2567.yaml');
    await page.fill('[data-path="agency"]', 'องค์การบริหารส่วนตำบลทดสอบ');
    const download = downloadNamed(page, 'tambon-test-2567.yaml');
    await page.click('#save');
    expect(readFileSync(await (await download).path(), 'utf8')).toMatch(/^agency: องค์การบริหารส่วนตำบลทดสอบ\nfiscal_year: 2567\n/);
  });

  it('works offline after the first visit (the service worker keeps the site)', async () => {
    await page.evaluate(async () => void (await (globalThis as unknown as PageGlobals).navigator.serviceWorker.ready));
    await context.setOffline(true);
    serverDown = true;
    try {
      await page.reload();
      await withoutPickers(page);
      expect(await page.isVisible('#open')).toBe(true);
      expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).navigator.serviceWorker.controller !== null)).toBe(true);
      // The engine too: a file opens and is previewed.
      await openSample(page);
      expect((await previewText(page)).text).toContain('fake report pdf nakhon-pathom.yaml จังหวัดนครปฐม');
    } finally {
      serverDown = false;
      await context.setOffline(false);
    }
  });

  it('a new build replaces the one the browser keeps: the page says so, and a reload uses it', async () => {
    await page.goto(base);
    await buildSite(packageRoot, out, { engineScript: async () => `${await fakeEngine()}\n// the second build\n` });
    // The visit after the new build is still the kept one; its service worker finds the new sw.js.
    await page.reload();
    await expect.poll(() => page.textContent('#status'), { timeout: 10_000 }).toContain('หน้าเว็บมีรุ่นใหม่แล้ว');
    await page.reload();
    expect(await page.evaluate(async () => (await fetch('engine.js')).text())).toContain('// the second build');
  });

  it('with the File System Access API, saves back into the file it opened, without asking again', async () => {
    await page.goto(base);
    await fakePickers(page);
    await page.click('#open');
    await expect.poll(() => page.inputValue('[data-path="scores.4"]')).toBe('82.14');
    await page.fill('[data-path="agency"]', 'จังหวัดที่บันทึกลงไฟล์เดิม');
    await page.click('#save');
    await expect.poll(() => page.textContent('#status')).toBe('บันทึกแล้ว nakhon-pathom.yaml');
    await page.fill('[data-path="agency"]', 'จังหวัดที่บันทึกครั้งที่สอง');
    await page.click('#save');
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as PageGlobals).written.length)).toBe(2);
    const written = await page.evaluate(() => (globalThis as unknown as PageGlobals).written);
    expect(written[0]).toBe(sampleText().replace('agency: จังหวัดนครปฐม', 'agency: จังหวัดที่บันทึกลงไฟล์เดิม'));
    // The second save starts from the first's text.
    expect(written[1]).toBe(sampleText().replace('agency: จังหวัดนครปฐม', 'agency: จังหวัดที่บันทึกครั้งที่สอง'));
    // One picker: the one that opened the file.
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).pickersShown)).toBe(1);
    // Permission to write asked at each save, while the click lasts (the browser asks the clerk once).
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).permissionsAsked)).toBe(2);
    // A new file: where to save it is asked; closing the picker saves nothing, and says so.
    await page.click('#new-year');
    await expect.poll(() => page.textContent('#status')).toContain('ไฟล์ใหม่ nakhon-pathom-2567.yaml');
    await page.evaluate(() => void ((globalThis as unknown as PageGlobals).cancelPicker = true));
    await page.click('#save');
    await expect.poll(() => page.textContent('#status')).toBe('ยังไม่ได้บันทึก (not saved)');
    expect(await page.isDisabled('#save')).toBe(false);
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).written.length)).toBe(2);
  });

  describe('with a data folder opened (showDirectoryPicker, Chrome and Edge)', () => {
    const SEAL = '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10"><rect width="20" height="10"/></svg>\n';
    // Nakhon Pathom's 2566 file, and a 2567 one derived from it that names an emblem beside the year folders.
    const before = sampleText();
    const now = before.replace('fiscal_year: 2566 ', 'fiscal_year: 2567 ') + 'announcement:\n  emblem: ../emblems/seal.svg\n';
    const tambon = 'agency: องค์การบริหารส่วนตำบลทดสอบ\nfiscal_year: 2567\nannouncement:\n  emblem: ../seal.svg\n';
    const written = () => page.evaluate(() => ({ folder: (globalThis as unknown as PageGlobals).folder, writes: (globalThis as unknown as PageGlobals).folderWrites }));

    it('lists the folder\'s data files by agency and fiscal year in Thai, as the server lists its own', async () => {
      await page.goto(base);
      await fakeFolder(page, {
        '2566/nakhon-pathom.yaml': before,
        '2567/nakhon-pathom.yaml': now,
        'อบต-ทดสอบ-2567.yaml': tambon,
        'อบต-ทดสอบ-2566.yaml': tambon.replace('fiscal_year: 2567', 'fiscal_year: 2566'),
        'emblems/seal.svg': SEAL,
        'broken.yaml': 'agency: [\n',
        'notes.txt': 'not data',
        '.hidden.yaml': before,
        'emblems/deeper/2566/x.yaml': before,
      });
      // Save pickers would show a dialog: a save into the folder needs none.
      await page.evaluate(() => void ((globalThis as unknown as PageGlobals).showSaveFilePicker = () => Promise.reject(new Error('no save picker in the folder'))));
      expect(await page.isVisible('#open-folder')).toBe(true);
      expect(await page.textContent('#open-folder')).toBe('เปิดโฟลเดอร์ข้อมูล (open the data folder)');
      await page.click('#open-folder');
      await expect.poll(() => page.textContent('#status')).toBe('เปิดโฟลเดอร์ ข้อมูล ITA แล้ว มีไฟล์ข้อมูล ๕ ไฟล์ เลือกหน่วยงานและปีจากรายการ (folder opened: 5 data file(s); choose the agency and year in the list)');
      expect(await page.isVisible('#file-choice')).toBe(true);
      expect(await page.isVisible('#beside')).toBe(false);
      expect(await fileList(page)).toEqual([
        ['ปีงบประมาณ ๒๕๖๗', 'จังหวัดนครปฐม · ปีงบประมาณ ๒๕๖๗', 'องค์การบริหารส่วนตำบลทดสอบ · ปีงบประมาณ ๒๕๖๗'],
        ['ปีงบประมาณ ๒๕๖๖', 'จังหวัดนครปฐม · ปีงบประมาณ ๒๕๖๖', 'องค์การบริหารส่วนตำบลทดสอบ · ปีงบประมาณ ๒๕๖๖'],
        ['ไฟล์อื่น (other files)', 'broken.yaml (อ่านไฟล์นี้ไม่ได้ (จำลอง) · does not parse (fake))'],
      ]);
      expect(await page.getAttribute('#file option[title="2567/nakhon-pathom.yaml"]', 'value')).toBe('2567/nakhon-pathom.yaml');
    });

    it('a file opened from the list comes with last year\'s file and the emblem its data names, read from the folder', async () => {
      await page.selectOption('#file', '2567/nakhon-pathom.yaml');
      await expect.poll(() => page.inputValue('[data-path="fiscal_year"]')).toBe('2567');
      // Which file the form holds now (not the hint to choose one); nothing is missing beside it.
      await expect.poll(() => page.textContent('#status')).toBe('เปิดไฟล์ 2567/nakhon-pathom.yaml แล้ว: จังหวัดนครปฐม ปีงบประมาณ ๒๕๖๗ (opened 2567/nakhon-pathom.yaml)');
      expect((await previewText(page)).text).toBe(
        `%PDF-1.4 fake report pdf 2567/nakhon-pathom.yaml จังหวัดนครปฐม beside: previous 2566/nakhon-pathom.yaml (จังหวัดนครปฐม 2566), ../emblems/seal.svg (${SEAL.length} bytes), in the folder\n`,
      );
    });

    it('saves into that file of the folder (Ctrl+S), the comments kept, without a picker', async () => {
      await page.fill('[data-path="agency"]', 'จังหวัดนครปฐมในโฟลเดอร์');
      await expect.poll(() => page.isEnabled('#save')).toBe(true);
      await page.keyboard.press('Control+s');
      await expect.poll(() => page.textContent('#status')).toBe('บันทึกแล้ว 2567/nakhon-pathom.yaml');
      const { folder, writes } = await written();
      expect(writes).toEqual(['2567/nakhon-pathom.yaml']);
      expect(folder['2567/nakhon-pathom.yaml']).toBe(now.replace('agency: จังหวัดนครปฐม', 'agency: จังหวัดนครปฐมในโฟลเดอร์'));
      expect(folder['2566/nakhon-pathom.yaml']).toBe(before);
      expect(await page.inputValue('#file')).toBe('2567/nakhon-pathom.yaml');
    });

    it('next year\'s file is created in the next year\'s folder, compared with this one; the list has it', async () => {
      await page.click('#new-year');
      await expect.poll(() => page.textContent('#status')).toContain('ไฟล์ใหม่ 2568/nakhon-pathom.yaml');
      expect((await previewText(page)).text).toContain('beside: previous 2567/nakhon-pathom.yaml (จังหวัดนครปฐมในโฟลเดอร์ 2567)');
      await page.click('#save');
      await expect.poll(() => page.textContent('#status')).toBe('บันทึกแล้ว 2568/nakhon-pathom.yaml');
      const { folder, writes } = await written();
      expect(writes).toEqual(['2567/nakhon-pathom.yaml', '2568/nakhon-pathom.yaml']);
      expect(folder['2568/nakhon-pathom.yaml']).toMatch(/^agency: จังหวัดนครปฐมในโฟลเดอร์\nfiscal_year: 2568\n/);
      expect(await page.inputValue('#file')).toBe('2568/nakhon-pathom.yaml');
      expect((await fileList(page))[0]).toEqual(['ปีงบประมาณ ๒๕๖๘', 'จังหวัดนครปฐมในโฟลเดอร์ · ปีงบประมาณ ๒๕๖๘']);
    });

    it('next year\'s file that is there already is offered, never written over; a new agency\'s name that is taken is refused', async () => {
      await page.selectOption('#file', '2566/nakhon-pathom.yaml');
      await expect.poll(() => page.inputValue('[data-path="fiscal_year"]')).toBe('2566');
      const offered = page.waitForEvent('dialog').then(async (d) => {
        const said = d.message();
        await d.accept();
        return said;
      });
      await page.click('#new-year');
      expect(await offered).toContain('มีไฟล์ของปีถัดไปอยู่แล้ว: 2567/nakhon-pathom.yaml');
      await expect.poll(() => page.textContent('#status')).toBe('เปิดไฟล์ของปีถัดไปที่มีอยู่แล้ว 2567/nakhon-pathom.yaml (opened next year\'s existing file)');
      expect(await page.inputValue('[data-path="agency"]')).toBe('จังหวัดนครปฐมในโฟลเดอร์');

      // A folder of year folders: a new agency's file goes into its year's folder, as with the server.
      await startNewAgency(page, 'nakhon-pathom', '2567/nakhon-pathom.yaml');
      await page.fill('[data-path="agency"]', 'จังหวัดที่ชื่อไฟล์ซ้ำ');
      await page.click('#save');
      await expect.poll(() => page.textContent('#status')).toBe('มีไฟล์ชื่อ "2567/nakhon-pathom.yaml" อยู่แล้ว (a file named "2567/nakhon-pathom.yaml" exists already)');
      expect((await written()).writes).toEqual(['2567/nakhon-pathom.yaml', '2568/nakhon-pathom.yaml']);

      // The form holds what could not be saved: starting another asks first.
      page.once('dialog', (d) => void d.accept());
      await startNewAgency(page, 'tambon-new', '2567/tambon-new.yaml');
      await page.fill('[data-path="agency"]', 'องค์การบริหารส่วนตำบลใหม่');
      await page.click('#save');
      await expect.poll(() => page.textContent('#status')).toBe('บันทึกแล้ว 2567/tambon-new.yaml');
      expect((await written()).folder['2567/tambon-new.yaml']).toMatch(/^agency: องค์การบริหารส่วนตำบลใหม่\nfiscal_year: 2567\n/);
    });

    it('beside a file named with its year: last year\'s file by name, an emblem outside the folder not read (the engine refuses it), next year beside it', async () => {
      await page.selectOption('#file', 'อบต-ทดสอบ-2567.yaml');
      await expect.poll(() => page.inputValue('[data-path="agency"]')).toBe('องค์การบริหารส่วนตำบลทดสอบ');
      // `../seal.svg` from the folder's top leads out of it: nothing of it is handed over. Last
      // year's file is the one beside it named with its year. (Polled: the last file's preview may
      // still be shown for a moment.)
      await expect
        .poll(async () => (await previewText(page)).text)
        .toBe('%PDF-1.4 fake report pdf อบต-ทดสอบ-2567.yaml องค์การบริหารส่วนตำบลทดสอบ beside: previous อบต-ทดสอบ-2566.yaml (องค์การบริหารส่วนตำบลทดสอบ 2566), in the folder\n');
      await page.click('#new-year');
      await expect.poll(() => page.textContent('#status')).toContain('ไฟล์ใหม่ อบต-ทดสอบ-2568.yaml');
    });

    it('a file picked on its own leaves the folder: the list goes, the button for last year\'s file and the emblem comes back', async () => {
      await withoutPickers(page);
      await openSample(page);
      expect(await page.isVisible('#file-choice')).toBe(false);
      expect(await page.isVisible('#beside')).toBe(true);
      await expect.poll(async () => (await previewText(page)).text).toBe('%PDF-1.4 fake report pdf nakhon-pathom.yaml จังหวัดนครปฐม\n');
    });
  });

  it('opened from its folder (file://), where no worker starts, the engine runs in the page', async () => {
    await page.goto(pathToFileURL(path.join(out, 'index.html')).href);
    await withoutPickers(page);
    await openSample(page);
    expect((await previewText(page)).text).toContain('fake report pdf nakhon-pathom.yaml จังหวัดนครปฐม');
    // The engine script was loaded into the page and answers through its global function.
    expect(await page.evaluate(() => typeof (globalThis as unknown as PageGlobals).itaReportEngine)).toBe('function');
  });

  it('fetched nothing from outside its own folder', () => {
    const outside = requested.filter((url) => !url.startsWith(base) && !url.startsWith('blob:') && !url.startsWith('data:') && !url.startsWith('file:'));
    expect(requested.length).toBeGreaterThan(5);
    expect(outside).toEqual([]);
  });
});
