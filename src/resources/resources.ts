/**
 * What the engine reads besides the data it is handed, asked for through one object so that the
 * core (src/data … src/export) does no I/O of its own and can run where there is no file system
 * (a browser, later): the entry point installs the implementation that fits where it runs, as
 * Typst's `World` or Pandoc's `PandocMonad` do. On Node that is `src/resources/node.ts`, which
 * `src/pipeline.ts` (the common path of build, batch and serve) and the tests' setup install.
 *
 * Three kinds of reading, each behind one method or two:
 * - the tool's own files (frameworks/, templates/, assets/ as text; fonts/ as bytes), by their
 *   path from the package root;
 * - a file a data file names (the agency's emblem), relative to the data file;
 * - resvg: whether an SVG draws anything (a check the data's reader makes, synchronously), and
 *   the WebAssembly module the exporters draw emblems with (src/export/emblem.ts).
 */
export interface Resources {
  /** A file of the tool's own, by its path from the package root (`frameworks/2566.yaml`); undefined when there is none. */
  text(path: string): string | undefined;
  /** The bytes of a file of the tool's own (`fonts/Laksaman.ttf`); undefined when there is none. */
  bytes(path: string): Uint8Array | undefined;
  /** The names of the files in a folder of the tool's own (`templates/partials`), sorted; empty when there is none. */
  list(dir: string): string[];
  /** The file that `written` names, relative to the data file `dataFile`, read within `limits`. */
  userFile(dataFile: string, written: string, limits: UserFileLimits): UserFile;
  /**
   * Whether an SVG draws anything (it has a bounding box), read the way both exporters read it
   * (resvg, no system fonts); throws with the reader's message when it is not a usable SVG.
   */
  svgDraws(svg: string): boolean;
  /**
   * resvg, which draws the ประกาศ's emblem: on Node its native build, in a browser its WebAssembly
   * build (loaded on the first call). Both are resvg 2.6.2 and give the same SVG and PNG bytes
   * (test/web/engine-browser.test.ts compares the documents).
   */
  svgRenderer(): Promise<SvgRenderer>;
}

/** The tool's own font files (paths from the package root) that texts in a picture are set in. */
export interface SvgFonts {
  files: readonly string[];
  defaultFamily: string;
}

export interface SvgRenderer {
  /**
   * The picture written again as plain SVG (styles resolved, texts as outlines in `fonts`, no
   * system font), its page cropped to what it draws, with the drawing's size; null when it draws nothing.
   */
  cropped(svg: string, fonts: SvgFonts): { svg: string; width: number; height: number } | null;
  /** The picture as PNG, `heightPx` high, on white. */
  png(svg: string, fonts: SvgFonts, heightPx: number): Uint8Array;
}

export interface UserFileLimits {
  /** Read only inside this folder, also once symbolic links are followed (the web page's data folder). */
  within?: string;
  /** A larger file is not read. */
  maxBytes: number;
}

/** A user's file: its bytes, or why it was not read. `file` is where it was looked for (absolute). */
export type UserFile =
  | { file: string; bytes: Uint8Array }
  | { file: string; failure: 'outside' | 'missing' }
  | { file: string; failure: 'unreadable'; reason: string }
  | { file: string; failure: 'too-large'; size: number };

let installed: Resources | undefined;

/** Makes `r` what the engine reads through, replacing any before. */
export function installResources(r: Resources): void {
  installed = r;
}

/** Whether an implementation is installed (an entry point installs its own only if none is). */
export const hasResources = (): boolean => installed !== undefined;

/** What the engine reads through; an entry point must have installed it. */
export function resources(): Resources {
  if (!installed) {
    throw new Error('internal error: no Resources installed; an entry point must call installResources() (on Node: installNodeResources() of src/resources/node.ts)');
  }
  return installed;
}
