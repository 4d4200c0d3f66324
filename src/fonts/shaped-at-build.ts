/**
 * Words shaped when the program was built (`savedRuns` of src/fonts/saved-runs.ts, as JSON): the
 * runs the tool's own sample documents needed, for the bundled fonts. A program that starts cold
 * spends a fifth of a one-file build shaping words with fontkit; most of a report's words are the
 * templates' own, the same for every agency, and are found here instead.
 *
 * Empty when the sources run (tsx, vitest): every word is shaped when first used. The compiled
 * program (dist/) and the browser bundle carry this module filled in by the bundler's plugin
 * (src/bundle/codegen.ts), from the same sources as the code that reads it. Each font's runs are
 * kept under the font's identity (name, glyph count, whole-file checksum) and used only for that
 * very font: a user's own font file is shaped as before.
 */
export const SHAPED_AT_BUILD: string = '';
