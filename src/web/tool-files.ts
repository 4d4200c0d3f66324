/**
 * The tool's own files as the engine's browser bundle carries them: empty in the sources, filled in
 * by the bundler's plugin (src/bundle/web-engine.ts) with the files of frameworks/, templates/ and
 * assets/ as text, fonts/*.ttf and resvg's WebAssembly module as base64, read from the package when
 * the bundle is built. Nothing is fetched when the engine runs, so the page also works opened
 * from a folder (file://).
 */
export interface ToolFiles {
  /** By path from the package root (`frameworks/2566.yaml`). */
  text: Record<string, string>;
  /** By path from the package root (`fonts/Laksaman.ttf`), base64. */
  binary: Record<string, string>;
  /** @resvg/resvg-wasm's index_bg.wasm, base64. */
  resvgWasm: string;
}

export const TOOL_FILES: ToolFiles = { text: {}, binary: {}, resvgWasm: '' };
