import { resources } from '../resources/resources.ts';

/** Pictures shipped with the tool, in assets/ (see assets/README.md for where they come from). */

let garuda: string | undefined;

/** The Garuda emblem of an official ประกาศ, read once per process. */
export function garudaSvg(): string {
  garuda ??= resources().text('assets/garuda.svg');
  if (garuda === undefined) throw new Error('internal error: assets/garuda.svg is missing');
  return garuda;
}
