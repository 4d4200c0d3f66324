import { readFileSync } from 'node:fs';

/** Pictures shipped with the tool (see assets/README.md for where they come from). */
export const assetsDir = new URL('../../assets/', import.meta.url);

let garuda: string | undefined;

/** The Garuda emblem of an official ประกาศ, read once per process. */
export function garudaSvg(): string {
  garuda ??= readFileSync(new URL('garuda.svg', assetsDir), 'utf8');
  return garuda;
}
