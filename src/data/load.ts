import { isAlias, isMap, isNode, isScalar, LineCounter, parseDocument, visit, type Document } from 'yaml';
import { parseIsoDate } from '../thai/dates.ts';
import { normalizeThai } from '../thai/normalize.ts';
import { readEmblem, type EmblemAccess } from './emblem.ts';
import { validateRaw } from './schema.ts';
import { SourceMap } from './source.ts';
import type { AnnouncementForm, EmblemFile, FieldPath, Finding, RawData, RawRound, ReportData, RoundMonths, RoundProgress, Signatory, StepStatus } from './types.ts';

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

/**
 * The announcement's form when the file sets none: an official ประกาศ on Garuda paper, as most
 * agencies issue their measures (see README, "The announcement: ประกาศ or table").
 */
export const DEFAULT_ANNOUNCEMENT_FORM: AnnouncementForm = 'proclamation';

/**
 * The largest data file, in bytes. A real one is about 10 KB; every field at its longest (see the
 * schema's maxLength and maxItems) could not fill this either. Past it, the file is refused before
 * it is read or parsed, so no file can make the tool spend minutes or gigabytes.
 */
export const MAX_FILE_BYTES = 1024 * 1024;

/**
 * The Gregorian years a date may have: the DOCX is a zip, whose file dates run from 1980 to 2099
 * in the zip writer (fflate), and the documents' file date is the signing date (else the first
 * day of the fiscal year, which the schema's fiscal_year range keeps inside these years).
 */
export const DATE_YEARS = { min: 1980, max: 2099 } as const;

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** A text's length in UTF-8 bytes (a lone surrogate counts as the three of U+FFFD, as Node's Buffer counts it). */
const utf8Length = (text: string): number => new TextEncoder().encode(text).length;

const fileFinding = (code: string, params: Finding['params'] = {}): Finding => ({ severity: 'error', code, path: [], params });

/** "20,480 KB": sizes in one unit, rounded up, so a file just over the limit never reads as equal to it. */
const kilobytes = (bytes: number): string => `${Math.ceil(bytes / 1024).toLocaleString('en-US')} KB`;
const tooLarge = (bytes: number): Finding => fileFinding('file.too-large', { value: kilobytes(bytes), max: `${kilobytes(MAX_FILE_BYTES)} (1 MB)` });

/**
 * A data file as its reader found it (src/files reads it, so that this stays free of I/O): its
 * bytes, its size when it was too large to be read, or why it could not be read.
 */
export type ReadReportFile = { bytes: Uint8Array } | { size: number } | { reason: string };

/**
 * Checks and parses one data file as read (see ReadReportFile): the size limit, UTF-8, then
 * parseReportData. `emblems`: where an emblem file named by the data may be read (anywhere by default).
 */
export function parseReportFile(file: string, read: ReadReportFile, emblems: EmblemAccess = {}): LoadResult {
  if ('reason' in read) return { file, findings: [fileFinding('file.unreadable', { reason: read.reason })] };
  if ('size' in read) return { file, findings: [tooLarge(read.size)] };
  // A file that grew between stat and read.
  if (read.bytes.length > MAX_FILE_BYTES) return { file, findings: [tooLarge(read.bytes.length)] };
  const text = decodeUtf8(read.bytes);
  if (text === undefined) return { file, findings: [NOT_UTF8] };
  return parseReportData(text, file, emblems);
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

/**
 * Parses and validates one data file's text; pure, so tests and the batch can feed it text (but
 * for an emblem file the text names, which is read relative to `file`). The web page's form
 * arrives here as text too, so the size limit is checked again.
 */
export function parseReportData(text: string, file: string, emblems: EmblemAccess = {}): LoadResult {
  // Counting UTF-8 bytes of a huge string is cheap next to parsing it; a string of more than
  // MAX_FILE_BYTES characters is too large whatever it holds.
  if (text.length > MAX_FILE_BYTES || utf8Length(text) > MAX_FILE_BYTES) {
    return { file, findings: [tooLarge(utf8Length(text))] };
  }
  const lines = new LineCounter();
  const yaml = normalizeLineEnds(text.replace(/^\uFEFF/, ''));
  // YAML's own duplicate-key check (uniqueKeys) compares every key with every other: 50,000 keys
  // took 90 s. findEquivalentKeys below does the same job in one pass.
  const doc = parseDocument(yaml, { lineCounter: lines, uniqueKeys: false, prettyErrors: false });
  const source = new SourceMap(doc, lines);
  if (doc.errors.length > 0) {
    const findings: Finding[] = doc.errors.map((e) => {
      const at = lines.linePos(e.pos[0]);
      return { severity: 'error', code: `yaml.${e.code}`, path: [], params: { detail: e.message.split('\n')[0] ?? '' }, at };
    });
    return { file, findings, source };
  }
  const aliases = findAnchorsAndAliases(doc, yaml, lines);
  if (aliases.length > 0) return { file, findings: aliases, source };
  const duplicates = findEquivalentKeys(doc, lines);
  if (duplicates.length > 0) return { file, findings: duplicates, source };
  // No alias is left to expand (refused above); the count is a second fence.
  const value: unknown = doc.toJS({ maxAliasCount: 0 });
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { file, findings: [{ severity: 'error', code: 'file.not-a-mapping', path: [], params: {} }], source };
  }
  const controls = findControlCharacters(value, []);
  if (controls.length > 0) return { file, findings: controls, source };

  const checked = validateRaw(readLevelAsWritten(normalizeStrings(value)));
  if (!checked.ok) return { file, findings: checked.findings, source };
  const raw = checked.raw;
  const findings = [...checkDates(raw), ...checkSignatory(raw)];
  const emblem = emblemOf(raw, file, emblems);
  findings.push(...emblem.findings);
  if (findings.some((f) => f.severity === 'error')) return { file, findings, source };
  return { file, data: toReportData(raw, emblem.emblem), findings, source };
}

/**
 * Old Mac editors end lines with CR alone, which YAML does not take for a line end: the whole file
 * would be one line. Every CR or CRLF becomes one LF, so line numbers stay those the editor shows.
 * Only done when there is a lone CR: a CRLF file is read by YAML as it is.
 */
function normalizeLineEnds(text: string): string {
  return /\r(?!\n)/.test(text) ? text.replace(/\r\n?/g, '\n') : text;
}

/**
 * Anchors (&name) and aliases (*name) repeat a part of the file elsewhere. A data file has no use
 * for them, and nested aliases can expand a small file into billions of values (an "alias bomb"):
 * both are refused where they are written.
 */
function findAnchorsAndAliases(doc: Document, text: string, lines: LineCounter): Finding[] {
  const findings: Finding[] = [];
  // One finding per line: a line of fifty aliases needs fixing once.
  const seenLines = new Set<number>();
  const refuse = (name: string, offset: number): void => {
    const at = lines.linePos(offset);
    if (seenLines.has(at.line)) return;
    seenLines.add(at.line);
    findings.push({ severity: 'error', code: 'yaml.alias', path: [], params: { key: name }, at });
  };
  visit(doc, (_key, node) => {
    if (isAlias(node)) refuse(`*${node.source}`, node.range?.[0] ?? 0);
    else if (isNode(node) && node.anchor) {
      // A node's range starts at its value; the anchor is written before it.
      const start = node.range?.[0] ?? 0;
      const at = text.lastIndexOf(`&${node.anchor}`, start);
      refuse(`&${node.anchor}`, at >= 0 ? at : start);
    }
  });
  return findings;
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

function toReportData(raw: RawData, emblem: EmblemFile | undefined): ReportData {
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
    announcement: {
      ...(raw.announcement?.intro !== undefined && { intro: raw.announcement.intro }),
      form: raw.announcement?.form ?? DEFAULT_ANNOUNCEMENT_FORM,
      ...(emblem && { emblem }),
    },
    signatory: signatoryOf(raw),
    followup: followupOf(raw),
  };
}

/** The status words a clerk may write: the Thai ones the documents print, or short English codes. */
const STATUS: Record<string, StepStatus> = {
  ดำเนินการแล้วเสร็จ: 'done',
  อยู่ระหว่างดำเนินการ: 'in_progress',
  ยังไม่ได้ดำเนินการ: 'not_started',
  done: 'done',
  in_progress: 'in_progress',
  not_started: 'not_started',
};

const ROUNDS: readonly RoundMonths[] = [6, 12];

function followupOf(raw: RawData): RoundProgress[] {
  return ROUNDS.flatMap((months) => {
    const round: RawRound | undefined = raw.followup?.[String(months) as '6' | '12'];
    if (!round) return [];
    const measures = new Map(
      Object.entries(round.measures).map(([m, measure]) => [
        Number(m),
        {
          steps: new Map(
            Object.entries(measure.steps ?? {}).map(([n, step]) => [
              Number(n),
              {
                status: STATUS[step.status] ?? 'not_started',
                ...(step.result !== undefined && { result: step.result }),
                ...(step.when !== undefined && { when: step.when }),
                evidence: (step.evidence ?? []).map((e) => (typeof e === 'string' ? { title: e } : e)),
                ...(step.problems !== undefined && { problems: step.problems }),
                ...(step.suggestions !== undefined && { suggestions: step.suggestions }),
              },
            ]),
          ),
          ...(measure.problems !== undefined && { problems: measure.problems }),
          ...(measure.suggestions !== undefined && { suggestions: measure.suggestions }),
        },
      ]),
    );
    return [{ months, ...(round.as_of !== undefined && { asOf: round.as_of }), measures }];
  });
}

/** Text that prints nothing (empty, spaces, invisible marks): a field left blank. */
const isBlank = (text: string | undefined): boolean => text === undefined || /^[\s\p{Default_Ignorable_Code_Point}]*$/u.test(text);

/** The signatory with blank parts left out, so that the announcement gives them a dotted line. */
function signatoryOf(raw: RawData): Signatory {
  const { name, position, date } = raw.signatory ?? {};
  return {
    ...(!isBlank(name) && { name }),
    ...(!isBlank(position) && { position }),
    ...(date !== undefined && { date }),
  };
}

/**
 * The signatory may be unknown when the file is written (a new head of the agency, a clerk who
 * starts early): the announcement then has dotted lines to fill in by hand, which `check` says,
 * so that `--strict` can hold back a file that is not ready to be signed. A missing name or date
 * is the usual case (signed by hand) and is not warned about.
 */
function checkSignatory(raw: RawData): Finding[] {
  if (raw.signatory === undefined) return [{ severity: 'warning', code: 'signatory.missing', path: ['signatory'], params: {} }];
  if (isBlank(raw.signatory.position)) return [{ severity: 'warning', code: 'signatory.position-missing', path: ['signatory', 'position'], params: {} }];
  return [];
}

/**
 * The agency's own emblem, read and checked (src/data/emblem.ts); the table form has no emblem, so
 * one named for it is not read, and `check` says it is unused.
 */
function emblemOf(raw: RawData, file: string, access: EmblemAccess): { emblem?: EmblemFile; findings: Finding[] } {
  const written = raw.announcement?.emblem;
  if (written === undefined) return { findings: [] };
  if ((raw.announcement?.form ?? DEFAULT_ANNOUNCEMENT_FORM) !== 'proclamation') {
    return { findings: [{ severity: 'warning', code: 'emblem.unused', path: ['announcement', 'emblem'], params: { file: written } }] };
  }
  const read = readEmblem(file, written, access);
  return 'finding' in read ? { findings: [read.finding] } : { emblem: read.emblem, findings: [] };
}

/**
 * C0 control characters are not allowed in OOXML and are invisible to the clerk; they arrive by
 * pasting from other programs. Naming the field beats a corrupt document.
 */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]/;

/**
 * Half of a surrogate pair with no other half: it stands for no character, so both formats would
 * print U+FFFD (a box or "?") instead. It arrives by a "\\ud800" escape in quoted YAML text.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const hex = (char: string): string => `U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

function findControlCharacters(value: unknown, path: (string | number)[]): Finding[] {
  if (typeof value === 'string') {
    const control = CONTROL.exec(value);
    if (control) return [{ severity: 'error', code: 'text.control-character', path, params: { char: hex(control[0]) } }];
    const half = LONE_SURROGATE.exec(value);
    if (half) return [{ severity: 'error', code: 'text.lone-surrogate', path, params: { char: hex(half[0]) } }];
    return [];
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

/**
 * The declared level is a letter the NACC prints in capitals; "a" or " A " typed by a clerk is
 * read as "A" rather than refused. Anything else is left for the schema to refuse.
 */
function readLevelAsWritten(value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const overall = (value as Record<string, unknown>).overall;
  if (!overall || typeof overall !== 'object' || Array.isArray(overall)) return value;
  const level = (overall as Record<string, unknown>).level;
  if (typeof level !== 'string' || !/^\s*[a-z]{1,2}\s*$/i.test(level)) return value;
  return { ...value, overall: { ...overall, level: level.trim().toUpperCase() } };
}

function checkDates(raw: RawData): Finding[] {
  const findings: Finding[] = [];
  const check = (iso: string, path: FieldPath): void => {
    const parsed = parseIsoDate(iso);
    if (!parsed.ok) findings.push({ severity: 'error', code: `date.${parsed.reason}`, path, params: { value: iso } });
    else if (Number(iso.slice(0, 4)) < DATE_YEARS.min || Number(iso.slice(0, 4)) > DATE_YEARS.max) {
      findings.push({ severity: 'error', code: 'date.out-of-range', path, params: { value: iso, min: DATE_YEARS.min, max: DATE_YEARS.max } });
    }
  };
  if (raw.signatory?.date !== undefined) check(raw.signatory.date, ['signatory', 'date']);
  const checkPeriod = (p: RawData['measures'][number]['period'], path: FieldPath): void => {
    if (p === undefined || typeof p === 'string' || !('from' in p)) return;
    const before = findings.length;
    check(p.from, [...path, 'from']);
    check(p.to, [...path, 'to']);
    if (findings.length === before && p.from > p.to) {
      findings.push({ severity: 'error', code: 'date.reversed', path, params: { from: p.from, to: p.to } });
    }
  };
  raw.measures.forEach((m, i) => checkPeriod(m.period, ['measures', i, 'period']));
  for (const months of ['6', '12'] as const) {
    const round = raw.followup?.[months];
    if (!round) continue;
    if (round.as_of !== undefined) check(round.as_of, ['followup', months, 'as_of']);
    for (const [m, measure] of Object.entries(round.measures)) {
      for (const [n, step] of Object.entries(measure.steps ?? {})) checkPeriod(step.when, ['followup', months, 'measures', m, 'steps', n, 'when']);
    }
  }
  return findings;
}
