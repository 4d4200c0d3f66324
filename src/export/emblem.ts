import { officialFormat as F } from '../style/official-format.ts';
import { bundledFontSet } from '../fonts/fonts.ts';
import { Lru } from '../fonts/lru.ts';
import { resources, type SvgFonts, type SvgRenderer } from '../resources/resources.ts';
import type { DocumentModel } from '../model/types.ts';

/**
 * The emblem at the head of a ประกาศ as both exporters draw it. resvg reads the picture (the shipped
 * Garuda or an agency's own SVG) and writes it again as plain SVG: styles resolved, every text an
 * outline (in the bundled Laksaman, so no system font stands in), the page cropped to what is drawn.
 * The PDF draws that as vectors; the DOCX embeds it, with a PNG for Word versions without SVG. The
 * drawing, not the picture's page, is what the official format sets 3 cm high.
 *
 * resvg comes from Resources: its native build on Node (fast to start, nothing to load), its
 * WebAssembly build in a browser (loaded asynchronously), the same resvg 2.6.2 and the same bytes
 * out. An exporter awaits `emblemsReady` for its model before drawing.
 */

let renderer: SvgRenderer | undefined;

/** Makes resvg ready when the model has an emblem to draw. */
export async function emblemsReady(model: DocumentModel): Promise<void> {
  if (model.blocks.some((block) => block.kind === 'emblem')) renderer ??= await resources().svgRenderer();
}

function svgRenderer(): SvgRenderer {
  if (!renderer) throw new Error('internal error: the emblem drawn before emblemsReady');
  return renderer;
}

/** The bundled faces: texts in an emblem become outlines in Laksaman. */
const FONTS: SvgFonts = { files: Object.values(bundledFontSet().files), defaultFamily: 'Laksaman' };

export interface EmblemPicture {
  /** Plain SVG, its view box the drawing's bounding box, its width and height the size below. */
  svg: string;
  /** In points: the official height, and the width the drawing has at that height. */
  width: number;
  height: number;
}

/** The same emblem is drawn by every announcement of a batch, in two formats: read once. */
const pictures = new Lru<string, EmblemPicture>(4);
const pngs = new Lru<string, Uint8Array>(4);

export function emblemPicture(svg: string): EmblemPicture {
  let picture = pictures.get(svg);
  if (!picture) {
    picture = readPicture(svg);
    pictures.set(svg, picture);
  }
  return picture;
}

function readPicture(source: string): EmblemPicture {
  // The loader refuses an emblem that draws nothing; the shipped one draws.
  const cropped = svgRenderer().cropped(source, FONTS);
  if (!cropped) throw new Error('the emblem draws nothing');
  const { svg: written, width: boxWidth, height: boxHeight } = cropped;
  // resvg writes six or more decimals; a ten-thousandth of the drawing's size is far below what
  // prints (3 µm at 3 cm), and the PDF and the DOCX carry every coordinate.
  const decimals = Math.max(0, 4 - Math.floor(Math.log10(Math.max(boxWidth, boxHeight))));
  const digits = new RegExp(`(\\d\\.\\d{${decimals}})\\d+`, 'g');
  const rounded = written.replace(digits, '$1');
  const plain = decimals === 0 ? rounded.replace(/(\d)\.(?!\d)/g, '$1') : rounded;
  const height = F.emblem.height;
  const width = (height * boxWidth) / boxHeight;
  return { svg: sized(plain, width, height), width, height };
}

/** The SVG with its outermost width and height set to the size it is drawn at (the view box scales the drawing). */
function sized(svg: string, width: number, height: number): string {
  const root = /<svg\b[^>]*>/.exec(svg);
  if (!root) throw new Error('resvg wrote no <svg> element');
  const tag = root[0].replace(/\s(width|height)="[^"]*"/g, '');
  const size = `<svg width="${width.toFixed(3)}" height="${height.toFixed(3)}"`;
  return svg.slice(0, root.index) + size + tag.slice('<svg'.length) + svg.slice(root.index + root[0].length);
}

/** Word's print resolution of pictures, as the chart's. */
const DPI = F.pictureDpi;

/** The emblem as PNG, for Word versions that do not read SVG; white behind it, as on paper. */
export function emblemPng(picture: EmblemPicture): Uint8Array {
  let png = pngs.get(picture.svg);
  if (!png) {
    png = svgRenderer().png(picture.svg, FONTS, Math.round((picture.height / 72) * DPI));
    pngs.set(picture.svg, png);
  }
  return png;
}
