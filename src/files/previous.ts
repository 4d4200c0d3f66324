import { existsSync } from 'node:fs';
import path from 'node:path';
import { previousYearNames } from '../data/previous-name.ts';

/**
 * The same agency's file for the previous fiscal year, on disk: the first that exists of the
 * places that src/data/previous-name.ts names (the previous year's folder,
 * `<data>/2566/x.yaml` for `<data>/2567/x.yaml`; else the same name with the previous year at its
 * end, beside it: `x-2566.yaml` for `x-2567.yaml`). Undefined when neither exists, or the file is
 * neither in a year's folder nor named after its year.
 */
export function previousYearFile(file: string, fiscalYear?: number): string | undefined {
  const absolute = path.resolve(file);
  const dir = path.dirname(absolute);
  // Only the folder and the file's name are read, whatever the separators of the platform.
  const named = `${path.basename(dir)}/${path.basename(absolute)}`;
  for (const candidate of previousYearNames(named, fiscalYear)) {
    const found = path.join(dir, ...candidate.split('/'));
    if (existsSync(found)) return found;
  }
  return undefined;
}
