// A stand-in for the engine in the browser (src/web/engine-worker.ts, the other half of issue 16),
// for the tests of the static site until the real one is merged: it answers every request of
// src/web/protocol.ts with just enough to see the page do its part. Bundled by the tests into one
// classic script that, like the real one, runs as a Web Worker or, loaded by a <script> (file://),
// defines the global function itaReportEngine.
//
// What it does: `load` parses the YAML; `check` finds a score over 100 (an error on the score) and
// nothing else; `render` gives a "document" that is its request as text; `update` writes the
// changed top-level text values into their lines of the file as opened (so the comments stay), or
// the whole data for a new file; `next-year` gives newDataFile's start with the year after, named
// as the server names it (`2567/nakhon-pathom.yaml`); `identify` names the files of a folder by
// agency and year, sorted as the server sorts them. A rendered "document" ends with what came
// beside the data (protocol.ts's Beside: last year's file, the files the data names, the folder),
// when anything did. A render of an agency named CRASH_AGENCY throws, as a bug in the engine would.

import { parse, stringify } from 'yaml';
import { newDataFile } from '../../src/data/new-file.ts';
import type { FrameworkAnswer, Report } from '../../src/serve/api.ts';
import type { Beside, EngineAnswer, EngineRequest, EngineRequests } from '../../src/web/protocol.ts';

const CRASH_AGENCY = 'ส่วนประมวลผลล้ม';

type Output<K extends keyof EngineRequests> = EngineRequests[K]['output'];
type Data = Record<string, unknown> & { scores?: Record<string, number>; agency?: string; fiscal_year?: number };

const framework = (year: number): FrameworkAnswer => ({
  year,
  passMark: 85,
  indicators: Array.from({ length: 10 }, (_, i) => ({ number: i + 1, name: `ตัวชี้วัดจำลอง ${i + 1}` })),
  levels: [{ level: 'A', min: 85 }],
});

function check(raw: unknown): Report {
  const scores = (raw as Data | null)?.scores ?? {};
  const findings = Object.entries(scores)
    .filter(([, v]) => v > 100)
    .map(([n]) => ({ severity: 'error', path: `scores.${n}`, field: null, th: 'คะแนนเกิน ๑๐๐ (จำลอง)', en: 'score over 100 (fake)', at: null }));
  return { findings, overall: null };
}

function update(before: string, raw: Data): string {
  if (before === '') return stringify(raw);
  let text = before;
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value !== 'string' && typeof value !== 'number') continue;
    text = text.replace(new RegExp(`^${key}: [^#\\n]*?( *#.*)?$`, 'm'), (_line, comment: string | undefined) => `${key}: ${value}${comment ?? ''}`);
  }
  return text;
}

/** What came beside the data, as the end of a fake document: ` beside: previous 2566/x.yaml (agency 2566), emblems/seal.svg (N bytes), in the folder`. */
function besideSaid({ previous, files, inFolder }: Beside): string {
  const parts = [
    ...(previous ? [`previous ${previous.name} (${String((parse(previous.text) as Data).agency)} ${String((parse(previous.text) as Data).fiscal_year)})`] : []),
    ...(files ?? []).map((f) => `${f.path} (${f.bytes.length} bytes)`),
    ...(inFolder ? ['in the folder'] : []),
  ];
  return parts.length > 0 ? ` beside: ${parts.join(', ')}` : '';
}

function answer(request: EngineRequest): EngineAnswer {
  const { id } = request;
  const ok = (output: EngineRequests[keyof EngineRequests]['output']): EngineAnswer => ({ id, ok: true, output });
  switch (request.name) {
    case 'framework': {
      const { year } = request.input as EngineRequests['framework']['input'];
      return year >= 2560 && year < 2600 ? ok(framework(year) satisfies Output<'framework'>) : { id, ok: false, error: { th: 'ไม่มีกรอบ', en: 'no framework' } };
    }
    case 'load': {
      const { text } = request.input as EngineRequests['load']['input'];
      const raw: unknown = parse(text);
      return ok({ raw, ...check(raw) } satisfies Output<'load'>);
    }
    case 'check':
      return ok(check((request.input as EngineRequests['check']['input']).raw) satisfies Output<'check'>);
    case 'render': {
      const { raw, kind, format, name } = request.input as EngineRequests['render']['input'];
      if ((raw as Data).agency === CRASH_AGENCY) throw new Error('the fake engine crashed, as asked');
      const report = check(raw);
      if (report.findings.length > 0) return ok({ invalid: report } satisfies Output<'render'>);
      const bytes = new TextEncoder().encode(`%PDF-1.4 fake ${kind} ${format} ${name} ${(raw as Data).agency}${besideSaid(request.input as Beside)}\n`);
      return ok({ bytes } satisfies Output<'render'>);
    }
    case 'update': {
      const { before, raw } = request.input as EngineRequests['update']['input'];
      return ok({ text: update(before, raw as Data), report: check(raw) } satisfies Output<'update'>);
    }
    case 'next-year': {
      const { name, text } = request.input as EngineRequests['next-year']['input'];
      const data = parse(text) as Data;
      const year = Number(data.fiscal_year) + 1;
      const raw = newDataFile({ agency: String(data.agency), fiscalYear: year });
      // A place in a data folder, as the server names next year's file.
      return ok({ name: `${year}/${name.replace(/^.*\//, '')}`, raw } satisfies Output<'next-year'>);
    }
    case 'identify': {
      const { listed } = request.input as EngineRequests['identify']['input'];
      const entries: Output<'identify'> = listed.map(({ path, text }) => {
        let data: Data | undefined;
        try {
          data = text === null ? undefined : (parse(text) as Data);
        } catch {
          data = undefined;
        }
        if (!data) return { path, note: { th: 'อ่านไฟล์นี้ไม่ได้ (จำลอง)', en: 'does not parse (fake)' } };
        return { path, ...(data.agency && { agency: data.agency }), ...(typeof data.fiscal_year === 'number' && { fiscalYear: data.fiscal_year }) };
      });
      const yearOf = (e: { fiscalYear?: number }) => e.fiscalYear ?? -Infinity;
      entries.sort((a, b) => yearOf(b) - yearOf(a) || (a.agency ?? '\uffff').localeCompare(b.agency ?? '\uffff', 'th') || a.path.localeCompare(b.path));
      return ok(entries);
    }
  }
  return { id, ok: false, error: { th: 'ไม่รู้จักคำขอ', en: `unknown request ${String(request.name)}` } };
}

// The browser's globals, typed here: the tests compile with Node's types, not the DOM's.
const scope = globalThis as unknown as {
  WorkerGlobalScope?: abstract new () => unknown;
  onmessage: ((event: { data: EngineRequest }) => void) | null;
  postMessage(answer: EngineAnswer): void;
  itaReportEngine?: (request: EngineRequest) => Promise<EngineAnswer>;
};
if (scope.WorkerGlobalScope && scope instanceof scope.WorkerGlobalScope) {
  scope.onmessage = (event) => scope.postMessage(answer(event.data));
} else {
  scope.itaReportEngine = async (request) => answer(request);
}
