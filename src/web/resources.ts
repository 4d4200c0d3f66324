import { initWasm, Resvg } from '@resvg/resvg-wasm';
import type { Resources, SvgFonts, SvgRenderer, UserFile } from '../resources/resources.ts';
import { TOOL_FILES } from './tool-files.ts';

/**
 * The engine's Resources in a browser: the tool's own files from the bundle (tool-files.ts), no
 * file system, resvg's WebAssembly build from the bundle too. The SVG check runs once the module
 * is loaded: the engine worker awaits `resvgLoaded()` before its first answer.
 *
 * A file a data file names (the agency's own emblem) is not on a server's disk but on the clerk's:
 * the page hands it over with each request (protocol.ts's Beside, read by engine-worker.ts's withFiles);
 * one not handed over is reported missing, as a file that is not there.
 */

function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const decoded = new Map<string, Uint8Array>();

/** The folders of the bundled files and their entries (files and folders), sorted as Node's list is. */
const folders = (() => {
  const entries = new Map<string, Set<string>>();
  for (const file of [...Object.keys(TOOL_FILES.text), ...Object.keys(TOOL_FILES.binary)]) {
    const parts = file.split('/');
    for (let i = 1; i < parts.length; i++) {
      const dir = parts.slice(0, i).join('/');
      if (!entries.has(dir)) entries.set(dir, new Set());
      entries.get(dir)!.add(parts[i]!);
    }
  }
  return new Map([...entries].map(([dir, names]) => [dir, [...names].sort()]));
})();

/** `written` relative to the folder of `dataFile`, as a path (the browser has no absolute one). */
function besideDataFile(dataFile: string, written: string): string {
  const dir = dataFile.includes('/') ? dataFile.slice(0, dataFile.lastIndexOf('/') + 1) : '';
  return written.startsWith('/') ? written : dir + written;
}

let loading: Promise<void> | undefined;

/**
 * Loads resvg's WebAssembly module (once: the package allows one initialisation). The SVG check is
 * synchronous and needs it loaded: the engine worker awaits this before its first answer.
 */
export function resvgLoaded(): Promise<void> {
  loading ??= initWasm(decodeBase64(TOOL_FILES.resvgWasm)).catch((err: unknown) => {
    loading = undefined;
    throw err;
  });
  return loading;
}

const fontOptions = (fonts: SvgFonts) => ({ fontBuffers: fonts.files.map((file) => browserResources.bytes(file)!), defaultFontFamily: fonts.defaultFamily });

/** resvg's WebAssembly objects live in its own memory: each is freed by hand, whatever happens. */
const wasmRenderer: SvgRenderer = {
  cropped(svg, fonts) {
    const picture = new Resvg(svg, { font: fontOptions(fonts) });
    try {
      const box = picture.getBBox();
      if (!box) return null;
      try {
        if (box.width <= 0 || box.height <= 0) return null;
        picture.cropByBBox(box);
        return { svg: picture.toString(), width: box.width, height: box.height };
      } finally {
        box.free();
      }
    } finally {
      picture.free();
    }
  },
  png(svg, fonts, heightPx) {
    const picture = new Resvg(svg, { font: fontOptions(fonts), fitTo: { mode: 'height', value: heightPx }, background: '#ffffff' });
    try {
      const image = picture.render();
      try {
        return image.asPng();
      } finally {
        image.free();
      }
    } finally {
      picture.free();
    }
  },
};

export const browserResources: Resources = {
  text: (file) => TOOL_FILES.text[file],
  bytes(file) {
    let bytes = decoded.get(file);
    if (!bytes) {
      const base64 = TOOL_FILES.binary[file];
      if (base64 === undefined) return undefined;
      decoded.set(file, (bytes = decodeBase64(base64)));
    }
    return bytes;
  },
  list: (dir) => [...(folders.get(dir.replace(/\/+$/, '')) ?? [])],
  userFile: (dataFile, written): UserFile => ({ file: besideDataFile(dataFile, written), failure: 'missing' }),
  svgDraws(svg) {
    const resvg = new Resvg(svg);
    try {
      const box = resvg.getBBox();
      box?.free();
      return box !== undefined;
    } finally {
      resvg.free();
    }
  },
  svgRenderer: async () => {
    await resvgLoaded();
    return wasmRenderer;
  },
};
