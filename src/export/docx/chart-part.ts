import { ImportedXmlComponent, type ParagraphChild } from 'docx';
import { strFromU8, strToU8 } from 'fflate';
import type { Chart, DigitSystem } from '../../model/types.ts';
import { officialFormat as F } from '../../style/official-format.ts';
import { chartSize, COLOURS, hasMarkedBars, isBelowMark } from '../chart/chart.ts';
import { chartWorkbook, FIRST_ROW, SHEET, WORKBOOK_COLUMNS } from './chart-workbook.ts';
import { emu, hundredthPoints } from './units.ts';

/**
 * The report's chart as a native Word chart: a DrawingML chart part (word/charts/chartN.xml)
 * holding the labels and the scores as its data, drawn by Word and LibreOffice themselves and
 * editable in Word, with the data in an embedded workbook (chart-workbook.ts) for Word's "Edit
 * Data". The docx library has no chart API, so docx.ts places the inline drawing that names the
 * part (`chartRun`), and `addChartParts` adds the part, its workbook, their relationships and
 * content types to the package before it is zipped (deterministic.ts).
 *
 * It shows what the PDF's ECharts picture shows (src/export/chart), with the same colours and the
 * same text from the model: horizontal bars in the model's order from the top, one series a year
 * (earlier years grey, their values smaller), bars of the reported year below the pass mark in
 * the marked colour (c:dPt), each value printed beside its bar as the model writes it (a data
 * label with its own text), the value axis in the document's digits, the pass mark as a dashed
 * vertical line with its words above it, and a legend under the plot with an entry for the marked
 * colour. The line and its words are axes: a second pair, whose category axis crosses its value
 * axis at the mark (the line) and whose value axis has one labelled tick, at the mark. An XY
 * series would be the usual way to draw the line, but LibreOffice cannot combine one with
 * horizontal bars.
 *
 * Printed values are the model's text, so they stay as they are if the data is edited in Word.
 * LibreOffice (7.4) shows the value axis in Arabic digits: it does not read Excel's Thai-digit
 * format code in a chart, which Word does.
 */

export interface ChartPart {
  /** Path in the package: word/charts/chart1.xml. */
  path: string;
  /** Relationship id from word/document.xml. */
  rId: string;
  xml: string;
  /** The chart, whose data the embedded workbook holds. */
  chart: Chart;
}

const NS = {
  c: 'http://schemas.openxmlformats.org/drawingml/2006/chart',
  a: 'http://schemas.openxmlformats.org/drawingml/2006/main',
  r: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
} as const;
const CHART_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart';
const CHART_CONTENT = 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml';
const PACKAGE_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/package';
const XLSX_CONTENT = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The chart part's relationship to its workbook. */
const WORKBOOK_RID = 'rId1';

/** A number format that prints Arabic digits as Thai ones (Excel's Thai locale with native digits). */
const THAI_DIGITS_FORMAT = '[$-D07041E]0';

const escape = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const rgb = (colour: string): string => colour.replace('#', '').toUpperCase();
const fill = (colour: string): string => `<a:solidFill><a:srgbClr val="${rgb(colour)}"/></a:solidFill>`;
const line = (colour: string, width: number, dash?: string): string =>
  `<a:ln w="${emu(width)}">${fill(colour)}${dash ? `<a:prstDash val="${dash}"/>` : ''}</a:ln>`;
const noLine = '<a:ln><a:noFill/></a:ln>';

/** Text properties: the document's font at a size and colour. */
function textProperties(font: string, size: number, colour: string): string {
  const face = `<a:latin typeface="${escape(font)}"/><a:ea typeface="${escape(font)}"/><a:cs typeface="${escape(font)}"/>`;
  return (
    `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${hundredthPoints(size)}" b="0">${fill(colour)}${face}</a:defRPr></a:pPr>` +
    '<a:endParaRPr lang="th-TH"/></a:p></c:txPr>'
  );
}

/** A data label with text of its own (the model's printed value or the mark's words). */
function customLabel(index: number, text: string, position: string): string {
  return (
    `<c:dLbl><c:idx val="${index}"/><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:r><a:rPr lang="th-TH"/><a:t>${escape(text)}</a:t></a:r></a:p></c:rich></c:tx>` +
    `<c:dLblPos val="${position}"/><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/>` +
    '<c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbl>'
  );
}

/** Reference to rows of a column of the embedded workbook (chart-workbook.ts). */
const column = (letter: string, first: number, last = first): string => `${SHEET}!$${letter}$${first}${last === first ? '' : `:$${letter}$${last}`}`;
/** The series' columns: B, C, … (A holds the categories). */
const COLUMNS = WORKBOOK_COLUMNS.slice(1);

const strRef = (ref: string, values: string[]): string =>
  `<c:strRef><c:f>${ref}</c:f><c:strCache><c:ptCount val="${values.length}"/>${values
    .map((v, i) => `<c:pt idx="${i}"><c:v>${escape(v)}</c:v></c:pt>`)
    .join('')}</c:strCache></c:strRef>`;
const numRef = (ref: string, values: (number | undefined)[]): string =>
  `<c:numRef><c:f>${ref}</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${values.length}"/>${values
    .map((v, i) => (v === undefined ? '' : `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>`))
    .join('')}</c:numCache></c:numRef>`;
/** A share written as a percentage ("25%") as a fraction, and a fraction as Word's whole percent. */
const share = (percentage: string): number => Number(percentage.replace('%', '')) / 100;
const percent = (fraction: number): number => Math.round(fraction * 100);

/** The axes: the bars' categories and values, and the pass mark's (a second pair). */
const AXIS = { category: 1, value: 2, markCategory: 3, markValue: 4 } as const;

/** The chart part of a chart of the model. */
export function chartPartXml(chart: Chart, digits: DigitSystem, font: string): string {
  const n = chart.series.length;
  const last = n - 1;
  const rows = chart.bars.length;
  const text = (size: number, colour: string = COLOURS.text): string => textProperties(font, size, colour);
  const categories = strRef(column('A', FIRST_ROW, rows + 1), chart.bars.map((b) => b.label));
  const noTicks = '<c:majorTickMark val="none"/><c:minorTickMark val="none"/>';
  const flags = '<c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/>';

  const bars = chart.series.map((name, s) => {
    const ref = (first: number, lastRow?: number): string => column(COLUMNS[s]!, first, lastRow);
    const points = chart.bars
      .map((b, i) => (s === last && b.values[s] && isBelowMark(chart, b.values[s].value) ? i : -1))
      .filter((i) => i >= 0)
      .map((i) => `<c:dPt><c:idx val="${i}"/><c:invertIfNegative val="0"/><c:bubble3D val="0"/><c:spPr>${fill(COLOURS.below)}${noLine}</c:spPr></c:dPt>`)
      .join('');
    const labels = chart.bars.map((b, i) => (b.values[s] ? customLabel(i, b.values[s].text, 'outEnd') : '')).join('');
    // Earlier years' values are smaller and grey: the year reported on reads first.
    const labelText = s === last ? text(F.chart.textSize) : text(F.chart.textSize * F.chart.earlierValueScale, COLOURS.earlierValue);
    return (
      `<c:ser><c:idx val="${s}"/><c:order val="${s}"/><c:tx>${strRef(ref(1), [name])}</c:tx>` +
      `<c:spPr>${fill(s === last ? COLOURS.current : COLOURS.previous)}${noLine}</c:spPr><c:invertIfNegative val="0"/>${points}` +
      // A white ground keeps the pass-mark line from striking through a value printed over it.
      `<c:dLbls>${labels}<c:spPr>${fill(COLOURS.ground)}${noLine}</c:spPr>${labelText}<c:dLblPos val="outEnd"/>${flags}</c:dLbls>` +
      `<c:cat>${categories}</c:cat><c:val>${numRef(ref(FIRST_ROW, rows + 1), chart.bars.map((b) => b.values[s]?.value))}</c:val></c:ser>`
    );
  });

  // Bars and the gaps between them as ECharts sizes them: a bar gap is a share of a bar, a
  // category gap a share of the group; Word's gap width and overlap are percentages of a bar.
  const barGap = share(F.chart.barGap);
  const categoryGap = share(F.chart.barCategoryGap);
  const gapWidth = percent(((n + (n - 1) * barGap) * categoryGap) / (1 - categoryGap));
  const overlap = -percent(barGap);

  // A second group on axes of its own draws the pass mark and names the marked colour in the
  // legend: its category axis is a dashed vertical line crossing its value axis at the mark, and
  // its value axis (at the top, without a line) prints one label, the mark's words, at the mark.
  // Its one series has no values, so it draws no bar and takes no room; it is the legend entry of
  // the marked colour (deleted when no bar is marked).
  const mark = chart.mark;
  const legendSeries = n;
  const named = hasMarkedBars(chart) && chart.below !== undefined;
  const markGroup = mark
    ? '<c:barChart><c:barDir val="bar"/><c:grouping val="clustered"/><c:varyColors val="0"/>' +
      `<c:ser><c:idx val="${legendSeries}"/><c:order val="${legendSeries}"/><c:tx><c:v>${escape(chart.below ?? mark.text)}</c:v></c:tx>` +
      `<c:spPr>${fill(COLOURS.below)}${noLine}</c:spPr><c:invertIfNegative val="0"/>` +
      `<c:cat>${categories}</c:cat><c:val>${numRef(column(COLUMNS[n]!, FIRST_ROW, rows + 1), chart.bars.map(() => undefined))}</c:val></c:ser>` +
      `<c:gapWidth val="${gapWidth}"/><c:axId val="${AXIS.markCategory}"/><c:axId val="${AXIS.markValue}"/></c:barChart>`
    : '';
  // A number format that prints the mark's words for the mark's value and nothing for others.
  const markFormat = mark ? `[=${mark.value}]"${mark.text.replace(/"/g, '')}";""` : '';
  const markAxes = mark
    ? `<c:catAx><c:axId val="${AXIS.markCategory}"/><c:scaling><c:orientation val="maxMin"/></c:scaling><c:delete val="0"/><c:axPos val="r"/>` +
      `${noTicks}<c:tickLblPos val="none"/><c:spPr>${line(COLOURS.mark, F.chart.markWidth, 'dash')}</c:spPr>` +
      `<c:crossAx val="${AXIS.markValue}"/><c:crossesAt val="${mark.value}"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
      `<c:valAx><c:axId val="${AXIS.markValue}"/><c:scaling><c:orientation val="minMax"/><c:max val="${chart.max}"/><c:min val="0"/></c:scaling>` +
      `<c:delete val="0"/><c:axPos val="t"/><c:numFmt formatCode="${escape(markFormat)}" sourceLinked="0"/>` +
      `${noTicks}<c:tickLblPos val="nextTo"/><c:spPr>${noLine}</c:spPr>${text(F.chart.textSize)}` +
      `<c:crossAx val="${AXIS.markCategory}"/><c:crosses val="autoZero"/><c:crossBetween val="between"/><c:majorUnit val="${mark.value}"/></c:valAx>`
    : '';

  const axisLabels = digits === 'thai' ? THAI_DIGITS_FORMAT : '0';
  const plot =
    '<c:plotArea><c:layout/>' +
    `<c:barChart><c:barDir val="bar"/><c:grouping val="clustered"/><c:varyColors val="0"/>${bars.join('')}` +
    `<c:gapWidth val="${gapWidth}"/><c:overlap val="${overlap}"/><c:axId val="${AXIS.category}"/><c:axId val="${AXIS.value}"/></c:barChart>` +
    markGroup +
    // Categories from the top (the axis reversed), so the value axis crosses at the last one: the bottom.
    `<c:catAx><c:axId val="${AXIS.category}"/><c:scaling><c:orientation val="maxMin"/></c:scaling><c:delete val="0"/><c:axPos val="l"/>` +
    `<c:numFmt formatCode="General" sourceLinked="0"/>${noTicks}<c:tickLblPos val="nextTo"/><c:spPr>${line(COLOURS.text, F.table.ruleWidth)}</c:spPr>` +
    `${text(F.chart.textSize)}<c:crossAx val="${AXIS.value}"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/>` +
    '<c:noMultiLvlLbl val="0"/></c:catAx>' +
    `<c:valAx><c:axId val="${AXIS.value}"/><c:scaling><c:orientation val="minMax"/><c:max val="${chart.max}"/><c:min val="0"/></c:scaling>` +
    `<c:delete val="0"/><c:axPos val="b"/><c:majorGridlines><c:spPr>${line(COLOURS.grid, F.table.ruleWidth)}</c:spPr></c:majorGridlines>` +
    `<c:numFmt formatCode="${escape(axisLabels)}" sourceLinked="0"/>${noTicks}<c:tickLblPos val="nextTo"/><c:spPr>${noLine}</c:spPr>` +
    `${text(F.chart.textSize)}<c:crossAx val="${AXIS.category}"/><c:crosses val="max"/><c:crossBetween val="between"/>` +
    `<c:majorUnit val="${chart.max / F.chart.valueIntervals}"/></c:valAx>` +
    markAxes +
    `<c:spPr><a:noFill/>${noLine}</c:spPr></c:plotArea>`;

  const legend =
    '<c:legend><c:legendPos val="b"/>' +
    (mark && !named ? `<c:legendEntry><c:idx val="${legendSeries}"/><c:delete val="1"/></c:legendEntry>` : '') +
    `<c:overlay val="0"/>${text(F.chart.textSize)}</c:legend>`;

  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<c:chartSpace xmlns:c="${NS.c}" xmlns:a="${NS.a}" xmlns:r="${NS.r}">` +
    '<c:date1904 val="0"/><c:lang val="th-TH"/><c:roundedCorners val="0"/>' +
    `<c:chart><c:autoTitleDeleted val="1"/>${plot}${legend}<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>` +
    `<c:spPr><a:noFill/>${noLine}</c:spPr>${text(F.chart.textSize)}` +
    `<c:externalData r:id="${WORKBOOK_RID}"><c:autoUpdate val="0"/></c:externalData></c:chartSpace>`
  );
}

/**
 * The chart in the document: a run holding the inline drawing that names the chart part by its
 * relationship, sized to the chart and described for screen readers. docx places any XML
 * component in a paragraph; its types list only its own runs, hence the cast.
 */
export function chartRun(chart: Chart, part: ChartPart): ParagraphChild {
  const size = chartSize(chart);
  const xml =
    `<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="${emu(size.width)}" cy="${emu(size.height)}"/>` +
    '<wp:effectExtent l="0" t="0" r="0" b="0"/>' +
    // docPr ids are numbered per document when the package is written (deterministic.ts).
    `<wp:docPr id="1" name="chart" title="${escape(chart.series.at(-1) ?? '')}" descr="${escape(chart.description)}"/>` +
    `<wp:cNvGraphicFramePr/><a:graphic xmlns:a="${NS.a}"><a:graphicData uri="${NS.c}">` +
    `<c:chart xmlns:c="${NS.c}" xmlns:r="${NS.r}" r:id="${part.rId}"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>`;
  return ImportedXmlComponent.fromXmlString(xml) as unknown as ParagraphChild;
}

/** The chart part of the document's nth chart (from 1). */
export function chartPart(chart: Chart, digits: DigitSystem, font: string, nth: number): ChartPart {
  return { path: `word/charts/chart${nth}.xml`, rId: `rIdChart${nth}`, xml: chartPartXml(chart, digits, font), chart };
}

/**
 * Adds the chart parts to a package's files: each part with its embedded workbook (its files
 * dated `mtime`, the document's date) and the part's relationship to it, the parts' relationships
 * from the document and their content types.
 */
export function addChartParts(files: Record<string, Uint8Array>, parts: readonly ChartPart[], mtime: Date): void {
  if (parts.length === 0) return;
  const edit = (name: string, closing: string, added: string): void => {
    const xml = strFromU8(files[name]!);
    files[name] = strToU8(xml.replace(closing, `${added}${closing}`));
  };
  edit(
    'word/_rels/document.xml.rels',
    '</Relationships>',
    parts.map((p) => `<Relationship Id="${p.rId}" Type="${CHART_TYPE}" Target="${p.path.replace('word/', '')}"/>`).join(''),
  );
  edit(
    '[Content_Types].xml',
    '</Types>',
    `<Default Extension="xlsx" ContentType="${XLSX_CONTENT}"/>` + parts.map((p) => `<Override PartName="/${p.path}" ContentType="${CHART_CONTENT}"/>`).join(''),
  );
  parts.forEach((p, i) => {
    const workbook = `chart${i + 1}.xlsx`;
    files[p.path] = strToU8(p.xml);
    files[p.path.replace(/([^/]+)$/, '_rels/$1.rels')] = strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        `<Relationship Id="${WORKBOOK_RID}" Type="${PACKAGE_TYPE}" Target="../embeddings/${workbook}"/></Relationships>`,
    );
    files[`word/embeddings/${workbook}`] = chartWorkbook(p.chart, mtime);
  });
}
