import { newFilePath } from '../../data/new-file.ts';
import type { Message } from '../api.ts';

// The names of the clerk's files on their own computer (the static site). Pure: no DOM, so that the
// tests check them in Node.

/** A data file's name: `.yaml`, or `.yml`, in any case. */
export const YAML = /\.ya?ml$/i;

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
  const stem = opened.replace(YAML, '').replace(/[-_ ]?\d{4}$/, '');
  return `${stem || 'ita'}-${fiscalYear}.yaml`;
}

/**
 * Next year's file in a folder the clerk opened (the static site's folder mode), where the server
 * would put it in its own folder: the year folder after this one's (`2566/x.yaml` →
 * `2567/x.yaml`) when the file is in the folder of its year, else beside it under the name with
 * the year (`x-2566.yaml` → `x-2567.yaml`): where src/data/previous-name.ts looks for last year's.
 */
export function nextYearInFolder(opened: string, fiscalYear: number): string {
  const parts = opened.split('/');
  const base = parts.pop() ?? '';
  if (parts[parts.length - 1] === String(fiscalYear - 1)) return [...parts.slice(0, -1), String(fiscalYear), base].join('/');
  return [...parts, nextYearFileName(base, fiscalYear)].join('/');
}

/**
 * A new agency's file in a folder the clerk opened: in its year's folder when the folder keeps the
 * years in folders (`2567/x.yaml`, the server's place, newFilePath), else with the year in its name
 * beside the others (`x-2567.yaml`, localFileName).
 */
export const newFileInFolder = (yearFolders: boolean, fiscalYear: number, name: string): string | undefined =>
  yearFolders ? newFilePath(fiscalYear, name) : localFileName(fiscalYear, name);

/**
 * Why a path in the folder the clerk opened (`2567/x.yaml`, `/` between folders) is refused: it
 * would lead out of the folder (`..`, an absolute path, a drive) or is no plain path in it; in the
 * words of the server's refusal of a path outside its data folder (src/serve/guard.ts). Undefined
 * when it is a path in the folder.
 */
export function outsideFolder(path: string): Message | undefined {
  const parts = path.split('/');
  if (!parts.some((p) => p === '' || p === '.' || p === '..' || p.includes('\\')) && !/^[a-z]:/i.test(path)) return undefined;
  return { th: `ไม่อนุญาตให้เปิดไฟล์นอกโฟลเดอร์ข้อมูล: ${JSON.stringify(path)}`, en: `refused: ${JSON.stringify(path)} is outside the data folder` };
}
