import { beforeAll, describe, expect, it } from 'vitest';
import { checkFile, renderDocuments, type RenderedDocument } from '../../src/pipeline.ts';
import { docxPart, docxText } from '../helpers/docx.ts';
import { pdfPages } from '../helpers/pdf.ts';
import { sampleText, writeVariant } from '../helpers/sample.ts';

/**
 * Issue 17: a line break the clerk typed inside a text (a step written on two lines, as a YAML
 * block or in the page's multi-line field) is a line break in every document that holds the text,
 * in both formats, not a space. Text that had none is drawn as before.
 */

const STEP = ['บรรทัดแรกของขั้นตอน', 'บรรทัดที่สองของขั้นตอน'];
const POINT = ['ประเด็นบรรทัดแรก', 'ประเด็นบรรทัดที่สอง'];

function variant(): string {
  const text = sampleText()
    .replace('      - จัดทำแนวทางในการใช้ทรัพย์สินของราชการ\n', `      - |\n        ${STEP[0]}\n\n        ${STEP[1]}\n`)
    .replace('      - การรับรู้แนวทางปฏิบัติในการใช้ทรัพย์สินของราชการ\n', `      - "${POINT[0]}  \\n  ${POINT[1]}"\n`);
  expect(text).toContain(STEP[1]);
  expect(text).toContain(POINT[1]);
  return text;
}

describe('a line break typed in a step and in an issue point', () => {
  let docs: RenderedDocument[];
  const doc = (kind: string, format: string) => docs.find((d) => d.kind === kind && d.format === format)!.bytes;

  beforeAll(async () => {
    const checked = await checkFile(writeVariant(variant()));
    docs = await renderDocuments(checked, { formats: ['docx', 'pdf'], digits: 'thai', kinds: ['report', 'announcement'] });
  });

  it.each([
    ['report', STEP],
    ['report', POINT],
    ['announcement', STEP],
  ])('%s PDF: the second line starts a line of its own, below the first', async (kind, [first, second]) => {
    const lines = (await pdfPages(doc(kind, 'pdf'))).flat();
    const a = lines.findIndex((l) => l.includes(first!));
    const b = lines.findIndex((l) => l.includes(second!));
    expect(a).toBeGreaterThanOrEqual(0);
    expect(b).toBeGreaterThan(a);
    // Before issue 17 the two were joined with a space and wrapped as one text.
    expect(lines[a]).not.toContain(second!);
    expect(lines.join('\n')).not.toContain('\u2028');
  });

  it.each([
    ['report', STEP],
    ['report', POINT],
    ['announcement', STEP],
  ])('%s DOCX: a line break (w:br) between the two lines, each line whole', async (kind, [first, second]) => {
    const xml = docxPart(doc(kind, 'docx'), 'word/document.xml');
    expect(xml).toMatch(new RegExp(`${first}</w:t></w:r><w:r><w:br/><w:t[^>]*>${second}<`));
    expect(xml).not.toContain('\u2028');
    // mammoth reads a w:br as nothing: the two lines follow each other with no space between.
    expect((await docxText(doc(kind, 'docx'))).some((l) => l.endsWith(first! + second!))).toBe(true);
  });

  it('a blank line typed between the two is one line break, and spaces beside it go', async () => {
    const xml = docxPart(doc('report', 'docx'), 'word/document.xml');
    expect(xml.match(new RegExp(`${STEP[0]}[\\s\\S]*?${STEP[1]}`))![0].match(/<w:br\/>/g)).toHaveLength(1);
    expect(xml).toContain(`<w:t xml:space="preserve">${POINT[1]}</w:t>`);
  });
});
