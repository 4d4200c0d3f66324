import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request, type Server } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BODY_LIMIT, createAppServer, listen, type ServeLimits } from '../../src/serve/server.ts';
import { SAMPLE } from '../helpers/sample.ts';

/**
 * The web server holds against what a clerk's browser, a slow or broken client, or a hostile page
 * can send (issue 11): every request here is a real HTTP request to a started server.
 */

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** Milliseconds from sending to the end of the answer. */
  ms: number;
}

interface Running {
  server: Server;
  port: number;
  dataDir: string;
  root: string;
}

const servers: Server[] = [];
afterAll(() => Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve())))));

/** A fresh data folder with the sample, and a server on it. */
async function start(limits: Partial<ServeLimits> = {}, prepare: (dataDir: string, root: string) => void = () => undefined): Promise<Running> {
  const root = mkdtempSync(path.join(tmpdir(), 'ita-holds-'));
  const dataDir = path.join(root, 'data');
  mkdirSync(path.join(dataDir, '2566'), { recursive: true });
  copyFileSync(SAMPLE, path.join(dataDir, '2566', 'nakhon-pathom.yaml'));
  prepare(dataDir, root);
  const server = createAppServer({ dataDir, port: 0, limits });
  servers.push(server);
  const port = await listen(server, { dataDir, port: 0 });
  return { server, port, dataDir, root };
}

function send(port: number, method: string, url: string, body?: string | Buffer, headers: Record<string, string | number> = {}): Promise<Reply> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: url,
        headers: { host: `127.0.0.1:${port}`, ...(body !== undefined && { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), ms: performance.now() - t0 }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
const post = (port: number, url: string, body: unknown) => send(port, 'POST', url, typeof body === 'string' ? body : JSON.stringify(body));
const errorOf = (r: Reply) => (JSON.parse(r.body.toString('utf8')) as { error: { th: string; en: string } }).error;
const thai = /[\u0E00-\u0E7F]/;

/** The sample as the page holds it. */
interface SampleRaw {
  agency: string;
  measures: Record<string, unknown>[];
  overall: { score: number };
  [key: string]: unknown;
}
const sampleRaw = (): SampleRaw => parse(readFileSync(SAMPLE, 'utf8')) as SampleRaw;

/**
 * A raw TCP exchange: `write` drives the socket; resolves with everything the server sent once it
 * closes the connection (or after `wait` ms), and when that was.
 */
function exchange(port: number, write: (socket: ReturnType<typeof connect>) => void, wait = 20_000): Promise<{ text: string; ms: number; closed: boolean }> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let done = false;
    const finish = (closed: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ text: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - t0, closed });
    };
    const timer = setTimeout(() => finish(false), wait);
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', () => undefined);
    socket.on('close', () => finish(true));
    write(socket);
  });
}

describe('an oversized chunked body', () => {
  let s: Running;
  beforeAll(async () => {
    s = await start();
  });

  it('is answered 413 with a Thai and English message, and the server goes on serving', async () => {
    // No content-length: the body comes in chunks until it is over the limit (the crash of issue 11).
    for (let round = 0; round < 3; round++) {
      const reply = await new Promise<Reply>((resolve, reject) => {
        const t0 = performance.now();
        const req = request({ host: '127.0.0.1', port: s.port, method: 'POST', path: '/api/check', headers: { host: `127.0.0.1:${s.port}`, 'content-type': 'application/json' } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), ms: performance.now() - t0 }));
        });
        req.on('error', reject);
        expect(req.getHeader('content-length')).toBeUndefined();
        const chunk = Buffer.alloc(64 * 1024, 'a');
        for (let sent = 0; sent <= BODY_LIMIT + chunk.length; sent += chunk.length) req.write(chunk);
        req.end();
      });
      expect(reply.status).toBe(413);
      expect(errorOf(reply).th).toMatch(thai);
      expect(errorOf(reply).en).toMatch(/too large/);
      expect((await send(s.port, 'GET', '/api/files')).status).toBe(200);
    }
  });

  it('over a raw socket too: the answer arrives, the connection is reused or closed, never reset first', async () => {
    const { text } = await exchange(s.port, (socket) => {
      socket.write(`POST /api/save HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\nTransfer-Encoding: chunked\r\n\r\n`);
      const chunk = Buffer.alloc(100_000, 'x');
      for (let i = 0; i < 12; i++) socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
      socket.end('0\r\n\r\n');
    });
    expect(text).toMatch(/^HTTP\/1\.1 413 /);
    expect(readdirSync(path.join(s.dataDir, '2566'))).toEqual(['nakhon-pathom.yaml']);
    expect((await send(s.port, 'GET', '/')).status).toBe(200);
  });
});

describe('bad JSON gets 400 with a message, not 500', () => {
  let s: Running;
  beforeAll(async () => {
    s = await start();
  });

  const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
  it.each([
    ['null', 'null', /JSON object/],
    ['an array', '[1, 2]', /JSON object/],
    ['a string', '"2566/nakhon-pathom.yaml"', /JSON object/],
    ['a number', '12', /JSON object/],
    ['50,000-deep arrays', `{"x": ${deep(50_000)}}`, /deeper than 32/],
    ['a 50,000-deep form inside the body', `{"raw": {"agency": ${deep(50_000)}}}`, /deeper than 32/],
    ['not JSON', '{"raw": ', /not JSON/],
  ])('%s', async (_name, body, en) => {
    for (const route of ['/api/check', '/api/render', '/api/save', '/api/new-year']) {
      const r = await post(s.port, route, body);
      expect(r.status, route).toBe(400);
      expect(errorOf(r).th, route).toMatch(thai);
      expect(errorOf(r).en, route).toMatch(en);
    }
    expect((await send(s.port, 'GET', '/api/files')).status).toBe(200);
  });

  it('fields of the wrong type and a form that is not an object', async () => {
    const r = await post(s.port, '/api/check', { raw: sampleRaw(), path: 42 });
    expect(r.status).toBe(400);
    expect(errorOf(r).en).toMatch(/"path" .* must be text/);
    expect((await post(s.port, '/api/check', { raw: null })).status).toBe(400);
    expect(errorOf(await post(s.port, '/api/render', { raw: 'agency: x' })).th).toMatch(thai);
  });
});

describe('slow clients are timed out', () => {
  let s: Running;
  beforeAll(async () => {
    s = await start({ headersTimeoutMs: 600, requestTimeoutMs: 1500 });
  });

  it('headers sent a byte at a time: 408 with a Thai and English message, the connection closed', async () => {
    const request = `GET /api/files HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\nX-Slow: ${'a'.repeat(200)}`;
    const r = await exchange(s.port, (socket) => {
      let i = 0;
      const drip = setInterval(() => (socket.writable ? socket.write(request[i++ % request.length]!) : clearInterval(drip)), 50);
      socket.on('close', () => clearInterval(drip));
    });
    expect(r.closed).toBe(true);
    expect(r.text).toMatch(/^HTTP\/1\.1 408 /);
    const error = JSON.parse(r.text.slice(r.text.indexOf('\r\n\r\n') + 4)) as { error: { th: string; en: string } };
    expect(error.error.th).toMatch(thai);
    expect(error.error.en).toMatch(/not received in time/);
    // Headers timeout plus one check interval, with room for a busy machine.
    expect(r.ms).toBeGreaterThan(500);
    expect(r.ms).toBeLessThan(5000);
  });

  it('a body that stops coming: 408 after the request timeout, and other requests are served meanwhile', async () => {
    const stalled = exchange(s.port, (socket) => {
      socket.write(`POST /api/check HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"raw": {`);
    });
    expect((await send(s.port, 'GET', '/api/files')).status).toBe(200);
    const r = await stalled;
    expect(r.closed).toBe(true);
    expect(r.text).toMatch(/^HTTP\/1\.1 408 /);
    expect(r.ms).toBeGreaterThan(1400);
    expect(r.ms).toBeLessThan(6000);
    expect((await send(s.port, 'GET', '/api/files')).status).toBe(200);
  });

  it('an answer that takes longer than the request timeout is not cut: the timeouts are for receiving only', async () => {
    const r = await post(s.port, '/api/render', { raw: longForm(), kind: 'report', format: 'pdf' });
    expect(r.status).toBe(200);
    expect(r.ms).toBeGreaterThan(1500);
  });

  it('the defaults are set on a server started without limits', async () => {
    const d = await start();
    expect(d.server.headersTimeout).toBe(10_000);
    expect(d.server.requestTimeout).toBe(30_000);
  });
});

/** A form that is valid and takes the renderer seconds: 20 measures of 10 long steps (about 300 KB × `times`). */
function longForm(times = 1): Record<string, unknown> {
  const raw = sampleRaw();
  const sentence = 'ดำเนินการตามแผนงานและติดตามผลอย่างต่อเนื่อง ';
  const step = sentence.repeat(12 * times).slice(0, 500 * times);
  raw.measures = Array.from({ length: 20 }, (_, i) => ({ ...raw.measures[i % raw.measures.length], steps: Array.from({ length: 10 }, () => step) }));
  return raw;
}

describe('a long render does not hold up the other requests', () => {
  it('the page, a check and the file list are answered while a render runs', async () => {
    const s = await start();
    // The check thread is started first, as the page does when it opens a file.
    expect((await post(s.port, '/api/check', { raw: sampleRaw() })).status).toBe(200);
    const body = JSON.stringify({ raw: longForm(), kind: 'report', format: 'pdf' });
    let renderDone = 0;
    const render = post(s.port, '/api/render', body).then((r) => ((renderDone = performance.now()), r));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const during: Reply[] = [];
    for (let i = 0; i < 3; i++) {
      during.push(await send(s.port, 'GET', '/'));
      during.push(await post(s.port, '/api/check', { raw: sampleRaw(), path: '2566/nakhon-pathom.yaml' }));
      during.push(await send(s.port, 'GET', '/api/files'));
    }
    const answeredAt = performance.now();
    const rendered = await render;
    expect(rendered.status).toBe(200);
    expect(rendered.headers['content-type']).toBe('application/pdf');
    expect(rendered.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // Every other request was answered before the render was done, each in well under a second.
    expect(renderDone).toBeGreaterThan(answeredAt);
    for (const r of during) expect(r.status).toBe(200);
    const slowest = Math.max(...during.map((r) => r.ms));
    console.log(`render of ${(Buffer.byteLength(body) / 1024).toFixed(0)} KB: ${rendered.ms.toFixed(0)} ms; slowest of ${during.length} requests during it: ${slowest.toFixed(0)} ms`);
    expect(slowest).toBeLessThan(1000);
  });

  it('a render over its time limit is stopped with 503, and the next render works', async () => {
    // A render that never ends (ITA_REPORT_TEST_STALL blocks the thread of this agency's render
    // for a minute) against a limit that a cheap document in a fresh thread makes with room to
    // spare even on a loaded machine: the outcome does not hang on the machine's speed, as a
    // long form against a fixed limit did (1.5 s stopped the cheap render under load; 3 s let the
    // long form through on a quiet machine once the PDF layout got faster).
    process.env.ITA_REPORT_TEST_STALL = 'หน่วยงานที่ไม่มีวันเสร็จ';
    try {
      const s = await start({ renderTimeoutMs: 5000 });
      const r = await post(s.port, '/api/render', { raw: { ...sampleRaw(), agency: 'หน่วยงานที่ไม่มีวันเสร็จ' }, kind: 'report', format: 'pdf' });
      expect(r.status).toBe(503);
      expect(errorOf(r).th).toMatch(/การสร้างเอกสารใช้เวลานานเกินกำหนด/);
      expect(errorOf(r).en).toMatch(/rendering took longer than 5 s/);
      // Stopped at the limit, not at the end of the minute (the thread's start does not count).
      expect(r.ms).toBeLessThan(30_000);
      // The stopped thread is replaced by a fresh one, which renders the next document.
      const again = await post(s.port, '/api/render', { raw: { ...sampleRaw(), announcement: { form: 'table' } }, kind: 'announcement', format: 'docx' });
      console.log(`stopped render answered in ${r.ms.toFixed(0)} ms; the next render in ${again.ms.toFixed(0)} ms`);
      expect(again.status).toBe(200);
      expect(again.body.subarray(0, 2).toString('latin1')).toBe('PK');
    } finally {
      delete process.env.ITA_REPORT_TEST_STALL;
    }
  });

  it('renders do not pile up: beyond the queue the server answers 503 at once', async () => {
    const s = await start({ renderQueue: 1 });
    const first = post(s.port, '/api/render', { raw: longForm(), kind: 'report', format: 'pdf' });
    const body = { raw: sampleRaw(), kind: 'announcement', format: 'docx' };
    const second = post(s.port, '/api/render', body);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const third = await post(s.port, '/api/render', body);
    expect(third.status).toBe(503);
    expect(errorOf(third).th).toMatch(thai);
    expect(errorOf(third).en).toMatch(/busy/);
    expect(third.ms).toBeLessThan(1000);
    expect((await first).status).toBe(200);
    expect((await second).status).toBe(200);
  });

  it('a render whose page went away is dropped from the queue', async () => {
    const s = await start({ renderQueue: 1 });
    const body = JSON.stringify({ raw: longForm(), kind: 'report', format: 'pdf' });
    const first = post(s.port, '/api/render', body);
    // The second waits in the queue; its client gives up (the page calls off a stale preview).
    const gone = request({ host: '127.0.0.1', port: s.port, method: 'POST', path: '/api/render', headers: { host: `127.0.0.1:${s.port}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } });
    gone.on('error', () => undefined);
    gone.end(body);
    await new Promise((resolve) => setTimeout(resolve, 300));
    gone.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    // Its place is free again: this one waits and is rendered instead of being refused as busy.
    const third = await post(s.port, '/api/render', JSON.stringify({ raw: sampleRaw(), kind: 'announcement', format: 'docx' }));
    expect(third.status).toBe(200);
    expect((await first).status).toBe(200);
  });
});

describe('file names that are not plain *.yaml names are refused', () => {
  let s: Running;
  beforeAll(async () => {
    s = await start({}, (dataDir) => writeFileSync(path.join(dataDir, '2566', 'copy (1).yaml'), readFileSync(SAMPLE)));
  });

  it.each([
    ['2566/.yaml', /".yaml" starts with a dot/],
    ['.yaml', /".yaml" starts with a dot/],
    ['..%2foutside%2fsecret.yaml', /"..%2foutside%2fsecret.yaml" starts with a dot/],
    ['2566%2f..%2f..%2fsecret.yaml', /holds the character "%"/],
    ['2566/..%2f..%2fsecret.yaml', /starts with a dot/],
    ['2566/.hidden.yaml', /starts with a dot/],
    ['.git/config.yaml', /starts with a dot/],
    ['2566/a b.yaml', /holds the character U\+0020/],
    ['2566/a\u200bb.yaml', /holds the character U\+200B/],
    ['2566\\x.yaml', /holds the character "\\"/],
    ['2566//x.yaml', /an empty part/],
    ['2566/x.yaml.txt', /not a \.yaml file/],
    ['2566/', /an empty part/],
    [`2566/${'ก'.repeat(90)}.yaml`, /too long/],
    ['', /no file named/],
  ])('%j: 400, the message names it, nothing is written', async (name, en) => {
    const before = readdirSync(s.dataDir, { recursive: true }).sort();
    for (const create of [true, false]) {
      const r = await post(s.port, '/api/save', { path: name, raw: sampleRaw(), create });
      expect(r.status).toBe(400);
      const error = errorOf(r);
      expect(error.en).toMatch(en);
      expect(error.th).toMatch(/^(ชื่อไฟล์ .* ใช้ไม่ได้|ไม่ได้ระบุชื่อไฟล์)/);
      if (name !== '') expect(error.en).toContain(JSON.stringify(name).slice(1, 20));
    }
    expect((await send(s.port, 'GET', `/api/file?path=${encodeURIComponent(name)}`)).status).toBe(400);
    expect(readdirSync(s.dataDir, { recursive: true }).sort()).toEqual(before);
    expect(existsSync(path.join(s.root, 'outside'))).toBe(false);
  });

  it('Thai names, digits, - _ and . are plain names', async () => {
    const r = await post(s.port, '/api/save', { path: '2566/จังหวัด_นครปฐม-2.สำเนา.yaml', raw: sampleRaw(), create: true });
    expect(r.status).toBe(200);
    expect(readFileSync(path.join(s.dataDir, '2566', 'จังหวัด_นครปฐม-2.สำเนา.yaml'), 'utf8')).toContain('agency: จังหวัดนครปฐม');
  });

  it('the file list leaves out names the page cannot open, and says why', async () => {
    const list = JSON.parse((await send(s.port, 'GET', '/api/files')).body.toString('utf8')) as { files: string[]; refused: { path: string; th: string; en: string }[] };
    expect(list.files).toContain('2566/nakhon-pathom.yaml');
    expect(list.files).not.toContain('2566/copy (1).yaml');
    expect(list.refused).toEqual([{ path: '2566/copy (1).yaml', th: expect.stringMatching(thai), en: expect.stringContaining('U+0020') }]);
  });
});

describe('symbolic links are never written through or replaced', () => {
  let s: Running;
  beforeAll(async () => {
    s = await start({}, (dataDir, root) => {
      mkdirSync(path.join(root, 'outside'));
      symlinkSync(path.join(root, 'outside', 'gone.yaml'), path.join(dataDir, '2566', 'dangling.yaml'));
      symlinkSync(path.join(dataDir, '2566', 'nakhon-pathom.yaml'), path.join(dataDir, '2566', 'alias.yaml'));
      symlinkSync(path.join(root, 'outside', 'new-year'), path.join(dataDir, '2567'));
    });
  });

  it('a dangling link is not replaced by a save, nor followed to create its target', async () => {
    const link = path.join(s.dataDir, '2566', 'dangling.yaml');
    const created = await post(s.port, '/api/save', { path: '2566/dangling.yaml', raw: sampleRaw(), create: true });
    expect(created.status).toBe(403);
    expect(errorOf(created).th).toMatch(/ลิงก์/);
    expect(errorOf(created).en).toMatch(/"2566\/dangling.yaml" is a symbolic link/);
    expect((await post(s.port, '/api/save', { path: '2566/dangling.yaml', raw: sampleRaw() })).status).toBe(403);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(path.join(s.root, 'outside', 'gone.yaml'));
    expect(readdirSync(path.join(s.root, 'outside'))).toEqual([]);
  });

  it('a link to a data file inside is not replaced either', async () => {
    const r = await post(s.port, '/api/save', { path: '2566/alias.yaml', raw: sampleRaw() });
    expect(r.status).toBe(403);
    expect(lstatSync(path.join(s.dataDir, '2566', 'alias.yaml')).isSymbolicLink()).toBe(true);
  });

  it('a year folder that is a dangling link is not created through', async () => {
    const r = await post(s.port, '/api/save', { path: '2567/nakhon-pathom.yaml', raw: sampleRaw(), create: true });
    expect([403, 404]).toContain(r.status);
    expect(readdirSync(path.join(s.root, 'outside'))).toEqual([]);
  });
});

describe('the previous year is read only from inside the data folder', () => {
  const fixture = new URL('../fixtures/two-years/', import.meta.url).pathname;
  const thisYear = () => readFileSync(path.join(fixture, '2567', 'sample-agency.yaml'), 'utf8');
  const lastYear = (agency?: string) => {
    const text = readFileSync(path.join(fixture, '2566', 'sample-agency.yaml'), 'utf8');
    return agency ? text.replace('agency: องค์การบริหารส่วนจังหวัดตัวอย่าง', `agency: ${agency}`) : text;
  };

  /** data/2567/sample-agency.yaml, and data/2566 as a real folder or as a link to a folder outside. */
  const tree = (linked: boolean, previous: string) => async () =>
    start({}, (dataDir, root) => {
      mkdirSync(path.join(dataDir, '2567'));
      writeFileSync(path.join(dataDir, '2567', 'sample-agency.yaml'), thisYear());
      const folder = linked ? path.join(root, 'outside', '2566') : path.join(dataDir, '2566');
      mkdirSync(folder, { recursive: true });
      writeFileSync(path.join(folder, 'sample-agency.yaml'), previous);
      if (linked) {
        copyFileSync(path.join(dataDir, '2566', 'nakhon-pathom.yaml'), path.join(folder, 'nakhon-pathom.yaml'));
        rmSync(path.join(dataDir, '2566'), { recursive: true });
        symlinkSync(folder, path.join(dataDir, '2566'));
      }
    });
  const codes = async (s: Running) => {
    const raw = (JSON.parse((await send(s.port, 'GET', '/api/file?path=2567/sample-agency.yaml')).body.toString('utf8')) as { raw: unknown }).raw;
    const checked = JSON.parse((await post(s.port, '/api/check', { raw, path: '2567/sample-agency.yaml' })).body.toString('utf8')) as { findings: { code?: string; path: string; en: string }[] };
    return { raw, findings: checked.findings.map((f) => f.en) };
  };
  // The DOCX: the same comparison as the PDF, quicker to render, and as byte-identical run to run.
  const render = async (s: Running, raw: unknown, extra: Record<string, unknown>) => (await post(s.port, '/api/render', { raw, kind: 'report', format: 'docx', ...extra })).body;

  it('inside: last year\'s file is read (a file of another agency is reported)', async () => {
    const s = await tree(false, lastYear('องค์การอื่น'))();
    expect((await codes(s)).findings.join('\n')).toMatch(/องค์การอื่น/);
  });

  it('a year folder linked to a folder outside: last year\'s file there is not read, as GET /api/file refuses it', async () => {
    const s = await tree(true, lastYear('องค์การอื่น'))();
    expect((await send(s.port, 'GET', '/api/file?path=2566/sample-agency.yaml')).status).toBe(403);
    const { findings } = await codes(s);
    expect(findings.join('\n')).not.toMatch(/องค์การอื่น/);
    // The save's check and the file's load look for it the same way.
    const file = JSON.parse((await send(s.port, 'GET', '/api/file?path=2567/sample-agency.yaml')).body.toString('utf8')) as { findings: { en: string }[] };
    expect(file.findings.map((f) => f.en).join('\n')).not.toMatch(/องค์การอื่น/);
  });

  it('the documents do not compare with a usable file outside: the same bytes as with no previous year at all', async () => {
    const outside = await tree(true, lastYear())();
    const { raw } = await codes(outside);
    const linked = await render(outside, raw, { path: '2567/sample-agency.yaml' });
    const none = await render(outside, raw, {});
    expect(linked.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(linked.equals(none)).toBe(true);
    // Whereas the same file inside the data folder is compared with.
    const inside = await tree(false, lastYear())();
    expect((await render(inside, raw, { path: '2567/sample-agency.yaml' })).equals(none)).toBe(false);
  });
});

describe('temporary files of a save that was killed are swept', () => {
  /** The id of a process that has ended. */
  const deadPid = (): number => {
    const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    return Number(child.stdout.toString());
  };
  const temp = (dir: string, name: string, pid: number, hex = 'deadbeef') => {
    const file = path.join(dir, `${name}.tmp-${pid}-${hex}`);
    writeFileSync(file, '');
    return file;
  };

  it('at the start of serve: left-overs of dead processes go, a live process\'s save and other files stay', async () => {
    const made: Record<string, string> = {};
    const s = await start({}, (dataDir) => {
      mkdirSync(path.join(dataDir, '2567'));
      made.dead = temp(path.join(dataDir, '2566'), 'nakhon-pathom.yaml', deadPid());
      made.deeper = temp(path.join(dataDir, '2567'), 'x.yaml', deadPid(), '0123abcd');
      made.live = temp(path.join(dataDir, '2566'), 'nakhon-pathom.yaml', process.ppid, 'feedface');
      made.other = temp(path.join(dataDir, '2566'), 'notes.txt', deadPid());
    });
    expect(existsSync(made.dead!)).toBe(false);
    expect(existsSync(made.deeper!)).toBe(false);
    expect(existsSync(made.live!)).toBe(true);
    expect(existsSync(made.other!)).toBe(true);
    expect(readFileSync(path.join(s.dataDir, '2566', 'nakhon-pathom.yaml'))).toEqual(readFileSync(SAMPLE));
  });

  it('before a save: a 0-byte left-over beside the file goes, and the save leaves no temporary file', async () => {
    const s = await start();
    const dir = path.join(s.dataDir, '2566');
    const left = temp(dir, 'nakhon-pathom.yaml', deadPid());
    const raw = sampleRaw();
    raw.agency = 'จังหวัดนครปฐม';
    const r = await post(s.port, '/api/save', { path: '2566/nakhon-pathom.yaml', raw });
    expect(r.status).toBe(200);
    expect(existsSync(left)).toBe(false);
    expect(readdirSync(dir)).toEqual(['nakhon-pathom.yaml']);
  });
});

describe('what held before still holds', () => {
  it('comments are kept on save, and a declared oversized body is refused before it is read', async () => {
    const s = await start();
    const raw = sampleRaw();
    raw.overall.score = 93.51;
    expect((await post(s.port, '/api/save', { path: '2566/nakhon-pathom.yaml', raw })).status).toBe(200);
    const text = readFileSync(path.join(s.dataDir, '2566', 'nakhon-pathom.yaml'), 'utf8');
    expect(text).toContain('  score: 93.51             # คะแนนภาพรวมจากระบบ ITAS (score of record)');
    const declared = await send(s.port, 'POST', '/api/check', '{}', { 'content-length': BODY_LIMIT + 1 }).then((r) => r.status, (err: NodeJS.ErrnoException) => err.code);
    expect(declared).toBe(413);
    expect((await send(s.port, 'GET', '/api/files', undefined, { host: 'evil.example' })).status).toBe(403);
  });
});
