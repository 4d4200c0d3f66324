import { besideName, previousYearNames, writtenInFolder } from '../../data/previous-name.ts';
import type { Beside } from '../../web/protocol.ts';
import { Refused } from './backend.ts';
import { emblemWritten, utf8 } from './local-beside.ts';
import { outsideFolder, YAML } from './local-names.ts';
import { Cancelled, isAbort } from './local-files.ts';

/**
 * The clerk's data folder on their own computer, for the static site where the browser can open a
 * folder (`showDirectoryPicker`: Chrome and Edge): the page lists its data files as the server
 * lists its data folder, reads last year's file and the emblem the data names from it, and saves
 * into it, as `ita-report serve` does with its folder. Nothing is read or written outside it: the
 * browser gives a handle on that folder only, and a path that would climb out of it is refused
 * before the handle is asked.
 */

/** The folder picker and the permission request of the File System Access API, which TypeScript's DOM types do not have yet. */
interface FolderPicker {
  showDirectoryPicker?: (options?: { mode?: 'read' | 'readwrite' }) => Promise<FileSystemDirectoryHandle>;
}
type AskingFolder = FileSystemDirectoryHandle & { requestPermission?: (options: { mode: 'readwrite' }) => Promise<PermissionState> };

/** True where the browser can open a folder (Chrome, Edge); elsewhere the page opens one file at a time. */
export const canPickFolder = (): boolean => typeof (window as unknown as FolderPicker).showDirectoryPicker === 'function';

/** The folder the clerk picks, to read and write (the browser asks once); Cancelled when they close the picker. */
export async function pickFolder(): Promise<FileSystemDirectoryHandle> {
  const pick = (window as unknown as FolderPicker).showDirectoryPicker;
  if (!pick) throw new Error('showDirectoryPicker is not available');
  try {
    return await pick({ mode: 'readwrite' });
  } catch (err) {
    throw isAbort(err) ? new Cancelled() : err;
  }
}

/**
 * Permission to write into the folder, asked during the clerk's click (the browser asks only then):
 * granted when the folder was opened, but the clerk may have taken it back since.
 */
export async function mayWrite(folder: FileSystemDirectoryHandle): Promise<void> {
  const asked = await (folder as AskingFolder).requestPermission?.({ mode: 'readwrite' }).catch(() => 'denied' as const);
  if (asked !== undefined && asked !== 'granted') throw new Cancelled();
}

/**
 * The data files of the folder by their paths in it, sorted: the `.yaml` files at its top and in
 * its folders one level down (the year folders `2566/`, `2567/` of a data folder as the server keeps
 * it). Hidden names (a dot first) are left out, as the server leaves them out.
 */
export async function yamlFilesIn(folder: FileSystemDirectoryHandle): Promise<string[]> {
  const found: string[] = [];
  for await (const [name, entry] of folder.entries()) {
    if (name.startsWith('.')) continue;
    if (entry.kind === 'file' && YAML.test(name)) found.push(name);
    if (entry.kind !== 'directory') continue;
    for await (const [inner, file] of (entry as FileSystemDirectoryHandle).entries()) {
      if (file.kind === 'file' && !inner.startsWith('.') && YAML.test(inner)) found.push(`${name}/${inner}`);
    }
  }
  return found.sort();
}

/**
 * The file at `path` (`2567/x.yaml`, `/` between folders) in the folder, undefined when it is not
 * there; `create` makes it (and its folder) when it is not. A path that would lead out of the
 * folder (`..`, absolute, a drive) is refused.
 */
export async function fileIn(folder: FileSystemDirectoryHandle, path: string, create = false): Promise<FileSystemFileHandle | undefined> {
  const outside = outsideFolder(path);
  if (outside) throw new Refused(outside);
  const parts = path.split('/');
  let dir = folder;
  try {
    for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part, { create });
    return await dir.getFileHandle(parts[parts.length - 1]!, { create });
  } catch (err) {
    // Not there, or a folder where a file was looked for.
    if (err instanceof DOMException && (err.name === 'NotFoundError' || err.name === 'TypeMismatchError')) return undefined;
    throw err;
  }
}

/** The bytes of the file at `path` in the folder; undefined when it is not there or leads out. */
async function bytesIn(folder: FileSystemDirectoryHandle, path: string | undefined): Promise<Uint8Array | undefined> {
  const handle = path === undefined ? undefined : await fileIn(folder, path).catch(() => undefined);
  return handle && new Uint8Array(await (await handle.getFile()).arrayBuffer());
}

/** The text of the file at `path` in the folder; undefined when it is not there, leads out or is not UTF-8. */
export async function textIn(folder: FileSystemDirectoryHandle, path: string | undefined): Promise<string | undefined> {
  const bytes = await bytesIn(folder, path);
  return bytes && utf8(bytes);
}

/**
 * What the engine needs beside the data file at `path` in the folder, found as the server finds it
 * in its data folder: last year's file (src/data/previous-name.ts: `2566/x.yaml` for `2567/x.yaml`,
 * `x-2566.yaml` beside `x-2567.yaml`), and the emblem the data names, by its path relative to the
 * data file. One leading out of the folder is not read: the engine refuses it (`inFolder`).
 */
export async function besideInFolder(folder: FileSystemDirectoryHandle, path: string, raw: unknown): Promise<Beside> {
  const year = (raw as { fiscal_year?: unknown } | null)?.fiscal_year;
  let previous: Beside['previous'];
  for (const candidate of previousYearNames(path, typeof year === 'number' ? year : undefined)) {
    const name = besideName(path, candidate);
    const text = await textIn(folder, name);
    if (name !== undefined && text !== undefined) {
      previous = { name, text };
      break;
    }
  }
  const written = emblemWritten(raw);
  const emblem = written === undefined ? undefined : await bytesIn(folder, writtenInFolder(path, written));
  return { inFolder: true, ...(previous && { previous }), ...(written !== undefined && emblem && { files: [{ path: written, bytes: emblem }] }) };
}
