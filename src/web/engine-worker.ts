import { lastYearOf } from '../data/carried.ts';
import { writtenInFolder } from '../data/previous-name.ts';
import { updateYaml } from '../data/yaml-update.ts';
import { checkReportText, hasErrors, renderChecked, withPrevious, type Checked } from '../engine.ts';
import { fileEntry, frameworkAnswer, identityOf, nextYearAnswer, nextYearFromText, noDocument, rawToText, report, sortedEntries, toData } from '../messages/answers.ts';
import { internalError, Refusal } from '../messages/refusal.ts';
import { installResources, type Resources, type UserFile } from '../resources/resources.ts';
import { ENGINE_GLOBAL, type Beside, type EngineAnswer, type EngineRequest, type EngineRequestName, type EngineRequests } from './protocol.ts';
import { browserResources, resvgLoaded } from './resources.ts';

/**
 * The engine in the browser: answers the page's requests (protocol.ts) with the same engine, the
 * same checks and the same answers as the web server (src/messages/answers.ts), from the tool's
 * files bundled with it (resources.ts). One script, built as one classic script (an IIFE) by
 * src/bundle/web-engine.ts, serves two ways:
 * - started as a Web Worker, it answers each `EngineRequest` message with an `EngineAnswer`
 *   message, a rendered document's bytes transferred, not copied;
 * - loaded with `<script>` by a page that cannot start a worker (opened from a folder, file://),
 *   it defines the global function `itaReportEngine(request)` (ENGINE_GLOBAL) that resolves to the
 *   same answer.
 *
 * The clerk's file is text here, not a path: its name (`nakhon-pathom.yaml`, or 'form' for a form
 * not saved yet) names it in the findings, as the server's path does. What the command line reads
 * beside the file (the previous year's file, the emblem) comes with the request (protocol.ts's
 * `Beside`) and is used as src/pipeline.ts uses it, so that the documents are the command line's.
 */

installResources(browserResources);
// Loaded once, while the page starts: the SVG check of an agency's emblem and the ประกาศ's
// emblem need it. A failure shows in the answers, with its message.
const ready = resvgLoaded();

type Handlers = { [K in EngineRequestName]: (input: EngineRequests[K]['input']) => Promise<EngineRequests[K]['output']> };

const fileName = (name: string | null): string => name ?? 'form';

/** `written` (relative, `/` or `\\`) with `.` and inner `..` resolved; leading `..` kept. */
function normalRelative(written: string): string {
  const parts: string[] = [];
  for (const part of written.split(/[\\/]/)) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

/**
 * The engine's reading with the request's files: an emblem the data names is read from `files`
 * (by its path relative to the data file, as written), within the same limit as on Node; any other
 * reading is the bundled resources'. In a folder the clerk opened (`inFolder`), one that leads out
 * of it is refused as the server refuses it.
 */
function withFiles({ files, inFolder }: Beside): Resources {
  const byPath = new Map((files ?? []).map((f) => [normalRelative(f.path), f.bytes]));
  const base = browserResources;
  return {
    ...base,
    userFile(dataFile, written, limits): UserFile {
      if (inFolder && writtenInFolder(dataFile, written) === undefined) return { file: written, failure: 'outside' };
      const bytes = written.startsWith('/') ? undefined : byPath.get(normalRelative(written));
      if (!bytes) return base.userFile(dataFile, written, limits);
      const { file } = base.userFile(dataFile, written, limits);
      return bytes.byteLength > limits.maxBytes ? { file, failure: 'too-large', size: bytes.byteLength } : { file, bytes };
    },
  };
}

/**
 * The file's check, and the comparison with the previous year's when it came: as src/pipeline.ts's
 * checkText (the previous year's file checked on its own, then withPrevious, whose warnings say
 * why a file that came cannot be used). The request's files are read only during this check: the
 * resources are installed for it and put back, the engine answering one request at a time.
 */
function checkWith(text: string, name: string | null, beside: Beside): Checked {
  installResources(withFiles(beside));
  try {
    const checked = checkReportText(text, fileName(name));
    const { previous } = beside;
    if (!previous || !checked.data || !checked.analysis) return checked;
    return withPrevious(checked, checkReportText(previous.text, previous.name), previous.name);
  } finally {
    installResources(browserResources);
  }
}

const handlers: Handlers = {
  framework: async ({ year, fallback }) => frameworkAnswer(year, fallback),
  load: async (input) => {
    const raw = toData(input.text) ?? null;
    const lastYear = input.previous && lastYearOf(toData(input.previous.text), raw);
    return { ...report(checkWith(input.text, input.name, input)), raw, ...(lastYear && { lastYear }) };
  },
  check: async (input) => report(checkWith(rawToText(input.raw), input.name, input)),
  render: async (input) => {
    const { raw, kind, format } = input;
    const checked = checkWith(rawToText(raw), input.name, input);
    // As the server's render (and `build` without --strict): errors stop the document.
    if (hasErrors(checked.findings) || !checked.analysis) return { invalid: report(checked) };
    const [doc] = await renderChecked(checked, { formats: [format], digits: 'thai', kinds: [kind] });
    if (!doc) throw noDocument(kind);
    return { bytes: doc.bytes };
  },
  'next-year': async ({ name, text }) => {
    const { path, ...next } = nextYearAnswer(name.split('/').pop() ?? name, nextYearFromText(text));
    return { name: path, ...next };
  },
  identify: async ({ listed }) => sortedEntries(listed.map(({ path, text }) => fileEntry(path, text === null ? null : identityOf(text)))),
  update: async (input) => {
    rawToText(input.raw);
    const text = updateYaml(input.before, input.raw);
    return { text, report: report(checkWith(text, input.name, input)) };
  },
};

/** The answer to one request: its output, or the refusal (the server's words) or internal error. */
export async function answer(request: EngineRequest): Promise<EngineAnswer> {
  try {
    await ready;
    const handler = handlers[request.name] as (input: EngineRequest['input']) => Promise<EngineRequests[EngineRequestName]['output']>;
    if (typeof handler !== 'function') throw new Refusal(400, `ไม่รู้จักคำขอ ${String(request.name)}`, `unknown request ${String(request.name)}`);
    return { id: request.id, ok: true, output: await handler(request.input) };
  } catch (err) {
    const refusal = err instanceof Refusal ? err : internalError(err);
    return { id: request.id, ok: false, error: { th: refusal.th, en: refusal.en } };
  }
}

// What this file needs of a worker's global scope (the DOM's types are not the engine's).
interface WorkerScope {
  postMessage(message: unknown, transfer: unknown[]): void;
  addEventListener(type: 'message', listener: (event: { data: EngineRequest }) => void): void;
}

/** The document's bytes, handed over rather than copied when they own their whole buffer. */
function transferOf(answer: EngineAnswer): ArrayBuffer[] {
  const bytes = answer.ok && 'bytes' in answer.output ? answer.output.bytes : undefined;
  const own = bytes !== undefined && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
  return own ? [bytes.buffer as ArrayBuffer] : [];
}

const scope = globalThis as unknown as Record<string, unknown> & WorkerScope;
// A worker's global scope is a WorkerGlobalScope; a page's is a Window.
const inWorker = typeof scope.WorkerGlobalScope === 'function' && globalThis instanceof (scope.WorkerGlobalScope as new () => object);
if (inWorker) {
  scope.addEventListener('message', (event) => {
    void answer(event.data).then((a) => scope.postMessage(a, transferOf(a)));
  });
} else {
  scope[ENGINE_GLOBAL] = answer;
}
