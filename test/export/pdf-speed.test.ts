import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { bundledFontSet } from '../../src/fonts/fonts.ts';
import { trackingFeatures } from '../../src/fonts/shaping.ts';
import { registerFontSet } from '../../src/export/pdf/pdfkit-hooks.ts';
import { checkText, renderDocuments } from '../../src/pipeline.ts';
import { generateAgencies } from '../bench/synthetic.ts';
import { SAMPLE, sampleText } from '../helpers/sample.ts';

/**
 * The speed hooks of pdfkit-hooks.ts change how pdfmake and pdfkit get to a result, never the
 * result: each is checked here to still take effect on the pinned versions, and to give what the
 * original gives.
 */

interface Font {
  widthOfString(text: string, size: number, features?: string[] | null): number;
  layoutRun(text: string, features?: unknown): unknown;
}
interface Doc {
  provideFont(family: string, bold: boolean, italics: boolean): Font;
}

const require = createRequire(import.meta.url);
const PdfmakeDocument = (require('pdfmake/js/PDFDocument.js') as { default: new (fonts: object) => Doc }).default;

function ourFont(bold = false): Font {
  const set = bundledFontSet();
  registerFontSet(set);
  return new PdfmakeDocument({ [set.family]: set.files }).provideFont(set.family, bold, false);
}

describe('measuring tracked text (justified lines)', () => {
  const texts = ['การประเมินคุณธรรมและความโปร่งใส', 'ผู้ใหญ่ ITAที่ e-Serviceของ ๑๒.๕๐', 'ทำ ำ กำลัง', 'x', ' two  spaces\tand a tab ', ''];
  // Untracked text (null) is measured word by word by pdfkit, tracked text whole.
  const features = [null, trackingFeatures({ em: 0.031, trailing: false }), trackingFeatures({ em: 0.0172, trailing: true }), trackingFeatures({ em: 0, trailing: false })];

  it('gives the width pdfkit computes, to the bit', () => {
    for (const bold of [false, true]) {
      const font = ourFont(bold);
      const pdfkitWidth = Object.getPrototypeOf(font) as Font;
      for (const text of texts) {
        for (const f of features) expect(font.widthOfString(text, 15.9, f)).toBe(pdfkitWidth.widthOfString.call(font, text, 15.9, f));
      }
    }
  });

  it('lays text out for drawing as pdfkit does, glyphs, scaled positions and width', () => {
    interface Run {
      glyphs: { id: number }[];
      positions: Record<string, number>[];
      advanceWidth: number;
    }
    const font = ourFont() as unknown as { layoutRun(text: string, features?: unknown): Run };
    const pdfkitRun = (Object.getPrototypeOf(font) as { layoutRun(text: string, features?: unknown): Run }).layoutRun;
    // The hook is in place: our fonts lay text out with their own layoutRun.
    expect(Object.hasOwn(font, 'layoutRun')).toBe(true);
    for (const text of texts) {
      for (const f of features) {
        const ours = font.layoutRun(text, f);
        const theirs = pdfkitRun.call(font, text, f);
        expect(ours.glyphs.map((g) => g.id)).toEqual(theirs.glyphs.map((g) => g.id));
        expect(ours.positions).toEqual(theirs.positions.map((p) => ({ ...p })));
        expect(ours.advanceWidth).toBe(theirs.advanceWidth);
      }
    }
  });

  it('does not lay the text out again, tracked or not (the hook is in place)', () => {
    const font = ourFont();
    let runs = 0;
    const layoutRun = font.layoutRun;
    font.layoutRun = function (...args) {
      runs++;
      return layoutRun.apply(this, args);
    };
    font.widthOfString(texts[0]!, 15.9, features[1]);
    font.widthOfString('ไม่มี ระยะ', 15.9, null);
    expect(runs).toBe(0);
  });
});

describe('page breaks decided while laying out (decideEarly)', () => {
  type Builder = { layoutDocument(...args: unknown[]): unknown; tryLayoutDocument(...args: unknown[]): unknown };
  const builder = (require('pdfmake/js/LayoutBuilder.js') as { default: { prototype: Builder } }).default.prototype;

  /** The PDF of a report and pdfmake's layout passes for it, with the early decisions or with pdfmake's own loop only. */
  async function report(text: string, file: string, early: boolean): Promise<{ bytes: Uint8Array; passes: number }> {
    const { layoutDocument, tryLayoutDocument } = builder;
    let passes = 0;
    builder.tryLayoutDocument = function (...args) {
      passes++;
      return tryLayoutDocument.apply(this, args);
    };
    // The same function under another identity: pdfmake's own loop decides every break.
    if (!early) {
      builder.layoutDocument = function (...args) {
        const decide = args[8] as (...a: unknown[]) => boolean;
        args[8] = (...a: unknown[]) => decide(...a);
        return layoutDocument.apply(this, args);
      };
    }
    try {
      const checked = await checkText(text, file, { previous: false });
      const [doc] = await renderDocuments(checked, { formats: ['pdf'], digits: 'thai', kinds: ['report'] });
      return { bytes: doc!.bytes, passes };
    } finally {
      Object.assign(builder, { layoutDocument, tryLayoutDocument });
    }
  }

  // The sample moves a heading (one more pass in pdfmake's loop); synthetic agency 12 (of seed 7)
  // then has a table row that breaks at the foot of a page, where pdfmake kept the place it broke
  // in the discarded pass; agency 13 moves two headings.
  const [, twelve, thirteen] = generateAgencies(13, 7).slice(10);
  it.each([
    { name: 'the sample', text: sampleText(), file: SAMPLE, passes: 2 },
    { name: 'synthetic agency 12', text: twelve!.yaml, file: `${twelve!.slug}.yaml`, passes: 2 },
    { name: 'synthetic agency 13', text: thirteen!.yaml, file: `${thirteen!.slug}.yaml`, passes: 3 },
  ])('lays out $name in one pass, into the PDF pdfmake makes in $passes', async ({ text, file, passes }) => {
    const own = await report(text, file, false);
    const early = await report(text, file, true);
    expect(own.passes).toBe(passes);
    expect(early.passes).toBe(1);
    expect(Buffer.from(early.bytes).equals(Buffer.from(own.bytes))).toBe(true);
  });
});
