import { describe, expect, it } from 'vitest';
import { validCaseArbitrary } from './arbitraries.ts';
import { validFileProperty } from './properties.ts';
import { runValid } from './runner.ts';
import { SEED } from './seed.ts';

/**
 * The expensive properties, few cases (see README, "Property-based tests"): (a) a valid file renders
 * without an exception, (b) into its documents (a follow-up report too for each round of `followup:`,
 * in about a third of the files) whose text holds every string of the data file that
 * belongs in them: texts from 1 to 5,000 characters, 0–50 items, every framework, Thai with Latin
 * glued, digits, the emoji and symbols the PDF's faces draw, combining and zero-width characters,
 * markup- and template-looking text. Characters no face draws: render-glyphs.test.ts.
 */

describe('property: rendering data files', () => {
  it('keeps every string of the data file in the report, the announcement and the follow-up reports, PDF and DOCX (24 files)', async () => {
    const result = await runValid('render-content', validCaseArbitrary({ maxTotalChars: 12_000 }), (c) => validFileProperty(c), {
      seed: SEED,
      numRuns: 24,
    });
    expect(result.message ?? 'ok').toBe('ok');
  });
});
