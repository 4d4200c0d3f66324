import { readFileSync } from 'node:fs';
import validateOoxml from '@ooxml-tools/validate';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { COLOURS } from '../../src/export/chart/chart.ts';
import { toThaiDigits } from '../../src/thai/digits.ts';
import { formatScore } from '../../src/thai/numbers.ts';
import { docxPart, docxText } from '../helpers/docx.ts';
import { renderSample, SAMPLE } from '../helpers/sample.ts';

/**
 * Issue 15, item 1: the §2 chart in the DOCX is a native Word chart (a DrawingML chart part with
 * the scores as its data), not a picture. The scores and names are read from the sample's YAML
 * and its framework, not written here.
 */

interface SampleFile {
  framework: number;
  threshold: number;
  scores: Record<string, number>;
}
const sample = parse(readFileSync(SAMPLE, 'utf8')) as SampleFile;
const framework = parse(readFileSync(new URL(`../../frameworks/${sample.framework}.yaml`, import.meta.url), 'utf8')) as {
  indicators: { number: number; name: string }[];
};
const numbers = Object.keys(sample.scores).map(Number).sort((a, b) => a - b);

let bytes: Uint8Array;
let files: Record<string, Uint8Array>;
let chart: string;

beforeAll(async () => {
  bytes = (await renderSample()).report.bytes;
  files = unzipSync(bytes);
  chart = strFromU8(files['word/charts/chart1.xml']!);
});

/** The cached values of the bars' (first) bar group, in point order. */
function cache(xml: string, kind: 'str' | 'num'): string[] {
  const values: string[] = [];
  for (const [, idx, v] of xml.matchAll(/<c:pt idx="(\d+)"><c:v>([^<]*)<\/c:v><\/c:pt>/g)) values[Number(idx)] = v!;
  expect(xml).toContain(`<c:${kind}Cache>`);
  return values;
}

const firstBarGroup = (): string => /<c:barChart>[\s\S]*?<\/c:barChart>/.exec(chart)![0];
const firstSeries = (): string => /<c:ser>[\s\S]*?<\/c:ser>/.exec(firstBarGroup())![0];

describe('the DOCX chart', () => {
  it('is a chart part, related from the document and typed in the package', () => {
    expect(Object.keys(files)).toContain('word/charts/chart1.xml');
    const rels = docxPart(bytes, 'word/_rels/document.xml.rels');
    const rel = /<Relationship Id="([^"]+)" Type="http:\/\/schemas\.openxmlformats\.org\/officeDocument\/2006\/relationships\/chart" Target="charts\/chart1\.xml"\/>/.exec(rels);
    expect(rel).not.toBeNull();
    expect(docxPart(bytes, '[Content_Types].xml')).toContain(
      '<Override PartName="/word/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>',
    );
    // The document draws it inline by that relationship, described for screen readers.
    const xml = docxPart(bytes, 'word/document.xml');
    expect(xml).toContain(`<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="${rel![1]}"/>`);
    expect(xml).toContain('<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">');
    expect(xml).toMatch(/<wp:docPr id="\d+" name="chart" title="[^"]*" descr="แผนภูมิแท่งแสดงคะแนนรายตัวชี้วัดของจังหวัดนครปฐม/);
  });

  it('holds the ten scores of the data file as its values and the indicator names as its categories', () => {
    const series = firstSeries();
    const values = cache(/<c:val>[\s\S]*?<\/c:val>/.exec(series)![0], 'num');
    expect(values.map(Number)).toEqual(numbers.map((n) => sample.scores[n]));
    expect(values).toHaveLength(10);
    const labels = cache(/<c:cat>[\s\S]*?<\/c:cat>/.exec(series)![0], 'str');
    const names = new Map(framework.indicators.map((i) => [i.number, i.name]));
    expect(labels).toEqual(numbers.map((n) => `${toThaiDigits(String(n))}. ${names.get(n)}`));
  });

  it('prints each value beside its bar as the document writes it, in Thai digits', () => {
    const printed = [...firstSeries().matchAll(/<c:dLbl><c:idx val="(\d+)"\/><c:tx><c:rich>[\s\S]*?<a:t>([^<]*)<\/a:t>/g)].map((m) => m[2]);
    expect(printed).toEqual(numbers.map((n) => toThaiDigits(formatScore(sample.scores[n]!))));
  });

  it('gives the bars below the pass mark the other colour, and only those', () => {
    const series = firstSeries();
    const colour = (c: string): string => c.replace('#', '').toUpperCase();
    expect(series).toMatch(new RegExp(`^<c:ser>.*?<c:spPr><a:solidFill><a:srgbClr val="${colour(COLOURS.current)}"/>`));
    const marked = [...series.matchAll(/<c:dPt><c:idx val="(\d+)"\/>[\s\S]*?<a:srgbClr val="([0-9A-F]{6})"\/>/g)];
    const below = numbers.map((n, i) => (sample.scores[n]! < sample.threshold ? i : -1)).filter((i) => i >= 0);
    expect(below.length).toBeGreaterThan(0);
    expect(marked.map((m) => Number(m[1]))).toEqual(below);
    for (const m of marked) expect(m[2]).toBe(colour(COLOURS.below));
  });

  it('draws the pass mark as a dashed line at the threshold, labelled, with a legend entry for the marked colour', () => {
    const markAxis = [...chart.matchAll(/<c:catAx>[\s\S]*?<\/c:catAx>/g)].map((m) => m[0]).find((a) => a.includes('crossesAt'))!;
    expect(markAxis).toContain(`<c:crossesAt val="${sample.threshold}"/>`);
    expect(markAxis).toContain('<a:prstDash val="dash"/>');
    expect(chart).toContain(`[=${sample.threshold}]&quot;เกณฑ์ผ่าน ${toThaiDigits(String(sample.threshold))}&quot;`);
    expect(chart).toMatch(/<c:tx><c:v>ต่ำกว่าเกณฑ์ผ่าน<\/c:v><\/c:tx><c:spPr><a:solidFill><a:srgbClr val="E67E22"\/>/);
    expect(chart).toContain('<c:legendPos val="b"/>');
    expect(chart).not.toContain('<c:legendEntry>');
    // Set in the document's Thai font.
    expect(chart).toContain('<a:cs typeface="TH SarabunPSK"/>');
  });

  it("embeds its data as a workbook for Word's Edit Data: the names and the scores where the part points", () => {
    expect(docxPart(bytes, 'word/charts/_rels/chart1.xml.rels')).toMatch(
      /<Relationship Id="([^"]+)" Type="http:\/\/schemas\.openxmlformats\.org\/officeDocument\/2006\/relationships\/package" Target="\.\.\/embeddings\/chart1\.xlsx"\/>/,
    );
    expect(chart).toMatch(/<c:externalData r:id="rId1"><c:autoUpdate val="0"\/><\/c:externalData><\/c:chartSpace>$/);
    expect(docxPart(bytes, '[Content_Types].xml')).toContain('<Default Extension="xlsx" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"/>');
    const sheet = strFromU8(unzipSync(files['word/embeddings/chart1.xlsx']!)['xl/worksheets/sheet1.xml']!);
    const cell = (ref: string): string | undefined => new RegExp(`<c r="${ref}"[^>]*>(?:<is><t>([^<]*)</t></is>|<v>([^<]*)</v>)</c>`).exec(sheet)?.slice(1).find((v) => v !== undefined);
    // The part's references name these cells.
    expect(firstSeries()).toContain('<c:f>Sheet1!$B$2:$B$11</c:f>');
    expect(firstSeries()).toContain('<c:f>Sheet1!$A$2:$A$11</c:f>');
    numbers.forEach((n, i) => {
      expect(Number(cell(`B${i + 2}`))).toBe(sample.scores[n]);
      expect(cell(`A${i + 2}`)).toMatch(new RegExp(`^${toThaiDigits(String(n))}\\. `));
    });
    expect(cell('B1')).toBe(/<c:tx><c:strRef><c:f>Sheet1!\$B\$1<\/c:f><c:strCache><c:ptCount val="1"\/><c:pt idx="0"><c:v>([^<]*)</.exec(firstSeries())![1]);
  });

  it('is no picture: no PNG or SVG is left in the package', () => {
    expect(Object.keys(files).filter((n) => n.startsWith('word/media/'))).toEqual([]);
    expect(docxPart(bytes, 'word/document.xml')).not.toContain('<pic:pic');
  });

  it('keeps the package valid OOXML, the chart part included, and the text readable', async () => {
    expect(await validateOoxml(bytes, 'docx', 'Microsoft365')).toEqual([]);
    const text = (await docxText(bytes)).join('\n');
    expect(text).toContain('แผนภูมิที่ ๑ คะแนนผลการประเมินรายตัวชี้วัด');
  });

  it('is read by the validator: a broken chart part is caught', async () => {
    const broken = { ...files, 'word/charts/chart1.xml': strToU8(chart.replace('<c:barDir val="bar"/>', '<c:barDirection val="bar"/>')) };
    expect((await validateOoxml(zipSync(broken), 'docx', 'Microsoft365')).length).toBeGreaterThan(0);
  });

  it('follows --digits arabic on its axis and its values', async () => {
    const { report } = await renderSample({ digits: 'arabic' });
    const xml = docxPart(report.bytes, 'word/charts/chart1.xml');
    expect(xml).not.toMatch(/[๐-๙]/);
    expect(xml).not.toContain('[$-D07041E]');
    expect(chart).toContain('formatCode="[$-D07041E]0"');
  });

  it('gives the same bytes for the same input', async () => {
    const again = (await renderSample()).report.bytes;
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
  });
});
