import { strToU8, zipSync } from 'fflate';
import type { Chart } from '../../model/types.ts';

/**
 * The workbook embedded with a chart part, so Word's "Edit Data" opens the chart's data: one sheet
 * with the categories in column A, a series a column from B (its name in row 1, its values under
 * it), which is where the chart part's references point (chart-part.ts). The least SpreadsheetML
 * Excel opens (no styles, strings inline), zipped with the document's date so the same chart gives
 * the same bytes. Word and LibreOffice draw the chart from the part's caches, not from this.
 */

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Spreadsheet column letters of the categories and of the series, in order. */
export const WORKBOOK_COLUMNS = 'ABCDEFGHIJ';
/** Name of the one sheet. */
export const SHEET = 'Sheet1';
/** Row 1 holds the series' names, the values start under it. */
export const FIRST_ROW = 2;

function sheetXml(chart: Chart): string {
  const text = (ref: string, value: string): string => `<c r="${ref}" t="inlineStr"><is><t>${escape(value)}</t></is></c>`;
  const header = chart.series.map((name, s) => text(`${WORKBOOK_COLUMNS[s + 1]}1`, name)).join('');
  const rows = chart.bars.map((bar, i) => {
    const r = i + FIRST_ROW;
    const values = bar.values.map((v, s) => (v ? `<c r="${WORKBOOK_COLUMNS[s + 1]}${r}"><v>${v.value}</v></c>` : '')).join('');
    return `<row r="${r}">${text(`A${r}`, bar.label)}${values}</row>`;
  });
  return `${XML}<worksheet xmlns="${MAIN}"><sheetData><row r="1">${header}</row>${rows.join('')}</sheetData></worksheet>`;
}

/** The .xlsx file of a chart's data, its files dated `mtime` (the document's date). */
export function chartWorkbook(chart: Chart, mtime: Date): Uint8Array {
  const files: Record<string, string> = {
    '[Content_Types].xml':
      `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    '_rels/.rels': `${XML}<Relationships xmlns="${PACKAGE_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `${XML}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="${SHEET}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `${XML}<Relationships xmlns="${PACKAGE_REL}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    'xl/worksheets/sheet1.xml': sheetXml(chart),
  };
  return zipSync(Object.fromEntries(Object.entries(files).map(([name, xml]) => [name, [strToU8(xml), { mtime }]])));
}
