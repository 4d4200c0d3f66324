import { lastYearOf } from '../../data/carried.ts';
import type { EngineRequests } from '../../web/protocol.ts';
import { Refused, type Backend, type PickedFile } from './backend.ts';
import { startEngine } from './engine-client.ts';
import { Cancelled, chooseDestination, readPicked, writeFile } from './local-files.ts';
import { besideFor, missingFor, type BesideFile } from './local-beside.ts';
import { besideInFolder, fileIn, mayWrite, pickFolder, textIn, yamlFilesIn } from './local-folder.ts';
import { localFileName, newFileInFolder, nextYearFileName, nextYearInFolder, YAML } from './local-names.ts';

/**
 * The engine in the browser (the static site of `npm run build:web`): the page's requests are
 * answered by the engine script (engine-client.ts), and the clerk's file lives on their own
 * computer: one file they picked (local-files.ts), or, where the browser opens folders, a file of
 * the data folder they opened (local-folder.ts), listed, read and saved as the server does with its
 * folder. Nothing leaves the machine.
 */

/** The file the form holds, as the engine needs it to save or to start next year: its text as opened or last saved. */
interface LocalFile {
  /** The file's name, or in the folder the clerk opened its path there (`2567/x.yaml`). */
  name: string;
  /** '' for a file not saved yet. */
  text: string;
  handle?: FileSystemFileHandle;
}

const NOT_SAVED_YET = new Refused({
  th: 'ให้บันทึกไฟล์นี้ก่อน แล้วจึงเริ่มปีใหม่จากไฟล์นี้',
  en: 'save this file first, then start next year from it',
});

const NOT_IN_FOLDER = (path: string) =>
  new Refused({ th: `ไม่พบไฟล์ ${path} ในโฟลเดอร์ที่เปิดไว้`, en: `${path} is not in the folder opened` });
// The server's answer to a new file whose name is taken (409), in the same words.
const EXISTS = (path: string) =>
  new Refused({ th: `มีไฟล์ชื่อ ${JSON.stringify(path)} อยู่แล้ว`, en: `a file named ${JSON.stringify(path)} exists already` });
const NOT_SAVED = new Refused({ th: 'ยังไม่ได้บันทึก', en: 'not saved' });

/** The file at `path` in the folder the clerk opened, read as a picked one is (UTF-8 or refused). */
async function pickedIn(folder: FileSystemDirectoryHandle, path: string): Promise<PickedFile> {
  const handle = await fileIn(folder, path);
  if (!handle) throw NOT_IN_FOLDER(path);
  return readPicked(await handle.getFile(), handle);
}

export function localBackend(engineUrl: string): Backend {
  const engine = startEngine(engineUrl);
  let current: LocalFile | null = null;
  // Given by the clerk for the file open now; another file opened starts without them.
  let given: BesideFile[] = [];
  // The data folder the clerk opened (folder mode), and whether it keeps the years in folders.
  let folder: FileSystemDirectoryHandle | null = null;
  let yearFolders = false;

  /** What the engine gets beside the form: from the folder in folder mode, else from the files given. */
  const beside = (path: string, raw: unknown) => (folder && path ? besideInFolder(folder, path, raw) : Promise.resolve(besideFor(given, raw, current?.name)));

  /**
   * Where a save into the folder goes, asked during the clerk's click: the file itself, or for a
   * new file a name that is free (never over a file that exists: the page offers to open that one).
   */
  async function folderDestination(into: FileSystemDirectoryHandle, path: string, create: boolean): Promise<(text: string) => Promise<FileSystemFileHandle>> {
    await mayWrite(into);
    const there = await fileIn(into, path);
    if (create && there) throw EXISTS(path);
    return async (text) => {
      // Created now, with its year's folder if need be (fileIn answers undefined only when not creating).
      const handle = there ?? (await fileIn(into, path, true))!;
      await writeFile({ handle }, text);
      return handle;
    };
  }

  return {
    mode: 'local',

    async framework(year) {
      const asked = Number(year);
      if (!Number.isInteger(asked)) return null;
      // No framework for that year is the server's 404: the form is labelled without one.
      return engine.ask('framework', { year: asked, fallback: true }).catch(() => null);
    },

    async files() {
      if (!folder) return null;
      const files = await yamlFilesIn(folder);
      yearFolders = files.some((f) => /^\d{4}\//.test(f));
      const into = folder;
      // A file that went away or is not UTF-8 meanwhile is listed as one that does not parse.
      const texts = await Promise.all(files.map(async (path) => ({ path, text: (await textIn(into, path).catch(() => undefined)) ?? null })));
      return { files, entries: await engine.ask('identify', { listed: texts }) };
    },

    async openFolder() {
      const picked = await pickFolder();
      folder = picked;
      current = null;
      given = [];
      return picked.name;
    },

    async open(source) {
      given = [];
      // A file picked on its own leaves the folder; a path is one of the folder's.
      if ('picked' in source) folder = null;
      const into = folder;
      const picked = 'picked' in source ? source.picked : into && (await pickedIn(into, source.path));
      if (!picked) throw new Error('the static site opens files the clerk picks, or from the folder they opened');
      const { text, handle } = picked;
      const path = 'path' in source ? source.path : picked.name;
      const first = await engine.ask('load', { name: path, text });
      current = { name: path, text, ...(handle && { handle }) };
      // In the folder, loaded again with last year's file and the emblem its data names, as the
      // server loads a file of its folder (the data says which year and which emblem): checked
      // with them, and told last year's measures, which the page marks where they are unchanged.
      const loaded = folder && first.raw ? await engine.ask('load', { name: path, text, ...(await beside(path, first.raw)) }) : first;
      return { path, raw: loaded.raw, findings: loaded.findings, overall: loaded.overall, ...(loaded.lastYear && { lastYear: loaded.lastYear }) };
    },

    async check(path, raw) {
      return engine.ask('check', { name: path || null, raw, ...(await beside(path, raw)) });
    },

    async render(path, raw, kind, format, signal) {
      // `kind` is one of the documents the page offers (preview.ts); the engine refuses any other.
      // The engine cannot be stopped half-way: a render nobody wants any more is let finish and dropped.
      const rendered = await engine
        .ask('render', { name: path || null, raw, kind: kind as EngineRequests['render']['input']['kind'], format, ...(await beside(path, raw)) })
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
      const notSaved = (err: unknown) => {
        throw err instanceof Cancelled ? NOT_SAVED : err;
      };
      if (folder) {
        const write = await folderDestination(folder, path, create).catch(notSaved);
        const { text, report } = await engine.ask('update', { name: path, before: before?.text ?? '', raw, ...(await beside(path, raw)) });
        current = { name: path, text, handle: await write(text) };
        return { report, path, said: `บันทึกแล้ว ${path}` };
      }
      const destination = await chooseDestination(path, before?.handle).catch(notSaved);
      const { text, report } = await engine.ask('update', { name: path || null, before: before?.text ?? '', raw, ...(await beside(path, raw)) });
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
      const named = folder ? nextYearInFolder : nextYearFileName;
      return { path: named(current.name, next.raw.fiscal_year), raw: next.raw, ...(next.notice && { notice: next.notice }) };
    },

    newFilePath: (fiscalYear, name) => (folder ? newFileInFolder(yearFolders, fiscalYear, name) : localFileName(fiscalYear, name)),

    async giveBeside(files, raw) {
      // A file given again (another version of it) replaces the one before.
      given = [...given.filter((g) => !files.some((f) => f.name === g.name || (YAML.test(f.name) && YAML.test(g.name)))), ...files];
      const { previous } = besideFor(given, raw, current?.name);
      if (!previous || !files.some((f) => f.name === previous.name)) return undefined;
      // Last year's file read by the engine (the page has no YAML reader), compared with the form
      // as it is now, not with the file as opened: its year and agency may have been typed since.
      // An engine that fails here fails the check that follows too, which says so: no marks meanwhile.
      const loaded = await engine.ask('load', { name: previous.name, text: previous.text }).catch(() => undefined);
      return loaded && lastYearOf(loaded.raw, raw);
    },

    // In the folder the page finds them itself; what is not there the check says, as the server's does.
    missingBeside: (raw) => (folder ? [] : missingFor(given, raw)),
  };
}
