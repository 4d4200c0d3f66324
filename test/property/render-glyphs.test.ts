import { describe, expect, it } from 'vitest';
import { validCaseArbitrary } from './arbitraries.ts';
import { validFileProperty } from './properties.ts';
import { runValid } from './runner.ts';
import { SEED } from './seed.ts';

/**
 * (b) for the characters the PDF is known to lose (see text.ts, `lostInPdf`): emoji and scripts no
 * bundled face has a glyph for, and letters whose marks only another face has. Short texts, few
 * files: this is about characters, not layout.
 */

describe('property: rendering characters the PDF faces lack', () => {
  it('keeps emoji, other scripts and foreign marks in both formats (8 files)', async () => {
    const result = await runValid('render-glyphs', validCaseArbitrary({ lostInPdf: true, long: false, maxTotalChars: 3_000 }), (c) => validFileProperty(c), {
      seed: SEED,
      numRuns: 8,
    });
    expect(result.message ?? 'ok').toBe('ok');
  });
});
