import path from 'node:path';

/**
 * Where the same agency's file for the previous fiscal year lives in the data tree
 * (<data>/<year>/<agency>.yaml): the same file name in the previous year's folder. A file that is
 * not in a folder named after its fiscal year has no place to look.
 */
export function previousYearFile(file: string, fiscalYear: number): string | undefined {
  const dir = path.dirname(path.resolve(file));
  if (path.basename(dir) !== String(fiscalYear)) return undefined;
  return path.join(path.dirname(dir), String(fiscalYear - 1), path.basename(file));
}
