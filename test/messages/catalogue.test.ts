import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/data/types.ts';
import { knownCodes, messageFor } from '../../src/messages/catalogue.ts';
import { toArabicDigits } from '../../src/thai/digits.ts';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

const sources = sourceFiles(SRC).map((file) => ({ file: file.slice(SRC.length), text: readFileSync(file, 'utf8') }));

/** Every finding code written literally in src: `code: '…'` and schema.ts's `finding('…', …)`. */
function literalCodes(): { code: string; file: string }[] {
  const found = new Map<string, string>();
  for (const { file, text } of sources) {
    for (const m of text.matchAll(/\bcode: '([a-z][a-z.-]*)'/g)) found.set(m[1]!, file);
    for (const m of text.matchAll(/\bfinding\('([a-z][a-z.-]*)'/g)) found.set(m[1]!, file);
  }
  return [...found].map(([code, file]) => ({ code, file })).sort((a, b) => a.code.localeCompare(b.code));
}

const LITERAL = literalCodes();

/** Codes built from templates in src: schema.type.${type} and date.${reason}. */
const TEMPLATED = [
  'schema.type.number',
  'schema.type.integer',
  'schema.type.string',
  'schema.type.array',
  'schema.type.object',
  // parseIsoDate's reasons (src/thai/dates.ts), raised as `date.${parsed.reason}` by the loader
  'date.format',
  'date.invalid',
  'date.buddhist-year',
];

const THAI = /[\u0E00-\u0E7F]/;

/** Parameters that every message might use, so no wording can throw or print "undefined". */
const PARAMS: Finding['params'] = {
  reason: 'ENOENT',
  detail: 'detail',
  char: 'U+0007',
  key: 'scroes',
  min: 0,
  max: 100,
  allowed: 'AA, A',
  value: '2566-01-16',
  from: '2023-05-01',
  to: '2023-01-31',
  fiscal: 2566,
  start: '2022-10-01',
  end: '2023-09-30',
  year: 2570,
  available: '2565, 2566',
  indicator: 4,
  name: 'การใช้ทรัพย์สินของราชการ',
  framework: 2565,
  count: 10,
  score: 120,
  assessment: 2567,
  declared: '93.68',
  computed: '93.51',
  difference: '0.17',
  tolerance: '0.01',
  expected: 'A',
  file: 'data/2565/nakhon-pathom.yaml',
  errors: 2,
  found: 2564,
  rule: 'ผ่าน',
  round: 6,
  measure: 3,
  step: 5,
  tools: 'IIT 98.00, EIT 84.13, OIT 100.00',
  until: 2561,
  first: 2562,
  index_count: 5,
  indices: 'ความโปร่งใส, ความพร้อมรับผิด',
  indices_en: 'Transparency, Accountability',
  latest: 2568,
  ref: 'seal.png',
};

/** What messageFor says for a code the catalogue does not know. */
const GENERIC = (code: string): { th: string; en: string } => ({ th: 'ข้อมูลไม่ถูกต้อง', en: code });

const finding = (code: string, params: Finding['params'] = {}): Finding => ({ severity: 'error', code, path: [], params });

describe('the scan of src finds the codes', () => {
  it.each([
    'scores.missing',
    'overall.mismatch',
    'overall.level-mismatch',
    'issues.unknown-indicator',
    'text.control-character',
    'file.not-a-mapping',
    'schema.required',
    'schema.unknown-key',
    'framework.missing',
    'signatory.missing',
    'signatory.position-missing',
    'framework.before-indicators',
    'framework.not-yet',
  ])('%s', (code) => {
    expect(LITERAL.map((c) => c.code)).toContain(code);
  });
});

describe('every finding code in src has wording', () => {
  it.each(LITERAL)('$code ($file)', ({ code }) => {
    expect(knownCodes()).toContain(code);
    expect(messageFor(finding(code))).not.toEqual(GENERIC(code));
  });

  it.each(TEMPLATED)('%s', (code) => {
    expect(knownCodes()).toContain(code);
    expect(messageFor(finding(code))).not.toEqual(GENERIC(code));
  });
});

describe('codes built from templates are all covered', () => {
  it('the only templated codes in src are yaml.*, schema.type.* and date.*', () => {
    const prefixes = new Set<string>();
    for (const { text } of sources) {
      for (const m of text.matchAll(/(?:\bcode: |\bfinding\()`([a-z][a-z.-]*)\$\{/g)) prefixes.add(m[1]!);
    }
    expect([...prefixes].sort()).toEqual(['date.', 'schema.type.', 'yaml.']);
  });

  it('every type in the published schema has a schema.type.* wording', () => {
    const schema: unknown = JSON.parse(readFileSync(new URL('../../data/ita-report.schema.json', import.meta.url), 'utf8'));
    const types = new Set<string>();
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        for (const [k, v] of Object.entries(node)) {
          if (k === 'type' && typeof v === 'string') types.add(v);
          else walk(v);
        }
      }
    };
    walk(schema);
    expect(types.size).toBeGreaterThan(0);
    for (const t of types) expect(TEMPLATED).toContain(`schema.type.${t}`);
  });
});

describe('fallbacks', () => {
  it('an unknown code gets the generic message naming the code', () => {
    expect(messageFor(finding('no.such-code'))).toEqual(GENERIC('no.such-code'));
  });

  it.each(['yaml.BAD_INDENT', 'yaml.TAB_AS_INDENT', 'yaml.MISSING_CHAR'])('%s gets the YAML message with the parser detail', (code) => {
    const m = messageFor(finding(code, { detail: 'All mapping items must start at the same column' }));
    expect(m.th).toMatch(THAI);
    expect(m.en).toBe('All mapping items must start at the same column');
  });
});

describe('every message is worded in Thai and in English', () => {
  it.each(knownCodes())('%s', (code) => {
    const m = messageFor(finding(code, PARAMS));
    expect(m.th.trim()).not.toBe('');
    expect(m.th).toMatch(THAI);
    expect(m.en.trim()).not.toBe('');
    expect(m.en).not.toMatch(THAI);
    expect(m.th).not.toContain('undefined');
    expect(m.en).not.toContain('undefined');
  });

  // The Thai sentence may set numbers in Thai digits; compare digit-for-digit in either system.
  it.each<{ code: string; params: Finding['params']; th: string[]; en: string[] }>([
    { code: 'scores.out-of-range', params: { indicator: 4, score: 120 }, th: ['4', '120'], en: ['4', '120'] },
    { code: 'overall.mismatch', params: { declared: '93.68', computed: '93.51', difference: '0.17' }, th: ['93.68', '93.51', '0.17'], en: ['93.68', '93.51', '0.17'] },
    { code: 'overall.level-mismatch', params: { declared: 'AA', expected: 'A', score: '93.51' }, th: ['AA', 'A', '93.51'], en: ['AA', '93.51'] },
    { code: 'schema.unknown-key', params: { key: 'scroes' }, th: ['scroes'], en: ['scroes'] },
    { code: 'schema.range', params: { min: 0, max: 100 }, th: ['0', '100'], en: ['0', '100'] },
    { code: 'date.buddhist-year', params: { value: '2566-01-16' }, th: ['2566-01-16'], en: ['2566-01-16'] },
    { code: 'date.reversed', params: { from: '2023-05-01', to: '2023-01-31' }, th: ['2023-05-01', '2023-01-31'], en: ['2023-05-01', '2023-01-31'] },
    {
      code: 'framework.before-indicators',
      params: { year: 2560, until: 2561, first: 2562, index_count: 5, indices: 'ความโปร่งใส, ความพร้อมรับผิด', indices_en: 'Transparency, Accountability', count: 10, tools: 'IIT/EIT/OIT' },
      th: ['2560', '2561', '2562', 'ความโปร่งใส, ความพร้อมรับผิด', 'IIT/EIT/OIT', 'assessment_year'],
      en: ['2560', '2561', '2562', 'Transparency, Accountability', 'IIT/EIT/OIT', 'assessment_year'],
    },
    {
      code: 'framework.not-yet',
      params: { year: 2569, latest: 2568 },
      // The files to add and the manual are in its words for the maintainer (test/data/frameworks.test.ts).
      th: ['2569', '2568', 'framework: 2568', 'ผู้ดูแลโปรแกรม'],
      en: ['2569', '2568', 'framework: 2568', 'maintains the program'],
    },
  ])('$code puts its parameters in both languages', ({ code, params, th, en }) => {
    const m = messageFor(finding(code, params));
    for (const s of th) expect(toArabicDigits(m.th)).toContain(s);
    for (const s of en) expect(m.en).toContain(s);
  });
});

describe('numbers in the Thai messages are in Thai digits, as the form and the report show them (issue 17)', () => {
  it.each<[string, Finding['params']]>([
    ['schema.range', { min: 0, max: 100 }],
    ['framework.missing', { year: 2570, available: '2565, 2566' }],
    ['scores.missing', { indicator: 1, name: 'การปฏิบัติหน้าที่' }],
    ['scores.unknown-indicator', { framework: 2566, indicator: 11, count: 10 }],
    ['scores.out-of-range', { indicator: 3, score: 120 }],
    ['explanations.unknown-indicator', { indicator: 11, framework: 2566 }],
    ['issues.unknown-indicator', { framework: 2566, indicator: 12, count: 10 }],
    ['issues.duplicate-indicator', { indicator: 4 }],
    ['years.assessment-after-fiscal', { assessment: 2567, fiscal: 2566 }],
  ])('%s', (code, params) => {
    expect(knownCodes()).toContain(code);
    const { th, en } = messageFor({ severity: 'error', code, path: [], params });
    expect(th).not.toMatch(/[0-9]/);
    expect(en).toMatch(/[0-9]/);
  });
});
