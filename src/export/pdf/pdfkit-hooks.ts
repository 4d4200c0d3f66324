import { zlibSync } from 'fflate';
import pdfkitModule from 'pdfkit';
import layoutBuilderModule from 'pdfmake/js/LayoutBuilder.js';
import pdfDocumentModule from 'pdfmake/js/PDFDocument.js';
import rendererModule from 'pdfmake/js/Renderer.js';
import tableProcessorModule from 'pdfmake/js/TableProcessor.js';
import type { ChartText } from '../chart/chart.ts';
import { bundledFontSet, loadFace, type FaceName, type PdfFontSet } from '../../fonts/fonts.ts';
import { Lru } from '../../fonts/lru.ts';
import { scaledAdvance, scaledRun, withoutInvisible, type ShapingFont } from '../../fonts/shaping.ts';

/**
 * The two places where pdfmake 0.3.11 / pdfkit 0.19.1 (pinned in package.json) get Thai wrong,
 * mended from outside:
 *
 * 1. Fonts. pdfmake asks its PDFDocument for a font with `provideFont`; ours hands out pdfkit
 *    fonts built on faces parsed once per process, whose `layout` shapes by script runs
 *    (see shaping.ts). pdfkit would otherwise re-parse every font file for every document.
 * 2. Copy and search. pdfkit's ToUnicode map gives each glyph the text it first met it with; after
 *    Thai substitutions ("ผู้ใหญ่" uses a lowered tone mark) copied text comes out wrong. Every
 *    drawn piece of text is wrapped in a marked-content span whose /ActualText is the text itself,
 *    which PDF readers copy instead. The span sits inside the piece's q…Q: outside it, poppler
 *    reorders lines.
 *
 * 3. Charts. svg-to-pdfkit (inside pdfmake) drops every glyph without an advance, which is every
 *    Thai vowel and tone mark above or below the line. A chart's labels are therefore taken out of
 *    its SVG (export/chart) and drawn here, after pdfmake has drawn the shapes, with the bundled
 *    font and the same `_fragment` path as body text: shaped, and copied as typed.
 *
 * 4. Speed. fontkit's subsetter reads and parses every glyph of a document's subset again for every
 *    document; the glyph data of our fonts is cached per face (see cacheSubsetGlyphs).
 *
 * 5. Speed of a picture every document draws the same (the emblem of a ประกาศ, ~12,000 numbers):
 *    svg-to-pdfkit takes some 40 ms to read it. It runs once per process; the page operators it
 *    writes are kept and written again, moved into place, in later documents (see drawKeptSvg).
 *
 * 6. Compression. pdfkit deflates every stream with Node's zlib, which a browser bundle replaces
 *    with a JavaScript port that compresses differently: the same document would have other bytes
 *    in the browser. Every stream is deflated with fflate instead, on every platform (see
 *    installStreamCompression).
 *
 * Only fonts registered here are affected; the hooks check on install that the methods they wrap
 * still exist, so an upgrade that moves them fails loudly instead of silently losing Thai.
 */

// pdfkit and pdfmake are untyped CommonJS; these are the members the hooks touch.
interface PdfKitFont {
  id: string;
}
interface PdfKitDocument {
  _font: PdfKitFont;
  _fontCount: number;
  _fontFamilies: Record<string, PdfKitFont>;
  fontCache: Record<string, Partial<Record<FaceName, PdfKitFont>>>;
  getFontType(bold: boolean, italics: boolean): FaceName;
  addContent(data: string): PdfKitDocument;
  markContent(tag: string, options: { actual: string }): PdfKitDocument;
  endMarkedContent(): PdfKitDocument;
  font(src: string): PdfKitDocument;
  fontSize(size: number): PdfKitDocument;
  fillColor(color: string): PdfKitDocument;
  widthOfString(text: string): number;
  text(text: string, x: number, y: number, options: object): PdfKitDocument;
  save(): PdfKitDocument;
  restore(): PdfKitDocument;
  currentLineHeight(includeGap?: boolean): number;
}
type EmbeddedFontClass = new (document: PdfKitDocument, font: unknown, id: string) => PdfKitFont;
type Fragment = (this: PdfKitDocument, text: string, x: number, y: number, options: unknown) => void;
interface SvgNode {
  x: number;
  y: number;
  svg: string;
  _width?: number;
  _height?: number;
  chartTexts?: ChartText[];
  /** The picture to draw in place of `svg` (a placeholder of its size), through the kept operators. */
  keptSvg?: string;
}
type RenderSvg = (this: { pdfDocument: unknown }, svg: SvgNode) => void;
type ProvideFont = (this: PdfKitDocument, family: string, bold: boolean, italics: boolean) => PdfKitFont;

/**
 * The class that a module of pdfmake exports: they are Babel's CommonJS (`exports.default = …`,
 * `__esModule`), which Node hands to an ES import whole (`{ __esModule, default }`) and vitest
 * unwraps to `default` itself. Either way it is the very object pdfmake's own require() gets, so
 * the patches below change the classes pdfmake uses.
 */
function babelDefault<T>(module: unknown): T {
  const exports = module as { __esModule?: boolean; default?: T };
  return (exports.__esModule ? exports.default : module) as T;
}

const families = new Map<string, PdfFontSet>();
const ourFonts = new WeakSet<PdfKitFont>();
let installed = false;

/** Makes a font set available to pdfmake under `set.family`. */
export function registerFontSet(set: PdfFontSet): void {
  families.set(set.family, set);
  install();
}

/** A laid-out page as pdfmake keeps it, as far as continuation words and the placement check need it. */
export interface LaidOutPage {
  items: { type: string; item: { x?: number; y?: number; inlines?: { text: string }[]; placementId?: number; getWidth?(): number; getHeight?(): number } }[];
}

/**
 * How a table body row is placed (the exporter's `table.rowPlacement`, one per row, none for
 * header rows): a row kept whole moves to the next page when its `height` does not fit below;
 * a row that may break moves when its first lines (`height`) do not.
 */
export interface RowPlacement {
  keep: boolean;
  height: number;
}

let laidOut: LaidOutPage[] = [];

/**
 * The pages of the document being laid out, once its content is placed: pdfmake lays out all the
 * content first and only then asks for each page's header and footer, so a footer can name the
 * first words of the next page (คำต่อหน้า) from the real page breaks, in the same pass.
 */
export const laidOutPages = (): readonly LaidOutPage[] => laidOut;


function install(): void {
  if (installed) return;
  const pdfmakeDocument = babelDefault<{ prototype: PdfKitDocument & { provideFont: ProvideFont } }>(pdfDocumentModule);
  const pdfkitPrototype = Object.getPrototypeOf(pdfmakeDocument.prototype) as PdfKitDocument & { _fragment: Fragment };
  const originalProvideFont = pdfmakeDocument.prototype.provideFont;
  const originalFragment = pdfkitPrototype._fragment;
  if (typeof originalProvideFont !== 'function' || typeof originalFragment !== 'function') {
    throw new Error('pdfmake/pdfkit internals changed: provideFont or _fragment missing (see src/export/pdf/pdfkit-hooks.ts)');
  }
  const layoutBuilder = babelDefault<{ prototype: Record<string, unknown> }>(layoutBuilderModule).prototype as {
    addHeadersAndFooters: (this: { writer: { context(): { pages: LaidOutPage[] } } }, ...args: unknown[]) => unknown;
  };
  const originalHeadersAndFooters = layoutBuilder.addHeadersAndFooters;
  if (typeof originalHeadersAndFooters !== 'function') throw new Error('pdfmake internals changed: addHeadersAndFooters missing (see src/export/pdf/pdfkit-hooks.ts)');
  layoutBuilder.addHeadersAndFooters = function (...args) {
    laidOut = this.writer.context().pages;
    try {
      return originalHeadersAndFooters.apply(this, args);
    } finally {
      laidOut = [];
    }
  };
  installTableRowPlacement();
  installPlacementIds(layoutBuilder as unknown as LayoutBuilderPrototype);
  installEarlyPageBreaks(layoutBuilder as unknown as EarlyLayoutBuilder);
  installStreamCompression(pdfkitModule as new (options: object) => PdfKitDocument & { ref(): object });
  let EmbeddedFont: EmbeddedFontClass | undefined;

  pdfmakeDocument.prototype.provideFont = function (family, bold, italics) {
    const set = families.get(family);
    if (!set) return originalProvideFont.call(this, family, bold, italics);
    const type = this.getFontType(bold, italics);
    const cache = (this.fontCache[family] ??= {});
    const existing = cache[type];
    if (existing) return existing;
    const face = loadFace(set.files[type]);
    // pdfkit does not export its font class; take it from the font it made when the face was
    // parsed (src/fonts). fontkit's subset class comes the same way.
    if (!EmbeddedFont) {
      const probe = face.embedded;
      EmbeddedFont = probe.constructor as EmbeddedFontClass;
      const subsetPrototype = Object.getPrototypeOf(probe.subset) as TtfSubset;
      if (typeof subsetPrototype._addGlyph !== 'function') throw new Error('fontkit internals changed: TTFSubset._addGlyph missing (see src/export/pdf/pdfkit-hooks.ts)');
      cacheSubsetGlyphs(subsetPrototype);
    }
    const font = new EmbeddedFont(this, face.shaped, `F${++this._fontCount}`);
    measureTrackedFromCache(font as PdfKitFont & EmbeddedFontMethods);
    // pdfkit embeds (and subsets) every font in this table when the document ends.
    this._fontFamilies[font.id] = font;
    ourFonts.add(font);
    cache[type] = font;
    return font;
  };

  pdfkitPrototype._fragment = function (text, x, y, options) {
    if (!ourFonts.has(this._font)) return originalFragment.call(this, text, x, y, options);
    const addContent = this.addContent;
    let open = false;
    this.addContent = function (data: string) {
      if (data === 'BT' && !open) {
        open = true;
        this.markContent('Span', { actual: withoutInvisible(text) });
      }
      addContent.call(this, data);
      if (data === 'ET' && open) {
        open = false;
        this.endMarkedContent();
      }
      return this;
    };
    try {
      originalFragment.call(this, text, x, y, options);
    } finally {
      delete (this as Partial<PdfKitDocument>).addContent;
    }
  };
  const renderer = babelDefault<{ prototype: { renderSVG: RenderSvg } }>(rendererModule).prototype;
  const originalRenderSvg = renderer.renderSVG;
  if (typeof originalRenderSvg !== 'function') throw new Error('pdfmake internals changed: Renderer.renderSVG missing (see src/export/pdf/pdfkit-hooks.ts)');
  renderer.renderSVG = function (svg) {
    if (svg.keptSvg !== undefined) return drawKeptSvg(this, originalRenderSvg, svg);
    originalRenderSvg.call(this, svg);
    if (svg.chartTexts) drawChartTexts(this.pdfDocument as PdfKitDocument & { provideFont: ProvideFont }, svg.x, svg.y, svg.chartTexts);
  };
  installed = true;
}

// pdfkit's EmbeddedFont (pinned 0.19.1), as much of it as measureTrackedFromCache touches.
interface EmbeddedFontMethods {
  font: object;
  scale: number;
  widthOfString(text: string, size: number, features?: unknown): number;
  layoutRun(text: string, features?: unknown): unknown;
}

/**
 * pdfkit measures text by laying it out, copying and scaling every glyph position: text with
 * features (every justified line: its tracking travels as a feature) afresh each time, text
 * without once per document and word; pdfmake measures every piece of text of a document. The
 * width is read from the shaper's cached runs instead (scaledAdvance: the same number to the bit).
 */
function measureTrackedFromCache(font: EmbeddedFontMethods): void {
  const original = font.widthOfString;
  if (typeof original !== 'function' || typeof font.layoutRun !== 'function' || typeof font.scale !== 'number') {
    throw new Error('pdfkit internals changed: EmbeddedFont.widthOfString, layoutRun or scale missing (see src/export/pdf/pdfkit-hooks.ts)');
  }
  font.widthOfString = function (text, size, features) {
    const width = typeof text === 'string' ? scaledAdvance(this.font as ShapingFont, text, features, this.scale) : undefined;
    return width === undefined ? original.call(this, text, size, features) : width * (size / 1000);
  };
  // Drawing still lays text out (it needs the glyphs); the same run, made without pdfkit's
  // copy-then-scale-in-place.
  const originalLayoutRun = font.layoutRun;
  font.layoutRun = function (text, features) {
    return (typeof text === 'string' ? scaledRun(this.font as ShapingFont, text, features, this.scale) : undefined) ?? originalLayoutRun.call(this, text, features);
  };
}

/** A pdfkit page, as far as a kept drawing looks at it (its getters of resources create what they return). */
interface PageResources {
  resources: { data: Record<string, unknown> };
  dictionary: { data: Record<string, unknown> };
  write(data: string): void;
}
interface KeptSvgDocument extends PdfKitDocument {
  page: PageResources;
  translate(x: number, y: number): PdfKitDocument;
  /** pdfkit's opacities: `${fill}_${stroke}` → [its ExtGState, its name in the content ("Gs1")]. */
  _opacityRegistry: Record<string, [unknown, string]>;
  _doOpacity(fill: number | null, stroke: number | null): unknown;
  _fillColor?: unknown;
}
/**
 * What a page holds besides its content and its opacities (fonts, images, patterns, colour spaces,
 * links): what kept operators could not take along to another document. Read from the page's
 * dictionaries as they are: pdfkit's getters would add empty ones.
 */
function pageState(page: PageResources): string {
  const size = (v: unknown): string => (v && typeof v === 'object' ? String(Object.keys(v).length) : String(v));
  const resources = Object.entries(page.resources.data).filter(([k]) => k !== 'ExtGState');
  return [...resources.map(([k, v]) => `${k}:${size(v)}`), `Annots:${size(page.dictionary.data.Annots)}`].join(' ');
}

/**
 * A picture's page operators, drawn at the origin, and the opacities they set by name: svg-to-pdfkit
 * sets the opacity with every colour (an ExtGState, "/Gs1 gs"), and each document names its own.
 */
interface KeptDrawing {
  content: string;
  opacities: { name: string; key: string }[];
}
const keptDrawings = new Lru<string, KeptDrawing>(4);

/** The name `doc` gives an opacity (`${fill}_${stroke}`), registered on its page as pdfkit does, writing nothing. */
function opacityName(doc: KeptSvgDocument, key: string): string {
  const [fill, stroke] = key.split('_').map((v) => (v === 'null' ? null : Number(v)));
  doc.addContent = function () {
    return this;
  };
  try {
    doc._doOpacity(fill ?? null, stroke ?? null);
  } finally {
    delete (doc as Partial<PdfKitDocument>).addContent;
  }
  return doc._opacityRegistry[key]![1];
}

/**
 * Draws `node.keptSvg` at the node's place. The first time, svg-to-pdfkit draws it at the origin
 * while its operators are taken down instead of written; they are then written inside a
 * translation to the node's place, the opacities renamed to this document's, so that the first
 * document and every later one get the same bytes. A picture whose drawing registers anything else
 * on the page (fonts, images, transparency groups, patterns, links) cannot be replayed in another
 * document and is drawn afresh each time.
 */
function drawKeptSvg(renderer: { pdfDocument: unknown }, original: RenderSvg, node: SvgNode): void {
  const doc = renderer.pdfDocument as KeptSvgDocument;
  const picture = node.keptSvg!;
  const key = `${node._width} ${node._height}\n${picture}`;
  let drawing = keptDrawings.get(key);
  if (drawing === undefined) {
    const page = doc.page;
    const before = pageState(page);
    const fillColor = doc._fillColor;
    const taken: string[] = [];
    // Only what goes to this page's content: svg-to-pdfkit writes a transparency group into a page
    // of its own (doc.page is swapped meanwhile), and that stays where it is written.
    doc.addContent = function (this: KeptSvgDocument, data: string) {
      if (this.page === page) taken.push(data);
      else this.page.write(data);
      return this;
    };
    try {
      original.call(renderer, { ...node, svg: picture, x: 0, y: 0 });
    } finally {
      delete (doc as Partial<PdfKitDocument>).addContent;
    }
    // As after a replay, which sets no colour outside its q…Q.
    doc._fillColor = fillColor;
    const content = taken.join('\n');
    const byName = new Map(Object.entries(doc._opacityRegistry).map(([opacity, [, name]]) => [name, opacity]));
    const names = [...new Set(Array.from(content.matchAll(/\/(\w+) gs\b/g), (m) => m[1]!))];
    const opacities = names.map((name) => ({ name, key: byName.get(name) }));
    drawing = { content, opacities: opacities.filter((o): o is { name: string; key: string } => o.key !== undefined) };
    // A non-scaling stroke's width depends on where the picture is drawn.
    const replayable = pageState(page) === before && drawing.opacities.length === names.length && !picture.includes('non-scaling-stroke');
    if (replayable) keptDrawings.set(key, drawing);
  }
  const renamed = new Map(drawing.opacities.map((o) => [o.name, opacityName(doc, o.key)]));
  const content = renamed.size === 0 ? drawing.content : drawing.content.replace(/\/(\w+) gs\b/g, (_op, name: string) => `/${renamed.get(name) ?? name} gs`);
  doc.save();
  doc.translate(node.x, node.y);
  doc.addContent(content);
  doc.restore();
}

// pdfmake's layout internals (pinned 0.3.11), as much as the two hooks below touch.
interface LayoutContext {
  y: number;
  availableHeight: number;
  pageMargins: { top: number };
}
interface LayoutWriter {
  context(): LayoutContext;
  moveToNextPage(): void;
  transactionLevel: number;
  repeatables: { height: number }[];
}
interface TableProcessorPrototype {
  tableNode: { table: { rowPlacement?: (RowPlacement | undefined)[] } };
  beginRow(this: TableProcessorPrototype, rowIndex: number, writer: LayoutWriter): void;
}
interface FreshTableProcessor {
  tableNode: { _bottomByPage?: unknown; _breaksBySpan?: unknown; table: { body: ({ _willBreak?: unknown; _bottomY?: unknown } | null)[][] } };
  beginTable(this: FreshTableProcessor, writer: unknown): unknown;
}
interface LayoutBuilderPrototype {
  buildNextLine(this: unknown, textNode: { placementId?: number }): { placementId?: number } | null;
}

/**
 * pdfmake keeps a table row whole only inside an unbreakable block, and drops whatever of such a
 * block does not fit on one page. Our tables therefore let every row break, and this moves a row
 * to the next page before it starts when the part of it that must stay together (the whole row,
 * or the first lines of a row that may break) does not fit below: the same result for rows that
 * fit on a page, and nothing lost for those that do not.
 */
function installTableRowPlacement(): void {
  const processor = babelDefault<{ prototype: TableProcessorPrototype }>(tableProcessorModule).prototype;
  const originalBeginRow = processor.beginRow;
  if (typeof originalBeginRow !== 'function') throw new Error('pdfmake internals changed: TableProcessor.beginRow missing (see src/export/pdf/pdfkit-hooks.ts)');
  processor.beginRow = function (rowIndex, writer) {
    const placement = this.tableNode.table.rowPlacement?.[rowIndex];
    if (placement && writer.transactionLevel === 0) {
      const context = writer.context();
      // Below the repeated header at the top of a page, moving would not make more room.
      const pageTop = context.pageMargins.top + writer.repeatables.reduce((sum, r) => sum + r.height, 0);
      if (placement.height > context.availableHeight + 0.01 && context.y > pageTop + 0.01) writer.moveToNextPage();
    }
    originalBeginRow.call(this, rowIndex, writer);
  };
  installFreshTableState(processor as unknown as FreshTableProcessor);
}

/**
 * A `pageBreakBefore` function whose answer for a node depends only on the node's `headlineLevel`
 * and the top of its first line, and is no for every node without a `headlineLevel` (see
 * decideEarly).
 */
export type PlaceBreak = (node: { headlineLevel?: number; startPosition?: { top: number } }) => boolean;
const earlyBreaks = new WeakSet<PlaceBreak>();

/**
 * Marks a `pageBreakBefore` function as one pdfkit-hooks may also ask while laying out. pdfmake
 * asks it only after laying out the whole document, and for every node it says yes to lays the
 * whole document out again (preprocess, measure, place, headers and footers): a report with one
 * moved heading cost two passes. Where the place of a node's first line is certain before it is
 * placed (a line of text that fits below the current place), the question is asked there and the
 * page broken at once, with the answer pdfmake would have got in a later pass.
 */
export function decideEarly(fn: PlaceBreak): PlaceBreak {
  earlyBreaks.add(fn);
  return fn;
}

// pdfmake's LayoutBuilder (pinned 0.3.11), as much of it as the early decisions touch.
interface LayoutNode {
  headlineLevel?: number;
  pageBreak?: string;
  pageBreakCalculated?: boolean;
  text?: unknown;
  _margin?: number[] | null;
  _inlines?: { height?: number }[];
  positions?: { top: number }[];
}
interface EarlyLayoutBuilder {
  writer: { transactionLevel: number; context(): LayoutContext & { getCurrentPage(): unknown } };
  layoutDocument(this: EarlyLayoutBuilder, ...args: unknown[]): unknown;
  tryLayoutDocument(this: EarlyLayoutBuilder, ...args: unknown[]): unknown;
  processNode(this: EarlyLayoutBuilder, node: LayoutNode, ...rest: unknown[]): unknown;
  [EARLY]?: { decide: PlaceBreak; sure: boolean };
}
const EARLY = Symbol('earlyPageBreaks');

/**
 * Decides the page breaks of a `decideEarly` function while laying out. A node's decision is made
 * early only while every decision before it in the pass is the one pdfmake's own loop would make
 * on this layout (`sure`): pdfmake asks about nodes in the order they are laid out, and the first
 * yes restarts the layout with that break, so every early yes must come before any node pdfmake
 * would say yes to. Each node with a `headlineLevel` is therefore asked again once placed, with
 * its real first line; a yes there (a node whose place could not be known in advance) ends the
 * early decisions of the pass, and pdfmake's loop makes that break and lays out again, as it
 * always did. An early yes sets the node's `pageBreak`, as pdfmake's loop does.
 */
function installEarlyPageBreaks(layoutBuilder: EarlyLayoutBuilder): void {
  const { layoutDocument, tryLayoutDocument, processNode } = layoutBuilder;
  if (typeof layoutDocument !== 'function' || typeof tryLayoutDocument !== 'function' || typeof processNode !== 'function') {
    throw new Error('pdfmake internals changed: LayoutBuilder.layoutDocument, tryLayoutDocument or processNode missing (see src/export/pdf/pdfkit-hooks.ts)');
  }
  layoutBuilder.layoutDocument = function (...args) {
    // pdfmake 0.3.11's ninth argument: the definition's pageBreakBefore.
    const fn = args[8] as PlaceBreak | undefined;
    this[EARLY] = fn && earlyBreaks.has(fn) ? { decide: fn, sure: true } : undefined;
    try {
      return layoutDocument.apply(this, args);
    } finally {
      delete this[EARLY];
    }
  };
  layoutBuilder.tryLayoutDocument = function (...args) {
    // Every pass lays out from the top: what came before is decided as pdfmake would decide it.
    const early = this[EARLY];
    if (early) early.sure = true;
    return tryLayoutDocument.apply(this, args);
  };
  layoutBuilder.processNode = function (node, ...rest) {
    const early = this[EARLY];
    if (!early || node.headlineLevel === undefined || node.pageBreak !== undefined || node.pageBreakCalculated || node.text === '') {
      return processNode.call(this, node, ...rest);
    }
    if (early.sure) {
      const top = certainTop(this, node);
      if (top !== undefined && early.decide({ headlineLevel: node.headlineLevel, startPosition: { top } })) {
        node.pageBreak = 'before';
        node.pageBreakCalculated = true;
      }
    }
    // Until this node is placed, whether pdfmake would break before it is not known.
    const sure = early.sure;
    early.sure = false;
    const result = processNode.call(this, node, ...rest);
    const first = node.positions?.[0];
    early.sure = sure && !(node.pageBreak === undefined && first && early.decide({ headlineLevel: node.headlineLevel, startPosition: first }));
    return result;
  };
}

/**
 * Where the first line of a node will be placed, when that is certain before placing it: a line
 * of text, outside any unbreakable block, whose space above and tallest piece fit below the
 * current place. pdfmake then moves down by its space above and puts the line there.
 */
function certainTop(builder: EarlyLayoutBuilder, node: LayoutNode): number | undefined {
  if (node.text === undefined || !Array.isArray(node._inlines) || builder.writer.transactionLevel !== 0) return undefined;
  const context = builder.writer.context();
  if (!context.getCurrentPage()) return undefined;
  const above = node._margin?.[1] ?? 0;
  let height = 0;
  for (const inline of node._inlines) height = Math.max(height, inline.height ?? 0);
  const available = context.availableHeight - above;
  if (available < 0 || height > available) return undefined;
  return context.y + above;
}

/**
 * pdfmake lays a document out again for every page break its `pageBreakBefore` asks for, on the
 * same node objects, and some of what a table's layout notes on them outlives the pass: the
 * lowest place its rows reached on each page (`_bottomByPage`, kept as a maximum), the breaks of
 * spanning cells (`_breaksBySpan`), and on each cell whether and where its row broke (`_willBreak`,
 * `_bottomY`, set only when not yet set). A later pass then closed a table at the foot of a page
 * where its row broke in the discarded pass (a rule a line below the last line). Each table starts
 * each pass without them, so a document comes out as one pass with its final page breaks lays it
 * out, however many passes it took to find them.
 */
function installFreshTableState(processor: FreshTableProcessor): void {
  const originalBeginTable = processor.beginTable;
  if (typeof originalBeginTable !== 'function') throw new Error('pdfmake internals changed: TableProcessor.beginTable missing (see src/export/pdf/pdfkit-hooks.ts)');
  processor.beginTable = function (writer) {
    delete this.tableNode._bottomByPage;
    delete this.tableNode._breaksBySpan;
    for (const row of this.tableNode.table.body) {
      for (const cell of row) {
        if (cell && typeof cell === 'object') {
          delete cell._willBreak;
          delete cell._bottomY;
        }
      }
    }
    return originalBeginTable.call(this, writer);
  };
}

/** Carries the exporter's placement id of a text node onto the line pdfmake makes of it. */
function installPlacementIds(layoutBuilder: LayoutBuilderPrototype): void {
  const originalBuildNextLine = layoutBuilder.buildNextLine;
  if (typeof originalBuildNextLine !== 'function') throw new Error('pdfmake internals changed: LayoutBuilder.buildNextLine missing (see src/export/pdf/pdfkit-hooks.ts)');
  layoutBuilder.buildNextLine = function (textNode) {
    const line = originalBuildNextLine.call(this, textNode);
    // An own property: pdfmake's Line.clone copies it when a kept group is placed.
    if (line && textNode.placementId !== undefined) line.placementId = textNode.placementId;
    return line;
  };
}

/** Chart labels over the chart's shapes at (left, top), in the bundled font. */
function drawChartTexts(doc: PdfKitDocument & { provideFont: ProvideFont }, left: number, top: number, texts: ChartText[]): void {
  const family = bundledFontSet().family;
  doc.save();
  for (const label of texts) {
    doc._font = doc.provideFont(family, label.bold, false);
    doc.fontSize(label.size);
    const width = doc.widthOfString(label.text);
    const x = left + label.x - (label.anchor === 'end' ? width : label.anchor === 'middle' ? width / 2 : 0);
    // SVG's central baseline is the middle of the em box; pdfkit places a line by its top.
    doc.fillColor(label.fill).text(label.text, x, top + label.y - doc.currentLineHeight() / 2, { lineBreak: false });
  }
  doc.restore();
}

/** What a subset needs of one glyph, read once per face: its outline bytes and metrics. */
interface SubsetGlyph {
  buffer: Uint8Array;
  advance: number;
  bearing: number;
  /** Component glyphs of a compound glyph, and where their ids sit in `buffer`. */
  components?: { glyphID: number; pos: number }[];
}

// fontkit's TrueType subset (pinned 2.0.4), as much of it as the cache touches.
interface TtfSubset {
  font: object & {
    getGlyph(id: number): { advanceWidth: number; _decode(): { numberOfContours: number; components?: { glyphID: number; pos: number }[] } | null; _getMetrics(): { leftBearing: number } };
    loca: { offsets: number[] };
    _getTableStream(tag: string): { pos: number; readBuffer(length: number): Uint8Array };
    _variationProcessor?: unknown;
  };
  glyf: Uint8Array[];
  loca: { offsets: number[] };
  hmtx: { metrics: { advance: number; bearing: number }[] };
  offset: number;
  includeGlyph(id: number): number;
  _addGlyph(id: number): number;
}

const subsetGlyphs = new WeakMap<object, Map<number, SubsetGlyph>>();

/**
 * Replaces fontkit's TrueType `_addGlyph` with one that keeps each glyph's bytes and metrics per
 * font: the same Thai glyphs are in every document's subset. What it writes into the subset is
 * what the original writes: the glyph's bytes (compound glyphs with their component ids
 * renumbered for the subset), its offset, its advance and left bearing.
 */
function cacheSubsetGlyphs(subsetPrototype: TtfSubset): void {
  const original = subsetPrototype._addGlyph;
  subsetPrototype._addGlyph = function (gid: number): number {
    // Variable fonts re-encode outlines per instance; leave them to fontkit.
    if (this.font._variationProcessor) return original.call(this, gid);
    let glyphs = subsetGlyphs.get(this.font);
    if (!glyphs) subsetGlyphs.set(this.font, (glyphs = new Map()));
    let entry = glyphs.get(gid);
    if (!entry) {
      const glyph = this.font.getGlyph(gid);
      const decoded = glyph._decode();
      const start = this.font.loca.offsets[gid]!;
      const end = this.font.loca.offsets[gid + 1]!;
      const stream = this.font._getTableStream('glyf');
      stream.pos += start;
      entry = {
        buffer: new Uint8Array(stream.readBuffer(end - start)),
        advance: glyph.advanceWidth,
        bearing: glyph._getMetrics().leftBearing,
        ...(decoded && decoded.numberOfContours < 0 && { components: (decoded.components ?? []).map((c) => ({ glyphID: c.glyphID, pos: c.pos })) }),
      };
      glyphs.set(gid, entry);
    }
    let buffer = entry.buffer;
    if (entry.components) {
      buffer = new Uint8Array(entry.buffer);
      const view = new DataView(buffer.buffer);
      for (const c of entry.components) view.setUint16(c.pos, this.includeGlyph(c.glyphID));
    }
    this.glyf.push(buffer);
    this.loca.offsets.push(this.offset);
    this.hmtx.metrics.push({ advance: entry.advance, bearing: entry.bearing });
    this.offset += buffer.length;
    return this.glyf.length - 1;
  };
}

// pdfkit's PDFReference (pinned 0.19.1), as much of it as the compression touches.
interface PdfKitReference {
  compress: boolean;
  buffer: Uint8Array[];
  finalize(this: PdfKitReference): void;
}

/**
 * The deflate level of every stream: 4, as the DOCX's XML. fflate at zlib's default level 6 (what
 * pdfkit asked Node's zlib for) took twice as long for 1.4 % less: the sample's 20 streams (428 KB)
 * 129.6 KB in 37.8 ms at 6, 131.4 KB in 17.3 ms at 4 (measured together, under load).
 */
export const STREAM_DEFLATE_LEVEL = 4;

/** How many streams the hook has deflated in this process: the test's proof that it takes effect. */
export let streamsDeflated = 0;

/**
 * pdfkit deflates a stream in PDFReference.finalize with `zlib.deflateSync`: Node's zlib (native,
 * Chromium's fork of it) on Node, and whatever a bundler puts in for `zlib` in a browser (a
 * JavaScript port), which do not give the same bytes. The stream is deflated here with fflate
 * (also the DOCX's zip), the same code wherever the engine runs, and handed to the original
 * finalize already deflated: with `compress` off it only writes it, with the /Filter that `write`
 * has set. pdfkit does not export the class: its prototype is taken from a reference it makes.
 */
function installStreamCompression(PdfKit: new (options: object) => { ref(): object }): void {
  const reference = Object.getPrototypeOf(new PdfKit({ autoFirstPage: false, font: null }).ref()) as PdfKitReference;
  const originalFinalize = reference.finalize;
  if (typeof originalFinalize !== 'function') throw new Error('pdfkit internals changed: PDFReference.finalize missing (see src/export/pdf/pdfkit-hooks.ts)');
  reference.finalize = function () {
    if (this.compress && Array.isArray(this.buffer) && this.buffer.length > 0) {
      let length = 0;
      for (const chunk of this.buffer) length += chunk.length;
      const data = new Uint8Array(length);
      let at = 0;
      for (const chunk of this.buffer) {
        data.set(chunk, at);
        at += chunk.length;
      }
      this.buffer = [zlibSync(data, { level: STREAM_DEFLATE_LEVEL })];
      this.compress = false;
      streamsDeflated++;
    }
    originalFinalize.call(this);
  };
}
