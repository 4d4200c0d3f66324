/**
 * Where the same agency's file for the previous fiscal year may be, as names relative to the
 * folder the data file is in: Node-free, so that the command line (src/files/previous.ts), the
 * batch, the web server and the static site in a browser (a folder the clerk opened) follow one
 * convention. Two ways of keeping the years are known:
 * - a folder per year (`2567/nakhon-pathom.yaml` → `../2566/nakhon-pathom.yaml`), as the server's
 *   data folder and the README's examples keep them;
 * - the years side by side in one folder, the year at the end of the name
 *   (`nakhon-pathom-2567.yaml` → `nakhon-pathom-2566.yaml`), as the static site names new files
 *   (src/serve/page/local-names.ts) and as a clerk keeps them on their own computer.
 */

/** A year at the end of a file's stem: not part of a longer number, before `.yaml`/`.yml`. */
const STEM_YEAR = /(^|\D)(\d{4})(\.ya?ml)$/i;

/**
 * The candidates, first the folder per year, then the side-by-side name; the first that exists is
 * the previous year's file. `file` is a path with `/` or `\` between folders (only its last two
 * parts are read); `fiscalYear` is the file's own year when known: a folder or a name whose year
 * is another one is no clue. Each candidate is relative to the data file's folder, with `/`.
 */
export function previousYearNames(file: string, fiscalYear?: number): string[] {
  const parts = file.split(/[\\/]/);
  const base = parts[parts.length - 1] ?? '';
  const folder = parts.length >= 2 ? parts[parts.length - 2]! : '';
  const names: string[] = [];
  const folderYear = /^\d{4}$/.test(folder) ? Number(folder) : undefined;
  if (folderYear !== undefined && (fiscalYear === undefined || folderYear === fiscalYear)) {
    names.push(`../${folderYear - 1}/${base}`);
  }
  const stem = STEM_YEAR.exec(base);
  const stemYear = stem ? Number(stem[2]) : undefined;
  if (stem && stemYear !== undefined && (fiscalYear === undefined || stemYear === fiscalYear)) {
    names.push(base.slice(0, stem.index) + stem[1] + String(stemYear - 1) + stem[3]);
  }
  return names;
}

/**
 * Joins a candidate of previousYearNames to the data file's own relative path in a folder (the
 * static site's names: `nakhon-pathom-2567.yaml`, `2567/x.yaml`), or undefined when it would lead
 * out of that folder (`x.yaml` opened at the top has no `../2566/`).
 */
export function besideName(file: string, candidate: string): string | undefined {
  const parts = file.split(/[\\/]/).slice(0, -1);
  for (const part of candidate.split('/')) {
    if (part === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}

/**
 * A file the data names (`announcement.emblem`, written relative to the data file, `/` or `\`
 * between folders) as a path in the folder the data file is in at `file`: undefined when it
 * would lead out of that folder, absolute paths and drives included. The static site's folder
 * reads only inside it, as the server reads only inside its data folder.
 */
export const writtenInFolder = (file: string, written: string): string | undefined =>
  /^([\\/]|[a-z]:)/i.test(written) ? undefined : besideName(file, written.replace(/\\/g, '/'));
