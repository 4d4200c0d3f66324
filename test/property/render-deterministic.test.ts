import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validCaseArbitrary } from './arbitraries.ts';
import { validFileProperty } from './properties.ts';
import { runValidPairs } from './runner.ts';
import { SEED } from './seed.ts';

/**
 * (d) the same input gives the same bytes: a file rendered in this process after another file (as
 * a batch worker renders agency after agency) gives the bytes of the same file rendered alone in a
 * fresh process, and the same bytes again when rendered twice.
 */

describe('property: the same input gives the same bytes', () => {
  it('renders a file after another file as a fresh process renders it alone (3 pairs)', async () => {
    const pairs = fc.tuple(validCaseArbitrary({ maxTotalChars: 20_000, long: false }), validCaseArbitrary({ maxTotalChars: 4_000, long: false }));
    const result = await runValidPairs(
      'render-deterministic',
      pairs,
      async ([before, file]) => {
        await validFileProperty(before, { content: false });
        await validFileProperty(file, { content: false, twice: true, cold: true });
      },
      { seed: SEED, numRuns: 3 },
    );
    expect(result.message ?? 'ok').toBe('ok');
  });
});
