import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { optionsFingerprint } from '../../src/build/options.ts';
import type { RenderOptions } from '../../src/pipeline.ts';

const FONTS = fileURLToPath(new URL('../../fonts/', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'ita-options-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The same font's bytes under another name and folder: the fingerprint follows the bytes. */
const copied = path.join(dir, 'Laksaman.ttf');
copyFileSync(path.join(FONTS, 'Laksaman.ttf'), copied);
for (const face of ['Laksaman-Bold', 'Laksaman-Italic', 'Laksaman-BoldItalic']) copyFileSync(path.join(FONTS, `${face}.ttf`), path.join(dir, `${face}.ttf`));

const base: RenderOptions = { formats: ['docx', 'pdf'], digits: 'thai' };

/**
 * Every option of RenderOptions with a value that must change the documents' fingerprint. The type
 * makes this list complete: a field added to RenderOptions fails the type check until it is here,
 * and the test below then proves the fingerprint sees it.
 */
const CHANGED: { [K in keyof Required<RenderOptions>]: RenderOptions[K] } = {
  formats: ['pdf'],
  digits: 'arabic',
  font: 'TH Sarabun New',
  pdfFont: path.join(FONTS, 'Laksaman.ttf'),
  justify: false,
  continuation: false,
  charts: false,
  previousYear: false,
  kinds: ['report'],
};

describe('optionsFingerprint', () => {
  it('changes with every option of RenderOptions', async () => {
    const before = await optionsFingerprint(base);
    for (const key of Object.keys(CHANGED) as (keyof RenderOptions)[]) {
      const after = await optionsFingerprint({ ...base, [key]: CHANGED[key] });
      expect(after, key).not.toBe(before);
    }
  });

  it('changes with an option it has never heard of: it is derived from the object, not a list', async () => {
    const before = await optionsFingerprint(base);
    const added = { ...base, someNewOption: 'x' } as RenderOptions;
    expect(await optionsFingerprint(added)).not.toBe(before);
    const nested = { ...base, someNewOption: { a: 1 } } as RenderOptions;
    expect(await optionsFingerprint(nested)).not.toBe(await optionsFingerprint({ ...base, someNewOption: { a: 2 } } as RenderOptions));
  });

  it('is the same for the same documents: key order, list order, defaults written or not', async () => {
    const print = await optionsFingerprint(base);
    expect(await optionsFingerprint({ digits: 'thai', formats: ['pdf', 'docx'] })).toBe(print);
    expect(await optionsFingerprint({ ...base, font: undefined, pdfFont: undefined, justify: true, continuation: true, charts: true, previousYear: true })).toBe(print);
    expect(await optionsFingerprint({ ...base, kinds: ['announcement', 'report'] })).toBe(await optionsFingerprint({ ...base, kinds: ['report', 'announcement'] }));
  });

  it('counts a PDF font by its bytes, and not at all without the PDF', async () => {
    const bundled = await optionsFingerprint({ ...base, pdfFont: path.join(FONTS, 'Laksaman.ttf') });
    expect(await optionsFingerprint({ ...base, pdfFont: copied })).toBe(bundled);
    expect(await optionsFingerprint({ ...base, formats: ['docx'], pdfFont: copied })).toBe(await optionsFingerprint({ ...base, formats: ['docx'] }));
  });
});
