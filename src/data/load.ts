import { readFile } from 'node:fs/promises';
import { isMap, isScalar, LineCounter, parseDocument, visit, type Document } from 'yaml';
import { parseIsoDate } from '../thai/dates.ts';
import { normalizeThai } from '../thai/normalize.ts';
import { validateRaw } from './schema.ts';
import { SourceMap } from './source.ts';
import type { FieldPath, Finding, RawData, ReportData } from './types.ts';

export interface LoadResult {
  file: string;
  /** Present when the file is usable (no errors); warnings may still be in `findings`. */
  data?: ReportData;
  findings: Finding[];
  /** Absent only when the file could not be read at all. */
  source?: SourceMap;
}

/** The strength threshold when the file sets none: the ITA pass mark. */
export const DEFAULT_THRESHOLD = 85;

const UTF8 = new TextDecoder('utf-8', { fatal: true });

export async function loadReportFile(file: string): Promise<LoadResult> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? String(err);
    return { file, findings: [{ severity: 'error', code: 'file.unreadable', path: [], params: { reason } }] };
  }
  const text = decodeUtf8(bytes);
  if (text === undefined) return { file, findings: [NOT_UTF8] };
  return parseReportData(text, file);
}

/** Windows editors may save Thai as Windows-874 (TIS-620); read as UTF-8 it would be garbage. */
export const NOT_UTF8: Finding = { severity: 'error', code: 'file.not-utf8', path: [], params: {} };

/** A data file's bytes as text, or undefined when they are not UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return UTF8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Parses and validates one data file's text; pure, so tests and the batch can feed it text. */
export function parseReportData(text: string, file: string): LoadResult {
  const lines = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const source = new SourceMap(doc, lines);
  if (doc.errors.length > 0) {
    const findings: Finding[] = doc.errors.map((e) => {
      const at = lines.linePos(e.pos[0]);
      return { severity: 'error', code: `yaml.${e.code}`, path: [], params: { detail: e.message.split('\n')[0] ?? '' }, at };
    });
    return { file, findings, source };
  }
  const duplicates = findEquivalentKeys(doc, lines);
  if (duplicates.length > 0) return { file, findings: duplicates, source };
  const value: unknown = doc.toJS({ maxAliasCount: 50 });
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { file, findings: [{ severity: 'error', code: 'file.not-a-mapping', path: [], params: {} }], source };
  }
  const controls = findControlCharacters(value, []);
  if (controls.length > 0) return { file, findings: controls, source };

  const checked = validateRaw(normalizeStrings(value));
  if (!checked.ok) return { file, findings: checked.findings, source };
  const raw = checked.raw;
  const findings = checkDates(raw);
  if (findings.some((f) => f.severity === 'error')) return { file, findings, source };
  return { file, data: toReportData(raw), findings, source };
}

/**
 * YAML's own duplicate check compares keys by value, so `1:` and `"1":` are different keys; both
 * become the property "1" and the second would silently replace the first score.
 */
function findEquivalentKeys(doc: Document, lines: LineCounter): Finding[] {
  const findings: Finding[] = [];
  visit(doc, {
    Map(_key, map) {
      if (!isMap(map)) return;
      const seen = new Set<string>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const name = String(pair.key.value);
        if (seen.has(name)) {
          const at = lines.linePos(pair.key.range?.[0] ?? 0);
          findings.push({ severity: 'error', code: 'yaml.DUPLICATE_KEY', path: [], params: { detail: `Map keys must be unique: ${name}` }, at });
        }
        seen.add(name);
      }
    },
  });
  return findings;
}

function toReportData(raw: RawData): ReportData {
  const assessmentYear = raw.assessment_year ?? raw.fiscal_year - 1;
  return {
    agency: raw.agency.trim(),
    fiscalYear: raw.fiscal_year,
    assessmentYear,
    frameworkYear: raw.framework ?? assessmentYear,
    overall: raw.overall,
    threshold: raw.threshold ?? DEFAULT_THRESHOLD,
    scores: new Map(Object.entries(raw.scores).map(([k, v]) => [Number(k), v])),
    explanations: new Map(Object.entries(raw.explanations ?? {}).map(([k, v]) => [Number(k), v])),
    principles: raw.principles,
    urgent: raw.urgent ?? [],
    improve: raw.improve ?? [],
    measures: raw.measures,
    announcement: raw.announcement ?? {},
    signatory: raw.signatory,
  };
}

/**
 * C0 control characters are not allowed in OOXML and are invisible to the clerk; they arrive by
 * pasting from other programs. Naming the field beats a corrupt document.
 */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]/;

function findControlCharacters(value: unknown, path: (string | number)[]): Finding[] {
  if (typeof value === 'string') {
    const m = CONTROL.exec(value);
    if (!m) return [];
    const code = m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    return [{ severity: 'error', code: 'text.control-character', path, params: { char: `U+${code}` } }];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => findControlCharacters(v, [...path, i]));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => findControlCharacters(v, [...path, k]));
  }
  return [];
}

function normalizeStrings(value: unknown): unknown {
  if (typeof value === 'string') return normalizeThai(value);
  if (Array.isArray(value)) return value.map(normalizeStrings);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalizeStrings(v)]));
  }
  return value;
}

function checkDates(raw: RawData): Finding[] {
  const findings: Finding[] = [];
  const check = (iso: string, path: FieldPath): void => {
    const parsed = parseIsoDate(iso);
    if (!parsed.ok) findings.push({ severity: 'error', code: `date.${parsed.reason}`, path, params: { value: iso } });
  };
  if (raw.signatory.date !== undefined) check(raw.signatory.date, ['signatory', 'date']);
  raw.measures.forEach((m, i) => {
    const p = m.period;
    if (p === undefined || typeof p === 'string' || !('from' in p)) return;
    const before = findings.length;
    check(p.from, ['measures', i, 'period', 'from']);
    check(p.to, ['measures', i, 'period', 'to']);
    if (findings.length === before && p.from > p.to) {
      findings.push({ severity: 'error', code: 'date.reversed', path: ['measures', i, 'period'], params: { from: p.from, to: p.to } });
    }
  });
  return findings;
}
