import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseDocument, stringify } from 'yaml';
import { expandInputs, writeFileAtomic } from '../cli/files.ts';
import { formatPath } from '../cli/findings.ts';
import { availableFrameworkYears, loadFramework } from '../data/frameworks.ts';
import { decodeUtf8, NOT_UTF8 } from '../data/load.ts';
import { fieldTitle } from '../data/schema.ts';
import { messageFor } from '../messages/catalogue.ts';
import { checkText, hasErrors, renderDocuments, type Checked, type OutputFormat } from '../pipeline.ts';
import { allowedHost, allowedOrigin, PathError, resolveDataFile } from './guard.ts';
import { updateYaml } from './yaml-update.ts';

/**
 * `ita-report serve`: a local HTTP server for the clerk's web page. It reads and writes the same
 * data files as the CLI, checks them with the same pipeline, and renders the same documents.
 */

export interface ServeOptions {
  dataDir: string;
  port: number;
  /** 127.0.0.1 unless told otherwise. */
  host?: string;
}

/** Request bodies are data files as JSON: far below this. */
export const BODY_LIMIT = 1024 * 1024;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly th: string,
    readonly en: string,
  ) {
    super(en);
  }
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > BODY_LIMIT) throw new HttpError(413, 'ข้อมูลที่ส่งมีขนาดใหญ่เกินไป', 'request body too large');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > BODY_LIMIT) throw new HttpError(413, 'ข้อมูลที่ส่งมีขนาดใหญ่เกินไป', 'request body too large');
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  } catch {
    throw new HttpError(400, 'ข้อมูลที่ส่งไม่ใช่ JSON', 'request body is not JSON');
  }
}

/** The page's own files, by name: nothing else is served from disk. */
const PAGE_DIR = new URL('./page/', import.meta.url);
const PAGE_FILES: Record<string, string> = {
  '/': 'index.html; text/html',
  '/app.js': 'app.js; text/javascript',
  '/style.css': 'style.css; text/css',
};

/**
 * Last year's file as the start of this year's: the agency, its measures and signatory carry over;
 * scores, the overall score and the issue lists are left for the new results.
 */
export function nextYear(raw: Record<string, unknown>): Record<string, unknown> {
  const year = Number(raw.fiscal_year) + 1;
  const assessment = Number(raw.assessment_year ?? Number(raw.fiscal_year) - 1) + 1;
  const framework = availableFrameworkYears().includes(assessment) ? assessment : raw.framework;
  const signatory = (raw.signatory ?? {}) as Record<string, unknown>;
  return {
    agency: raw.agency,
    fiscal_year: year,
    assessment_year: assessment,
    ...(framework !== undefined && { framework }),
    overall: { score: null },
    ...(raw.threshold !== undefined && { threshold: raw.threshold }),
    scores: {},
    urgent: [],
    improve: [],
    measures: raw.measures ?? [],
    signatory: { position: signatory.position ?? '' },
  };
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  const bytes = Buffer.from(JSON.stringify(body));
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': bytes.length, 'cache-control': 'no-store' });
  res.end(bytes);
};

/** Findings as the page shows them: beside the field they concern, Thai first. */
function report(checked: Checked) {
  return {
    findings: checked.findings.map((f) => {
      const m = messageFor(f);
      return { severity: f.severity, path: formatPath(f.path), field: fieldTitle(f.path) ?? null, th: m.th, en: m.en, at: f.at ?? checked.source?.locate(f.path) ?? null };
    }),
    overall: checked.analysis
      ? {
          declared: checked.analysis.overall.score,
          declaredLevel: checked.analysis.overall.declaredLevel ?? null,
          level: checked.analysis.overall.level,
          computed: checked.analysis.overall.computed ?? null,
          computedLevel: checked.analysis.overall.computedLevel ?? null,
        }
      : null,
  };
}

const rawToText = (raw: unknown): string => {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new HttpError(400, 'ข้อมูลต้องเป็นออบเจกต์', 'data must be an object');
  return stringify(raw, { lineWidth: 0 });
};

const pathError = (err: unknown): never => {
  if (err instanceof PathError) throw new HttpError(403, 'ไม่อนุญาตให้เปิดไฟล์นอกโฟลเดอร์ข้อมูล', `refused: ${err.message}`);
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') throw new HttpError(404, 'ไม่พบไฟล์', 'no such file');
  throw err;
};

export function createAppServer(options: ServeOptions): Server {
  const dataDir = path.resolve(options.dataDir);
  let port = options.port;

  /** A data file named by the page, or the HTTP error that refuses it. */
  const dataFile = (relative: string, mustExist = true): string => {
    try {
      return resolveDataFile(dataDir, relative, mustExist);
    } catch (err) {
      return pathError(err);
    }
  };

  // The form's file (it may not exist yet) places it in the data tree, where the previous year's
  // file of the same agency is found; without one there is nothing to compare with.
  const formFile = (relative: unknown): string => (typeof relative === 'string' && relative !== '' ? dataFile(relative, false) : 'form');

  /** A data file's text; a file that is not UTF-8 gets the message `check` gives for it. */
  const readData = async (file: string): Promise<string> => {
    const text = decodeUtf8(await readFile(file).catch(pathError));
    if (text === undefined) {
      const message = messageFor(NOT_UTF8);
      throw new HttpError(422, message.th, message.en);
    }
    return text;
  };

  const routes: Record<string, (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>> = {
    'GET /api/framework': async (_req, res, url) => {
      const framework = loadFramework(Number(url.searchParams.get('year')));
      if (!framework) throw new HttpError(404, 'ไม่มีกรอบการประเมินของปีนี้', 'no framework for that year');
      json(res, 200, { year: framework.year, passMark: framework.passMark, indicators: framework.indicators, levels: framework.levels });
    },
    'POST /api/new-year': async (req, res) => {
      const body = (await readBody(req)) as { from?: string };
      const file = dataFile(body.from ?? '');
      const doc = parseDocument(await readData(file));
      if (doc.errors.length > 0) throw new HttpError(422, 'ไฟล์ของปีที่แล้วมีรูปแบบไม่ถูกต้อง', 'last year\'s file does not parse');
      const raw = nextYear(doc.toJS() as Record<string, unknown>);
      const stem = path.basename(file).replace(/\.ya?ml$/i, '');
      json(res, 200, { path: `${raw.fiscal_year}/${stem}.yaml`, raw });
    },
    'GET /api/files': async (_req, res) => {
      const files = await expandInputs([dataDir]);
      json(res, 200, { files: files.map((f) => path.relative(dataDir, f).split(path.sep).join('/')) });
    },
    'GET /api/file': async (_req, res, url) => {
      const file = dataFile(url.searchParams.get('path') ?? '');
      const text = await readData(file);
      const checked = await checkText(text, file);
      const doc = parseDocument(text);
      json(res, 200, { path: url.searchParams.get('path'), text, raw: doc.errors.length === 0 ? doc.toJS() : null, ...report(checked) });
    },
    'POST /api/check': async (req, res) => {
      const body = (await readBody(req)) as { raw?: unknown; path?: unknown };
      json(res, 200, report(await checkText(rawToText(body.raw), formFile(body.path))));
    },
    'POST /api/render': async (req, res) => {
      const body = (await readBody(req)) as { raw?: unknown; kind?: string; format?: string; path?: unknown };
      const format = (body.format === 'docx' ? 'docx' : 'pdf') as OutputFormat;
      const kind = body.kind === 'announcement' ? 'announcement' : 'report';
      const checked = await checkText(rawToText(body.raw), formFile(body.path));
      if (hasErrors(checked.findings) || !checked.analysis) return json(res, 422, report(checked));
      const [doc] = await renderDocuments(checked, { formats: [format], digits: 'thai', kinds: [kind] });
      if (!doc) throw new Error(`no ${kind} rendered`);
      res.writeHead(200, {
        'content-type': format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        'content-length': doc.bytes.length,
        'content-disposition': `inline; filename="${kind}.${format}"`,
        'cache-control': 'no-store',
      });
      res.end(doc.bytes);
    },
    'POST /api/save': async (req, res) => {
      const body = (await readBody(req)) as { path?: string; raw?: unknown; create?: boolean };
      const file = dataFile(body.path ?? '', !body.create);
      if (body.create && existsSync(file)) throw new HttpError(409, 'มีไฟล์ชื่อนี้อยู่แล้ว', 'a file of that name exists');
      const before = body.create ? '' : await readData(file);
      rawToText(body.raw);
      const text = updateYaml(before, body.raw);
      await writeFileAtomic(file, Buffer.from(text));
      json(res, 200, { saved: true, ...report(await checkText(text, file)) });
    },
  };

  const server = createServer((req, res) => {
    void (async () => {
      try {
        // Only our own page on our own address: another site's page, or a name that resolves to
        // 127.0.0.1 (DNS rebinding), gets nothing.
        if (!allowedHost(req.headers.host, port)) throw new HttpError(403, 'ไม่อนุญาต (ที่อยู่เซิร์ฟเวอร์ไม่ถูกต้อง)', 'forbidden: wrong Host');
        if (!allowedOrigin(req.headers.origin, port)) throw new HttpError(403, 'ไม่อนุญาต (หน้าเว็บจากที่อื่น)', 'forbidden: foreign Origin');
        const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
        const page = req.method === 'GET' ? PAGE_FILES[url.pathname] : undefined;
        if (page) {
          const [name, type] = page.split('; ') as [string, string];
          const bytes = await readFile(new URL(name, PAGE_DIR));
          res.writeHead(200, {
            'content-type': `${type}; charset=utf-8`,
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
        await route(req, res, url);
      } catch (err) {
        const e = err instanceof HttpError ? err : new HttpError(500, 'เกิดข้อผิดพลาดภายใน', err instanceof Error ? err.message : String(err));
        if (e.status === 413) {
          // Not read any further: answer, then close the connection the rest would come on.
          res.setHeader('connection', 'close');
          res.on('finish', () => req.socket.destroy());
        } else {
          req.resume();
        }
        if (!res.headersSent) json(res, e.status, { error: { th: e.th, en: e.en } });
        else res.destroy();
      }
    })();
  });
  server.on('listening', () => {
    const address = server.address();
    if (address && typeof address === 'object') port = address.port;
  });
  return server;
}

export function listen(server: Server, options: ServeOptions): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      const address = server.address();
      resolve(address && typeof address === 'object' ? address.port : options.port);
    });
  });
}
