import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Resvg as ResvgClass } from '@resvg/resvg-js';
import { hasResources, installResources, type Resources, type SvgFonts, type SvgRenderer, type UserFile, type UserFileLimits } from './resources.ts';

/**
 * The engine's Resources on Node: the tool's own files from the package's folder, the user's
 * files from the file system, resvg (native) for the SVG check and the emblem.
 */

/**
 * The package's folder (where package.json, frameworks/, templates/, assets/ and fonts/ are): the
 * nearest folder above this module with the package's package.json, so that it is found the same
 * from src/ run by tsx as from a compiled dist/. The one place that locates it.
 */
export const packageRoot: string = (() => {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (let dir = here; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'ita-report') return dir;
    if (path.dirname(dir) === dir) throw new Error(`internal error: no package.json of ita-report above ${here}`);
  }
})();

/** A path from the package root (posix, as the engine writes it) on this system. */
const inPackage = (file: string): string => path.join(packageRoot, ...file.split('/'));

/** Whether `inner` is `root` or inside it. */
const isInside = (root: string, inner: string): boolean => {
  const relative = path.relative(root, inner);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
};

function realOrSelf(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

/** A file that could not be found or read. */
function failure(file: string, err: unknown): UserFile {
  const code = (err as NodeJS.ErrnoException).code ?? String(err);
  return code === 'ENOENT' || code === 'ENOTDIR' ? { file, failure: 'missing' } : { file, failure: 'unreadable', reason: code };
}

function userFile(dataFile: string, written: string, limits: UserFileLimits): UserFile {
  const file = path.resolve(path.dirname(dataFile), written);
  if (limits.within !== undefined) {
    // Outside the folder by its name, or once symbolic links are followed: not read, not even asked about.
    const root = realOrSelf(path.resolve(limits.within));
    if (!isInside(path.resolve(limits.within), file) && !isInside(root, file)) return { file, failure: 'outside' };
    let real: string;
    try {
      real = realpathSync(file);
    } catch (err) {
      return failure(file, err);
    }
    if (!isInside(root, real)) return { file, failure: 'outside' };
  }
  let bytes: Buffer;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) return { file, failure: 'unreadable', reason: stat.isDirectory() ? 'EISDIR' : 'not a file' };
    if (stat.size > limits.maxBytes) return { file, failure: 'too-large', size: stat.size };
    bytes = readFileSync(file);
  } catch (err) {
    return failure(file, err);
  }
  // A file that grew between stat and read.
  if (bytes.length > limits.maxBytes) return { file, failure: 'too-large', size: bytes.length };
  return { file, bytes };
}

// resvg's native build: loaded only when a picture is read (a ประกาศ's emblem, an agency's own),
// not by a command that draws none. It reads font files by path, the WebAssembly build by bytes:
// the same faces, and the same SVG and PNG out (compared on the Garuda and on test pictures with
// text, gradients and filters; the browser's documents are compared with these in the tests).
let Resvg: typeof ResvgClass | undefined;
const resvg = (): typeof ResvgClass => (Resvg ??= (createRequire(import.meta.url)('@resvg/resvg-js') as { Resvg: typeof ResvgClass }).Resvg);

/** The check of an agency's emblem, made synchronously by the data's reader. */
function svgDraws(svg: string): boolean {
  const Native = resvg();
  return new Native(svg, { font: { loadSystemFonts: false } }).getBBox() !== undefined;
}

const fontOptions = (fonts: SvgFonts) => ({ fontFiles: fonts.files.map(inPackage), loadSystemFonts: false, defaultFontFamily: fonts.defaultFamily });

const nativeRenderer: SvgRenderer = {
  cropped(svg, fonts) {
    const Native = resvg();
    const picture = new Native(svg, { font: fontOptions(fonts) });
    const box = picture.getBBox();
    if (!box || box.width <= 0 || box.height <= 0) return null;
    picture.cropByBBox(box);
    return { svg: picture.toString(), width: box.width, height: box.height };
  },
  png(svg, fonts, heightPx) {
    const Native = resvg();
    return new Native(svg, { font: fontOptions(fonts), fitTo: { mode: 'height', value: heightPx }, background: '#ffffff' }).render().asPng();
  },
};

export const nodeResources: Resources = {
  text(file) {
    const full = inPackage(file);
    return existsSync(full) ? readFileSync(full, 'utf8') : undefined;
  },
  bytes(file) {
    const full = inPackage(file);
    return existsSync(full) ? readFileSync(full) : undefined;
  },
  list(dir) {
    const full = inPackage(dir);
    return existsSync(full) ? readdirSync(full).sort() : [];
  },
  userFile,
  svgDraws,
  svgRenderer: async () => nativeRenderer,
};

/** Installs the Node resources unless the process has installed its own (a test's, say). */
export function installNodeResources(): void {
  if (!hasResources()) installResources(nodeResources);
}
