import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { updateYaml } from '../../src/data/yaml-update.ts';
import { sampleText } from '../helpers/sample.ts';

/**
 * The page's save writes only what changed into the clerk's file (src/serve/yaml-update.ts). The
 * follow-up part changes the shape of the data all the time (a step's first status adds its
 * entry, an emptied field removes its key): these changes too are made where they stand, and the
 * rest of the file (comments, their alignment, folded text) is left as it was.
 */

const FIXTURE = readFileSync(new URL('../fixtures/followup/progress.yaml', import.meta.url), 'utf8');

describe('updateYaml edits the shape in place', () => {
  it.each<[string, string, unknown, string]>([
    ['a new step, in number order', 'steps:\n  1: { status: done }   # one\n  3:\n    status: done\n', { steps: { '1': { status: 'done' }, '2': { status: 'x', result: 'y' }, '3': { status: 'done' } } }, 'steps:\n  1: { status: done }   # one\n  2:\n    status: x\n    result: y\n  3:\n    status: done\n'],
    ['a new round keyed like its sibling', 'followup:\n  "6":\n    measures: {}\n', { followup: { '6': { measures: {} }, '12': { measures: {} } } }, 'followup:\n  "6":\n    measures: {}\n  "12":\n    measures: {}\n'],
    ['the first round, as the README writes it', 'a: 1 # one\n', { a: 1, followup: { '6': { measures: { '2': { steps: { '1': { status: 'done' } } } } } } }, 'a: 1 # one\nfollowup:\n  "6":\n    measures:\n      2:\n        steps:\n          1:\n            status: done\n'],
    ['an empty map that gets entries becomes a block', 'r:\n  measures: {}  # none yet\nz: 1\n', { r: { measures: { '1': { problems: 'p' } } }, z: 1 }, 'r:\n  measures: # none yet\n    1:\n      problems: p\nz: 1\n'],
    ['a map emptied is {}', 'r:\n  measures:   # m\n    1:\n      problems: p\nz: 1\n', { r: { measures: {} }, z: 1 }, 'r:\n  measures: {} # m\nz: 1\n'],
    ['a key removed, its neighbours kept', 's:\n  status: done  # s\n  result: r\n  when: 2023-01-01\n', { s: { status: 'done', when: '2023-01-01' } }, 's:\n  status: done  # s\n  when: 2023-01-01\n'],
    ['text of several lines', 's:\n  result: one  # r\n  x: 1\n', { s: { result: 'one\ntwo', x: 1 } }, 's:\n  result: |-\n    one\n    two\n  x: 1\n'],
    ['text becoming dates', 'w: 2023-02-10  # when\nx: 1\n', { w: { from: '2023-02-10', to: '2023-02-11' }, x: 1 }, 'w: # when\n  from: 2023-02-10\n  to: 2023-02-11\nx: 1\n'],
    ['a one-line map written again on its line', 's:\n  1: { status: done, result: r }  # c\n', { s: { '1': { status: 'done', result: 'r', evidence: ['e'] } } }, 's:\n  1: { status: done, result: r, evidence: [ e ] }  # c\n'],
    ['evidence: a title becoming a title with an address, one added', 'e:\n  - t1  # first\n  - t2\n', { e: [{ title: 't1', url: 'https://x.go.th/a' }, 't2', 'new'] }, 'e:\n  - title: t1\n    url: https://x.go.th/a\n  - t2\n  - new\n'],
    ['a list item loses its first key', 'l:\n  - a: 1\n    b: 2\n', { l: [{ b: 2 }] }, 'l:\n  - b: 2\n'],
    ['a last line without a newline', 'a: 1', { a: 1, b: 2 }, 'a: 1\nb: 2\n'],
    ['new lines of a CRLF file end in CRLF', 's:\r\n  1: x # c\r\n', { s: { '1': 'x', '2': { status: 'done' } } }, 's:\r\n  1: x # c\r\n  2:\r\n    status: done\r\n'],
  ])('%s', (_name, before, value, after) => {
    expect(updateYaml(before, value)).toBe(after);
  });

  it('a new file writes number keys as numbers, the rounds of followup as text', () => {
    expect(updateYaml('', { scores: { '1': 90 }, followup: { '6': { measures: { '1': { steps: { '2': { status: 'done' } } } } } } })).toBe(
      'scores:\n  1: 90\nfollowup:\n  "6":\n    measures:\n      1:\n        steps:\n          2:\n            status: done\n',
    );
  });
});

type Progress = Record<string, { as_of?: string; measures: Record<string, { steps?: Record<string, Record<string, unknown>>; problems?: string }> }>;

/** What the form does to progress: set or clear a field of a step or a measure, add or remove a round. */
const operation = fc.oneof(
  fc.record({
    kind: fc.constant('step' as const),
    round: fc.constantFrom('6', '12'),
    measure: fc.integer({ min: 1, max: 5 }),
    step: fc.integer({ min: 1, max: 4 }),
    key: fc.constantFrom('status', 'result', 'when', 'evidence', 'problems'),
    value: fc.oneof(
      fc.constant(undefined),
      fc.constantFrom('ดำเนินการแล้วเสร็จ', 'อยู่ระหว่างดำเนินการ', 'ผลข้อหนึ่ง\nผลข้อสอง', 'ข้อความ: มีโคลอน # และเครื่องหมาย', '2023-01-15'),
      fc.constant({ quarter: 3 }),
      fc.constant({ from: '2023-01-01', to: '2023-02-01' }),
      fc.constant([{ title: 'หนังสือ', url: 'https://www.example.go.th/a.pdf' }, 'ภาพถ่าย']),
    ),
  }),
  fc.record({ kind: fc.constant('measure' as const), round: fc.constantFrom('6', '12'), measure: fc.integer({ min: 1, max: 5 }), value: fc.constantFrom(undefined, 'งบประมาณจำกัด', 'หนึ่ง\nสอง') }),
  fc.record({ kind: fc.constant('round' as const), round: fc.constantFrom('6', '12'), present: fc.boolean() }),
);

type Operation =
  | { kind: 'step'; round: string; measure: number; step: number; key: string; value: unknown }
  | { kind: 'measure'; round: string; measure: number; value: string | undefined }
  | { kind: 'round'; round: string; present: boolean };

/** Applied as the page applies it: an entry left empty is removed. */
function apply(raw: { followup?: Progress }, op: Operation): void {
  if (op.kind === 'round') {
    if (op.present) (raw.followup ??= {})[op.round] ??= { measures: {} };
    else if (raw.followup) {
      delete raw.followup[op.round];
      if (Object.keys(raw.followup).length === 0) delete raw.followup;
    }
    return;
  }
  const round = raw.followup?.[op.round];
  if (!round) return;
  const measure = (round.measures[op.measure] ??= {});
  if (op.kind === 'measure') {
    if (op.value === undefined) delete measure.problems;
    else measure.problems = op.value;
  } else {
    const steps = (measure.steps ??= {});
    const step = (steps[op.step] ??= {});
    if (op.value === undefined) delete step[op.key];
    else step[op.key] = op.value;
    if (Object.keys(step).length === 0) delete steps[op.step];
    if (Object.keys(steps).length === 0) delete measure.steps;
  }
  if (Object.keys(measure).length === 0) delete round.measures[op.measure];
}

describe('updateYaml, property: progress edited as the form does', () => {
  it('reads back as the form, leaves every line before followup: as it was, and a second save changes nothing', () => {
    const head = FIXTURE.slice(0, FIXTURE.indexOf('\nfollowup:'));
    fc.assert(
      fc.property(fc.array(operation, { minLength: 1, maxLength: 12 }), (ops) => {
        const raw = parse(FIXTURE) as { followup?: Progress };
        for (const op of ops) apply(raw, op);
        const text = updateYaml(FIXTURE, raw);
        expect(parse(text) ?? {}).toEqual(JSON.parse(JSON.stringify(raw)));
        expect(text.startsWith(head)).toBe(true);
        expect(updateYaml(text, raw)).toBe(text);
      }),
      { numRuns: 120, seed: 13 },
    );
  });

  it('§6 edited as the form does (measures and steps added, removed, moved) leaves the lines before measures: as they were', () => {
    const sample = sampleText();
    const head = sample.slice(0, sample.indexOf('\nmeasures:'));
    const edit = fc.oneof(
      fc.record({ kind: fc.constant('add-step' as const), measure: fc.nat(4), text: fc.constantFrom('ขั้นตอนใหม่', 'สองบรรทัด\nบรรทัดที่สอง') }),
      fc.record({ kind: fc.constant('remove-step' as const), measure: fc.nat(4), step: fc.nat(3) }),
      fc.record({ kind: fc.constant('remove-measure' as const), measure: fc.nat(4) }),
      fc.record({ kind: fc.constant('move-measure' as const), measure: fc.nat(4) }),
      fc.record({ kind: fc.constant('add-measure' as const) }),
      fc.record({ kind: fc.constant('period' as const), measure: fc.nat(4), value: fc.constantFrom<unknown>(undefined, { quarter: 2 }, { from: '2023-01-01', to: '2023-03-31' }, 'ตลอดปีงบประมาณ') }),
    );
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 8 }), (edits) => {
        const raw = parse(sample) as { measures: { title: string; steps: string[]; period?: unknown }[] };
        for (const e of edits) {
          const m = 'measure' in e ? raw.measures[e.measure % Math.max(raw.measures.length, 1)] : undefined;
          if (e.kind === 'add-measure') raw.measures.push({ title: 'มาตรการใหม่', steps: ['ขั้นตอนแรก'], owner: 'สำนักปลัด', monitoring: 'รายไตรมาส' } as never);
          else if (!m) continue;
          else if (e.kind === 'add-step') m.steps.push(e.text);
          else if (e.kind === 'remove-step' && m.steps.length > 1) m.steps.splice(e.step % m.steps.length, 1);
          else if (e.kind === 'remove-measure' && raw.measures.length > 1) raw.measures.splice(raw.measures.indexOf(m), 1);
          else if (e.kind === 'move-measure') raw.measures.push(...raw.measures.splice(raw.measures.indexOf(m), 1));
          else if (e.kind === 'period') {
            if (e.value === undefined) delete m.period;
            else m.period = e.value;
          }
        }
        const text = updateYaml(sample, raw);
        expect(parse(text)).toEqual(JSON.parse(JSON.stringify(raw)));
        expect(text.startsWith(head)).toBe(true);
      }),
      { numRuns: 80, seed: 6 },
    );
  });
});
