import fc from 'fast-check';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RawData, RawRound, RawStepProgress } from '../../src/data/types.ts';
import { mapTexts, toYamlText, type RenderChoice, type ValidCase } from './arbitraries.ts';
import type { BrokenCase } from './broken.ts';
import { PropertyFailure } from './properties.ts';

/**
 * Running a property with fast-check and keeping its counterexample as a data file that can become
 * a regression test (test/property/regressions/), for the seeded tests and `npm run fuzz` alike.
 */

export const COUNTEREXAMPLES = fileURLToPath(new URL('./counterexamples/', import.meta.url));

export interface RunOptions {
  seed: number;
  numRuns: number;
  /** Let fast-check shrink a failure (cheap properties); else the failing case is kept as found. */
  shrink?: boolean;
  /** Stop generating new cases after this long (the cases run so far count). */
  timeLimitMs?: number;
  /** Replay one case: fast-check's counterexample path from a failure report. */
  path?: string;
  /** Where counterexamples are written (default test/property/counterexamples/). */
  saveDir?: string;
  /** Turns a failing valid case into a smaller one that fails the same way (fuzz runs). */
  minimise?: (c: ValidCase, property: string) => Promise<ValidCase>;
  log?: (line: string) => void;
}

export interface RunResult {
  ok: boolean;
  runs: number;
  seed: number;
  /** The failure, with the seed and path to replay it and the files written. */
  message?: string;
  files: string[];
}

const headerLines = (fields: Record<string, string>): string[] =>
  Object.entries(fields).flatMap(([k, v]) => v.split(/\r\n|\n|\r/).map((line, i) => `# ${i === 0 ? `${k}: ` : '  '}${line}`.replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, '?')));

const slug = (s: string): string => s.replace(/[^a-z0-9-]+/gi, '-').slice(0, 40);

/** A valid case as a file: the data file itself, with what failed in comments at its top. */
export function validCaseFile(c: ValidCase, failure: PropertyFailure | Error, extra: Record<string, string> = {}): string {
  const property = failure instanceof PropertyFailure ? failure.property : 'exception';
  const header = headerLines({
    'property-test': 'valid file (test/property): move to test/property/regressions/ and set status',
    property,
    status: 'new',
    render: JSON.stringify(c.render),
    ...extra,
    failure: failure.message.slice(0, 1500),
  });
  const bom = c.yaml.startsWith('\uFEFF') ? '\uFEFF' : '';
  return `${bom}${header.join('\n')}\n${c.yaml.slice(bom.length)}`;
}

/** A broken case as a file, its expected errors in a comment; lines shifted by the header. */
export function brokenCaseFile(c: BrokenCase, failure: PropertyFailure | Error, extra: Record<string, string> = {}): Uint8Array {
  const property = failure instanceof PropertyFailure ? failure.property : 'exception';
  const fields = { 'property-test': 'broken file (test/property): move to test/property/regressions/ and set status', property, status: 'new', broken: c.name, ...extra, expect: '', failure: failure.message.slice(0, 1500) };
  // The header's length decides the lines of the expected errors, which are in the header: count first.
  const count = headerLines({ ...fields, expect: JSON.stringify(c.expect) }).length;
  const expect = c.expect.map((e) => (e.line === undefined ? e : { ...e, line: e.line + count }));
  const header = headerLines({ ...fields, expect: JSON.stringify(expect) }).join('\n') + '\n';
  return new Uint8Array([...new TextEncoder().encode(header), ...c.bytes]);
}

function save(dir: string, name: string, content: string | Uint8Array): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}

async function run<T>(
  label: string,
  arbitrary: fc.Arbitrary<T>,
  predicate: (t: T) => Promise<void>,
  options: RunOptions,
  write: (t: T, failure: Error, where: string) => Promise<string[]>,
): Promise<RunResult> {
  const details = await fc.check(
    fc.asyncProperty(arbitrary, async (t) => {
      await predicate(t);
    }),
    {
      seed: options.seed,
      numRuns: options.numRuns,
      endOnFailure: !options.shrink,
      ...(options.path !== undefined && { path: options.path }),
      ...(options.timeLimitMs !== undefined && { interruptAfterTimeLimit: options.timeLimitMs, markInterruptAsFailure: false }),
    },
  );
  if (!details.failed) return { ok: true, runs: details.numRuns, seed: options.seed, files: [] };
  const failure = details.errorInstance instanceof Error ? details.errorInstance : new Error(String(details.errorInstance));
  const where = `seed ${details.seed}, path ${JSON.stringify(details.counterexamplePath)}`;
  const files = details.counterexample ? await write(details.counterexample[0] as T, failure, where) : [];
  const message = [
    `${label}: property failed after ${details.numRuns} case(s) (${where}${details.numShrinks ? `, shrunk ${details.numShrinks} times` : ''})`,
    failure.message,
    files.length > 0 ? `counterexample written to ${files.join(', ')}` : '',
    `replay: npm run fuzz -- --property ${label} --seed ${details.seed} --path ${JSON.stringify(details.counterexamplePath)}`,
  ]
    .filter((l) => l !== '')
    .join('\n');
  return { ok: false, runs: details.numRuns, seed: options.seed, message, files };
}

export async function runValid(label: string, arbitrary: fc.Arbitrary<ValidCase>, predicate: (c: ValidCase) => Promise<void>, options: RunOptions): Promise<RunResult> {
  return run(label, arbitrary, predicate, options, async (c, failure, where) => {
    const dir = options.saveDir ?? COUNTEREXAMPLES;
    const property = failure instanceof PropertyFailure ? failure.property : 'exception';
    const files = [save(dir, `${label}-${property}-${options.seed}.yaml`, validCaseFile(c, failure, { found: where, style: c.style }))];
    if (options.minimise) {
      options.log?.(`minimising the counterexample (${property})…`);
      const small = await options.minimise(c, property);
      let smallFailure: Error = failure;
      try {
        await predicate(small);
      } catch (err) {
        smallFailure = err instanceof Error ? err : new Error(String(err));
      }
      files.push(save(dir, `${label}-${property}-${options.seed}-min.yaml`, validCaseFile(small, smallFailure, { found: `${where}, minimised` })));
    }
    return files;
  });
}

/**
 * A property of two files rendered one after the other (history-dependent bugs). Both are written:
 * the second names the first in its `before:` header line, as regressions/ expects.
 */
export async function runValidPairs(
  label: string,
  arbitrary: fc.Arbitrary<[ValidCase, ValidCase]>,
  predicate: (pair: [ValidCase, ValidCase]) => Promise<void>,
  options: RunOptions,
): Promise<RunResult> {
  return run(label, arbitrary, predicate, options, async ([first, second], failure, where) => {
    const dir = options.saveDir ?? COUNTEREXAMPLES;
    const property = failure instanceof PropertyFailure ? failure.property : 'exception';
    const beforeName = `${label}-${property}-${options.seed}-before.yaml`;
    return [
      save(dir, beforeName, validCaseFile(first, new Error('rendered before the failing file'), { role: 'rendered first by the test of the file named after it' })),
      save(dir, `${label}-${property}-${options.seed}.yaml`, validCaseFile(second, failure, { found: where, before: beforeName })),
    ];
  });
}

export async function runBroken<C extends { name: string; bytes: Uint8Array; expect?: BrokenCase['expect'] }>(
  label: string,
  arbitrary: fc.Arbitrary<C>,
  predicate: (c: C) => Promise<void>,
  options: RunOptions,
): Promise<RunResult> {
  return run(label, arbitrary, predicate, { shrink: true, ...options }, async (c, failure, where) => {
    const property = failure instanceof PropertyFailure ? failure.property : 'exception';
    return [save(options.saveDir ?? COUNTEREXAMPLES, `${label}-${property}-${slug(c.name)}-${options.seed}.yaml`, brokenCaseFile({ ...c, expect: c.expect ?? [] }, failure, { found: where }))];
  });
}

// ---------------------------------------------------------------------------------------------
// Minimising a failing valid file: fewer measures, rows and points, fewer optional keys, shorter
// texts, as long as the same property still fails. Greedy and bounded in time; every step is one
// full check and render.

type Step = (data: RawData) => RawData[];

const without = <T>(list: T[], i: number): T[] => [...list.slice(0, i), ...list.slice(i + 1)];

function withoutKey<T extends object, K extends keyof T>(o: T, key: K): T {
  const copy = { ...o };
  delete copy[key];
  return copy;
}

/** Candidates that drop a half, then single items, of a list (keeping at least `min`). */
function shorterLists<T>(list: T[], min: number): T[][] {
  const half = Math.floor(list.length / 2);
  const out: T[][] = list.length >= 2 ? [list.slice(0, half), list.slice(half)] : [];
  for (let i = 0; i < list.length; i++) out.push(without(list, i));
  return out.filter((l) => l.length >= min && l.length < list.length);
}

type Followup = NonNullable<RawData['followup']>;
type MeasureProgress = RawRound['measures'][string];

/** The follow-up with `f` applied to each round (a round it returns undefined for is dropped). */
function mapRounds(d: RawData, f: (round: RawRound, key: '6' | '12') => RawRound | undefined): RawData {
  if (!d.followup) return d;
  const followup: Followup = {};
  for (const key of ['6', '12'] as const) {
    const round = d.followup[key] && f(d.followup[key], key);
    if (round) followup[key] = round;
  }
  return { ...d, followup };
}

/** Map entries by number (`"3": …`) kept or renumbered: `keep` lists the old indexes (0-based) in order. */
function renumber<T>(map: Record<string, T>, keep: number[]): Record<string, T> {
  return Object.fromEntries(Object.entries(map).flatMap(([k, v]) => {
    const at = keep.indexOf(Number(k) - 1);
    return at < 0 ? [] : [[String(at + 1), v]];
  }));
}

/** Only the measures `keep` (indexes), their progress in the follow-up renumbered to match. */
function keepMeasures(d: RawData, keep: number[]): RawData {
  return mapRounds({ ...d, measures: keep.map((i) => d.measures[i]!) }, (r) => ({ ...r, measures: renumber(r.measures, keep) }));
}

/** Only the steps `keep` of measure `i`, their progress renumbered to match. */
function keepSteps(d: RawData, i: number, keep: number[]): RawData {
  const measures = d.measures.map((m, j) => (j === i ? { ...m, steps: keep.map((k) => m.steps[k]!) } : m));
  const key = String(i + 1);
  return mapRounds({ ...d, measures }, (r) => {
    const m = r.measures[key];
    return m?.steps ? { ...r, measures: { ...r.measures, [key]: { ...m, steps: renumber(m.steps, keep) } } } : r;
  });
}

const indexes = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

/** Every measure's and step's progress of the follow-up, with a way to put a changed one back. */
function progressEntries(d: RawData): { measure: MeasureProgress; put: (m: MeasureProgress | undefined) => RawData }[] {
  return (['6', '12'] as const).flatMap((key) =>
    Object.entries(d.followup?.[key]?.measures ?? {}).map(([m, measure]) => ({
      measure,
      put: (changed: MeasureProgress | undefined) =>
        mapRounds(d, (r, k) => {
          if (k !== key) return r;
          const measures = { ...r.measures };
          if (changed) measures[m] = changed;
          else delete measures[m];
          return { ...r, measures };
        }),
    })),
  );
}

const STEP_KEYS = ['result', 'when', 'evidence', 'problems', 'suggestions'] as const;

/** Smaller follow-ups: fewer rounds, measures, steps, evidence, optional keys; shorter web addresses. */
const FOLLOWUP_STEPS: Step[] = [
  (d) => {
    if (!d.followup) return [];
    const rounds = (['6', '12'] as const).filter((k) => d.followup![k]);
    return [
      withoutKey(d, 'followup'),
      ...rounds.map((k) => mapRounds(d, (r, key) => (key === k ? undefined : r))),
      ...rounds.filter((k) => d.followup![k]!.as_of !== undefined).map((k) => mapRounds(d, (r, key) => (key === k ? withoutKey(r, 'as_of') : r))),
    ];
  },
  (d) =>
    progressEntries(d).flatMap(({ measure, put }) => [
      put(undefined),
      ...(['steps', 'problems', 'suggestions'] as const).filter((k) => measure[k] !== undefined).map((k) => put(withoutKey(measure, k))),
    ]),
  (d) =>
    progressEntries(d).flatMap(({ measure, put }) => {
      const steps = Object.entries(measure.steps ?? {});
      const withSteps = (list: [string, RawStepProgress][]): RawData => put({ ...measure, steps: Object.fromEntries(list) });
      return [
        ...shorterLists(steps, 0).map(withSteps),
        ...steps.flatMap(([n, step], i) => {
          const put1 = (s: RawStepProgress): RawData => withSteps(steps.map((e, j) => (j === i ? [n, s] : e)));
          return [
            ...STEP_KEYS.filter((k) => step[k] !== undefined).map((k) => put1(withoutKey(step, k))),
            ...shorterLists(step.evidence ?? [], 1).map((evidence) => put1({ ...step, evidence })),
          ];
        }),
      ];
    }),
  // Web addresses halved (they keep http:// or https://).
  (d) => {
    const urls: string[] = [];
    mapTexts(d, (s) => s, (u) => (urls.push(u), u));
    return urls.flatMap((u, n) => {
      const scheme = /^https?:\/\//.exec(u)?.[0] ?? '';
      const rest = Array.from(u.slice(scheme.length));
      if (rest.length <= 1) return [];
      const half = Math.ceil(rest.length / 2);
      return [rest.slice(0, half), rest.slice(half), ['x']].map((r) => {
        let i = 0;
        return mapTexts(d, (s) => s, (url) => (i++ === n ? scheme + r.join('') : url));
      });
    });
  },
];

const STEPS: Step[] = [
  // Optional keys away.
  (d) =>
    (['explanations', 'principles', 'urgent', 'improve', 'announcement', 'threshold', 'assessment_year', 'framework'] as const)
      .filter((k) => d[k] !== undefined && !(k === 'assessment_year' && d.framework !== undefined))
      .map((k) => withoutKey(d, k)),
  (d) => {
    const s = d.signatory;
    if (s === undefined) return [];
    const drop = (key: keyof typeof s): RawData => ({ ...d, signatory: withoutKey(s, key) });
    return [withoutKey(d, 'signatory'), ...(['name', 'date', 'position'] as const).filter((k) => s[k] !== undefined).map(drop)];
  },
  // Fewer measures, steps, rows, points.
  // (The follow-up's progress renumbered with them.)
  (d) => shorterLists(indexes(d.measures.length), 1).map((keep) => keepMeasures(d, keep)),
  (d) => d.measures.flatMap((m, i) => shorterLists(indexes(m.steps.length), 1).map((keep) => keepSteps(d, i, keep))),
  ...FOLLOWUP_STEPS,
  (d) =>
    (['urgent', 'improve'] as const).flatMap((s) => {
      const rows = d[s] ?? [];
      return [
        ...shorterLists(rows, 0).map((r) => ({ ...d, [s]: r })),
        ...rows.flatMap((row, i) => shorterLists(row.points, 1).map((points) => ({ ...d, [s]: rows.map((x, j) => (j === i ? { ...x, points } : x)) }))),
      ];
    }),
  (d) =>
    d.measures.flatMap((m, i) =>
      (['budget', 'period'] as const)
        .filter((k) => m[k] !== undefined)
        .map((k) => ({ ...d, measures: d.measures.map((x, j) => (j === i ? withoutKey(x, k) : x)) })),
    ),
  // Shorter texts: each text halved (either half), then a one-letter text.
  (d) => {
    const texts: string[] = [];
    mapTexts(d, (s) => (texts.push(s), s));
    return texts.flatMap((t, n) => {
      const chars = Array.from(t);
      if (chars.length <= 1) return [];
      const options = [chars.slice(0, Math.ceil(chars.length / 2)).join(''), chars.slice(Math.ceil(chars.length / 2)).join(''), 'ก'];
      return options.map((replacement) => {
        let i = 0;
        return mapTexts(d, (s) => (i++ === n ? replacement : s));
      });
    });
  },
];

/**
 * The smallest file found (greedy, within `budgetMs`) for which `fails` still holds. `fails` runs
 * the property and says whether it failed the same way.
 */
export async function minimiseData(data: RawData, fails: (d: RawData) => Promise<boolean>, budgetMs: number, log?: (line: string) => void): Promise<RawData> {
  const end = Date.now() + budgetMs;
  let current = data;
  let progress = true;
  while (progress && Date.now() < end) {
    progress = false;
    for (const step of STEPS) {
      for (const candidate of step(current)) {
        if (Date.now() >= end) break;
        if (await fails(candidate)) {
          current = candidate;
          progress = true;
          log?.(`  smaller: ${toYamlText(current).text.length} bytes`);
          break;
        }
      }
      if (Date.now() >= end) break;
    }
  }
  return current;
}

/** A minimiser for runValid: keeps the render options, re-writes the YAML plainly. */
export function validMinimiser(predicate: (c: ValidCase) => Promise<void>, budgetMs: number, log?: (line: string) => void): (c: ValidCase, property: string) => Promise<ValidCase> {
  return async (c, property) => {
    const asCase = (data: RawData): ValidCase => ({ data, yaml: toYamlText(data).text, style: 'plain (minimised)', render: c.render });
    const small = await minimiseData(
      c.data,
      async (d) => {
        try {
          await predicate(asCase(d));
          return false;
        } catch (err) {
          return err instanceof PropertyFailure ? err.property === property : property === 'exception';
        }
      },
      budgetMs,
      log,
    );
    return asCase(small);
  };
}

export type { RenderChoice };
