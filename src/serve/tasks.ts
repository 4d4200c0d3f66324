import path from 'node:path';
import { parseDocument, stringify } from 'yaml';
import type { DocumentKind } from '../compose/compose.ts';
import { formatPath } from '../messages/findings.ts';
import { latestFrameworkYear } from '../data/frameworks.ts';
import { defaultAssessmentYear, newDataFile, type NewFile } from '../data/new-file.ts';
import type { AnnouncementForm, Measure } from '../data/types.ts';
import { fieldTitle } from '../data/schema.ts';
import { messageFor } from '../messages/catalogue.ts';
import { buildFile } from '../build/build.ts';
import { checkText, type Checked, type OutputFormat } from '../pipeline.ts';
import { confinedPreviousYear } from './guard.ts';
import { HttpError } from './http-error.ts';
import { updateYaml } from './yaml-update.ts';
import type { Report } from './api.ts';

export type { Report } from './api.ts';

/**
 * The work of the web server that can take long: YAML, checking and rendering. It runs in worker
 * threads (`worker.ts`, driven by `lanes.ts`), so that a long render never holds up the requests
 * of the page. Every task gets plain data and answers plain data (structured-cloneable).
 */

/** Where a form's file lives: the data folder, and the file's path in it when it has one. */
export interface Place {
  root: string;
  /** Absolute path of the data file, or null for a form not saved yet (nothing to compare with). */
  file: string | null;
}

export interface Tasks {
  check: { input: Place & { raw: unknown }; output: Report };
  load: { input: Place & { text: string }; output: { raw: unknown; report: Report } };
  render: {
    input: Place & { raw: unknown; kind: DocumentKind; format: OutputFormat };
    output: { bytes: Uint8Array } | { invalid: Report };
  };
  'next-year': { input: { text: string }; output: { raw: NewFile } };
  update: { input: Place & { before: string; raw: unknown }; output: { text: string; report: Report } };
}
export type TaskName = keyof Tasks;

export function report(checked: Checked): Report {
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
          rating: checked.analysis.rating ? { words: checked.analysis.rating.words, rule: checked.analysis.rating.rule.words } : null,
          tools: checked.analysis.tools.map((t) => ({ id: t.id, name: t.name, score: t.score ?? null, passed: t.passed ?? null })),
          passMark: checked.analysis.passMark,
        }
      : null,
  };
}

/**
 * Last year's file as the start of this year's (newDataFile, the page's new file too): the agency,
 * its measures and signatory carry over; scores, the overall score and the issue lists are left
 * for the new results. What carries over is taken as it is; checking the new file reports it.
 */
export function nextYear(raw: Record<string, unknown>): NewFile {
  const year = Number(raw.fiscal_year) + 1;
  const assessment = Number(raw.assessment_year ?? defaultAssessmentYear(Number(raw.fiscal_year))) + 1;
  const signatory = (raw.signatory ?? {}) as Record<string, unknown>;
  // Carried over unchecked (as they are in last year's file): the casts name what they should be.
  return newDataFile({
    agency: raw.agency as string,
    fiscalYear: year,
    assessmentYear: assessment,
    // The assessment year's framework or, while that year has no file yet, the latest one before it
    // (stated in the file; the page says so).
    framework: latestFrameworkYear(assessment),
    threshold: raw.threshold as number | undefined,
    measures: (raw.measures ?? []) as Measure[],
    position: (signatory.position ?? '') as string,
    announcement: announcementOf(raw, year),
  });
}

/**
 * The announcement's form and emblem carry over to next year's file (its opening does not: it
 * speaks of last year's result). An emblem path is relative to the data file, and next year's
 * file sits in the next year's folder: the path is rebased so that it names the same file.
 */
function announcementOf(raw: Record<string, unknown>, year: number): NewFile['announcement'] {
  const before = isRecord(raw.announcement) ? raw.announcement : {};
  const announcement = {
    ...(before.form !== undefined && { form: before.form as AnnouncementForm }),
    ...(typeof before.emblem === 'string' && { emblem: rebased(before.emblem, year) }),
  };
  return Object.keys(announcement).length > 0 ? announcement : undefined;
}

function rebased(emblem: string, year: number): string {
  const written = emblem.replaceAll('\\', '/');
  if (path.posix.isAbsolute(written) || path.win32.isAbsolute(emblem)) return emblem;
  return path.posix.relative(`/data/${year}`, path.posix.join(`/data/${year - 1}`, written));
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The form's data as the YAML text the pipeline checks. */
export const rawToText = (raw: unknown): string => {
  if (!isRecord(raw)) throw new HttpError(400, 'ข้อมูลในแบบฟอร์มต้องเป็นกลุ่มข้อมูลแบบ "ชื่อ: ค่า"', 'the form\'s data ("raw") must be an object');
  return stringify(raw, { lineWidth: 0 });
};

/** A YAML text as plain data, or undefined when it does not parse (or expands too far: aliases). */
function toData(text: string): unknown {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return undefined;
  try {
    return doc.toJS();
  } catch {
    return undefined;
  }
}

/**
 * checkText with the previous year's file confined to the data folder: the pipeline would look
 * for it beside the file wherever that leads; here it is looked up only inside the data folder
 * (after following symbolic links), like every other file the server reads.
 */
async function checkConfined(text: string, place: Place): Promise<Checked> {
  // An emblem file the data names is read only inside the data folder, like every other file.
  const emblems = { within: place.root };
  const first = await checkText(text, place.file ?? 'form', { previous: false, emblems });
  if (place.file === null || !first.data || !first.analysis) return first;
  const previous = confinedPreviousYear(place.root, place.file, first.data.fiscalYear);
  return previous === false ? first : checkText(text, place.file, { previous, emblems });
}

type Handlers = { [K in TaskName]: (input: Tasks[K]['input']) => Promise<Tasks[K]['output']> };

export const tasks: Handlers = {
  check: async (input) => report(await checkConfined(rawToText(input.raw), input)),
  load: async (input) => {
    const checked = await checkConfined(input.text, input);
    return { raw: toData(input.text) ?? null, report: report(checked) };
  },
  render: async (input) => {
    const text = rawToText(input.raw);
    // In memory: the page downloads the document; its year is the form's, whatever the folder.
    const built = await buildFile({
      file: input.file ?? 'form',
      options: { formats: [input.format], digits: 'thai', kinds: [input.kind] },
      check: () => checkConfined(text, input),
    });
    if (built.status === 'refused') return { invalid: report(built.checked) };
    const [doc] = built.documents;
    // The server asks for a follow-up report only of a round the form has (server.ts).
    if (!doc) throw new HttpError(422, `ไม่มีเอกสาร ${input.kind} สำหรับข้อมูลนี้`, `the data makes no ${input.kind} document`);
    return { bytes: doc.bytes };
  },
  'next-year': async (input) => {
    const raw = toData(input.text);
    if (!isRecord(raw)) throw new HttpError(422, 'ไฟล์ของปีที่แล้วมีรูปแบบไม่ถูกต้อง ให้ตรวจด้วย ita-report check', 'last year\'s file does not parse; run ita-report check on it');
    return { raw: nextYear(raw) };
  },
  update: async (input) => {
    rawToText(input.raw);
    const text = updateYaml(input.before, input.raw);
    return { text, report: report(await checkConfined(text, input)) };
  },
};

export function runTask<K extends TaskName>(name: K, input: Tasks[K]['input']): Promise<Tasks[K]['output']> {
  return (tasks[name] as (input: Tasks[K]['input']) => Promise<Tasks[K]['output']>)(input);
}
