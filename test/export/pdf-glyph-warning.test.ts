import { describe, expect, it } from 'vitest';
import { checkText } from '../../src/pipeline.ts';

/**
 * A character that no bundled PDF face has (emoji, CJK) cannot be drawn: `check` says so at its
 * field, before the clerk finds a box in the published PDF.
 */
const file = (title: string, step: string): string => `agency: สำนักงานทดสอบ
fiscal_year: 2567
overall:
  score: 90
scores: { "1": 90, "2": 90, "3": 90, "4": 90, "5": 90, "6": 90, "7": 90, "8": 90, "9": 90, "10": 90 }
measures:
  - title: ${title}
    steps:
      - ${step}
    owner: กองคลัง
    monitoring: รายงานผล
signatory:
  position: ผู้อำนวยการ
`;

describe('characters the PDF cannot draw', () => {
  it.each([
    { title: 'มาตรการ 📌', step: 'ขั้นตอน', path: ['measures', 0, 'title'], chars: ['📌 (U+1F4CC)'], line: 7 },
    { title: 'มาตรการ', step: 'ขอบคุณ 🙏 漢字', path: ['measures', 0, 'steps', 0], chars: ['🙏 (U+1F64F)', '漢 (U+6F22)', '字 (U+5B57)'], line: 9 },
  ])('warns at $path about $chars', async ({ title, step, path, chars, line }) => {
    const checked = await checkText(file(title, step), 'glyphs.yaml');
    const warnings = checked.findings.filter((f) => f.code === 'text.no-pdf-glyph');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.severity).toBe('warning');
    expect(warnings[0]!.path).toEqual(path);
    for (const c of chars) expect(String(warnings[0]!.params.char)).toContain(c);
    expect(checked.source!.locate(path).line).toBe(line);
    // A warning only: the documents are still made (the DOCX shows the character).
    expect(checked.analysis).toBeDefined();
  });

  it.each(['Ωμέγα café ★ ✓ → • — “ok” ∑ ½', 'ผู้ใหญ่ ITAที่ e-Serviceของ ฯลฯ ๆ ๑๒๓', 'ข้อ\u200Bมูล ก\u034F'])('says nothing about %s, which the bundled faces draw', async (text) => {
    const checked = await checkText(file('มาตรการ', text), 'glyphs.yaml');
    expect(checked.findings.filter((f) => f.code === 'text.no-pdf-glyph')).toEqual([]);
  });
});
