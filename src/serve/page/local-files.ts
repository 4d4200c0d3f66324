import { Refused, type PickedFile } from './backend.ts';
import { downloadBlob } from './dom.ts';
import { utf8 } from './local-beside.ts';

/**
 * The clerk's data file on their own computer, for the static site: opened and saved back through
 * the File System Access API where the browser has it (Chrome and Edge: a save writes to the very
 * file that was opened), otherwise an `<input type=file>` to open and a download to save.
 */

/** The File System Access API's pickers (Chromium), which TypeScript's DOM types do not have yet. */
interface FilePickerOptions {
  suggestedName?: string;
  types?: { description: string; accept: Record<string, string[]> }[];
  excludeAcceptAllOption?: boolean;
}
interface FilePickers {
  showOpenFilePicker?: (options?: FilePickerOptions & { multiple?: false }) => Promise<FileSystemFileHandle[]>;
  showSaveFilePicker?: (options?: FilePickerOptions) => Promise<FileSystemFileHandle>;
}
const pickers = (): FilePickers => window as unknown as FilePickers;

const YAML_FILES: FilePickerOptions['types'] = [{ description: 'ไฟล์ข้อมูล ITA (YAML)', accept: { 'application/x-yaml': ['.yaml', '.yml'] } }];

/** The clerk closed a picker without choosing: not an error to show. */
export class Cancelled extends Error {}

export const isAbort = (err: unknown): boolean => err instanceof DOMException && err.name === 'AbortError';

const NOT_UTF8 = (name: string) =>
  new Refused({
    th: `ไฟล์ ${name} ไม่ได้บันทึกเป็น UTF-8 ให้เปิดด้วยโปรแกรมแก้ไขข้อความแล้วบันทึกใหม่เป็น UTF-8`,
    en: `${name} is not UTF-8 text; open it in a text editor and save it again as UTF-8`,
  });

/** A file's text, which must be UTF-8 (as `ita-report check` requires). */
export async function readPicked(file: File, handle?: FileSystemFileHandle): Promise<PickedFile> {
  // A file the browser cannot read gets the same answer as one that is not UTF-8: save it again.
  const text = await file.arrayBuffer().then((bytes) => utf8(new Uint8Array(bytes)), () => undefined);
  if (text === undefined) throw NOT_UTF8(file.name);
  return { name: file.name, text, ...(handle && { handle }) };
}

/** True where the browser can open a file with a handle to write it back (otherwise: the file input). */
export const canPickFiles = (): boolean => typeof pickers().showOpenFilePicker === 'function';

/** The file the clerk picks with the browser's picker, with its handle; Cancelled when they close it. */
export async function pickFile(): Promise<PickedFile> {
  const open = pickers().showOpenFilePicker;
  if (!open) throw new Error('showOpenFilePicker is not available');
  try {
    const [handle] = await open({ types: YAML_FILES, multiple: false });
    if (!handle) throw new Cancelled();
    return await readPicked(await handle.getFile(), handle);
  } catch (err) {
    throw isAbort(err) ? new Cancelled() : err;
  }
}

async function writeTo(handle: FileSystemFileHandle, text: string): Promise<void> {
  // The browser writes to a temporary file and puts it in place on close: never half a file.
  const writable = await handle.createWritable();
  await writable.write(text);
  await writable.close();
}

/** Where a save goes: over a file (with its handle from now on), or a download of that name. */
export type Destination = { handle: FileSystemFileHandle } | { download: string };

/** The permission request of the File System Access API, which TypeScript's DOM types do not have yet. */
type AskingHandle = FileSystemFileHandle & { requestPermission?: (options: { mode: 'readwrite' }) => Promise<PermissionState> };

/**
 * Where a save of the file will go, asked before the engine writes the text: the browser shows a
 * picker or asks for permission only during the clerk's click, and the engine may take a moment.
 * `handle` (the file opened) when there is one, writable; else, where the browser has a save
 * picker, the file the clerk chooses (offered as `suggestedName`); else a download of that name.
 * Cancelled when the clerk closes the picker or refuses.
 */
export async function chooseDestination(suggestedName: string, handle?: FileSystemFileHandle): Promise<Destination> {
  try {
    if (handle) {
      const asked = await (handle as AskingHandle).requestPermission?.({ mode: 'readwrite' });
      if (asked !== undefined && asked !== 'granted') throw new Cancelled();
      return { handle };
    }
    const save = pickers().showSaveFilePicker;
    if (save) return { handle: await save({ suggestedName, types: YAML_FILES }) };
    return { download: suggestedName };
  } catch (err) {
    throw isAbort(err) ? new Cancelled() : err;
  }
}

export async function writeFile(destination: Destination, text: string): Promise<void> {
  if ('handle' in destination) await writeTo(destination.handle, text);
  else downloadBlob(new Blob([text], { type: 'application/x-yaml;charset=utf-8' }), destination.download);
}
