import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';

/**
 * The docx library stamps the current time into docProps/core.xml and into every zip entry, so
 * two runs on the same data would differ. This rewrites both with the document's own date, so
 * the same input gives byte-identical files (and a batch can tell what really changed).
 */
export function normalizeDocx(bytes: Uint8Array, isoDate: string): Uint8Array {
  const files = unzipSync(bytes);
  const stamp = `${isoDate}T00:00:00Z`;
  const core = files['docProps/core.xml'];
  if (core) {
    files['docProps/core.xml'] = strToU8(
      strFromU8(core)
        .replace(/(<dcterms:created[^>]*>)[^<]*(<\/dcterms:created>)/, `$1${stamp}$2`)
        .replace(/(<dcterms:modified[^>]*>)[^<]*(<\/dcterms:modified>)/, `$1${stamp}$2`),
    );
  }
  // Zip stores local date components; building the Date from components keeps them the same in
  // every time zone.
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const mtime = new Date(y, m - 1, d, 0, 0, 0);
  const entries: Zippable = {};
  for (const [name, data] of Object.entries(files)) entries[name] = [data, { mtime, level: 6 }];
  return zipSync(entries);
}
