import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { lstat, readFile, stat } from 'node:fs/promises';
import type { Duplex } from 'node:stream';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleScript } from '../bundle/bundle.ts';
import { expandInputs, writeFileAtomic } from '../files/files.ts';
import { fileEntry, frameworkAnswer, nextYearAnswer, sortedEntries } from '../messages/answers.ts';
import { decodeUtf8, NOT_UTF8 } from '../data/load.ts';
import { messageFor, tookTooLongMessage } from '../messages/catalogue.ts';
import { DOCUMENT_KINDS, isFollowupKind, type DocumentKind } from '../compose/compose.ts';
import type { OutputFormat } from '../pipeline.ts';
import { toThaiDigits } from '../thai/digits.ts';
import { allowedHost, allowedOrigin, checkDataPath, PathError, resolveDataFile, type Access } from './guard.ts';
import { HttpError, internalError } from './http-error.ts';
import { Cancelled, Lane } from './lanes.ts';
import { sweepSaveTemps } from './sweep.ts';
import type { Place } from './tasks.ts';
import type { Answers, ErrorAnswer, FileEntry } from './api.ts';
import { packageRoot } from '../resources/node.ts';

/**
 * `ita-report serve`: a local HTTP server for the clerk's web page. It reads and writes the same
 * data files as the CLI, checks them with the same pipeline, and renders the same documents.
 *
 * The request thread only reads requests, checks paths, reads and writes files and answers: the
 * YAML, checking and rendering run in two worker threads (lanes.ts), one for checks and one for
 * documents, so that a long render holds up neither the page nor its checks.
 */

export interface ServeLimits {
  /** A client must have sent its request headers by then (slow clients hold a connection). */
  headersTimeoutMs: number;
  /** … and its whole request, body included. */
  requestTimeoutMs: number;
  /** Longest render of one document; a longer one is stopped and answered 503. */
  renderTimeoutMs: number;
  /** Longest check (of the form, a file, a save). */
  checkTimeoutMs: number;
  /** Renders that may wait behind the running one. */
  renderQueue: number;
  /** Checks that may wait behind the running one. */
  checkQueue: number;
}

export const DEFAULT_LIMITS: ServeLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  renderTimeoutMs: 120_000,
  checkTimeoutMs: 30_000,
  renderQueue: 4,
  checkQueue: 16,
};

export interface ServeOptions {
  dataDir: string;
  port: number;
  /** 127.0.0.1 unless told otherwise. */
  host?: string;
  /** The defaults suit a clerk's machine; tests shorten them. */
  limits?: Partial<ServeLimits>;
}

/** Request bodies are data files as JSON: far below this. */
export const BODY_LIMIT = 1024 * 1024;
/** A data file nests five levels deep; JSON nested deeper than this is not a data file. */
export const BODY_DEPTH = 32;
/** After a 413 the rest of a body is read and dropped, so that the client reads the answer; up to this much. */
const DRAIN_LIMIT = 16 * BODY_LIMIT;

const tooLarge = () => new HttpError(413, 'ข้อมูลที่ส่งมีขนาดใหญ่เกินไป (เกิน ๑ เมกะไบต์)', 'request body too large (over 1 MB)');

/** True when a JSON value nests deeper than `limit` (walked without recursion). */
function nestsDeeper(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= limit) return true;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * A request's JSON body, which must be an object, at most BODY_LIMIT bytes and BODY_DEPTH deep.
 * An oversized body is answered 413 at once; what the client still sends is read and dropped
 * (up to DRAIN_LIMIT) so that the connection stays usable and the client sees the answer.
 */
function readBody(req: IncomingMessage, res: ServerResponse): Promise<Record<string, unknown>> {
  const socket = req.socket;
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > BODY_LIMIT) {
      // Declared too large: nothing of it is read; the connection closes after the answer.
      res.setHeader('connection', 'close');
      return reject(tooLarge());
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= BODY_LIMIT) return void chunks.push(chunk);
      req.off('data', onData);
      req.off('end', onEnd);
      let dropped = 0;
      req.on('data', (more: Buffer) => {
        dropped += more.length;
        if (dropped > DRAIN_LIMIT) socket.destroy();
      });
      reject(tooLarge());
    };
    const onEnd = () => {
      let body: unknown;
      try {
        const text = Buffer.concat(chunks).toString('utf8');
        body = text.trim() === '' ? {} : JSON.parse(text);
      } catch {
        return reject(new HttpError(400, 'ข้อมูลที่ส่งไม่ใช่ JSON', 'request body is not JSON'));
      }
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        return reject(new HttpError(400, 'ข้อมูลที่ส่งต้องเป็นออบเจกต์ JSON เช่น {"raw": {…}}', 'request body must be a JSON object, e.g. {"raw": {…}}'));
      }
      if (nestsDeeper(body, BODY_DEPTH)) {
        return reject(new HttpError(400, `ข้อมูลที่ส่งซ้อนกันลึกเกิน ${BODY_DEPTH} ชั้น ซึ่งไม่ใช่ไฟล์ข้อมูล`, `request body nests deeper than ${BODY_DEPTH} levels, which no data file does`));
      }
      resolve(body as Record<string, unknown>);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    // The client went away or timed out (requestTimeout): nobody waits for an answer.
    req.on('error', () => reject(new Cancelled('the request went away')));
  });
}

/** A field of a request body that must be text when given. */
function textField(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new HttpError(400, `"${name}" ในข้อมูลที่ส่งต้องเป็นข้อความ`, `"${name}" in the request body must be text`);
  return value;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The document a render asks for: the report when none is named, else one of DOCUMENT_KINDS; a
 * follow-up report only for a round that the form's data has.
 */
function documentKind(body: Record<string, unknown>): DocumentKind {
  const asked = body.kind ?? 'report';
  const kind = DOCUMENT_KINDS.find((k) => k === asked);
  if (!kind) {
    const known = DOCUMENT_KINDS.join(', ');
    throw new HttpError(400, `ไม่มีเอกสารชนิด ${JSON.stringify(asked)} (มี ${known})`, `no document of kind ${JSON.stringify(asked)} (there are ${known})`);
  }
  if (isFollowupKind(kind)) {
    const months = kind.replace(/^followup-(\d+)-months$/, '$1');
    const followup = isRecord(body.raw) ? body.raw.followup : undefined;
    if (!isRecord(followup) || followup[months] === undefined || followup[months] === null) {
      throw new HttpError(
        422,
        `ข้อมูลนี้ยังไม่มีผลการดำเนินการรอบ ${toThaiDigits(months)} เดือน (followup: "${months}") จึงยังไม่มีรายงานผลการดำเนินการของรอบนี้ ให้เพิ่มรอบนี้ในส่วนผลการดำเนินการตามมาตรการก่อน`,
        `the data has no ${months}-month round of progress (followup: "${months}"), so there is no follow-up report of that round; add the round first`,
      );
    }
  }
  return kind;
}

/** The page's folder: index.html, style.css, and the script's TypeScript (app.ts and its parts). */
const PAGE_DIR = pathToFileURL(path.join(packageRoot, 'src', 'serve', 'page') + path.sep);

/**
 * The page's script: app.ts with what it imports (its parts, the core's rules it shares), bundled
 * into one file at the first request and kept; a bundle that failed is tried again at the next.
 */
let pageScript: Promise<Buffer> | undefined;
const bundledPage = (): Promise<Buffer> =>
  (pageScript ??= bundleScript(new URL('app.ts', PAGE_DIR)).then(
    (bundle) => Buffer.from(bundle.code),
    (err: unknown) => {
      pageScript = undefined;
      throw err;
    },
  ));

/** The page's own files, by name: nothing else is served. */
const PAGE_FILES: Record<string, { type: string; bytes: () => Promise<Buffer> }> = {
  '/': { type: 'text/html', bytes: () => readFile(new URL('index.html', PAGE_DIR)) },
  '/app.js': { type: 'text/javascript', bytes: bundledPage },
  '/style.css': { type: 'text/css', bytes: () => readFile(new URL('style.css', PAGE_DIR)) },
};

const json = (res: ServerResponse, status: number, body: unknown) => {
  const bytes = Buffer.from(JSON.stringify(body));
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': bytes.length, 'cache-control': 'no-store' });
  res.end(bytes);
};

const REFUSAL_STATUS = { outside: 403, name: 400, symlink: 403 } as const;

/** A path the guard refused, or a file that is not there, as the answer to the page. */
const pathError = (err: unknown, relative: string): never => {
  if (err instanceof PathError) throw new HttpError(REFUSAL_STATUS[err.refusal], err.th, err.en);
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') {
    throw new HttpError(404, `ไม่พบไฟล์ ${JSON.stringify(relative)} ในโฟลเดอร์ข้อมูล`, `no such file in the data folder: ${JSON.stringify(relative)}`);
  }
  throw err;
};

/** What Node's HTTP parser reports about a broken or slow client, answered in the page's words. */
function clientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  const answer = (status: number, reason: string, th: string, en: string) => {
    const body = Buffer.from(JSON.stringify({ error: { th, en } } satisfies ErrorAnswer));
    const head = `HTTP/1.1 ${status} ${reason}\r\nconnection: close\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${body.length}\r\n\r\n`;
    socket.end(Buffer.concat([Buffer.from(head, 'latin1'), body]));
    // A client that does not close its side is not waited for.
    setTimeout(() => socket.destroy(), 1000).unref();
  };
  // Only on a connection where nothing of an answer was written yet.
  const fresh = socket.writable && (socket as Duplex & { bytesWritten?: number }).bytesWritten === 0;
  if (!fresh || err.code === 'ECONNRESET') socket.destroy();
  else if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    answer(408, 'Request Timeout', 'ส่งคำขอช้าเกินไป การเชื่อมต่อจึงถูกปิด ให้ลองใหม่', 'the request was not received in time; the connection is closed, try again');
  } else if (err.code === 'HPE_HEADER_OVERFLOW') {
    answer(431, 'Request Header Fields Too Large', 'ส่วนหัวของคำขอยาวเกินไป', 'request headers too large');
  } else {
    answer(400, 'Bad Request', 'คำขอมีรูปแบบไม่ถูกต้อง', 'malformed request');
  }
}

export function createAppServer(options: ServeOptions): Server {
  const dataDir = path.resolve(options.dataDir);
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  let port = options.port;
  const checks = new Lane({
    timeoutMs: limits.checkTimeoutMs,
    queueLimit: limits.checkQueue,
    memoryMb: 256,
    tooLong: tookTooLongMessage('check', limits.checkTimeoutMs / 1000),
    worker: { exporters: false },
  });
  const renders = new Lane({
    timeoutMs: limits.renderTimeoutMs,
    queueLimit: limits.renderQueue,
    memoryMb: 768,
    tooLong: tookTooLongMessage('render', limits.renderTimeoutMs / 1000),
    worker: { exporters: true },
  });
  /** Data files being saved now (how many saves of each): their temporary files are not left-overs. */
  const inFlight = new Map<string, number>();
  const saving = { has: (file: string) => (inFlight.get(file) ?? 0) > 0 };

  /** A data file named by the page, or the HTTP error that refuses it. */
  const dataFile = (relative: unknown, access: Access = 'read'): string => {
    try {
      return resolveDataFile(dataDir, relative, access);
    } catch (err) {
      return pathError(err, String(relative));
    }
  };

  /** Where a form belongs: its file when it names one; without one there is nothing to compare with. */
  const placeOf = (relative: string | undefined): Place => ({ root: dataDir, file: relative ? dataFile(relative, 'place') : null });

  /** A data file's text; a file that is not UTF-8 gets the message `check` gives for it. */
  const readData = async (file: string, relative: string): Promise<string> => {
    const text = decodeUtf8(await readFile(file).catch((err: unknown) => pathError(err, relative)));
    if (text === undefined) {
      const message = messageFor(NOT_UTF8);
      throw new HttpError(422, message.th, message.en);
    }
    return text;
  };

  /**
   * What each data file states of its agency and year, by path, kept while the file's modification
   * time and size stay the same: the list is asked for on every visit and every save, and reading
   * and parsing a folder of a thousand files each time would hold up the checks' thread.
   */
  const identities = new Map<string, { mtimeMs: number; size: number; entry: FileEntry }>();
  async function entriesOf(files: string[], signal: AbortSignal): Promise<FileEntry[]> {
    const stats = await Promise.all(files.map((f) => stat(path.join(dataDir, f)).catch(() => null)));
    const stale = files.flatMap((f, i) => {
      const s = stats[i];
      const known = identities.get(f);
      return s && known && known.mtimeMs === s.mtimeMs && known.size === s.size ? [] : [{ f, s }];
    });
    if (stale.length > 0) {
      const texts = await Promise.all(stale.map(({ f }) => readFile(path.join(dataDir, f)).then(decodeUtf8, () => undefined)));
      const readable = stale.flatMap((one, i) => (texts[i] === undefined ? [] : [{ ...one, text: texts[i]! }]));
      const ids = readable.length > 0 ? await checks.run('identify', { texts: readable.map((r) => r.text) }, signal) : [];
      const idOf = new Map(readable.map((r, i) => [r.f, ids[i] ?? null]));
      for (const { f, s } of stale) {
        const id = idOf.get(f) ?? null;
        const entry = fileEntry(f, id);
        if (s) identities.set(f, { mtimeMs: s.mtimeMs, size: s.size, entry });
        else identities.delete(f);
      }
    }
    const listed = new Set(files);
    for (const known of identities.keys()) if (!listed.has(known)) identities.delete(known);
    return sortedEntries(files.map((f) => identities.get(f)?.entry ?? fileEntry(f, null)));
  }

  type Route = (req: IncomingMessage, res: ServerResponse, url: URL, signal: AbortSignal) => Promise<void>;
  const routes: Record<string, Route> = {
    // ?year=Y: that year's framework. With &fallback=1 (a new file): while Y has none, the latest
    // one before it, with the notice that the new file states it (framework:) meanwhile.
    'GET /api/framework': async (_req, res, url) => {
      const year = Number(url.searchParams.get('year'));
      json(res, 200, frameworkAnswer(year, url.searchParams.get('fallback') === '1') satisfies Answers['GET /api/framework']);
    },
    'POST /api/new-year': async (req, res, _url, signal) => {
      const body = await readBody(req, res);
      const from = textField(body, 'from') ?? '';
      const file = dataFile(from);
      const { raw } = await checks.run('next-year', { text: await readData(file, from) }, signal);
      json(res, 200, nextYearAnswer(path.basename(file), raw) satisfies Answers['POST /api/new-year']);
    },
    'GET /api/files': async (_req, res, _url, signal) => {
      const all = (await expandInputs([dataDir])).map((f) => path.relative(dataDir, f).split(path.sep).join('/'));
      // A file whose name the page may not use is named with the reason, so that it can be renamed.
      const refused = all.flatMap((f) => {
        try {
          checkDataPath(f);
          return [];
        } catch (err) {
          return err instanceof PathError ? [{ path: f, th: err.th, en: err.en }] : [];
        }
      });
      const files = all.filter((f) => !refused.some((r) => r.path === f));
      json(res, 200, { files, ...(refused.length > 0 && { refused }), entries: await entriesOf(files, signal) } satisfies Answers['GET /api/files']);
    },
    'GET /api/file': async (_req, res, url, signal) => {
      const relative = url.searchParams.get('path') ?? '';
      const file = dataFile(relative);
      const text = await readData(file, relative);
      // The page shows the preview of a file it opens: the render thread starts loading now.
      renders.warm();
      const loaded = await checks.run('load', { root: dataDir, file, text }, signal);
      json(res, 200, { path: relative, text, raw: loaded.raw, ...loaded.report, ...(loaded.lastYear && { lastYear: loaded.lastYear }) } satisfies Answers['GET /api/file']);
    },
    'POST /api/check': async (req, res, _url, signal) => {
      const body = await readBody(req, res);
      json(res, 200, (await checks.run('check', { ...placeOf(textField(body, 'path')), raw: body.raw }, signal)) satisfies Answers['POST /api/check']);
    },
    'POST /api/render': async (req, res, _url, signal) => {
      const body = await readBody(req, res);
      const format: OutputFormat = body.format === 'docx' ? 'docx' : 'pdf';
      const kind = documentKind(body);
      const rendered = await renders.run('render', { ...placeOf(textField(body, 'path')), raw: body.raw, kind, format }, signal);
      if ('invalid' in rendered) return json(res, 422, rendered.invalid satisfies Answers['POST /api/render']);
      res.writeHead(200, {
        'content-type': format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        'content-length': rendered.bytes.length,
        'content-disposition': `inline; filename="${kind}.${format}"`,
        'cache-control': 'no-store',
      });
      res.end(rendered.bytes);
    },
    'POST /api/save': async (req, res, _url, signal) => {
      const body = await readBody(req, res);
      const relative = textField(body, 'path') ?? '';
      const create = body.create === true;
      const file = dataFile(relative, create ? 'create' : 'write');
      if (create && (await lstat(file).then(() => true, () => false))) {
        throw new HttpError(409, `มีไฟล์ชื่อ ${JSON.stringify(relative)} อยู่แล้ว`, `a file named ${JSON.stringify(relative)} exists already`);
      }
      const before = create ? '' : await readData(file, relative);
      const { text, report } = await checks.run('update', { root: dataDir, file, before, raw: body.raw }, signal);
      inFlight.set(file, (inFlight.get(file) ?? 0) + 1);
      try {
        // Left-overs of a save that was killed half-way (a temporary file beside the data file).
        await sweepSaveTemps(path.dirname(file), { recursive: false, saving });
        await writeFileAtomic(file, Buffer.from(text));
      } finally {
        const left = inFlight.get(file)! - 1;
        if (left > 0) inFlight.set(file, left);
        else inFlight.delete(file);
      }
      json(res, 200, { saved: true as const, ...report } satisfies Answers['POST /api/save']);
    },
  };

  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      // How often the two timeouts above are looked at.
      connectionsCheckingInterval: Math.min(1000, Math.max(50, limits.headersTimeoutMs / 4)),
    },
    (req, res) => {
      // A request whose client went away: a task it waits for is dropped from its queue.
      const gone = new AbortController();
      res.on('close', () => {
        if (!res.writableFinished) gone.abort();
      });
      void (async () => {
        try {
          // Only our own page on our own address: another site's page, or a name that resolves to
          // 127.0.0.1 (DNS rebinding), gets nothing.
          if (!allowedHost(req.headers.host, port)) throw new HttpError(403, 'ไม่อนุญาต (ที่อยู่เซิร์ฟเวอร์ไม่ถูกต้อง)', 'forbidden: wrong Host');
          if (!allowedOrigin(req.headers.origin, port)) throw new HttpError(403, 'ไม่อนุญาต (หน้าเว็บจากที่อื่น)', 'forbidden: foreign Origin');
          const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
          const page = req.method === 'GET' ? PAGE_FILES[url.pathname] : undefined;
          if (page) {
            const bytes = await page.bytes();
            res.writeHead(200, {
              'content-type': `${page.type}; charset=utf-8`,
              'content-length': bytes.length,
              // The page talks to this server only, and is never framed by another site.
              'content-security-policy': "default-src 'self'; connect-src 'self' blob:; frame-src 'self' blob:; object-src 'self' blob:; img-src 'self' blob: data:",
              'x-frame-options': 'SAMEORIGIN',
            });
            res.end(bytes);
            return;
          }
          const route = routes[`${req.method} ${url.pathname}`];
          if (!route) throw new HttpError(404, 'ไม่พบ', 'not found');
          await route(req, res, url, gone.signal);
        } catch (err) {
          // Nobody is there to answer.
          if (err instanceof Cancelled || res.destroyed) return;
          const e = err instanceof HttpError ? err : internalError(err);
          if (!res.headersSent) json(res, e.status, { error: { th: e.th, en: e.en } } satisfies ErrorAnswer);
          else res.destroy();
        }
      })();
    },
  );
  server.on('clientError', clientError);
  server.on('listening', () => {
    const address = server.address();
    if (address && typeof address === 'object') port = address.port;
  });
  server.on('close', () => {
    void checks.close();
    void renders.close();
  });
  return server;
}

/**
 * Starts the server. Temporary files that saves of a server killed half-way left in the data
 * folder are removed first.
 */
export async function listen(server: Server, options: ServeOptions): Promise<number> {
  await sweepSaveTemps(path.resolve(options.dataDir), { recursive: true });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      const address = server.address();
      resolve(address && typeof address === 'object' ? address.port : options.port);
    });
  });
}
