import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFile, type Checked } from '../../src/pipeline.ts';
import { normalizeThai } from '../../src/thai/normalize.ts';
import { generateAgencies, HEADER, writeAgencies, type SyntheticAgency } from './synthetic.ts';

const COUNT = 40;
const SEED = 20240101;

describe('synthetic agencies', () => {
  let dir: string;
  let agencies: SyntheticAgency[];
  let files: string[];
  let checked: Checked[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ita-syn-'));
    agencies = generateAgencies(COUNT, SEED);
    files = writeAgencies(dir, agencies);
    checked = await Promise.all(files.map((f) => checkFile(f)));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes <dir>/<fiscal year>/<slug>.yaml with the marker comment first', () => {
    expect(files).toHaveLength(COUNT);
    files.forEach((file, i) => {
      const a = agencies[i]!;
      expect(file).toBe(join(dir, String(a.fiscalYear), `${a.slug}.yaml`));
      expect(a.slug).toMatch(/^agency-\d{4}$/);
      const text = readFileSync(file, 'utf8');
      expect(text).toBe(a.yaml);
      expect(text.split('\n')[0]).toBe(`#${HEADER}`);
    });
    expect(new Set(agencies.map((a) => a.slug)).size).toBe(COUNT);
  });

  it('gives no error in any file', () => {
    for (const c of checked) {
      expect(c.findings.filter((f) => f.severity === 'error'), c.file).toEqual([]);
      expect(c.analysis, c.file).toBeDefined();
    }
  });

  it('gives no warning in at least 80% of the files, and only the planned ones elsewhere', () => {
    const clean = checked.filter((c) => c.findings.length === 0).length;
    expect(clean / COUNT).toBeGreaterThanOrEqual(0.8);
    const codes = new Set(checked.flatMap((c) => c.findings.map((f) => f.code)));
    for (const code of codes) expect(['overall.mismatch', 'overall.level-mismatch']).toContain(code);
    expect(codes.has('overall.mismatch')).toBe(true);
  });

  it('keeps the counts of rows, points, measures and steps within range', () => {
    for (const { data, file } of checked) {
      expect(data, file).toBeDefined();
      const d = data!;
      expect(d.urgent.length).toBeGreaterThanOrEqual(2);
      expect(d.urgent.length).toBeLessThanOrEqual(4);
      expect(d.improve.length).toBeGreaterThanOrEqual(1);
      expect(d.improve.length).toBeLessThanOrEqual(3);
      for (const row of [...d.urgent, ...d.improve]) {
        expect(row.points.length).toBeGreaterThanOrEqual(1);
        expect(row.points.length).toBeLessThanOrEqual(4);
      }
      expect(d.measures.length).toBeGreaterThanOrEqual(3);
      expect(d.measures.length).toBeLessThanOrEqual(6);
      for (const m of d.measures) {
        expect(m.steps.length).toBeGreaterThanOrEqual(2);
        expect(m.steps.length).toBeLessThanOrEqual(4);
      }
      expect(d.scores.size).toBe(10);
    }
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const again = generateAgencies(COUNT, SEED);
    expect(again.map((a) => a.yaml)).toEqual(agencies.map((a) => a.yaml));
    // A short run is a prefix of a long one, so benchmark sizes share their first files.
    expect(generateAgencies(5, SEED)).toEqual(agencies.slice(0, 5));
    const other = generateAgencies(COUNT, SEED + 1).map((a) => a.yaml);
    expect(other).not.toEqual(agencies.map((a) => a.yaml));
    expect(other.filter((y, i) => y === agencies[i]!.yaml)).toHaveLength(0);
  });

  it('varies years, names, scores and optional fields', () => {
    const data = checked.map((c) => c.data!);
    expect(new Set(data.map((d) => d.fiscalYear)).size).toBeGreaterThanOrEqual(2);
    expect(data.filter((d) => d.fiscalYear === 2567).length).toBeGreaterThan(COUNT / 3);
    expect(new Set(data.map((d) => d.agency)).size).toBeGreaterThanOrEqual(COUNT / 2);

    const below = data.map((d) => [...d.scores.values()].filter((s) => s < 85).length);
    expect(below.filter((n) => n > 0).length).toBeGreaterThanOrEqual(5);
    expect(below.filter((n) => n >= 4).length).toBeGreaterThanOrEqual(1);
    expect(below.filter((n) => n === 0).length).toBeGreaterThanOrEqual(1);

    const all = data.flatMap((d) => [...d.scores.values()]);
    expect(Math.min(...all)).toBeGreaterThanOrEqual(50);
    expect(all.some(Number.isInteger)).toBe(true);
    expect(all.some((s) => Math.round(s * 100) % 10 !== 0)).toBe(true);

    const signed = data.filter((d) => d.signatory.name !== undefined && d.signatory.date !== undefined).length;
    expect(signed).toBeGreaterThan(COUNT * 0.25);
    expect(signed).toBeLessThan(COUNT * 0.75);
    expect(data.some((d) => d.explanations.size > 0)).toBe(true);
    const measures = data.flatMap((d) => d.measures);
    expect(measures.some((m) => m.budget !== undefined)).toBe(true);
    expect(measures.some((m) => typeof m.period === 'string')).toBe(true);
    expect(measures.some((m) => typeof m.period === 'object' && 'quarter' in m.period)).toBe(true);
    expect(measures.some((m) => typeof m.period === 'object' && 'from' in m.period)).toBe(true);
    const steps = measures.flatMap((m) => m.steps);
    expect(steps.some((s) => s.length >= 150 && s.length <= 300)).toBe(true);
    expect(steps.some((s) => /[A-Za-z]/.test(s))).toBe(true);
  });

  it('writes Thai that the loader has nothing to repair', () => {
    for (const a of agencies) expect(normalizeThai(a.yaml)).toBe(a.yaml);
  });
});
