import { request } from 'node:http';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowedHost, allowedOrigin, PathError, resolveDataFile } from '../../src/serve/guard.ts';
import { checkText } from '../../src/pipeline.ts';
import { BODY_LIMIT, createAppServer, listen } from '../../src/serve/server.ts';
import { nextYear } from '../../src/messages/answers.ts';
import { updateYaml } from '../../src/data/yaml-update.ts';
import { measureText } from '../../src/data/carried.ts';
import { parse, stringify } from 'yaml';
import { docxText } from '../helpers/docx.ts';
import { pdfText, squash } from '../helpers/pdf.ts';
import { SAMPLE, sampleText } from '../helpers/sample.ts';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

let server: Server;
let port: number;
let dataDir: string;

/** A raw HTTP request, so that tests can send any Host and Origin header. */
function send(method: string, url: string, options: { host?: string; origin?: string; body?: string | Buffer; contentLength?: number } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: url,
        headers: {
          host: options.host ?? `127.0.0.1:${port}`,
          ...(options.origin && { origin: options.origin }),
          ...(options.body !== undefined && { 'content-type': 'application/json', 'content-length': options.contentLength ?? Buffer.byteLength(options.body) }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.end(options.body);
    else req.end();
  });
}
const jsonOf = (r: Reply) => JSON.parse(r.body.toString('utf8')) as Record<string, unknown>;

beforeAll(async () => {
  const root = mkdtempSync(path.join(tmpdir(), 'ita-serve-'));
  dataDir = path.join(root, 'data');
  mkdirSync(path.join(dataDir, '2566'), { recursive: true });
  copyFileSync(SAMPLE, path.join(dataDir, '2566', 'nakhon-pathom.yaml'));
  writeFileSync(path.join(root, 'secret.yaml'), 'agency: secret\n');
  symlinkSync(path.join(root, 'secret.yaml'), path.join(dataDir, '2566', 'link.yaml'));
  server = createAppServer({ dataDir, port: 0 });
  port = await listen(server, { dataDir, port: 0 });
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('the local server refuses what does not come from its own page', () => {
  it.each([
    ['evil.example:80'],
    [`attacker.test:PORT`],
    ['127.0.0.1'],
  ])('a foreign Host header (%s) gets 403, DNS rebinding included', async (host) => {
    const r = await send('GET', '/api/files', { host: host.replace('PORT', String(port)) });
    expect(r.status).toBe(403);
    expect(jsonOf(r)).toEqual({ error: { th: 'ไม่อนุญาต (ที่อยู่เซิร์ฟเวอร์ไม่ถูกต้อง)', en: 'forbidden: wrong Host' } });
  });

  it('a foreign Origin gets 403, our own page is served', async () => {
    expect((await send('POST', '/api/check', { origin: 'https://evil.example', body: '{}' })).status).toBe(403);
    expect((await send('GET', '/api/files', { origin: `http://localhost:${port}`, host: `localhost:${port}` })).status).toBe(200);
  });

  it.each(['../../etc/passwd', '/etc/passwd', '2566/../../secret.yaml', '2566/link.yaml'])('a path like %j is refused', async (p) => {
    const r = await send('GET', `/api/file?path=${encodeURIComponent(p)}`);
    expect(r.status).toBe(403);
    expect((jsonOf(r).error as { th: string }).th).toMatch(/ไม่อนุญาต/);
  });

  it.each(['2566/nakhon-pathom.txt', ''])('a name like %j that is not a .yaml file name gets 400', async (p) => {
    const r = await send('GET', `/api/file?path=${encodeURIComponent(p)}`);
    expect(r.status).toBe(400);
    expect((jsonOf(r).error as { th: string }).th).toMatch(/ชื่อไฟล์/);
  });

  it('an oversized body gets 413, and the server keeps serving', async () => {
    // The server answers 413 and closes the connection; a client still sending may see the close
    // before the answer, which is a refusal too.
    const refused = (r: Promise<Reply>) => r.then((x) => x.status).catch((err: NodeJS.ErrnoException) => err.code);
    const big = JSON.stringify({ raw: { agency: 'x'.repeat(BODY_LIMIT + 10) } });
    expect(String(await refused(send('POST', '/api/check', { body: big })))).toMatch(/^(413|ECONNRESET|EPIPE)$/);
    expect(await refused(send('POST', '/api/check', { body: '{}', contentLength: BODY_LIMIT + 1 }))).toBe(413);
    expect((await send('GET', '/api/files')).status).toBe(200);
  });

  it('bad input gets an error message, never a crash', async () => {
    expect((await send('POST', '/api/check', { body: '{not json' })).status).toBe(400);
    expect((await send('POST', '/api/check', { body: '{"raw": [1,2]}' })).status).toBe(400);
    expect((await send('GET', '/api/file?path=2566/missing.yaml')).status).toBe(404);
    expect((await send('DELETE', '/api/files')).status).toBe(404);
    expect((await send('GET', '/api/files')).status).toBe(200);
  });
});

describe('the local server works on the same data files as the CLI', () => {
  it('lists the data files and loads one with its findings and the computed overall', async () => {
    expect(jsonOf(await send('GET', '/api/files'))).toEqual({ files: ['2566/nakhon-pathom.yaml'], entries: [{ path: '2566/nakhon-pathom.yaml', agency: 'จังหวัดนครปฐม', fiscalYear: 2566 }] });
    const file = jsonOf(await send('GET', '/api/file?path=2566/nakhon-pathom.yaml'));
    expect(file.text).toBe(sampleText());
    expect((file.raw as { agency: string }).agency).toBe('จังหวัดนครปฐม');
    const findings = file.findings as { severity: string; path: string; th: string; at: { line: number } }[];
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'warning', path: 'overall.score', at: { line: 15 } });
    expect(findings[0]!.th).toContain('๙๓.๕๑');
    expect(file.overall).toMatchObject({ declared: 93.68, computed: 93.51, level: 'A' });
  });

  it('checks a changed form: an out-of-range score is an error on its field', async () => {
    const raw = (jsonOf(await send('GET', '/api/file?path=2566/nakhon-pathom.yaml')).raw as { scores: Record<string, number> });
    raw.scores['4'] = 182.14;
    const checked = jsonOf(await send('POST', '/api/check', { body: JSON.stringify({ raw }) }));
    const findings = checked.findings as { severity: string; path: string; field: string }[];
    expect(findings.find((f) => f.severity === 'error')).toMatchObject({ path: 'scores.4' });
  });

  it('renders the report as PDF from the form, and refuses to render data with errors', async () => {
    const raw = jsonOf(await send('GET', '/api/file?path=2566/nakhon-pathom.yaml')).raw as Record<string, unknown> & { scores: Record<string, number> };
    raw.agency = 'จังหวัดทดสอบหน้าเว็บ';
    const r = await send('POST', '/api/render', { body: JSON.stringify({ raw, kind: 'report', format: 'pdf' }) });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    expect(await pdfText(r.body)).toContain('จังหวัดทดสอบหน้าเว็บ ประจำปีงบประมาณ พ.ศ. ๒๕๖๖');
    raw.scores['4'] = 182.14;
    expect((await send('POST', '/api/render', { body: JSON.stringify({ raw }) })).status).toBe(422);
  });

  it('takes a form without a signatory, or with an empty position, with a warning, and renders dotted lines (issue 12)', async () => {
    const raw = jsonOf(await send('GET', '/api/file?path=2566/nakhon-pathom.yaml')).raw as Record<string, unknown>;
    delete raw.signatory;
    const findingsOf = async (form: Record<string, unknown>) =>
      (jsonOf(await send('POST', '/api/check', { body: JSON.stringify({ raw: form }) })).findings as { severity: string; path: string; en: string }[]).filter((f) => f.path !== 'overall.score');
    expect(await findingsOf(raw)).toMatchObject([{ severity: 'warning', path: 'signatory', en: expect.stringContaining('dotted lines') }]);
    // What "new agency" and "next year" start with, and what the form sends when the field is emptied.
    for (const signatory of [{ position: '' }, {}]) {
      expect(await findingsOf({ ...raw, signatory })).toMatchObject([{ severity: 'warning', path: 'signatory.position' }]);
    }
    expect(nextYear(raw).signatory).toEqual({ position: '' });
    const r = await send('POST', '/api/render', { body: JSON.stringify({ raw, kind: 'announcement', format: 'pdf' }) });
    expect(r.status).toBe(200);
    const lines = (await pdfText(r.body)).split('\n');
    expect(lines.slice(-4, -1)).toEqual(['ประกาศ ณ วันที่ ........ เดือน ..................... พ.ศ. ........', `(${'.'.repeat(45)})`, '.'.repeat(45)]);
  });

  it('compares the form with the previous year of its file in the data folder', async () => {
    const fixture = new URL('../fixtures/two-years/', import.meta.url).pathname;
    for (const year of ['2566', '2567']) {
      mkdirSync(path.join(dataDir, year), { recursive: true });
      copyFileSync(path.join(fixture, year, 'sample-agency.yaml'), path.join(dataDir, year, 'sample-agency.yaml'));
    }
    try {
      const opened = jsonOf(await send('GET', '/api/file?path=2567/sample-agency.yaml'));
      const { raw } = opened;
      // Last year's file beside it, for the page's marks of measures still last year's (issue 17).
      const before = parse(readFileSync(path.join(fixture, '2566', 'sample-agency.yaml'), 'utf8')) as { measures: unknown[] };
      expect(opened.lastYear).toEqual({ fiscalYear: 2566, measures: before.measures.map(measureText) });
      expect(jsonOf(await send('GET', '/api/file?path=2566/sample-agency.yaml'))).not.toHaveProperty('lastYear');
      const render = async (extra: Record<string, unknown>) =>
        squash(await pdfText((await send('POST', '/api/render', { body: JSON.stringify({ raw, kind: 'report', format: 'pdf', ...extra }) })).body, ''));
      expect(await render({ path: '2567/sample-agency.yaml' })).toContain(squash('เพิ่มขึ้นจากปีงบประมาณ พ.ศ. ๒๕๖๕ จำนวน ๓.๓๗ คะแนน'));
      // A form without a file (a new agency not saved yet) has nothing to compare with.
      expect(await render({})).not.toContain(squash('เมื่อเปรียบเทียบกับผลการประเมิน'));
    } finally {
      // The other tests of this file expect the data folder as it was.
      rmSync(path.join(dataDir, '2567'), { recursive: true, force: true });
      rmSync(path.join(dataDir, '2566', 'sample-agency.yaml'), { force: true });
    }
  });

  it('refuses a file that is not UTF-8 with the message check gives, instead of showing garbage', async () => {
    const file = path.join(dataDir, '2566', 'windows-874.yaml');
    writeFileSync(file, Buffer.from([0x61, 0x67, 0x65, 0x6e, 0x63, 0x79, 0x3a, 0x20, 0xa8, 0xd1, 0xa7, 0xcb, 0xc7, 0xd1, 0xb4, 0x0a]));
    try {
      const r = await send('GET', '/api/file?path=2566/windows-874.yaml');
      expect(r.status).toBe(422);
      expect(r.body.toString('utf8')).toContain('UTF-8');
    } finally {
      rmSync(file);
    }
  });

  it('saves back atomically, keeping comments and key order where nothing changed', async () => {
    const raw = jsonOf(await send('GET', '/api/file?path=2566/nakhon-pathom.yaml')).raw as { scores: Record<string, number>; overall: { score: number } };
    raw.scores['4'] = 83;
    raw.overall.score = 93.51;
    const saved = await send('POST', '/api/save', { body: JSON.stringify({ path: '2566/nakhon-pathom.yaml', raw }) });
    expect(saved.status).toBe(200);
    const text = readFileSync(path.join(dataDir, '2566', 'nakhon-pathom.yaml'), 'utf8');
    const before = sampleText().split('\n');
    const after = text.split('\n');
    expect(after).toHaveLength(before.length);
    const changed = after.map((l, i) => [before[i], l]).filter(([a, b]) => a !== b);
    expect(changed).toEqual([
      ['  score: 93.68             # คะแนนภาพรวมจากระบบ ITAS (score of record)', '  score: 93.51             # คะแนนภาพรวมจากระบบ ITAS (score of record)'],
      ['  4: 82.14                 # การใช้ทรัพย์สินของราชการ', '  4: 83                 # การใช้ทรัพย์สินของราชการ'],
    ]);
  });
});

describe('GET /api/files: each file with its agency and fiscal year (issue 17)', () => {
  it('lists what each file states, newest year first then agency, a file that does not parse by its path with a note; kept by modification time', async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'ita-files-')), 'data');
    for (const y of ['2566', '2567']) mkdirSync(path.join(dir, y), { recursive: true });
    copyFileSync(SAMPLE, path.join(dir, '2566', 'nakhon-pathom.yaml'));
    writeFileSync(path.join(dir, '2567', 'นครปฐม.yaml'), 'agency: จังหวัดนครปฐม\nfiscal_year: 2567\n');
    writeFileSync(path.join(dir, '2567', 'z.yaml'), 'agency: จังหวัดกาญจนบุรี\nfiscal_year: 2567\n');
    writeFileSync(path.join(dir, '2567', 'latin.yaml'), 'agency: Agency A\nfiscal_year: 2567\n');
    writeFileSync(path.join(dir, '2566', 'broken.yaml'), 'agency: [\n');
    writeFileSync(path.join(dir, '2566', 'bad name.yaml'), 'agency: x\n');
    const own = createAppServer({ dataDir: dir, port: 0 });
    const ownPort = await listen(own, { dataDir: dir, port: 0 });
    const list = async () => {
      const body = await new Promise<string>((resolve, reject) =>
        request({ port: ownPort, path: '/api/files', headers: { host: `127.0.0.1:${ownPort}` } }, (res) => {
          let text = '';
          res.setEncoding('utf8').on('data', (c: string) => (text += c)).on('end', () => resolve(text));
        }).on('error', reject).end(),
      );
      return JSON.parse(body) as { files: string[]; refused?: { path: string }[]; entries: { path: string; agency?: string; fiscalYear?: number; note?: { th: string; en: string } }[] };
    };
    // A whole second: utimes keeps no finer time than the file system's own writes.
    const latin = path.join(dir, '2567', 'latin.yaml');
    const then = new Date('2026-01-01T00:00:00Z');
    utimesSync(latin, then, then);
    try {
      const first = await list();
      // Backwards compatible: the paths as before, the refused apart.
      expect([...first.files].sort()).toEqual(['2566/broken.yaml', '2566/nakhon-pathom.yaml', '2567/latin.yaml', '2567/z.yaml', '2567/นครปฐม.yaml']);
      expect(first.refused?.map((r) => r.path)).toEqual(['2566/bad name.yaml']);
      expect(first.entries.map((e) => [e.path, e.agency, e.fiscalYear])).toEqual([
        // Thai order (the "th" collation puts Thai names before Latin ones).
        ['2567/z.yaml', 'จังหวัดกาญจนบุรี', 2567],
        ['2567/นครปฐม.yaml', 'จังหวัดนครปฐม', 2567],
        ['2567/latin.yaml', 'Agency A', 2567],
        ['2566/nakhon-pathom.yaml', 'จังหวัดนครปฐม', 2566],
        ['2566/broken.yaml', undefined, undefined],
      ]);
      expect(first.entries.at(-1)!.note?.th).toContain('อ่านไฟล์นี้ไม่ได้');
      expect(first.entries.at(-1)!.note?.en).toContain('does not parse');
      // Another text of the same size and time is not read again (the cache); a new time is.
      writeFileSync(latin, 'agency: Agency B\nfiscal_year: 2567\n');
      utimesSync(latin, then, then);
      expect((await list()).entries.find((e) => e.path === '2567/latin.yaml')?.agency).toBe('Agency A');
      utimesSync(latin, then, new Date(then.getTime() + 5000));
      expect((await list()).entries.find((e) => e.path === '2567/latin.yaml')?.agency).toBe('Agency B');
      // A file removed is gone from the list.
      rmSync(path.join(dir, '2566', 'broken.yaml'));
      expect((await list()).entries.map((e) => e.path)).not.toContain('2566/broken.yaml');
    } finally {
      await new Promise<void>((resolve) => own.close(() => resolve()));
    }
  });
});

describe('the page and its helpers', () => {
  it('serves the Thai page, its script and style, with a content security policy', async () => {
    const page = await send('GET', '/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    const html = page.body.toString('utf8');
    expect(html).toContain('<html lang="th">');
    expect(html).toContain('คะแนนภาพรวมจากระบบ ITAS');
    expect((await send('GET', '/app.js')).headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await send('GET', '/style.css')).status).toBe(200);
    expect((await send('GET', '/server.ts')).status).toBe(404);
    expect((await send('GET', '/../guard.ts')).status).toBe(404);
  });

  it('gives the framework\'s indicators to label the ten scores', async () => {
    const fw = jsonOf(await send('GET', '/api/framework?year=2565'));
    expect((fw.indicators as { number: number; name: string }[]).map((i) => i.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect((fw.indicators as { name: string }[])[0]!.name).toBe('การปฏิบัติหน้าที่');
    expect((await send('GET', '/api/framework?year=1999')).status).toBe(404);
  });

  it('starts a new year from last year\'s file: measures copied, scores emptied', async () => {
    const next = jsonOf(await send('POST', '/api/new-year', { body: JSON.stringify({ from: '2566/nakhon-pathom.yaml' }) }));
    expect(next.path).toBe('2567/nakhon-pathom.yaml');
    const raw = next.raw as Record<string, unknown> & { measures: unknown[]; scores: object; signatory: object };
    expect(raw).toMatchObject({ agency: 'จังหวัดนครปฐม', fiscal_year: 2567, assessment_year: 2566, framework: 2566, scores: {}, urgent: [], improve: [] });
    expect(raw.measures).toHaveLength(5);
    expect(raw.signatory).toEqual({ position: 'ผู้ว่าราชการจังหวัดนครปฐม' });
    // Saved as a new file once the folder exists; the empty scores are errors until filled in.
    mkdirSync(path.join(dataDir, '2567'));
    const saved = jsonOf(await send('POST', '/api/save', { body: JSON.stringify({ path: next.path, raw, create: true }) }));
    expect((saved.findings as { severity: string }[]).some((f) => f.severity === 'error')).toBe(true);
    expect(readFileSync(path.join(dataDir, '2567', 'nakhon-pathom.yaml'), 'utf8')).toContain('agency: จังหวัดนครปฐม');
  });
});

describe('a new file of an assessment year without a framework (issue 12)', () => {
  it('the page gets the latest framework before the year, and the notice that the file states it', async () => {
    const fw = jsonOf(await send('GET', '/api/framework?year=2569&fallback=1'));
    expect(fw.year).toBe(2568);
    expect((fw.indicators as { name: string }[]).map((i) => i.name)).toContain('การปฏิบัติหน้าที่');
    // The clerk's words (what it means, whom to ask); the files to add are the maintainer's, apart (issue 17).
    const notice = fw.notice as { th: string; en: string; maintainer: { th: string; en: string } };
    expect(notice.th).toMatch(/^โปรแกรมรุ่นนี้ยังไม่มีกรอบการประเมินของปี พ.ศ. ๒๕๖๙ รายงานจึงใช้กรอบของปี ๒๕๖๘ ไปก่อนจนกว่าจะมี ให้แจ้งผู้ดูแลโปรแกรม/);
    expect(notice.en).toContain('so the report uses the 2568 framework until it has one; ask whoever maintains the program to update it');
    expect(`${notice.th} ${notice.en}`).not.toContain('frameworks/');
    expect(notice.maintainer.th).toContain('framework: 2568');
    expect(notice.maintainer.th).toContain('frameworks/2569.yaml');
    expect(notice.maintainer.en).toContain('the data file states framework: 2568; once frameworks/2569.yaml and templates/explanations/2569.yaml are added (see frameworks/README.md), remove the framework line');
    // Without fallback=1 (an opened file) the year's own framework or nothing; a year that has
    // one gets it without a notice; before 2562 there is none.
    expect((await send('GET', '/api/framework?year=2569')).status).toBe(404);
    expect(jsonOf(await send('GET', '/api/framework?year=2566&fallback=1'))).not.toHaveProperty('notice');
    expect(jsonOf(await send('GET', '/api/framework?year=2562&fallback=1')).year).toBe(2562);
    expect((await send('GET', '/api/framework?year=2561&fallback=1')).status).toBe(404);
    // The years that have one, for the years a new file is offered (issue 17).
    expect(fw.years).toEqual([2562, 2563, 2564, 2565, 2566, 2567, 2568]);
  });

  it('next year from a fiscal 2569 file states framework: 2568 for the 2569 assessment, with the notice, and checks', async () => {
    mkdirSync(path.join(dataDir, '2569'), { recursive: true });
    const text = sampleText()
      .replace(/^fiscal_year: 2566 /m, 'fiscal_year: 2569 ')
      .replace(/^assessment_year: 2565 /m, 'assessment_year: 2568 ')
      .replace(/^framework: 2565 .*\n/m, '');
    writeFileSync(path.join(dataDir, '2569', 'nakhon-pathom.yaml'), text);
    const next = jsonOf(await send('POST', '/api/new-year', { body: JSON.stringify({ from: '2569/nakhon-pathom.yaml' }) }));
    expect(next.path).toBe('2570/nakhon-pathom.yaml');
    const raw = next.raw as Record<string, unknown>;
    expect(raw).toMatchObject({ fiscal_year: 2570, assessment_year: 2569, framework: 2568 });
    expect(Object.keys(raw).slice(0, 4)).toEqual(['agency', 'fiscal_year', 'assessment_year', 'framework']);
    expect((next.notice as { th: string }).th).toContain('รายงานจึงใช้กรอบของปี ๒๕๖๘ ไปก่อน');
    // With this year's scores typed in, it checks against the 2568 framework without an error.
    const filled = { ...raw, overall: { score: 80 }, scores: Object.fromEntries(Array.from({ length: 10 }, (_, i) => [i + 1, 80])) };
    const checked = await checkText(stringify(filled), 'x.yaml', { previous: false });
    expect(checked.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(checked.framework?.year).toBe(2568);
    // A year that has its framework gets no notice (the sample: 2566 → assessment 2566).
    expect(jsonOf(await send('POST', '/api/new-year', { body: JSON.stringify({ from: '2566/nakhon-pathom.yaml' }) }))).not.toHaveProperty('notice');
  });

  it.each([
    { from: { fiscal_year: 2569, assessment_year: 2568 }, next: { fiscal_year: 2570, assessment_year: 2569, framework: 2568 } },
    { from: { fiscal_year: 2570, assessment_year: 2569, framework: 2568 }, next: { fiscal_year: 2571, assessment_year: 2570, framework: 2568 } },
    { from: { fiscal_year: 2566, assessment_year: 2565, framework: 2565 }, next: { fiscal_year: 2567, assessment_year: 2566, framework: 2566 } },
    { from: { fiscal_year: 2563 }, next: { fiscal_year: 2564, assessment_year: 2563, framework: 2563 } },
  ])('nextYear($from) states the framework of $next.assessment_year or the latest before it', ({ from, next }) => {
    expect(nextYear({ agency: 'x', ...from })).toMatchObject(next);
  });
});

describe('the follow-up report from the form (issue 13)', () => {
  const FIXTURE = new URL('../fixtures/followup/progress.yaml', import.meta.url).pathname;
  const progress = () => parse(readFileSync(FIXTURE, 'utf8')) as Record<string, unknown> & { followup: Record<string, unknown> };
  const render = (raw: unknown, kind: unknown, format = 'pdf') => send('POST', '/api/render', { body: JSON.stringify({ raw, kind, format }) });

  it('renders the follow-up report of a round the form has, as followup-<n>-months, with its summary', async () => {
    const pdf = await render(progress(), 'followup-6-months');
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe('inline; filename="followup-6-months.pdf"');
    // Six months: 13 steps, of which 2 done (one as "done"), 1 under way.
    const text = squash(await pdfText(pdf.body));
    expect(text).toContain(squash('รอบ ๖ เดือน (ตั้งแต่วันที่ ๑ ตุลาคม พ.ศ. ๒๕๖๕ ถึงวันที่ ๓๑ มีนาคม พ.ศ. ๒๕๖๖)'));
    expect(text).toContain(squash('ดำเนินการแล้วเสร็จ ๒ ขั้นตอน อยู่ระหว่างดำเนินการ ๑ ขั้นตอน และยังไม่ได้ดำเนินการ ๑๐ ขั้นตอน'));
    expect(text).toContain(squash('ร้อยละ ๑๕.๓๘ (สิบห้าจุดสามแปด)'));
    const docx = await render(progress(), 'followup-12-months', 'docx');
    expect(docx.status).toBe(200);
    expect(docx.headers['content-disposition']).toBe('inline; filename="followup-12-months.docx"');
    expect(squash((await docxText(docx.body)).join(''))).toContain(squash('ข้อมูล ณ วันที่ ๓๐ กันยายน พ.ศ. ๒๕๖๖'));
  });

  it('refuses the follow-up report of a round the form lacks (422, Thai first), and a kind that does not exist (400)', async () => {
    const raw = progress();
    delete raw.followup['12'];
    const missing = await render(raw, 'followup-12-months');
    expect(missing.status).toBe(422);
    const error = jsonOf(missing).error as { th: string; en: string };
    expect(error.th).toMatch(/^ข้อมูลนี้ยังไม่มีผลการดำเนินการรอบ ๑๒ เดือน \(followup: "12"\)/);
    expect(error.en).toContain('the data has no 12-month round of progress');
    delete (raw as Record<string, unknown>).followup;
    expect((await render(raw, 'followup-6-months')).status).toBe(422);
    for (const kind of ['followup-3-months', 'followup', 'REPORT', 42]) {
      const r = await render(progress(), kind);
      expect(r.status).toBe(400);
      expect((jsonOf(r).error as { th: string }).th).toMatch(/^ไม่มีเอกสารชนิด/);
    }
    // The report and the announcement as before, with no kind the report.
    expect((await render(raw, undefined)).headers['content-disposition']).toBe('inline; filename="report.pdf"');
  });

  it('gives the paths of progress findings as the form names its fields', async () => {
    type Raw = { followup: Record<string, { measures: Record<string, { steps: Record<string, Record<string, unknown>> }> }> };
    const findingsOf = async (raw: Raw) =>
      (jsonOf(await send('POST', '/api/check', { body: JSON.stringify({ raw }) })).findings as { severity: string; path: string }[])
        .filter((f) => f.path !== 'overall.score')
        .map((f) => `${f.severity} ${f.path}`)
        .sort();
    const raw = progress() as unknown as Raw;
    const steps = raw.followup['6']!.measures['1']!.steps;
    delete steps['2']!.result;
    steps['2']!.status = 'ดำเนินการแล้วเสร็จ';
    steps['9'] = { status: 'done', result: 'x' };
    expect(await findingsOf(raw)).toEqual(['error followup.6.measures.1.steps.9', 'warning followup.6.measures.1.steps.2.status']);
    // An empty text is a schema error at its key (the form leaves the key out instead).
    steps['1']!.problems = '';
    expect(await findingsOf(raw)).toEqual(['error followup.6.measures.1.steps.1.problems']);
    // An evidence item as {title, url} is judged as such: the address without http(s):// at its key.
    delete steps['1']!.problems;
    steps['1']!.evidence = [{ title: 'หนังสือ', url: 'www.example.go.th/a.pdf' }];
    expect(await findingsOf(raw)).toEqual(['error followup.6.measures.1.steps.1.evidence[0].url']);
  });
});

describe('guards and the YAML updater, directly', () => {
  it.each([
    ['127.0.0.1:8566', 8566, true],
    ['localhost:8566', 8566, true],
    ['LOCALHOST:8566', 8566, true],
    ['127.0.0.1:8567', 8566, false],
    ['example.com:8566', 8566, false],
    [undefined, 8566, false],
  ])('allowedHost(%j, %i) = %s', (host, p, ok) => {
    expect(allowedHost(host, p)).toBe(ok);
  });

  it.each([
    [undefined, true],
    ['http://127.0.0.1:8566', true],
    ['http://localhost:8566', true],
    ['null', false],
    ['https://127.0.0.1:8566', false],
    ['http://evil.example', false],
  ])('allowedOrigin(%j) = %s', (origin, ok) => {
    expect(allowedOrigin(origin, 8566)).toBe(ok);
  });

  it('lets new files be created only in folders inside the data folder', () => {
    expect(resolveDataFile(dataDir, '2566/new.yaml', 'create')).toBe(path.join(dataDir, '2566', 'new.yaml'));
    expect(() => resolveDataFile(dataDir, '../new.yaml', 'create')).toThrow(PathError);
  });

  it.each<[string, unknown, string]>([
    ['a: 1 # one\nb: 2\n', { a: 1, b: 3 }, 'a: 1 # one\nb: 3\n'],
    ['a: 1\nb: 2 # two\n', { a: 1 }, 'a: 1\n'],
    ['# head\na: 1\n', { a: 1, c: [1, 2] }, '# head\na: 1\nc:\n  - 1\n  - 2\n'],
    ['s:\n  1: 5 # x\n', { s: { '1': 5, '2': 6 } }, 's:\n  1: 5 # x\n  2: 6\n'],
    ['l:\n  - a # first\n  - b\n', { l: ['a', 'c', 'd'] }, 'l:\n  - a # first\n  - c\n  - d\n'],
    ['t: >-\n  long folded\n  text\n', { t: 'long folded text' }, 't: >-\n  long folded\n  text\n'],
    ['a: x  # c\nb: "q"\n', { a: 'y: z', b: 'r' }, 'a: "y: z"  # c\nb: r\n'],
    ['a: [broken\n', { a: 1 }, 'a: 1\n'],
  ])('updateYaml(%j, …)', (before, value, after) => {
    expect(updateYaml(before, value)).toBe(after);
  });
});
