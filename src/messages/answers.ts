import { parseDocument, stringify } from 'yaml';
import { availableFrameworkYears, latestFrameworkYear, loadFramework } from '../data/frameworks.ts';
import { dataFilePath, defaultAssessmentYear, newDataFile, type NewFile } from '../data/new-file.ts';
import type { AnnouncementForm, Measure } from '../data/types.ts';
import { fieldTitle } from '../data/schema.ts';
import type { Checked } from '../engine.ts';
import { messageFor, previousFrameworkNotice } from './catalogue.ts';
import { formatPath } from './field-path.ts';
import { Refusal } from './refusal.ts';
import type { FileEntry, FrameworkAnswer, Message, Report } from '../serve/api.ts';

/**
 * What the web page is answered, whoever answers it: the web server (src/serve) and the engine in
 * the browser (src/web/engine-worker.ts) both build their answers here, so that a finding, a
 * framework or next year's file reads the same from either. Nothing of Node.
 */

/** A check's findings and overall figures as the page shows them. */
export function report(checked: Checked): Report {
  return {
    findings: checked.findings.map((f) => {
      const m = messageFor(f);
      return { severity: f.severity, path: formatPath(f.path), field: fieldTitle(f.path) ?? null, th: m.th, en: m.en, ...(m.maintainer && { maintainer: m.maintainer }), at: f.at ?? checked.source?.locate(f.path) ?? null };
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
 * A year's framework as the form is labelled with it. With `fallback` (a new file): while the year
 * has none, the latest one before it, with the notice that the new file states it meanwhile.
 */
export function frameworkAnswer(year: number, fallback: boolean): FrameworkAnswer {
  const used = fallback ? latestFrameworkYear(year) : year;
  const framework = used === undefined ? undefined : loadFramework(used);
  if (!framework) throw new Refusal(404, 'ไม่มีกรอบการประเมินของปีนี้', 'no framework for that year');
  const notice = framework.year !== year ? previousFrameworkNotice({ year, framework: framework.year }) : undefined;
  return { year: framework.year, passMark: framework.passMark, indicators: framework.indicators, levels: framework.levels, ...(notice && { notice }), years: availableFrameworkYears() };
}

/**
 * Next year's file as the page is told of it, by the server and the browser's engine alike: where
 * it goes (`<next year>/<the same name>.yaml`; `fileName` is the file's own name, without folders),
 * its data, and the notice when it states an earlier framework than its assessment year's.
 */
export function nextYearAnswer(fileName: string, raw: NewFile): { path: string; raw: NewFile; notice?: Message } {
  const { assessment_year: year, framework } = raw;
  const notice = framework !== undefined && framework !== year ? previousFrameworkNotice({ year, framework }) : undefined;
  return { path: dataFilePath(raw.fiscal_year, fileName.replace(/\.ya?ml$/i, '')), raw, ...(notice && { notice }) };
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

/** Next year's file started from last year's text; refused when that text does not parse. */
export function nextYearFromText(text: string): NewFile {
  const raw = toData(text);
  if (!isRecord(raw)) throw new Refusal(422, 'ไฟล์ของปีที่แล้วมีรูปแบบไม่ถูกต้อง ให้ตรวจด้วย ita-report check', 'last year\'s file does not parse; run ita-report check on it');
  return nextYear(raw);
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

/**
 * `emblem`, written relative to a file in `<year - 1>/`, as the same file seen from `<year>/`
 * (forward slashes, as written in a data file). An absolute path (POSIX, or Windows: `C:\…`,
 * `\\server\…`) stays as it is.
 */
export function rebased(emblem: string, year: number): string {
  const written = emblem.replaceAll('\\', '/');
  if (written.startsWith('/') || /^[A-Za-z]:\//.test(written)) return emblem;
  // The folders from a root above the data folder (`/data/<year>/`, as the server has always
  // rebased, so a path that climbs out of the data folder comes out as before), `..` stopping there.
  const target: string[] = [];
  for (const step of ['data', String(year - 1), ...written.split('/')]) {
    if (step === '' || step === '.') continue;
    if (step === '..') target.pop();
    else target.push(step);
  }
  const from = ['data', String(year)];
  let common = 0;
  while (common < from.length && common < target.length && from[common] === target[common]) common++;
  return [...from.slice(common).map(() => '..'), ...target.slice(common)].join('/');
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The form's data as the YAML text the engine checks. */
export const rawToText = (raw: unknown): string => {
  if (!isRecord(raw)) throw new Refusal(400, 'ข้อมูลในแบบฟอร์มต้องเป็นกลุ่มข้อมูลแบบ "ชื่อ: ค่า"', 'the form\'s data ("raw") must be an object');
  return stringify(raw, { lineWidth: 0 });
};

/** A YAML text as plain data, or undefined when it does not parse (or expands too far: aliases). */
export function toData(text: string): unknown {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return undefined;
  try {
    return doc.toJS();
  } catch {
    return undefined;
  }
}

/** What a data file states of its agency and fiscal year, as its entry in the file list has them. */
export type Identity = Pick<FileEntry, 'agency' | 'fiscalYear'>;

/** What a data file's text states of its agency and fiscal year (either absent when it does not); null when it does not parse. */
export function identityOf(text: string): Identity | null {
  const data = toData(text);
  if (data === undefined) return null;
  const { agency, fiscal_year: year } = (isRecord(data) ? data : {}) as Record<string, unknown>;
  return {
    ...(typeof agency === 'string' && agency.trim() !== '' && { agency: agency.trim().normalize('NFC') }),
    ...(typeof year === 'number' && Number.isInteger(year) && { fiscalYear: year }),
  };
}

/** The note of a listed file that does not parse or is not UTF-8: it is still listed, to be opened and its findings read. */
export const NOT_PARSED = { th: 'อ่านไฟล์นี้ไม่ได้ เปิดเพื่อดูว่าผิดที่ใด', en: 'this file does not parse: open it to see where' };

/** A listed file as the page names it: what it states (identityOf), or the note when it does not parse. */
export const fileEntry = (path: string, identity: Identity | null): FileEntry => (identity ? { path, ...identity } : { path, note: NOT_PARSED });

/**
 * The file list's order, for the server's data folder and the folder a clerk opened on the static
 * site alike: newest year first, then the agency in Thai order; a file that states neither goes
 * last, by path.
 */
export function sortedEntries(entries: FileEntry[]): FileEntry[] {
  const yearOf = (e: FileEntry) => e.fiscalYear ?? -Infinity;
  return entries.sort((a, b) => yearOf(b) - yearOf(a) || (a.agency ?? '\uffff').localeCompare(b.agency ?? '\uffff', 'th') || a.path.localeCompare(b.path));
}

/** The refusal of a document the data does not make (a follow-up round the file does not have). */
export const noDocument = (kind: string): Refusal => new Refusal(422, `ไม่มีเอกสาร ${kind} สำหรับข้อมูลนี้`, `the data makes no ${kind} document`);
