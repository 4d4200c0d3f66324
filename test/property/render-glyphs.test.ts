import { describe, expect, it } from 'vitest';
import { validCaseArbitrary } from './arbitraries.ts';
import { validFileProperty } from './properties.ts';
import { runValid } from './runner.ts';
import { SEED } from './seed.ts';

/**
 * (b) for exotic characters (text.ts, `exotic`): emoji, other scripts, combining marks on letters of
 * another script, zero-width characters, any character at all. Those no bundled face has a glyph
 * for print as boxes in the PDF; `check` warns about them at their field, and only those are
 * excused in the PDF (the DOCX keeps everything). Short texts, few files: characters, not layout.
 */

describe('property: rendering exotic characters', () => {
  it('keeps emoji, other scripts, marks and zero-width characters in both formats (8 files)', async () => {
    const result = await runValid('render-glyphs', validCaseArbitrary({ exotic: true, long: false, maxTotalChars: 3_000 }), (c) => validFileProperty(c), {
      seed: SEED,
      numRuns: 8,
    });
    expect(result.message ?? 'ok').toBe('ok');
  });
});
