import { newFilePath } from '../../data/new-file.ts';

// The names of the clerk's files on their own computer (the static site). Pure: no DOM, so that the
// tests check them in Node.

/**
 * A new agency's file name, with its fiscal year: a clerk keeps every year in one folder, and the
 * name tells them apart (`nakhon-pathom-2567.yaml`).
 */
export const localFileName = (fiscalYear: number, name: string): string | undefined =>
  newFilePath(fiscalYear, name) === undefined ? undefined : `${name}-${fiscalYear}.yaml`;

/**
 * Next year's file beside this one, named as a new agency's file is: the engine suggests a place
 * in a data folder of year folders (`2567/nakhon-pathom.yaml`, as the server keeps them), while a
 * clerk keeps the years side by side (`nakhon-pathom-2566.yaml` → `nakhon-pathom-2567.yaml`,
 * `nakhon-pathom.yaml` → `nakhon-pathom-2567.yaml`).
 */
export function nextYearFileName(opened: string, fiscalYear: number): string {
  const stem = opened.replace(/\.ya?ml$/i, '').replace(/[-_ ]?\d{4}$/, '');
  return `${stem || 'ita'}-${fiscalYear}.yaml`;
}
