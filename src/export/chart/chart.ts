import echartsModule from 'echarts/dist/echarts.common.min.js';
import type { Chart, DigitSystem } from '../../model/types.ts';
import { convertDigits } from '../../thai/digits.ts';
import { contentWidthPoints, officialFormat as F } from '../../style/official-format.ts';
import { bundledFontSet, LAKSAMAN_SCALE, loadFace } from '../../fonts/fonts.ts';
import { Lru } from '../../fonts/lru.ts';

/**
 * Draws a chart of the document model as SVG with Apache ECharts (server-side, no DOM), the
 * picture the PDF draws as vectors. Text is set in the bundled Laksaman: ECharts measures with the
 * same shaper as the PDF, so no system font can stand in. The DOCX carries the chart as a native
 * Word chart instead (docx/chart-part.ts), with this module's colours and size.
 */

// ECharts' own types describe its ES modules and do not resolve under NodeNext; these are the
// members used here. Options are plain JSON, as in ECharts' documentation.
interface EChartsModule {
  init(dom: null, theme: null, options: { renderer: 'svg'; ssr: true; width: number; height: number }): {
    setOption(option: object): void;
    renderToSVGString(): string;
    dispose(): void;
  };
  setPlatformAPI(api: { measureText(text: string, font?: string): { width: number } }): void;
}
type Option = Record<string, unknown>;
// The prebuilt "common" bundle (bar charts, grid, legend, mark lines, SVG renderer) loads in a
// twentieth of the time of ECharts' hundreds of ES modules, which every CLI run and worker pays.
const echarts = echartsModule as EChartsModule;

const FAMILY = 'Laksaman';
/** Chart text in Laksaman looks like TH SarabunPSK at the style sheet's chart text size. */
const TEXT_SIZE = F.chart.textSize / LAKSAMAN_SCALE;
/** The chart's colours, also the DOCX's native chart's (docx/chart-part.ts). */
export const COLOURS = {
  current: '#1f4e79',
  previous: '#bfbfbf',
  below: '#e67e22',
  mark: '#000000',
  text: '#000000',
  grid: '#d9d9d9',
  earlierValue: '#404040',
  ground: '#ffffff',
};
/** The chart fills the width of the text area. */
const CHART_WIDTH = contentWidthPoints;

const fonts = bundledFontSet();

// ECharts lays labels out (axis label width, legend) with a text measurer; the shaper's widths
// make its layout fit the glyphs it will be drawn with.
echarts.setPlatformAPI({
  measureText(text: string, font?: string) {
    const size = Number(/([\d.]+)px/.exec(font ?? '')?.[1] ?? TEXT_SIZE);
    const face = loadFace(/\bbold\b/.test(font ?? '') ? fonts.files.bold : fonts.files.normal);
    return { width: (face.measure(text).advance / face.unitsPerEm) * size };
  },
});

export interface ChartSvg {
  /** SVG with its text as <text> in the Laksaman family, sized in points. */
  svg: string;
  width: number;
  height: number;
}

/** Bars of the last series below the mark are drawn in the "below" colour. */
export const isBelowMark = (chart: Chart, value: number): boolean => chart.mark !== undefined && value < chart.mark.value;

/** The report's chart is drawn by both exporters of a document: the second one takes it from here. */
const drawn = new Lru<string, ChartSvg>(8);

export function chartSvg(chart: Chart, digits: DigitSystem): ChartSvg {
  const key = JSON.stringify([chart, digits]);
  let picture = drawn.get(key);
  if (!picture) {
    picture = drawChart(chart, digits);
    drawn.set(key, picture);
  }
  return picture;
}

/** The chart's size in points: the text area's width, and a height that grows with the bars. */
export function chartSize(chart: Chart): { width: number; height: number } {
  // Each bar's value is printed beside it, so a bar must be as high as a label.
  const groupHeight = chart.series.length === 1 ? F.chart.groupHeight.single : F.chart.groupHeight.several;
  return { width: CHART_WIDTH, height: Math.round(chart.bars.length * groupHeight + F.chart.frameHeight) };
}

/** Whether a bar of the last series is below the mark, so the legend names the marked colour. */
export const hasMarkedBars = (chart: Chart): boolean =>
  chart.bars.some((b) => b.values[chart.series.length - 1] && isBelowMark(chart, b.values[chart.series.length - 1]!.value));

function drawChart(chart: Chart, digits: DigitSystem): ChartSvg {
  const seriesCount = chart.series.length;
  const last = seriesCount - 1;
  const marked = hasMarkedBars(chart);
  const { height } = chartSize(chart);
  const instance = echarts.init(null, null, { renderer: 'svg', ssr: true, width: CHART_WIDTH, height });
  const textStyle = { fontFamily: FAMILY, fontSize: TEXT_SIZE, color: COLOURS.text };
  const series: Option[] = chart.series.map((name, s) => ({
    type: 'bar',
    name,
    barGap: F.chart.barGap,
    barCategoryGap: F.chart.barCategoryGap,
    itemStyle: { color: s === last ? COLOURS.current : COLOURS.previous },
    data: chart.bars.map((bar) => {
      const v = bar.values[s];
      if (!v) return '-';
      return s === last && isBelowMark(chart, v.value) ? { value: v.value, itemStyle: { color: COLOURS.below } } : v.value;
    }),
    label: {
      show: true,
      position: 'right',
      distance: F.chart.valueDistance,
      ...textStyle,
      // Earlier years' values are smaller and grey: the year reported on reads first.
      ...(s !== last && { fontSize: TEXT_SIZE * F.chart.earlierValueScale, color: COLOURS.earlierValue }),
      // Keeps the pass-mark line from striking through a value printed over it.
      backgroundColor: COLOURS.ground,
      padding: [...F.chart.valuePadding],
      formatter: (p: { dataIndex: number }) => chart.bars[p.dataIndex]?.values[s]?.text ?? '',
    },
    // Above the mark line (z 1), so the line passes behind a value's white background.
    z: 3,
  }));
  // Series without data: a legend entry for the marked bars, and the mark line on its own layer.
  // Line series, as empty bar series would still take a bar's place in every group.
  const legendNames = [...chart.series];
  if (marked && chart.below) {
    series.push({ type: 'line', name: chart.below, data: [], itemStyle: { color: COLOURS.below } });
    legendNames.push(chart.below);
  }
  if (chart.mark) {
    series.push({
      type: 'line',
      name: 'mark',
      data: [],
      z: 1,
      markLine: {
        silent: true,
        symbol: 'none',
        lineStyle: { color: COLOURS.mark, type: 'dashed', width: F.chart.markWidth },
        label: { position: 'start', ...textStyle, backgroundColor: COLOURS.ground, padding: [...F.chart.markLabelPadding], formatter: chart.mark.text },
        data: [{ xAxis: chart.mark.value }],
      },
    });
  }
  const grid: Option = { ...F.chart.grid, containLabel: true };
  const legend: Option = { bottom: 0, data: legendNames, icon: 'rect', ...F.chart.legend, textStyle };
  instance.setOption({
    animation: false,
    textStyle,
    grid,
    legend,
    xAxis: {
      type: 'value',
      min: 0,
      max: chart.max,
      interval: chart.max / F.chart.valueIntervals,
      axisLabel: { ...textStyle, formatter: (v: number) => convertDigits(String(v), digits) },
      splitLine: { lineStyle: { color: COLOURS.grid } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: chart.bars.map((b) => b.label),
      axisTick: { show: false },
      axisLine: { lineStyle: { color: COLOURS.text } },
      axisLabel: { ...textStyle, margin: F.chart.categoryLabelMargin },
    },
    series,
  });
  const svg = instance.renderToSVGString();
  instance.dispose();
  return { svg: markLineBehindBars(renumberIds(svg)), width: CHART_WIDTH, height };
}

/**
 * ECharts draws a mark line over the series' labels whatever z it is given, striking through a
 * value printed across it; the dashed line is moved to just before the first bar, so bars and
 * their labels (on a white ground) cover it.
 */
function markLineBehindBars(svg: string): string {
  const dashed = svg.match(/<path [^>]*stroke-dasharray[^>]*><\/path>\n?/g) ?? [];
  if (dashed.length === 0) return svg;
  const rest = dashed.reduce((s, line) => s.replace(line, ''), svg);
  const firstBar = rest.search(/<path [^>]*ecmeta_series_index="\d+" ecmeta_data_index="0"/);
  return firstBar < 0 ? svg : rest.slice(0, firstBar) + dashed.join('') + rest.slice(firstBar);
}

/**
 * zrender numbers its instances, CSS classes and clip paths across the process ("zr7-cls-12"); the
 * same chart must give the same bytes whichever document of a batch it is drawn in, so the names
 * are numbered again in order of appearance.
 */
function renumberIds(svg: string): string {
  const names = new Map<string, string>();
  const counts = new Map<string, number>();
  return svg.replace(/\bzr\d+-([a-z]+-?)(\d+)\b/g, (token, kind: string) => {
    let name = names.get(token);
    if (!name) {
      const n = counts.get(kind) ?? 0;
      counts.set(kind, n + 1);
      name = `zr-${kind}${n}`;
      names.set(token, name);
    }
    return name;
  });
}

/** A label of the chart, placed as SVG places it: `x` by its anchor, `y` at the middle of the text. */
export interface ChartText {
  text: string;
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
  size: number;
  bold: boolean;
  fill: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * The chart's shapes and its labels apart. svg-to-pdfkit (pdfmake's SVG renderer) skips glyphs
 * without an advance, which are all of Thai's vowel and tone marks, so the PDF draws the labels
 * itself, with the body text's shaper; the shapes stay an SVG.
 */
export function splitText(svg: string): { shapes: string; texts: ChartText[] } {
  const texts: ChartText[] = [];
  const shapes = svg.replace(/<text([^>]*)>([^<]*)<\/text>/g, (_, attrs: string, content: string) => {
    const attr = (name: string): string | undefined => new RegExp(`\\s${name}="([^"]*)"`).exec(attrs)?.[1];
    const style = attr('style') ?? '';
    const translate = /^translate\(([-\d.e]+)[ ,]+([-\d.e]+)\)$/.exec(attr('transform') ?? 'translate(0 0)');
    const baseline = attr('dominant-baseline') ?? 'central';
    // ECharts positions every label by a translation with a central baseline; anything else would
    // be placed wrongly here, so it is a tool error, not a quiet misprint.
    if (!translate || baseline !== 'central') throw new Error(`chart label placed in an unexpected way: <text${attrs}>`);
    const anchor = attr('text-anchor') ?? 'start';
    texts.push({
      text: content.replace(/&(#x?[\da-f]+|\w+);/gi, (m, e: string) =>
        e.startsWith('#') ? String.fromCodePoint(parseInt(e.slice(e[1] === 'x' ? 2 : 1), e[1] === 'x' ? 16 : 10)) : ENTITIES[e] ?? m,
      ),
      x: Number(translate[1]) + Number(attr('x') ?? 0),
      y: Number(translate[2]) + Number(attr('y') ?? 0),
      anchor: anchor === 'end' || anchor === 'middle' ? anchor : 'start',
      size: Number(/font-size:\s*([\d.]+)px/.exec(style)?.[1] ?? TEXT_SIZE),
      bold: /font-weight:\s*(bold|[6-9]00)/.test(style),
      fill: attr('fill') ?? '#000000',
    });
    return '';
  });
  return { shapes, texts };
}
