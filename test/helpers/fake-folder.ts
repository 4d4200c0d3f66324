import type { Page } from 'playwright-core';

/**
 * The static site's folder mode in a headless Chromium, which cannot answer the folder picker
 * (`showDirectoryPicker`): a stand-in for it in the page, used by test/web/site.test.ts and
 * test/web/site-engine.test.ts.
 */

/** The page's globals the stand-in keeps (the tests compile with Node's types, not the DOM's). */
export interface FolderGlobals {
  /** The stand-in folder's files, path → text, as written. */
  folder: Record<string, string>;
  /** The paths written into the stand-in folder, in order. */
  folderWrites: string[];
}

/** What the stand-in reaches of the page's globals. */
interface Globals extends FolderGlobals {
  DOMException: new (message: string, name: string) => unknown;
  File: new (parts: string[], name: string) => unknown;
  showDirectoryPicker?: unknown;
}

/**
 * Chromium's folder picker is a dialog too: this stands in, with a directory handle over `files`
 * (path → text, `/` between folders) as the File System Access API gives one: its entries, the
 * handles of its files and folders (created when asked), NotFoundError for what is not there.
 * What is written goes into the page's `folder` (path → text), and its path into `folderWrites`.
 */
export const fakeFolder = (page: Page, files: Record<string, string>) =>
  page.evaluate((files) => {
    const w = globalThis as unknown as Globals;
    w.folder = { ...files };
    w.folderWrites = [];
    const missing = (name: string) => new w.DOMException(`${name} is not there`, 'NotFoundError');
    const fileHandle = (path: string, name: string) => ({
      kind: 'file',
      name,
      getFile: async () => new w.File([w.folder[path]!], name),
      createWritable: async () => {
        let written = '';
        return {
          write: async (t: string) => void (written += t),
          close: async () => {
            w.folder[path] = written;
            w.folderWrites.push(path);
          },
        };
      },
    });
    /** The folder at `prefix` ('' or 'a/'): its entries are the first parts of the paths under it. */
    const folderHandle = (prefix: string, name: string): unknown => {
      const children = () => {
        const kinds = new Map<string, 'file' | 'directory'>();
        for (const p of Object.keys(w.folder).filter((p) => p.startsWith(prefix)).sort()) {
          const [first, ...rest] = p.slice(prefix.length).split('/');
          kinds.set(first!, rest.length > 0 ? 'directory' : 'file');
        }
        return kinds;
      };
      return {
        kind: 'directory',
        name,
        requestPermission: async () => 'granted',
        async *entries() {
          for (const [n, kind] of children()) yield [n, kind === 'file' ? fileHandle(prefix + n, n) : folderHandle(`${prefix}${n}/`, n)];
        },
        getDirectoryHandle: async (n: string, options?: { create?: boolean }) => {
          const kind = children().get(n);
          if (kind === 'file') throw new w.DOMException(`${n} is a file`, 'TypeMismatchError');
          if (!kind && !options?.create) throw missing(n);
          return folderHandle(`${prefix}${n}/`, n);
        },
        getFileHandle: async (n: string, options?: { create?: boolean }) => {
          const kind = children().get(n);
          if (kind === 'directory') throw new w.DOMException(`${n} is a folder`, 'TypeMismatchError');
          if (!kind && !options?.create) throw missing(n);
          w.folder[prefix + n] ??= '';
          return fileHandle(prefix + n, n);
        },
      };
    };
    w.showDirectoryPicker = async () => folderHandle('', 'ข้อมูล ITA');
  }, files);

/** The file list as the clerk reads it: each year's group with its options' texts. */
export const fileList = (page: Page) =>
  page.$$eval('#file optgroup', (groups) => groups.map((g) => [(g as unknown as { label: string }).label, ...[...g.children].map((o) => o.textContent)]));

