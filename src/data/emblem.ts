import { parseDocument } from 'yaml';
import { resources } from '../resources/resources.ts';
import type { EmblemFile, FieldPath, Finding } from './types.ts';

/**
 * An agency's own emblem (`announcement.emblem`), drawn instead of the Garuda at the head of the
 * announcement: a path relative to the data file, read and checked here so that a wrong file is a
 * located error of `check`, never a broken or empty document. Both formats draw it as vectors, so
 * it must be an SVG, and one that stands alone: a file it referred to would be read from wherever
 * it points (the web page reads only inside its data folder). The file is read, and the SVG parsed,
 * through the installed Resources (src/resources): this file does no I/O of its own.
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

/** Reads and checks the emblem named `written` in `dataFile`; a finding at the key when it cannot be used. */
export function readEmblem(dataFile: string, written: string, access: EmblemAccess = {}): { emblem: EmblemFile } | { finding: Finding } {
  const shown = { file: written };
  const read = resources().userFile(dataFile, written, { ...(access.within !== undefined && { within: access.within }), maxBytes: MAX_EMBLEM_BYTES });
  if ('failure' in read) {
    switch (read.failure) {
      case 'outside':
        return { finding: finding('emblem.outside', shown) };
      case 'missing':
        return { finding: finding('emblem.missing', shown) };
      case 'unreadable':
        return { finding: finding('emblem.unreadable', { ...shown, reason: read.reason }) };
      case 'too-large':
        return { finding: finding('emblem.too-large', { ...shown, value: kilobytes(read.size), max: kilobytes(MAX_EMBLEM_BYTES) }) };
    }
  }
  const { file, bytes } = read;
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
  // Parsed as both exporters draw it (resvg).
  let drawn: boolean;
  try {
    drawn = resources().svgDraws(svg);
  } catch (err) {
    return { finding: finding('emblem.not-svg', { ...shown, detail: String((err as Error).message ?? err).replace(/^Error: /, '').split('\n')[0]! }) };
  }
  if (!drawn) return { finding: finding('emblem.empty', shown) };
  return { emblem: { file, svg } };
}

/**
 * The bytes of the emblem file that a data file's text names, for the batch's fingerprint (a new
 * emblem rebuilds the documents); empty when it names none, or the file cannot be read.
 */
export async function emblemBytes(dataFile: string, data: Uint8Array): Promise<Uint8Array> {
  const none = new Uint8Array(0);
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(data);
  // Most files name no emblem: they are not parsed here.
  if (!text.includes('emblem')) return none;
  const written = parseDocument(text).getIn(['announcement', 'emblem']);
  if (typeof written !== 'string') return none;
  const read = resources().userFile(dataFile, written, { maxBytes: MAX_EMBLEM_BYTES });
  return 'bytes' in read ? read.bytes : none;
}

const kilobytes = (bytes: number): string => `${Math.ceil(bytes / 1024).toLocaleString('en-US')} KB`;
