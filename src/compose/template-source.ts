import { parse as parseYaml } from 'yaml';

/**
 * A document template's text cut into the Handlebars texts that are compiled: the YAML front
 * matter's title, subject and keywords, and the body after it, each with the number of lines of
 * the file before it (so that an error names the file's line). One function for the engine, which
 * compiles them, and for the bundler, which precompiles the same texts (src/bundle/codegen.ts).
 */
export interface TemplatePiece {
  text: string;
  /** Lines of the file before this text. */
  offset: number;
}

export interface DocumentTemplatePieces {
  title: TemplatePiece;
  subject: TemplatePiece;
  keywords: TemplatePiece[];
  body: TemplatePiece;
}

export function documentTemplatePieces(source: string): DocumentTemplatePieces {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(source);
  const front = (match ? parseYaml(match[1]!) : {}) as { title?: string; subject?: string; keywords?: string[] };
  const lines = source.split('\n');
  // A front-matter text is placed at its key's line; the body after the front matter's lines.
  const keyOffset = (key: string): number => Math.max(0, lines.findIndex((l) => l.startsWith(`${key}:`)));
  return {
    title: { text: front.title ?? '', offset: keyOffset('title') },
    subject: { text: front.subject ?? '', offset: keyOffset('subject') },
    keywords: (front.keywords ?? []).map((k) => ({ text: k, offset: keyOffset('keywords') })),
    body: { text: match ? source.slice(match[0].length) : source, offset: match ? match[0].split('\n').length - 1 : 0 },
  };
}

/** The compile options of every template text, partial and explanation (and of their precompiled specs). */
export const COMPILE_OPTIONS = { noEscape: true, strict: true } as const;
