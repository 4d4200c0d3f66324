import { readFileSync, realpathSync, statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Resvg as ResvgClass } from '@resvg/resvg-js';
import { parseDocument } from 'yaml';
import type { EmblemFile, FieldPath, Finding } from './types.ts';

/**
 * An agency's own emblem (`announcement.emblem`), drawn instead of the Garuda at the head of the
 * announcement: a path relative to the data file, read and checked here so that a wrong file is a
 * located error of `check`, never a broken or empty document. Both formats draw it as vectors, so
 * it must be an SVG, and one that stands alone: a file it referred to would be read from wherever
 * it points (the web page reads only inside its data folder).
 */

/** The largest emblem file, in bytes: an emblem drawn in detail is a few hundred KB. */
export const MAX_EMBLEM_BYTES = 2 * 1024 * 1024;

/** Where emblem files may be read: anywhere (the command line), or only inside `within` (the web page's data folder). */
export interface EmblemAccess {
  within?: string;
}

const AT: FieldPath = ['announcement', 'emblem'];

const finding = (code: string, params: Finding['params']): Finding => ({ severity: 'error', code, path: AT, params });

/** Pictures that are not SVG, by their first bytes, so that the message can say what the file is. */
const OTHER_FORMATS: { name: string; magic: number[] }[] = [
  { name: 'PNG', magic: [0x89, 0x50, 0x4e, 0x47] },
  { name: 'JPEG', magic: [0xff, 0xd8, 0xff] },
  { name: 'GIF', magic: [0x47, 0x49, 0x46, 0x38] },
  { name: 'PDF', magic: [0x25, 0x50, 0x44, 0x46] },
  { name: 'WebP', magic: [0x52, 0x49, 0x46, 0x46] },
  { name: 'BMP', magic: [0x42, 0x4d] },
  { name: 'TIFF', magic: [0x49, 0x49, 0x2a, 0x00] },
  { name: 'TIFF', magic: [0x4d, 0x4d, 0x00, 0x2a] },
  // A compressed SVG (.svgz).
  { name: 'gzip', magic: [0x1f, 0x8b] },
];

/**
 * A reference to another file: an href, or a CSS url(), that is not a fragment of this file (#id)
 * or data written into it (data:).
 */
const EXTERNAL = /\b(?:xlink:)?href\s*=\s*(["'])\s*((?!#|data:)[^"']*)\1|url\(\s*["']?\s*((?!#|data:)[^)"']*)/i;

const UTF8 = new TextDecoder('utf-8', { fatal: true });

const require = createRequire(import.meta.url);
let Resvg: typeof ResvgClass | undefined;

/** Whether `inner` is `root` or inside it. */
const isInside = (root: string, inner: string): boolean => {
  const relative = path.relative(root, inner);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
};

/** Reads and checks the emblem named `written` in `dataFile`; a finding at the key when it cannot be used. */
export function readEmblem(dataFile: string, written: string, access: EmblemAccess = {}): { emblem: EmblemFile } | { finding: Finding } {
  const file = path.resolve(path.dirname(dataFile), written);
  const shown = { file: written };
  if (access.within !== undefined) {
    // Outside the folder by its name, or once symbolic links are followed: not read, not even asked about.
    const root = realOrSelf(path.resolve(access.within));
    if (!isInside(path.resolve(access.within), file) && !isInside(root, file)) return { finding: finding('emblem.outside', shown) };
    let real: string;
    try {
      real = realpathSync(file);
    } catch (err) {
      return { finding: failure(err, shown) };
    }
    if (!isInside(root, real)) return { finding: finding('emblem.outside', shown) };
  }
  let bytes: Buffer;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) return { finding: finding('emblem.unreadable', { ...shown, reason: stat.isDirectory() ? 'EISDIR' : 'not a file' }) };
    if (stat.size > MAX_EMBLEM_BYTES) return { finding: finding('emblem.too-large', { ...shown, value: kilobytes(stat.size), max: kilobytes(MAX_EMBLEM_BYTES) }) };
    bytes = readFileSync(file);
  } catch (err) {
    return { finding: failure(err, shown) };
  }
  if (bytes.length > MAX_EMBLEM_BYTES) return { finding: finding('emblem.too-large', { ...shown, value: kilobytes(bytes.length), max: kilobytes(MAX_EMBLEM_BYTES) }) };
  const other = OTHER_FORMATS.find((f) => f.magic.every((b, i) => bytes[i] === b));
  if (other) return { finding: finding('emblem.not-svg', { ...shown, detail: `a ${other.name} file` }) };
  let svg: string;
  try {
    svg = UTF8.decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return { finding: finding('emblem.not-svg', { ...shown, detail: 'not UTF-8 text' }) };
  }
  const external = EXTERNAL.exec(svg);
  if (external) return { finding: finding('emblem.external', { ...shown, ref: (external[2] ?? external[3] ?? '').trim().slice(0, 200) }) };
  // The parser both exporters draw it with (resvg), loaded only when a file has an emblem of its own.
  Resvg ??= (require('@resvg/resvg-js') as { Resvg: typeof ResvgClass }).Resvg;
  let drawn: boolean;
  try {
    drawn = new Resvg(svg, { font: { loadSystemFonts: false } }).getBBox() !== undefined;
  } catch (err) {
    return { finding: finding('emblem.not-svg', { ...shown, detail: String((err as Error).message ?? err).replace(/^Error: /, '').split('\n')[0]! }) };
  }
  if (!drawn) return { finding: finding('emblem.empty', shown) };
  return { emblem: { file, svg } };
}

function realOrSelf(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

/** A file that could not be found or read. */
function failure(err: unknown, shown: { file: string }): Finding {
  const code = (err as NodeJS.ErrnoException).code ?? String(err);
  return code === 'ENOENT' || code === 'ENOTDIR' ? finding('emblem.missing', shown) : finding('emblem.unreadable', { ...shown, reason: code });
}

/**
 * The bytes of the emblem file that a data file's text names, for the batch's fingerprint (a new
 * emblem rebuilds the documents); empty when it names none, or the file cannot be read.
 */
export async function emblemBytes(dataFile: string, data: Uint8Array): Promise<Uint8Array> {
  const none = new Uint8Array(0);
  // Most files name no emblem: they are not parsed here.
  if (!Buffer.from(data.buffer, data.byteOffset, data.byteLength).includes('emblem')) return none;
  const written = parseDocument(Buffer.from(data).toString('utf8')).getIn(['announcement', 'emblem']);
  if (typeof written !== 'string') return none;
  const file = path.resolve(path.dirname(dataFile), written);
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile() || info.size > MAX_EMBLEM_BYTES) return none;
  return readFile(file).catch(() => none);
}

const kilobytes = (bytes: number): string => `${Math.ceil(bytes / 1024).toLocaleString('en-US')} KB`;
