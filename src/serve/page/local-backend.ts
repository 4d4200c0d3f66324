import type { EngineRequests } from '../../web/protocol.ts';
import { Refused, type Backend } from './backend.ts';
import { startEngine } from './engine-client.ts';
import { Cancelled, chooseDestination, writeFile } from './local-files.ts';
import { besideFor, missingFor, type BesideFile } from './local-beside.ts';
import { localFileName, nextYearFileName } from './local-names.ts';

/**
 * The engine in the browser (the static site of `npm run build:web`): the page's requests are
 * answered by the engine script (engine-client.ts), and the clerk's file lives on their own
 * computer (local-files.ts). Nothing leaves the machine.
 */

/** The file the form holds, as the engine needs it to save or to start next year: its text as opened or last saved. */
interface LocalFile {
  name: string;
  /** '' for a file not saved yet. */
  text: string;
  handle?: FileSystemFileHandle;
}

const NOT_SAVED_YET = new Refused({
  th: 'ให้บันทึกไฟล์นี้ก่อน แล้วจึงเริ่มปีใหม่จากไฟล์นี้',
  en: 'save this file first, then start next year from it',
});

const YAML = /\.ya?ml$/i;

export function localBackend(engineUrl: string): Backend {
  const engine = startEngine(engineUrl);
  let current: LocalFile | null = null;
  // Given by the clerk for the file open now; another file opened starts without them.
  let given: BesideFile[] = [];

  return {
    mode: 'local',

    async framework(year, fallback) {
      const asked = Number(year);
      if (!Number.isInteger(asked)) return null;
      // No framework for that year is the server's 404: the form is labelled without one.
      return engine.ask('framework', { year: asked, fallback }).catch(() => null);
    },

    async files() {
      return null;
    },

    async open(source) {
      if (!('picked' in source)) throw new Error('the static site opens files the clerk picks, not paths');
      const { name, text, handle } = source.picked;
      given = [];
      const loaded = await engine.ask('load', { name, text });
      current = { name, text, ...(handle && { handle }) };
      return { path: name, ...loaded };
    },

    check(path, raw) {
      return engine.ask('check', { name: path || null, raw, ...besideFor(given, raw, current?.name) });
    },

    async render(path, raw, kind, format, signal) {
      // `kind` is one of the documents the page offers (preview.ts); the engine refuses any other.
      // The engine cannot be stopped half-way: a render nobody wants any more is let finish and dropped.
      const rendered = await engine
        .ask('render', { name: path || null, raw, kind: kind as EngineRequests['render']['input']['kind'], format, ...besideFor(given, raw, current?.name) })
        .catch((err: unknown) => {
          // A document the data cannot make (a round it does not have), said by the engine.
          if (err instanceof Refused) return { refused: err.said };
          throw err;
        });
      signal?.throwIfAborted();
      if ('refused' in rendered) return rendered;
      if ('invalid' in rendered) return { invalid: rendered.invalid };
      const type = format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
      return { blob: new Blob([rendered.bytes as Uint8Array<ArrayBuffer>], { type }) };
    },

    async save(path, raw, create) {
      const before = !create && current?.name === path ? current : null;
      const destination = await chooseDestination(path, before?.handle).catch((err: unknown) => {
        throw err instanceof Cancelled ? new Refused({ th: 'ยังไม่ได้บันทึก', en: 'not saved' }) : err;
      });
      const { text, report } = await engine.ask('update', { name: path || null, before: before?.text ?? '', raw, ...besideFor(given, raw, current?.name) });
      await writeFile(destination, text);
      if ('download' in destination) {
        current = { name: destination.download, text };
        return {
          report,
          path: destination.download,
          said: before
            ? `ดาวน์โหลด ${destination.download} แล้ว ให้เก็บไว้แทนไฟล์เดิม (downloaded: keep it in place of the old file)`
            : `ดาวน์โหลด ${destination.download} แล้ว ให้เก็บไว้ในโฟลเดอร์เดียวกับไฟล์ข้อมูลอื่น (downloaded: keep it with your other data files)`,
        };
      }
      const { handle } = destination;
      current = { name: handle.name, text, handle };
      return { report, path: handle.name, said: `บันทึกแล้ว ${handle.name}` };
    },

    async nextYear(path) {
      if (!current || current.name !== path || current.text === '') throw NOT_SAVED_YET;
      const next = await engine.ask('next-year', { name: current.name, text: current.text });
      return { path: nextYearFileName(current.name, next.raw.fiscal_year), raw: next.raw, ...(next.notice && { notice: next.notice }) };
    },

    newFilePath: localFileName,

    giveBeside(files) {
      // A file given again (another version of it) replaces the one before.
      given = [...given.filter((g) => !files.some((f) => f.name === g.name || (YAML.test(f.name) && YAML.test(g.name)))), ...files];
    },

    missingBeside: (raw) => missingFor(given, raw),
  };
}
