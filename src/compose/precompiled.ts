/**
 * Templates compiled at build time: the Handlebars specs (`Handlebars.precompile`) of the texts of
 * templates/ (each document template's front-matter texts and body, each partial, each
 * explanation), keyed by the exact text each was compiled from.
 *
 * Empty when the sources run (tsx, vitest): every text is compiled when first used. The compiled
 * program (dist/) and the browser bundle carry this module filled in by the bundler's plugin
 * (src/bundle/codegen.ts), and the engine (`engine.ts`) runs a spec only when the text it has just
 * read through Resources is the very text the spec was made from: a template edited after the
 * build is compiled as before, so the edit takes effect. In a browser the texts are bundled too,
 * so every one is found here and nothing is generated with `new Function` (the page's CSP forbids it).
 */
export const PRECOMPILED: ReadonlyMap<string, TemplateSpecification> = new Map();

/** What `Handlebars.template` takes (the handlebars package's `TemplateSpecification`, not exported by name). */
export type TemplateSpecification = Parameters<typeof import('handlebars').template>[0];
