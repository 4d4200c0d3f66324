import { Packer, type Document } from 'docx';
import { deflateSync, strFromU8, strToU8, unzipSync, Zip, ZipPassThrough } from 'fflate';
import { Lru } from '../../fonts/lru.ts';
import { addChartParts, type ChartPart } from './chart-part.ts';

/**
 * The docx library stamps the current time into docProps/core.xml and into every zip entry, and
 * numbers drawings across the process, so two runs on the same data would differ. This rewrites
 * the dates with the document's own date and the drawing ids per document, so
 * the same input gives byte-identical files (and a batch can tell what really changed).
 */
export function normalizeDocx(bytes: Uint8Array, isoDate: string, charts: readonly ChartPart[] = []): Uint8Array {
  return zipDeterministic(unzipSync(bytes), isoDate, charts);
}

const XML_DEFLATE_LEVEL = 4;

/** The parts of a package by path, as docx's compiler hands them to its zip step. */
type Compile = (document: Document) => Map<string, string | Uint8Array>;

/**
 * docx 9 (pinned) compiles a document into its parts with `Packer.compiler` and then zips them;
 * taking the parts straight from the compiler saves zipping, unzipping and zipping again (a third
 * of the DOCX time). The compiler is not public API, so without it the slow path is taken.
 */
const compile: Compile | undefined = (() => {
  const compiler = (Packer as unknown as { compiler?: { compile?: (d: Document) => Map<string, string | Uint8Array> } }).compiler;
  return typeof compiler?.compile === 'function' ? (d: Document) => compiler.compile!(d) : undefined;
})();

/** Packs a document, adding the chart parts that docx cannot write itself (chart-part.ts). */
export async function packDocx(document: Document, isoDate: string, charts: readonly ChartPart[] = []): Promise<Uint8Array> {
  if (!compile) return normalizeDocx(new Uint8Array(await Packer.toBuffer(document)), isoDate, charts);
  const files: Record<string, Uint8Array> = {};
  for (const [name, data] of compile(document)) files[name] = typeof data === 'string' ? strToU8(data) : data;
  return zipDeterministic(files, isoDate, charts);
}

function zipDeterministic(files: Record<string, Uint8Array>, isoDate: string, charts: readonly ChartPart[]): Uint8Array {
  // Zip stores local date components; building the Date from components keeps them the same in
  // every time zone.
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const mtime = new Date(y, m - 1, d, 0, 0, 0);
  addChartParts(files, charts, mtime);
  const stamp = `${isoDate}T00:00:00Z`;
  const core = files['docProps/core.xml'];
  if (core) {
    files['docProps/core.xml'] = strToU8(
      strFromU8(core)
        .replace(/(<dcterms:created[^>]*>)[^<]*(<\/dcterms:created>)/, `$1${stamp}$2`)
        .replace(/(<dcterms:modified[^>]*>)[^<]*(<\/dcterms:modified>)/, `$1${stamp}$2`),
    );
  }
  // docx numbers drawings with a counter that runs across the process; each document numbers its
  // own from 1, so a chart gets the same id in whichever document of a batch it is drawn.
  const body = files['word/document.xml'];
  if (body) {
    const xml = strFromU8(body);
    if (xml.includes('<wp:docPr ')) {
      let id = 0;
      files['word/document.xml'] = strToU8(xml.replace(/<wp:docPr id="\d+"/g, () => `<wp:docPr id="${++id}"`));
    }
  }
  // A PNG or an embedded workbook is compressed already: deflating it again costs time and saves
  // nothing. The XML at level 4, not 6: measured on the sample's report, 7 ms instead of 17 for a
  // file 5 % larger (23.1 KB instead of 22.1).
  const chunks: Uint8Array[] = [];
  const zip = new Zip((err, chunk) => {
    if (err) throw err;
    chunks.push(chunk);
  });
  for (const [name, data] of Object.entries(files)) {
    const entry = /\.(png|xlsx)$/.test(name) ? new ZipPassThrough(name) : new Deflated(name, deflatedOnce(name, data));
    entry.mtime = mtime;
    zip.add(entry);
    entry.push(data, true);
  }
  zip.end();
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * An entry whose DEFLATE stream is made beforehand: fflate's documented way to add data compressed
 * elsewhere (a ZipPassThrough whose process() hands on other bytes; its crc and size stay those of
 * the data pushed, as the zip format wants).
 */
class Deflated extends ZipPassThrough {
  constructor(
    name: string,
    private readonly deflated: Uint8Array,
  ) {
    super(name);
    this.compression = 8;
  }
  protected override process(_data: Uint8Array<ArrayBuffer>, final: boolean): void {
    if (final) this.ondata(null, this.deflated as Uint8Array<ArrayBuffer>, true);
  }
}

/**
 * Most parts of a package are the same in every document of a batch (styles, theme, numbering,
 * settings, the ประกาศ's emblem: 90 KB of SVG, 5 ms to deflate): each is deflated once per process,
 * kept by its name and bytes. The body and the parts that carry the agency's data change every
 * time and are deflated afresh.
 */
const deflatedParts = new Lru<string, { data: Uint8Array; deflated: Uint8Array }>(64);
const CHANGING = /^(word\/document\.xml|docProps\/core\.xml|word\/charts\/)/;

export function deflatedOnce(name: string, data: Uint8Array): Uint8Array {
  if (CHANGING.test(name)) return deflateSync(data, { level: XML_DEFLATE_LEVEL });
  const key = `${name}\u0000${data.length}\u0000${fingerprint(data)}`;
  const kept = deflatedParts.get(key);
  if (kept && sameBytes(kept.data, data)) return kept.deflated;
  const deflated = deflateSync(data, { level: XML_DEFLATE_LEVEL });
  deflatedParts.set(key, { data: data.slice(), deflated });
  return deflated;
}

/** FNV-1a over the bytes: a key to find a part by; a hit is then compared byte for byte. */
function fingerprint(data: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < data.length; i++) h = Math.imul(h ^ data[i]!, 0x01000193);
  return h >>> 0;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
