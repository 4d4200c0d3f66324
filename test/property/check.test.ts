import { describe, expect, it } from 'vitest';
import { validCaseArbitrary } from './arbitraries.ts';
import { brokenCaseArbitrary, editedCaseArbitrary } from './broken.ts';
import { anyTextProperty, brokenFileProperty, cliWritesNothingProperty, validFileProperty } from './properties.ts';
import { runBroken, runValid } from './runner.ts';
import { SEED } from './seed.ts';

/**
 * The cheap properties, many cases (see README, "Property-based tests"): (a) checking never throws,
 * a valid file of any shape the schema allows passes, a file with random edits gets located errors
 * or passes; (c) a broken file gets the error it should, at its line and field, and
 * `ita-report build` of it writes nothing.
 */

describe('property: checking data files', () => {
  it('passes every valid file, texts up to 5,000 characters, up to 50 items, every framework (300 files)', async () => {
    const result = await runValid('check-valid', validCaseArbitrary({ maxTotalChars: 60_000 }), (c) => validFileProperty(c, { render: false }), {
      seed: SEED,
      numRuns: 300,
    });
    expect(result.message ?? 'ok').toBe('ok');
  });

  it('gives a broken file the expected error, located at its line and field (500 files)', async () => {
    const result = await runBroken('check-broken', brokenCaseArbitrary, brokenFileProperty, { seed: SEED, numRuns: 500, timeLimitMs: 30_000 });
    expect(result.message ?? 'ok').toBe('ok');
  });

  it('never throws on a data file with random edits, and locates every error it reports (300 files)', async () => {
    const result = await runBroken('check-edited', editedCaseArbitrary, anyTextProperty, { seed: SEED, numRuns: 300, timeLimitMs: 30_000 });
    expect(result.message ?? 'ok').toBe('ok');
  });

  it('writes nothing for a broken file and exits 1 with file:line:col messages (ita-report build, 60 files)', async () => {
    const result = await runBroken('cli-broken', brokenCaseArbitrary, cliWritesNothingProperty, { seed: SEED + 1, numRuns: 60, timeLimitMs: 30_000 });
    expect(result.message ?? 'ok').toBe('ok');
  });
});
