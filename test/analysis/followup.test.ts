import { describe, expect, it } from 'vitest';
import { analyseFollowup, countSteps, roundRange } from '../../src/analysis/followup.ts';
import { parseReportData } from '../../src/data/load.ts';
import type { StepStatus } from '../../src/data/types.ts';
import { edit, MINIMAL } from '../helpers/minimal.ts';

describe('countSteps', () => {
  const d: StepStatus = 'done';
  const p: StepStatus = 'in_progress';
  const n: StepStatus = 'not_started';
  it.each([
    [[], { total: 0, done: 0, inProgress: 0, notStarted: 0, percentDone: 0 }],
    [[d], { total: 1, done: 1, inProgress: 0, notStarted: 0, percentDone: 100 }],
    [[d, p, n], { total: 3, done: 1, inProgress: 1, notStarted: 1, percentDone: 33.33 }],
    [[d, d, p], { total: 3, done: 2, inProgress: 1, notStarted: 0, percentDone: 66.67 }],
    [[n, n, n, n, n, n, d], { total: 7, done: 1, inProgress: 0, notStarted: 6, percentDone: 14.29 }],
  ] as [StepStatus[], ReturnType<typeof countSteps>][])('%j', (statuses, counts) => {
    expect(countSteps(statuses)).toEqual(counts);
  });
});

describe('roundRange', () => {
  it.each([
    [2566, 6, '2022-10-01', '2023-03-31'],
    [2566, 12, '2022-10-01', '2023-09-30'],
    [2568, 6, '2024-10-01', '2025-03-31'],
  ] as const)('%d, %d months: %s to %s', (year, months, start, end) => {
    expect(roundRange(year, months)).toEqual({ start, end });
  });
});

/** MINIMAL (fiscal 2566, one measure of two steps) with a followup block. */
function withFollowup(block: string) {
  const loaded = parseReportData(MINIMAL + block, 'x.yaml');
  if (!loaded.data) throw new Error(JSON.stringify(loaded.findings));
  return { loaded, ...analyseFollowup(loaded.data) };
}

describe('analyseFollowup', () => {
  it('counts a step the round says nothing about as not started, and maps the status words', () => {
    const { rounds, findings } = withFollowup('followup:\n  "6":\n    measures:\n      1:\n        steps:\n          1: { status: ดำเนินการแล้วเสร็จ, result: ทำแล้ว }\n');
    expect(findings).toEqual([]);
    expect(rounds).toHaveLength(1);
    const [round] = rounds;
    expect(round).toMatchObject({ months: 6, start: '2022-10-01', end: '2023-03-31', asOf: '2023-03-31' });
    expect(round!.measures[0]!.steps.map((s) => s.status)).toEqual(['done', 'not_started']);
    expect(round!.counts).toEqual({ total: 2, done: 1, inProgress: 0, notStarted: 1, percentDone: 50 });
  });

  it('gives both rounds, six months first, whatever their order in the file', () => {
    const { rounds } = withFollowup('followup:\n  "12":\n    measures: {}\n  "6":\n    as_of: 2023-03-15\n    measures: {}\n');
    expect(rounds.map((r) => [r.months, r.asOf])).toEqual([[6, '2023-03-15'], [12, '2023-09-30']]);
  });

  it('refuses progress for a measure or a step that does not exist, at its key', () => {
    const { findings } = withFollowup('followup:\n  "12":\n    measures:\n      1:\n        steps:\n          3: { status: done, result: x }\n      2:\n        steps:\n          1: { status: done, result: x }\n');
    expect(findings).toMatchObject([
      { severity: 'error', code: 'followup.unknown-step', path: ['followup', '12', 'measures', '1', 'steps', '3'], params: { measure: 1, step: 3, count: 2 } },
      { severity: 'error', code: 'followup.unknown-measure', path: ['followup', '12', 'measures', '2'], params: { measure: 2, count: 1 } },
    ]);
  });

  it.each([
    ['a step done with no result', '{ status: done }', 'followup.done-without-result', ['status']],
    ['a step done with a blank result', '{ status: done, result: "  " }', 'followup.done-without-result', ['status']],
    ['a date outside the fiscal year', '{ status: in_progress, when: { from: 2022-09-01, to: 2022-10-15 } }', 'followup.date-outside-fiscal-year', ['when', 'from']],
    ['a date after the round', '{ status: in_progress, when: { from: 2023-04-02, to: 2023-05-01 } }', 'followup.date-after-round', ['when', 'from']],
    ['the end of a done step after the round', '{ status: done, result: x, when: { from: 2023-03-01, to: 2023-04-30 } }', 'followup.date-after-round', ['when', 'to']],
    ['a quarter after the round', '{ status: in_progress, when: { quarter: 3 } }', 'followup.date-after-round', ['when', 'quarter']],
  ])('warns about %s', (_name, step, code, tail) => {
    const { findings } = withFollowup(`followup:\n  "6":\n    measures:\n      1:\n        steps:\n          1: ${step}\n`);
    expect(findings).toMatchObject([{ severity: 'warning', code, path: ['followup', '6', 'measures', '1', 'steps', '1', ...tail] }]);
  });

  it.each([
    ['a planned end of a step under way after the round', '{ status: in_progress, when: { from: 2023-03-01, to: 2023-06-30 } }'],
    ['a quarter inside the round', '{ status: done, result: x, when: { quarter: 2 } }'],
    ['a date given as text', '{ status: done, result: x, when: ต้นปี 2567 }'],
  ])('says nothing about %s', (_name, step) => {
    expect(withFollowup(`followup:\n  "6":\n    measures:\n      1:\n        steps:\n          1: ${step}\n`).findings).toEqual([]);
  });

  it('warns about an as_of outside its round', () => {
    const { findings } = withFollowup('followup:\n  "6":\n    as_of: 2023-06-30\n    measures: {}\n');
    expect(findings).toMatchObject([{ code: 'followup.as-of-outside-round', path: ['followup', '6', 'as_of'] }]);
  });

  it('locates an unknown status word at the field, as the schema says it', () => {
    const loaded = parseReportData(MINIMAL + 'followup:\n  "6":\n    measures:\n      1:\n        steps:\n          1: { status: เสร็จ }\n', 'x.yaml');
    expect(loaded.findings).toMatchObject([{ code: 'schema.enum', path: ['followup', '6', 'measures', '1', 'steps', '1', 'status'] }]);
    expect(loaded.source?.locate(['followup', '6', 'measures', '1', 'steps', '1', 'status'])?.line).toBe(MINIMAL.split('\n').length - 1 + 6);
  });

  it('keeps the measures untouched: progress is keyed by number, never by repeating a title', () => {
    const text = edit(MINIMAL, '  - title: มาตรการ', '  - title: มาตรการที่ตั้งชื่อยาว');
    const loaded = parseReportData(text + 'followup:\n  "6":\n    measures:\n      1:\n        steps:\n          2: { status: in_progress }\n', 'x.yaml');
    const { rounds } = analyseFollowup(loaded.data!);
    expect(rounds[0]!.measures[0]).toMatchObject({ title: 'มาตรการที่ตั้งชื่อยาว', steps: [{ text: 'ขั้นตอนแรก', status: 'not_started' }, { text: 'ขั้นตอนที่สอง', status: 'in_progress' }] });
  });
});
