import fc from 'fast-check';
import type { FieldPath, RawData } from '../../src/data/types.ts';
import { DEFAULT_STYLE, rawDataArbitrary, toYamlText } from './arbitraries.ts';
import { FIRST_ASSESSMENT_YEAR, FRAMEWORKS, numberRange, schemaMaxItems, schemaMaxLength, schemaNode, yearRange } from './limits.ts';
import { textOfLength } from './text.ts';

/**
 * Broken data files, each knowing the error it must get: a small valid file with one or two
 * mistakes a clerk makes (or a tool makes for them), applied to the data or to the YAML text.
 */

export interface ExpectedError {
  /** Any of these codes; a code ending in "." is a prefix ("yaml."). Absent: any error. */
  codes?: string[];
  /** The field the error must name (compared step by step as strings). */
  path?: FieldPath;
  /** The line the error must point at (1-based), when the mistake sits on a known line. */
  line?: number;
}

export interface BrokenCase {
  /** What was broken, for the report of a counterexample. */
  name: string;
  bytes: Uint8Array;
  expect: ExpectedError[];
}

type Path = (string | number)[];
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const clone = (data: RawData): Record<string, Json> => JSON.parse(JSON.stringify(data)) as Record<string, Json>;

const isMapping = (v: Json | undefined): v is { [key: string]: Json } => typeof v === 'object' && v !== null && !Array.isArray(v);

function getAt(root: Json, path: Path): Json | undefined {
  let node: Json | undefined = root;
  for (const step of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = Array.isArray(node) ? node[step as number] : node[String(step)];
  }
  return node;
}

function setAt(root: Json, path: Path, value: Json | undefined): void {
  const parent = getAt(root, path.slice(0, -1));
  const last = path[path.length - 1]!;
  if (parent === null || typeof parent !== 'object' || parent === undefined) throw new Error(`no parent for ${path.join('.')}`);
  if (Array.isArray(parent)) {
    if (value === undefined) parent.splice(last as number, 1);
    else parent[last as number] = value;
  } else if (value === undefined) delete parent[String(last)];
  else parent[String(last)] = value;
}

type FieldKind = 'text' | 'integer' | 'number' | 'date' | 'list' | 'map';

interface Field {
  path: Path;
  kind: FieldKind;
  /** Inside measures[].period, a oneOf: schema errors are reported on the period as a whole. */
  period?: Path;
}

/** Every field of a data file, with its kind (of a file already changed by a mutation too). */
function fieldsOf(json: Record<string, Json>): Field[] {
  // After a mutation a field may be missing or of another type: only well-formed parts are listed.
  const isObject = (v: unknown): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const d = json as Record<string, unknown>;
  const data = {
    ...d,
    scores: isObject(d.scores) ? d.scores : {},
    explanations: isObject(d.explanations) ? d.explanations : undefined,
    // Items keep their index; one that is no longer an object has no fields to list.
    urgent: Array.isArray(d.urgent) ? d.urgent.map((r) => (isObject(r) && Array.isArray(r.points) ? r : { points: [] })) : undefined,
    improve: Array.isArray(d.improve) ? d.improve.map((r) => (isObject(r) && Array.isArray(r.points) ? r : { points: [] })) : undefined,
    measures: Array.isArray(d.measures) ? d.measures.map((m) => (isObject(m) && Array.isArray(m.steps) ? m : { steps: [] })) : [],
    announcement: isObject(d.announcement) ? d.announcement : undefined,
    signatory: isObject(d.signatory) ? d.signatory : undefined,
  } as unknown as RawData;
  const f: Field[] = [];
  const add = (kind: FieldKind, ...path: Path): void => void f.push({ path, kind });
  add('text', 'agency');
  add('integer', 'fiscal_year');
  if (data.assessment_year !== undefined) add('integer', 'assessment_year');
  if (data.framework !== undefined) add('integer', 'framework');
  add('map', 'overall');
  add('number', 'overall', 'score');
  if (data.threshold !== undefined) add('number', 'threshold');
  add('map', 'scores');
  for (const k of Object.keys(data.scores)) add('number', 'scores', k);
  if (data.explanations) {
    add('map', 'explanations');
    for (const k of Object.keys(data.explanations)) add('text', 'explanations', k);
  }
  if (data.principles !== undefined) add('text', 'principles');
  for (const section of ['urgent', 'improve'] as const) {
    const rows = data[section];
    if (!rows) continue;
    add('list', section);
    rows.forEach((row, i) => {
      add('map', section, i);
      add('integer', section, i, 'indicator');
      add('list', section, i, 'points');
      row.points.forEach((_p, j) => add('text', section, i, 'points', j));
    });
  }
  add('list', 'measures');
  data.measures.forEach((m, i) => {
    add('map', 'measures', i);
    add('text', 'measures', i, 'title');
    add('list', 'measures', i, 'steps');
    m.steps.forEach((_s, j) => add('text', 'measures', i, 'steps', j));
    add('text', 'measures', i, 'owner');
    add('text', 'measures', i, 'monitoring');
    if (m.budget !== undefined) add('number', 'measures', i, 'budget');
    const period: Path = ['measures', i, 'period'];
    if (typeof m.period === 'string') f.push({ path: period, kind: 'text', period });
    else if (!isObject(m.period)) return;
    else if ('from' in m.period) {
      f.push({ path: [...period, 'from'], kind: 'date', period }, { path: [...period, 'to'], kind: 'date', period });
    } else if (m.period) f.push({ path: [...period, 'quarter'], kind: 'integer', period });
  });
  if (data.announcement) {
    add('map', 'announcement');
    if (data.announcement.intro !== undefined) add('text', 'announcement', 'intro');
  }
  if (data.signatory) {
    add('map', 'signatory');
    if (data.signatory.name !== undefined) add('text', 'signatory', 'name');
    if (data.signatory.position !== undefined) add('text', 'signatory', 'position');
    if (data.signatory.date !== undefined) add('date', 'signatory', 'date');
  }
  return f;
}

/** The line (1-based) of the first occurrence of `marker` in the text. */
function lineOf(text: string, marker: string): number | undefined {
  const at = text.indexOf(marker);
  return at < 0 ? undefined : text.slice(0, at).split(/\r\n|\n|\r/).length;
}

const encoder = new TextEncoder();

/**
 * The loader's stages, in order; it stops at the first that finds an error: control characters,
 * the schema, dates, the framework, the analysis of the scores and years.
 */
function stageOf(e: ExpectedError): number {
  const code = e.codes?.[0] ?? 'schema.';
  if (code.startsWith('text.')) return 1;
  if (code.startsWith('schema.')) return 2;
  // A reversed period is only judged when its dates are valid ones.
  if (code === 'date.reversed') return 3.5;
  if (code.startsWith('date.')) return 3;
  if (code.startsWith('framework.')) return 4;
  return 5;
}

/** A data mutation: changes the clone, returns what it expects (markers are resolved to lines). */
interface DataMutation {
  name: string;
  /** `at`: the field the mutation changed, when the error is reported elsewhere (a period's oneOf). */
  apply(data: Record<string, Json>, fields: Field[], pick: number): { name: string; expect: (ExpectedError & { marker?: string; at?: Path })[] } | undefined;
}

/**
 * The framework a (possibly mutated) file uses, if its years say so: none for a result of the ITA
 * before the ten indicators, whatever `framework:` says.
 */
const frameworkOf = (data: Record<string, Json>) => {
  const assessment = data.assessment_year ?? (typeof data.fiscal_year === 'number' ? data.fiscal_year - 1 : undefined);
  if (typeof assessment === 'number' && assessment < FIRST_ASSESSMENT_YEAR) return undefined;
  const year = data.framework ?? assessment;
  return FRAMEWORKS.find((f) => f.year === year);
};

const pickOf = <T>(list: readonly T[], n: number): T | undefined => (list.length === 0 ? undefined : list[n % list.length]);

/**
 * The error a schema problem gets. Inside a period (a oneOf) it is one-of, on the period, except
 * that text given as the period is judged as text (empty, too long).
 */
const schemaError = (field: Field, code: string, value?: Json): ExpectedError =>
  field.period && !(field.kind === 'text' && typeof value === 'string') ? { codes: ['schema.one-of'], path: field.period } : { codes: [code], path: field.path };

const WRONG_VALUES: Record<FieldKind, { value: Json; code: string; marker?: string }[]> = {
  text: [
    { value: 12345.678, code: 'schema.type.string', marker: '12345.678' },
    { value: true, code: 'schema.type.string' },
    { value: null, code: 'schema.type.string' },
    { value: ['a', 'b'], code: 'schema.type.string' },
    { value: { k: 'v' }, code: 'schema.type.string' },
  ],
  integer: [
    { value: 'สองพันห้าร้อย', code: 'schema.type.integer', marker: 'สองพันห้าร้อย' },
    { value: 2566.5, code: 'schema.type.integer', marker: '2566.5' },
    { value: [2566], code: 'schema.type.integer' },
    { value: null, code: 'schema.type.integer' },
  ],
  number: [
    { value: 'เก้าสิบ', code: 'schema.type.number', marker: 'เก้าสิบ' },
    { value: '85.5', code: 'schema.type.number', marker: '85.5' },
    { value: false, code: 'schema.type.number' },
    { value: { score: 1 }, code: 'schema.type.number' },
  ],
  date: [
    { value: 20230116, code: 'schema.type.string', marker: '20230116' },
    { value: ['2023-01-16'], code: 'schema.type.string' },
  ],
  list: [
    { value: 'ข้อความแทนรายการ', code: 'schema.type.array', marker: 'ข้อความแทนรายการ' },
    { value: { '1': 'a' }, code: 'schema.type.array' },
  ],
  map: [
    { value: 'ข้อความแทนกลุ่ม', code: 'schema.type.object', marker: 'ข้อความแทนกลุ่ม' },
    { value: [1, 2], code: 'schema.type.object' },
  ],
};

const wrongType: DataMutation = {
  name: 'wrong type',
  apply(data, fields, pick) {
    const field = pickOf(fields, pick);
    if (!field) return undefined;
    const options = WRONG_VALUES[field.kind];
    const wrong = options[Math.floor(pick / Math.max(fields.length, 1)) % options.length]!;
    setAt(data, field.path, wrong.value);
    return { name: `${field.path.join('.')} = ${JSON.stringify(wrong.value)}`, expect: [{ ...schemaError(field, wrong.code), marker: wrong.marker, at: field.path }] };
  },
};

const outOfRange: DataMutation = {
  name: 'out of range',
  apply(data, fields, pick) {
    const numeric = fields.filter((f) => f.kind === 'number' || f.kind === 'integer');
    const field = pickOf(numeric, pick);
    if (!field) return undefined;
    const node = schemaNode(field.period ? ['measures', 0, 'period', 'quarter'] : field.path);
    const { min, max } = field.period ? { min: 1, max: 4 } : numberRange(field.path);
    const above = Math.floor(pick / 7) % 2 === 0;
    const integer = node?.type === 'integer' || field.kind === 'integer';
    // Just past the bound, or far past it; varied so that the value marks its own line.
    const by = pick % 2 === 0 ? (integer ? 1 : 0.01) * (1 + (pick % 37)) : 1000 + (pick % 37);
    const value = Number((above ? max + by : min - by).toFixed(2));
    if (!Number.isFinite(value)) return undefined;
    setAt(data, field.path, value);
    return { name: `${field.path.join('.')} = ${value}`, expect: [{ ...schemaError(field, 'schema.range'), marker: `: ${value}`, at: field.path }] };
  },
};

const unknownKey: DataMutation = {
  name: 'unknown key',
  apply(data, fields, pick) {
    const maps = fields.filter((f) => f.kind === 'map' && f.path[0] !== 'scores' && f.path[0] !== 'explanations');
    const parent = pickOf([{ path: [] as Path, kind: 'map' as const }, ...maps], pick)!;
    const key = pickOf(['agnecy', 'zz_unknown_key', 'Title', 'ผู้รับผิดชอบ', 'steps ', 'note'], Math.floor(pick / 3))!;
    const target = getAt(data, parent.path);
    if (!target || typeof target !== 'object' || Array.isArray(target) || key in target) return undefined;
    target[key] = 'ค่า';
    return { name: `unknown key ${JSON.stringify(key)} in ${parent.path.join('.') || 'the file'}`, expect: [{ codes: ['schema.unknown-key'], path: [...parent.path, key] }] };
  },
};

const REQUIRED: Path[] = [['agency'], ['fiscal_year'], ['overall'], ['scores'], ['measures'], ['overall', 'score']];

const missingRequired: DataMutation = {
  name: 'missing required key',
  apply(data, _fields, pick) {
    const measures = (data.measures as Json[]).length;
    const perMeasure: Path[] = ['title', 'steps', 'owner', 'monitoring'].map((k) => ['measures', pick % measures, k]);
    const rows: Path[] = (['urgent', 'improve'] as const).flatMap((s) => {
      const list = data[s];
      return Array.isArray(list) && list.length > 0 ? [[s, pick % list.length, 'points'], [s, pick % list.length, 'indicator']] : [];
    });
    const path = pickOf([...REQUIRED, ...perMeasure, ...rows], pick)!;
    setAt(data, path, undefined);
    return { name: `without ${path.join('.')}`, expect: [{ codes: ['schema.required'], path }] };
  },
};

const missingScore: DataMutation = {
  name: 'missing score',
  apply(data, _fields, pick) {
    if (!isMapping(data.scores)) return undefined;
    // Only an indicator of the framework is missed (another mutation may have added others).
    const known = new Set(frameworkOf(data)?.indicators.map((i) => String(i.number)) ?? []);
    const keys = Object.keys(data.scores).filter((k) => known.has(k));
    if (keys.length < 2) return undefined;
    const key = keys[pick % keys.length]!;
    setAt(data, ['scores', key], undefined);
    return { name: `no score for indicator ${key}`, expect: [{ codes: ['scores.missing'], path: ['scores'] }] };
  },
};

const unknownIndicator: DataMutation = {
  name: 'unknown indicator',
  apply(data, _fields, pick) {
    const known = new Set(frameworkOf(data)?.indicators.map((i) => i.number) ?? []);
    const unknown = [11, 12, 20, 42, 99].filter((n) => !known.has(n));
    const n = pickOf(unknown, pick);
    if (n === undefined) return undefined;
    const where = pick % 3;
    if (where === 0) {
      if (!isMapping(data.scores)) return undefined;
      data.scores[String(n)] = 90;
      return { name: `score for indicator ${n}`, expect: [{ codes: ['scores.unknown-indicator'], path: ['scores', String(n)] }] };
    }
    const section = where === 1 ? 'urgent' : 'improve';
    const rows = (Array.isArray(data[section]) ? data[section] : []) as Json[];
    // A list already at its limit would be refused for its length, not for the row.
    if (rows.length >= (schemaMaxItems([section]) ?? Infinity)) return undefined;
    rows.push({ indicator: n, points: ['ประเด็นของตัวชี้วัดที่ไม่มี'] });
    data[section] = rows;
    return { name: `${section} row for indicator ${n}`, expect: [{ codes: ['issues.unknown-indicator'], path: [section, rows.length - 1, 'indicator'] }] };
  },
};

const badScoreKey: DataMutation = {
  name: 'bad score key',
  apply(data, _fields, pick) {
    const key = pickOf(['0', 'abc', '100', '1.5', 'ตัวชี้วัดที่ 1', '-3'], pick)!;
    if (!isMapping(data.scores)) return undefined;
    data.scores[key] = 80;
    return { name: `scores key ${JSON.stringify(key)}`, expect: [{ codes: ['schema.bad-key'], path: ['scores', key] }] };
  },
};

const emptyValue: DataMutation = {
  name: 'empty',
  apply(data, fields, pick) {
    // Texts the schema wants non-empty (a blank signatory name or position is allowed: a dotted line).
    const mustHaveText = (f: Field): boolean => f.period !== undefined || (schemaNode(f.path)?.minLength ?? 0) > 0;
    const candidates = fields.filter((f) => (f.kind === 'text' && mustHaveText(f)) || (f.kind === 'list' && f.path[0] !== 'urgent' && f.path[0] !== 'improve') || (f.kind === 'list' && f.path.length > 1) || (f.path.length === 1 && f.path[0] === 'scores'));
    const field = pickOf(candidates, pick);
    if (!field) return undefined;
    const value: Json = field.kind === 'text' ? '' : field.kind === 'list' ? [] : {};
    const code = field.kind === 'text' ? 'schema.empty-text' : field.kind === 'list' ? 'schema.empty-list' : 'schema.empty-map';
    setAt(data, field.path, value);
    return { name: `${field.path.join('.')} empty`, expect: [{ ...schemaError(field, code, value), at: field.path }] };
  },
};

const BAD_DATES: { value: string; schema: boolean; code: string }[] = [
  { value: '2023-1-5', schema: true, code: 'schema.pattern' },
  { value: '16/01/2023', schema: true, code: 'schema.pattern' },
  { value: '2023-02-30', schema: false, code: 'date.invalid' },
  { value: '2023-13-01', schema: false, code: 'date.invalid' },
  { value: '0050-01-01', schema: false, code: 'date.invalid' },
  { value: '2566-01-16', schema: false, code: 'date.buddhist-year' },
  { value: '2023-01-16T10:00', schema: true, code: 'schema.pattern' },
];

const badDate: DataMutation = {
  name: 'bad date',
  apply(data, fields, pick) {
    const dates = fields.filter((f) => f.kind === 'date');
    // No date in the file: a signing date is added (to a signatory added too, when there is none).
    if (dates.length === 0 && data.signatory === undefined) data.signatory = {};
    if (dates.length === 0 && !isMapping(data.signatory)) return undefined;
    const field = pickOf(dates, pick) ?? { path: ['signatory', 'date'], kind: 'date' as const };
    const bad = pickOf(BAD_DATES, Math.floor(pick / 5))!;
    setAt(data, field.path, bad.value);
    const expect = bad.schema ? schemaError(field, bad.code) : { codes: [bad.code], path: field.path };
    return { name: `${field.path.join('.')} = ${bad.value}`, expect: [{ ...expect, marker: bad.value, at: field.path }] };
  },
};

const reversedPeriod: DataMutation = {
  name: 'reversed period',
  apply(data, _fields, pick) {
    if (!Array.isArray(data.measures) || data.measures.length === 0) return undefined;
    const i = pick % data.measures.length;
    const measure = data.measures[i];
    if (!isMapping(measure)) return undefined;
    measure.period = { from: '2023-09-30', to: '2022-10-01' };
    return { name: `measures.${i}.period reversed`, expect: [{ codes: ['date.reversed'], path: ['measures', i, 'period'] }] };
  },
};

const controlCharacter: DataMutation = {
  name: 'control character',
  apply(data, fields, pick) {
    const field = pickOf(fields.filter((f) => f.kind === 'text'), pick);
    if (!field) return undefined;
    const char = pickOf(['\u0000', '\u0001', '\u0002', '\u0007', '\u000b', '\u000c', '\u001b', '\u001f', '\u007f', '\ufffe', '\uffff'], Math.floor(pick / 3))!;
    const value = getAt(data, field.path);
    if (typeof value !== 'string') return undefined;
    const at = Math.floor(pick / 11) % (value.length + 1);
    setAt(data, field.path, value.slice(0, at) + char + value.slice(at));
    return { name: `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} in ${field.path.join('.')}`, expect: [{ codes: ['text.control-character'], path: field.path }] };
  },
};

const yearsInverted: DataMutation = {
  name: 'assessment after fiscal',
  apply(data) {
    const fiscal = data.fiscal_year as number;
    const { max } = yearRange('assessment_year');
    // Only a file whose framework is right, so the years are the only problem.
    if (fiscal + 1 > max || fiscal + 1 < FIRST_ASSESSMENT_YEAR || frameworkOf(data) === undefined) return undefined;
    data.assessment_year = fiscal + 1;
    // Keep the framework that exists, so the years are the only problem.
    const framework = FRAMEWORKS[0]!.year;
    data.framework = framework;
    return { name: `assessment_year ${fiscal + 1} after fiscal_year ${fiscal}`, expect: [{ codes: ['years.assessment-after-fiscal'], path: ['assessment_year'] }] };
  },
};

const missingFramework: DataMutation = {
  name: 'framework without a file',
  apply(data, _fields, pick) {
    // Only a file whose framework is right, so that the framework: key is the only problem.
    if (frameworkOf(data) === undefined) return undefined;
    const { min, max } = yearRange('framework');
    const years = new Set(FRAMEWORKS.map((f) => f.year));
    const latest = FRAMEWORKS.at(-1)!.year;
    const candidates = [min, min + 1, FIRST_ASSESSMENT_YEAR - 1, latest + 1, 2600, max].filter((y) => y >= min && y <= max && !years.has(y));
    const year = pickOf(candidates, pick);
    if (year === undefined) return undefined;
    data.framework = year;
    // A framework: key the clerk wrote is the field named, even when it is the assessment year.
    return { name: `framework ${year}`, expect: [{ codes: ['framework.missing'], path: ['framework'] }] };
  },
};

/**
 * The year a file names when assessment_year is absent is fiscal_year (the assessment is the year
 * before): the framework errors point at the field the clerk wrote.
 */
function setAssessmentYear(data: Record<string, Json>, year: number, viaFiscal: boolean): Path | undefined {
  if (!viaFiscal) {
    data.assessment_year = year;
    return ['assessment_year'];
  }
  const fiscal = yearRange('fiscal_year');
  if (year + 1 < fiscal.min || year + 1 > fiscal.max) return undefined;
  delete data.assessment_year;
  data.fiscal_year = year + 1;
  return ['fiscal_year'];
}

const beforeIndicators: DataMutation = {
  name: 'assessment year before the ten indicators',
  apply(data, _fields, pick) {
    if (frameworkOf(data) === undefined) return undefined;
    const { min } = yearRange('assessment_year');
    const year = pickOf([min, FIRST_ASSESSMENT_YEAR - 5, FIRST_ASSESSMENT_YEAR - 1].filter((y) => y >= min), pick);
    const path = year === undefined ? undefined : setAssessmentYear(data, year, Math.floor(pick / 3) % 2 === 1);
    if (year === undefined || !path) return undefined;
    // Whatever framework: says (a file that keeps one is refused all the same).
    return { name: `${path[0]} for the assessment year ${year}`, expect: [{ codes: ['framework.before-indicators'], path }] };
  },
};

const frameworkNotYet: DataMutation = {
  name: 'assessment year after the latest framework',
  apply(data, _fields, pick) {
    if (frameworkOf(data) === undefined) return undefined;
    const { max } = yearRange('assessment_year');
    const latest = FRAMEWORKS.at(-1)!.year;
    const year = pickOf([latest + 1, latest + 2, max].filter((y) => y <= max), pick);
    const path = year === undefined ? undefined : setAssessmentYear(data, year, Math.floor(pick / 3) % 2 === 1);
    if (year === undefined || !path) return undefined;
    delete data.framework;
    return { name: `${path[0]} for the assessment year ${year}, no framework:`, expect: [{ codes: ['framework.not-yet'], path }] };
  },
};

/** Limits the schema declares (text lengths, list sizes): one past the limit is an error there. */
const pastLimit: DataMutation = {
  name: 'past a schema limit',
  apply(data, fields, pick) {
    const schemaPath = (p: Path): Path => p.map((s, i) => (typeof s === 'number' ? 0 : p[i - 1] === 'scores' || p[i - 1] === 'explanations' ? '1' : s));
    const limited = fields.flatMap((f) => {
      if (f.kind === 'text' && !f.period) {
        const max = schemaMaxLength(schemaPath(f.path));
        return max === undefined ? [] : [{ field: f, max }];
      }
      if (f.kind === 'list') {
        const max = schemaMaxItems(schemaPath(f.path));
        return max === undefined ? [] : [{ field: f, max }];
      }
      return [];
    });
    const chosen = pickOf(limited, pick);
    if (!chosen) return undefined;
    const { field, max } = chosen;
    if (field.kind === 'text') setAt(data, field.path, textOfLength(max + 1, pick));
    else {
      const list = getAt(data, field.path) as Json[];
      const item = list[0] ?? 'ก';
      setAt(data, field.path, Array.from({ length: max + 1 }, () => item));
    }
    return { name: `${field.path.join('.')} one past its limit ${max}`, expect: [{ path: field.path }] };
  },
};

const DATA_MUTATIONS: DataMutation[] = [
  wrongType, outOfRange, unknownKey, missingRequired, missingScore, unknownIndicator, badScoreKey, emptyValue,
  badDate, reversedPeriod, controlCharacter, yearsInverted, missingFramework, pastLimit, beforeIndicators, frameworkNotYet,
];

/** Mistakes in the YAML text itself. */
type TextMutation = (text: string, pick: number) => { name: string; text: string; bytes?: Uint8Array; expect: ExpectedError[] };

const topLevelLines = (text: string): number[] => text.split('\n').flatMap((l, i) => (/^[a-z_]+:/.test(l) ? [i] : []));

const SYNTAX_ERRORS = ['agency: "ไม่มีเครื่องหมายปิด', 'measures: [ไม่มีวงเล็บปิด', '{เปิดแล้วไม่ปิด: 1', 'agency: a: b', '  - รายการที่เยื้องผิด\n bad: 1', '"key": "a" "b"', '\tagency: แท็บ', 'x: *undefined_alias', '--- !!binary x'];

const TEXT_MUTATIONS: TextMutation[] = [
  // A broken line at the start of a top-level key (never inside a block scalar).
  (text, pick) => {
    const lines = text.split('\n');
    const at = pickOf(topLevelLines(text), pick) ?? lines.length;
    const bad = pickOf(SYNTAX_ERRORS, Math.floor(pick / 7))!;
    lines.splice(at, 0, bad);
    return { name: `syntax error ${JSON.stringify(bad)} at line ${at + 1}`, text: lines.join('\n'), expect: [{ codes: ['yaml.'] }] };
  },
  // The same key twice: the second is on the last line.
  (text, pick) => {
    // The signatory is optional: a file without one has it once only.
    const signatory = /^["']?signatory["']?:/m.test(text) ? 'signatory: {position: x}' : 'overall: {score: 1}';
    const key = pickOf(['agency: อีกครั้ง', 'fiscal_year: 2566', 'measures: []', signatory], pick)!;
    const out = text.replace(/\n*$/, '\n') + key + '\n';
    return { name: `duplicate ${key.split(':')[0]}`, text: out, expect: [{ codes: ['yaml.DUPLICATE_KEY'], line: out.split('\n').length - 1 }] };
  },
  // 1: and "1": are the same indicator.
  (text) => {
    const out = text.replace(/^("?scores"?):\n(\s+)"(\d+)":/m, (_m, scores: string, indent: string, key: string) => `${scores}:\n${indent}${key}: 50\n${indent}"${key}":`);
    if (out === text) throw new Error('generator: no block "scores:" mapping with quoted keys to double');
    return { name: 'scores key written twice, quoted and not', text: out, expect: [{ codes: ['yaml.DUPLICATE_KEY'] }] };
  },
  // Not a mapping at all.
  (_text, pick) => {
    const out = pickOf(['', '# only a comment\n', '- agency: x\n- fiscal_year: 2566\n', 'just some text\n', '2566\n', 'null\n'], pick)!;
    return { name: `not a mapping: ${JSON.stringify(out)}`, text: out, expect: [{ codes: ['file.not-a-mapping'] }] };
  },
  // An alias bomb: a few lines that expand to millions of items.
  (text) => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]', 'e: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]'];
    return { name: 'alias bomb', text: text.replace(/\n*$/, '\n') + bomb.join('\n') + '\n', expect: [{}] };
  },
  // Saved as Windows-874 (TIS-620) instead of UTF-8.
  (text) => {
    const bytes = Uint8Array.from(Array.from(text).flatMap((c) => {
      const cp = c.codePointAt(0)!;
      if (cp >= 0x0e01 && cp <= 0x0e5b) return [cp - 0x0e00 + 0xa0];
      return cp < 0x80 ? [cp] : [0x3f];
    }));
    return { name: 'Windows-874 bytes', text, bytes, expect: [{ codes: ['file.not-utf8'] }] };
  },
  // A stray invalid UTF-8 byte.
  (text, pick) => {
    const utf8 = encoder.encode(text);
    const at = pick % (utf8.length + 1);
    const bytes = new Uint8Array([...utf8.slice(0, at), 0xff, ...utf8.slice(at)]);
    return { name: `byte 0xFF at ${at}`, text, bytes, expect: [{ codes: ['file.not-utf8'] }] };
  },
];

const baseArbitrary = rawDataArbitrary({ long: false, maxList: 4 });

const dataMutationArbitrary = fc.record({ mutation: fc.constantFrom(...DATA_MUTATIONS), pick: fc.nat({ max: 10_000 }) });

export const brokenCaseArbitrary: fc.Arbitrary<BrokenCase> = fc
  .oneof(
    { arbitrary: fc.record({ base: baseArbitrary, mutations: fc.array(dataMutationArbitrary, { minLength: 1, maxLength: 2 }) }), weight: 4 },
    { arbitrary: fc.record({ base: baseArbitrary, textMutation: fc.constantFrom(...TEXT_MUTATIONS.keys()), pick: fc.nat({ max: 10_000 }) }), weight: 1 },
  )
  .map((seed): BrokenCase => {
    if ('textMutation' in seed) {
      const text = toYamlText(seed.base, { ...DEFAULT_STYLE, header: false }).text;
      const m = TEXT_MUTATIONS[seed.textMutation]!(text, seed.pick);
      return { name: m.name, bytes: m.bytes ?? encoder.encode(m.text), expect: m.expect };
    }
    let data = clone(seed.base);
    const names: string[] = [];
    // Each expectation remembers the value its field had just after its mutation: a later
    // mutation that changed that field again takes the expectation away.
    const expect: (ExpectedError & { marker?: string; at?: Path; value?: string })[] = [];
    const valueAt = (p: FieldPath | undefined): string => JSON.stringify(p === undefined ? null : (getAt(data, p as Path) ?? null));
    const touched: FieldPath[] = [];
    const related = (a: FieldPath, b: FieldPath): boolean => a.slice(0, Math.min(a.length, b.length)).every((step, i) => String(step) === String(b[i]));
    for (const { mutation, pick } of seed.mutations) {
      // Fields are listed afresh: the first mutation may have changed the file's shape.
      const fields = fieldsOf(data);
      const before = structuredClone(data);
      let done: ReturnType<DataMutation['apply']>;
      try {
        done = mutation.apply(data, fields, pick);
      } catch {
        done = undefined; // the first mutation left nothing for this one to change
      }
      const paths = done?.expect.flatMap((e) => (e.at ?? e.path ? [(e.at ?? e.path)!] : [])) ?? [];
      // Two mistakes in one field (or one inside the other) would hide each other: keep the first.
      if (!done || paths.some((p) => touched.some((t) => related(p, t)))) {
        data = before;
        continue;
      }
      touched.push(...paths);
      names.push(done.name);
      expect.push(...done.expect.map((e) => ({ ...e, value: valueAt(e.at ?? e.path) })));
    }
    if (expect.length === 0) {
      // Nothing applied (a file without the field): fall back to a mistake every file can have.
      setAt(data, ['agency'], 12345.678);
      names.push('agency = 12345.678');
      expect.push({ codes: ['schema.type.string'], path: ['agency'], marker: '12345.678' });
    }
    const text = toYamlText(data as unknown as RawData, { ...DEFAULT_STYLE, header: false }).text;
    // A later mutation may have removed what an earlier one broke: expect only what is still there.
    // And the loader stops at the first stage with errors: a schema error hides a bad date.
    const parentThere = (p: FieldPath | undefined): boolean => p === undefined || p.length < 2 || getAt(data, p.slice(0, -1) as Path) !== undefined;
    const still = expect.filter((e) => e.value === valueAt(e.at ?? e.path) && parentThere(e.at ?? e.path));
    const first = Math.min(...still.map(stageOf));
    const present = still.filter((e) => stageOf(e) === first);
    return {
      name: names.join('; '),
      bytes: encoder.encode(text),
      expect: present.map(({ marker, value: _value, at: _at, ...e }) => {
        // A marker that occurs twice (two mutations wrote the same value) marks no line.
        const unique = marker !== undefined && text.indexOf(marker) === text.lastIndexOf(marker);
        const line = unique && e.codes?.every((c) => c !== 'schema.one-of') ? lineOf(text, marker) : undefined;
        return line === undefined ? e : { ...e, line };
      }),
    };
  });

/**
 * A data file with random edits of its text (cut, doubled or swapped lines, characters typed
 * anywhere): it may still be valid or broken in any way. No error is expected, only that checking
 * does not throw and that every error it reports is located.
 */
export interface EditedCase {
  name: string;
  bytes: Uint8Array;
}

const EDIT_CHARS = [':', '-', ' ', '  ', '\t', '"', "'", '[', ']', '{', '}', '&a', '*a', '!', '|', '>', '#', '%', '@', '`', ',', '?', '\n', '\r', '\r\n', '\u0000', '\u0001', '\ufeff', '\u2028', '\ud800', 'ก', '่', '1', '.5', 'e9', '0x1F', '~', 'null', 'true', '<<: *a', '---', '...'];

type Edit = { kind: 'insert'; at: number; text: string } | { kind: 'delete'; at: number; length: number } | { kind: 'line'; op: 'double' | 'drop' | 'swap' | 'indent' | 'dedent'; line: number };

const editArbitrary: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...EDIT_CHARS), fc.string({ unit: 'binary', maxLength: 4 })) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('line' as const), op: fc.constantFrom('double' as const, 'drop' as const, 'swap' as const, 'indent' as const, 'dedent' as const), line: fc.nat() }),
);

function applyEdit(text: string, e: Edit): string {
  if (e.kind === 'insert') {
    const at = e.at % (text.length + 1);
    return text.slice(0, at) + e.text + text.slice(at);
  }
  if (e.kind === 'delete') {
    const at = e.at % (text.length + 1);
    return text.slice(0, at) + text.slice(at + e.length);
  }
  const lines = text.split('\n');
  const i = e.line % lines.length;
  const line = lines[i]!;
  if (e.op === 'double') lines.splice(i, 0, line);
  else if (e.op === 'drop') lines.splice(i, 1);
  else if (e.op === 'swap' && i + 1 < lines.length) [lines[i], lines[i + 1]] = [lines[i + 1]!, line];
  else if (e.op === 'indent') lines[i] = `  ${line}`;
  else if (e.op === 'dedent') lines[i] = line.replace(/^ {1,2}/, '');
  return lines.join('\n');
}

export const editedCaseArbitrary: fc.Arbitrary<EditedCase> = fc
  .record({ base: baseArbitrary, edits: fc.array(editArbitrary, { minLength: 1, maxLength: 4 }) })
  .map(({ base, edits }) => {
    const text = edits.reduce(applyEdit, toYamlText(base, { ...DEFAULT_STYLE, header: false }).text);
    return { name: edits.map((e) => JSON.stringify(e)).join('; '), bytes: encoder.encode(text) };
  });
