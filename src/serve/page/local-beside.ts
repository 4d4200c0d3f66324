import { previousYearNames } from '../../data/previous-name.ts';
import type { Beside } from '../../web/protocol.ts';
import type { Message } from '../api.ts';
import { YAML } from './local-names.ts';

// What the static site hands the engine beside the clerk's data file, from the files the clerk
// gave. Pure: no DOM, so that the tests check it in Node.

/** A file the clerk gave beside the data file: its name as the browser knows it, and its bytes. */
export interface BesideFile {
  name: string;
  bytes: Uint8Array;
}

/** UTF-8 text without a byte-order mark, or undefined when the bytes are not UTF-8. */
export const utf8 = (bytes: Uint8Array): string | undefined => {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return undefined;
  }
};

/** The emblem file the form's data names (`announcement.emblem`), as written; undefined when none. */
export function emblemWritten(raw: unknown): string | undefined {
  const announcement = (raw as { announcement?: { emblem?: unknown } } | null)?.announcement;
  return typeof announcement?.emblem === 'string' && announcement.emblem.trim() !== '' ? announcement.emblem : undefined;
}

const lastPart = (written: string): string => written.split(/[\\/]/).pop() ?? written;

/**
 * What the engine needs beside the data (protocol.ts's Beside), from the files the clerk gave:
 * the YAML file is last year's; a file named as the emblem the data names (its last part: the
 * browser does not tell where a picked file was) is that emblem, by the path the data writes.
 */
export function besideFor(given: readonly BesideFile[], raw: unknown, opened?: string): Beside {
  // The one named as last year's (src/data/previous-name.ts), else the YAML file given: one of
  // another year or agency is left out by the engine with a warning that says why.
  const named = opened === undefined ? [] : previousYearNames(opened);
  const yaml = given.find((f) => named.includes(f.name)) ?? given.find((f) => YAML.test(f.name));
  const text = yaml && utf8(yaml.bytes);
  const written = emblemWritten(raw);
  const emblem = written === undefined ? undefined : given.find((f) => !YAML.test(f.name) && f.name === lastPart(written));
  return {
    ...(yaml && text !== undefined && { previous: { name: yaml.name, text } }),
    ...(written !== undefined && emblem && { files: [{ path: written, bytes: emblem.bytes }] }),
  };
}

/** What the documents lack because the clerk did not give its file: Thai first, English beside. */
export function missingFor(given: readonly BesideFile[], raw: unknown): Message[] {
  const beside = besideFor(given, raw);
  const missing: Message[] = [];
  if (!beside.previous) {
    missing.push({
      th: 'รายงานไม่มีการเปรียบเทียบกับปีก่อน เพราะยังไม่ได้ให้ไฟล์ข้อมูลของปีก่อน (กด “ไฟล์ของปีก่อน / ตราสัญลักษณ์ (ถ้ามี)”)',
      en: "the report has no comparison with the previous year: last year's data file was not given",
    });
  }
  const written = emblemWritten(raw);
  if (written !== undefined && !beside.files) {
    missing.push({
      th: `ประกาศไม่มีตราสัญลักษณ์ของหน่วยงาน เพราะยังไม่ได้ให้ไฟล์ ${lastPart(written)}`,
      en: `the announcement lacks the agency's emblem: ${lastPart(written)} was not given`,
    });
  }
  return missing;
}
