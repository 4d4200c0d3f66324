import { fileURLToPath } from 'node:url';
import { build, type BuildOptions } from 'esbuild';
import { packageRoot } from '../resources/node.ts';

/**
 * A browser script and everything it imports (TypeScript, the core's pure modules, packages) as one
 * ES module, built in memory with esbuild: nothing is written, nothing is fetched. The server
 * serves the web page's script this way (src/serve/server.ts); a static build of the page can call
 * it too.
 *
 * The same sources give the same bytes: no source map, no minifying, file names in the output's
 * comments relative to the repository, not to where the program was started.
 */


export interface Bundle {
  /** The script, UTF-8. */
  code: string;
  /** The files it was built from, relative to the repository (`src/thai/digits.ts`). */
  inputs: string[];
}

export interface BundleOptions {
  /**
   * 'esm' (the default): a module, as `serve` serves /app.js. 'iife': a classic script, for the
   * static site, whose page must also run opened from a folder (file://), where Chrome loads no
   * module scripts.
   */
  format?: 'esm' | 'iife';
}

/** What every script for the browser is built with: the page's and the engine's (web-engine.ts). */
export const BROWSER_BUILD = {
  bundle: true,
  write: false,
  platform: 'browser',
  target: 'es2022',
  // Thai text stays Thai (the server sends the script as UTF-8), not \u escapes.
  charset: 'utf8',
  // Packages named as node_modules/… whether or not that folder is a link.
  preserveSymlinks: true,
  legalComments: 'none',
  metafile: true,
  logLevel: 'silent',
  // The TypeScript settings that change the output stated here, not found by esbuild in the
  // tsconfig files around each source: a build in one process once came out with a "use strict"
  // that another build lacked.
  tsconfigRaw: { compilerOptions: { alwaysStrict: true, useDefineForClassFields: true, verbatimModuleSyntax: true } },
} as const satisfies BuildOptions;

/**
 * Bundles `entry` for the browser. Fails (esbuild's error, with the file and line) on a type of
 * import that no browser has, such as `node:fs`.
 */
export async function bundleScript(entry: URL, options: BundleOptions = {}): Promise<Bundle> {
  const result = await build({
    ...BROWSER_BUILD,
    entryPoints: [fileURLToPath(entry)],
    absWorkingDir: packageRoot,
    format: options.format ?? 'esm',
    // The validators and templates compiled here, not with `new Function` in the page (its CSP).
    plugins: [await codegen(packageRoot)],
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error(`esbuild gave no output for ${fileURLToPath(entry)}`);
  return { code: output.text, inputs: Object.keys(result.metafile.inputs).sort() };
}

/**
 * The plugin of `codegen.ts`, loaded when a build runs (the page's, the engine's, the program's):
 * it brings ajv's and Handlebars' compilers, which a command that only imports these modules (the
 * program's commands, through the server) should not load.
 */
export async function codegen(root: string): Promise<import('esbuild').Plugin> {
  return (await import('./codegen.ts')).codegenPlugin(root);
}
