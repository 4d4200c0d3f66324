import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { shapedAtBuild } from '../../src/bundle/codegen.ts';
import { bundledFontSet, fallbackFontSet, loadFace } from '../../src/fonts/fonts.ts';
import { fontIdentity, preloadSavedRuns, saveRuns, savedRunsFor } from '../../src/fonts/saved-runs.ts';
import { measureText, recordShaping, shapeFresh, type ShapingFont } from '../../src/fonts/shaping.ts';
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The words the build shapes (src/fonts/shaped-at-build.ts): written and read back they are the
 * very runs fontkit gives, they are used for that font file only, and once preloaded the shaper
 * does not lay those words out again.
 */

const regular = loadFace(bundledFontSet().files.normal).embedded.font;
const bold = loadFace(bundledFontSet().files.bold).embedded.font;
const fallback = loadFace(fallbackFontSet().files.normal).embedded.font;

/** What a run is, in plain numbers (fontkit's position objects carry more than the four read). */
const plain = (run: ReturnType<typeof shapeFresh>) => ({
  glyphs: run.glyphs.map((g) => ({ id: g.id, advanceWidth: g.advanceWidth, codePoints: [...g.codePoints] })),
  positions: run.positions.map((p) => [p.xAdvance, p.yAdvance, p.xOffset, p.yOffset]),
  advanceWidth: run.advanceWidth,
  clusters: run.clusters,
});

const TEXTS = ['ผู้ใหญ่', 'น้ำ', 'ดำเนินงาน', 'ที่ปรึกษา', 'ปั้น', 'ญู ฐู', 'ITAที่ (ITA)ปั้น e-Serviceของ', 'กรุงเทพฯ ต่างๆ ๑๒๓ 2566', 'หน่วยงาน\u200Bภาครัฐ', ' ', ''];

describe('saved runs', () => {
  it.each(TEXTS)('%j read back is the run fontkit gives', (text) => {
    const saved = saveRuns(new Map([[regular as ShapingFont, new Set([text])]]));
    const back = savedRunsFor(regular, saved);
    expect(back.map(([t]) => t)).toEqual([text]);
    expect(plain(back[0]![1])).toEqual(plain(shapeFresh(regular, text)));
  });

  it('are kept per font file: another face, or a file whose checksum differs, gets none', () => {
    const saved = saveRuns(new Map([[regular as ShapingFont, new Set(TEXTS)]]));
    expect(savedRunsFor(regular, saved)).toHaveLength(TEXTS.length);
    expect(savedRunsFor(bold, saved)).toEqual([]);
    const edited = Object.create(regular, { head: { value: { checkSumAdjustment: 1 } } }) as ShapingFont;
    expect(fontIdentity(edited)).not.toBe(fontIdentity(regular));
    expect(savedRunsFor(edited, saved)).toEqual([]);
    const nameless = { unitsPerEm: 1000, layout: regular.layout, glyphForCodePoint: regular.glyphForCodePoint } as ShapingFont;
    expect(fontIdentity(nameless)).toBeUndefined();
    expect(savedRunsFor(nameless, saved)).toEqual([]);
  });

  it('once preloaded, a word is measured without laying it out again', () => {
    const word = 'คุณธรรมและความโปร่งใส๙๘๗';
    const font = Object.create(regular, { layout: { value: vi.fn(regular.layout.bind(regular)), writable: true } }) as ShapingFont & { layout: ReturnType<typeof vi.fn> };
    const saved = saveRuns(new Map([[regular as ShapingFont, new Set([word])]]));
    preloadSavedRuns(font, saved);
    expect(measureText(font, word)).toEqual({ advance: shapeFresh(regular, word).advanceWidth, clusters: shapeFresh(regular, word).clusters });
    expect(font.layout).not.toHaveBeenCalled();
    measureText(font, `${word}ก`);
    expect(font.layout).toHaveBeenCalled();
  });

  it('records the texts a rendering asks for, in order, and refuses to record twice at once', async () => {
    const texts = await recordShaping(async () => {
      measureText(regular, 'ข');
      measureText(regular, 'ก');
      measureText(regular, 'ข');
      measureText(fallback, '▲');
    });
    expect([...texts.get(regular)!]).toEqual(['ข', 'ก']);
    expect([...texts.get(fallback)!]).toEqual(['▲']);
    let inner: Promise<unknown> | undefined;
    await recordShaping(async () => {
      inner = recordShaping(async () => undefined);
    });
    await expect(inner).rejects.toThrow(/already running/);
  });
});

describe('the words the build shapes (the sample\'s documents)', () => {
  it('are the sample\'s words in the bundled faces, each the run fontkit gives now', async () => {
    const saved = await shapedAtBuild(ROOT);
    const runs = savedRunsFor(regular, saved);
    const boldRuns = savedRunsFor(bold, saved);
    // The report's own wording, headings in bold.
    expect(runs.map(([t]) => t)).toEqual(expect.arrayContaining(['คุณธรรม', 'โปร่งใส']));
    expect(runs.length).toBeGreaterThan(300);
    expect(boldRuns.length).toBeGreaterThan(20);
    for (const [text, run] of [...runs, ...boldRuns]) {
      const font = runs.some(([t, r]) => t === text && r === run) ? regular : bold;
      expect(plain(run), text).toEqual(plain(shapeFresh(font, text)));
    }
  }, 60_000);
});

describe('a build without the sample', () => {
  it('is built without saved runs, and says so (npm ci does not fail for it)', async () => {
    const { mkdtempSync, mkdirSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const missing = mkdtempSync(path.join(tmpdir(), 'ita-no-sample-'));
    const said: string[] = [];
    expect(await shapedAtBuild(missing, (line) => said.push(line))).toBe('');
    expect(said.join('\n')).toMatch(/nakhon-pathom\.yaml is not there/);
    const broken = mkdtempSync(path.join(tmpdir(), 'ita-bad-sample-'));
    mkdirSync(path.join(broken, 'data/2566'), { recursive: true });
    writeFileSync(path.join(broken, 'data/2566/nakhon-pathom.yaml'), 'agency: x\nfiscal_year: 2566\n');
    expect(await shapedAtBuild(broken, (line) => said.push(line))).toBe('');
    expect(said.at(-1)).toMatch(/has errors/);
  });
});
