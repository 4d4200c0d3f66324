import path from 'node:path';

/**
 * Where the same agency's file for the previous fiscal year lives in the data tree
 * (<data>/<year>/<agency>.yaml): the same file name in the previous year's folder. A file that is
 * not in a folder named after its fiscal year has no place to look.
 */
export function previousYearFile(file: string, fiscalYear = yearFolderOf(file)): string | undefined {
  const dir = path.dirname(path.resolve(file));
  if (fiscalYear === undefined || path.basename(dir) !== String(fiscalYear)) return undefined;
  return path.join(path.dirname(dir), String(fiscalYear - 1), path.basename(file));
}

/** The fiscal year a file's folder is named after (data/2566/x.yaml → 2566), if it is one. */
function yearFolderOf(file: string): number | undefined {
  const name = path.basename(path.dirname(path.resolve(file)));
  return /^\d{4}$/.test(name) ? Number(name) : undefined;
}
