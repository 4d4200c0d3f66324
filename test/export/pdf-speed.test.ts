import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { bundledFontSet } from '../../src/fonts/fonts.ts';
import { trackingFeatures } from '../../src/fonts/shaping.ts';
import { registerFontSet } from '../../src/export/pdf/pdfkit-hooks.ts';

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
  const texts = ['การประเมินคุณธรรมและความโปร่งใส', 'ผู้ใหญ่ ITAที่ e-Serviceของ ๑๒.๕๐', 'ทำ ำ กำลัง', 'x'];
  const features = [trackingFeatures({ em: 0.031, trailing: false }), trackingFeatures({ em: 0.0172, trailing: true }), trackingFeatures({ em: 0, trailing: false })];

  it('gives the width pdfkit computes, to the bit', () => {
    for (const bold of [false, true]) {
      const font = ourFont(bold);
      const pdfkitWidth = Object.getPrototypeOf(font) as Font;
      for (const text of texts) {
        for (const f of features) expect(font.widthOfString(text, 15.9, f)).toBe(pdfkitWidth.widthOfString.call(font, text, 15.9, f));
      }
    }
  });

  it('does not lay the text out again (the hook is in place)', () => {
    const font = ourFont();
    let runs = 0;
    const layoutRun = font.layoutRun;
    font.layoutRun = function (...args) {
      runs++;
      return layoutRun.apply(this, args);
    };
    font.widthOfString(texts[0]!, 15.9, features[0]);
    expect(runs).toBe(0);
    // Untracked text keeps pdfkit's own path (cached per document).
    font.widthOfString('ไม่มีระยะ', 15.9, null);
    expect(runs).toBe(1);
  });
});
