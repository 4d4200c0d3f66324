import Handlebars from 'handlebars';
import { BLOCK_TAGS, closeTag, openTag, type TagAttrs } from '../model/markup.ts';
import { bahtText } from '../thai/baht.ts';
import { formatThaiDate } from '../thai/dates.ts';
import { fiscalYearRange, quarterRange } from '../thai/fiscal.ts';
import { formatAmount, formatScore } from '../thai/numbers.ts';
import { numberWords } from '../thai/words.ts';
import { resources } from '../resources/resources.ts';
import { PRECOMPILED } from './precompiled.ts';
import { COMPILE_OPTIONS, documentTemplatePieces } from './template-source.ts';

/**
 * All the Thai wording lives in templates/ (report and announcement templates, partials,
 * explanations), read through the installed Resources (src/resources).
 */

/** A mistake in a template: its message starts with `templates/<file>.hbs:line` when that is known. */
export class TemplateError extends Error {}

/**
 * The template file being run, as its path from the project (`templates/partials/x.hbs`) and the
 * number of lines before the compiled text (the front matter): set by the wrappers of `located`
 * while a template or partial runs, read by the block helpers (positions in the markup's tags) and
 * by the error handler. Undefined while an explanation runs (its text comes from a YAML file).
 */
interface Place {
  file: string;
  offset: number;
}
let running: Place | undefined;

/** The line a helper was called from, attached to the error it throws (read by `positioned`). */
const helperLine = Symbol('template line');

/**
 * Runs a compiled template as `place`: an error from it (Handlebars' strict-mode lookups and
 * syntax errors carry the line; a helper's carries the line it was called from) becomes a
 * TemplateError that starts with the file and line. The innermost template names the error;
 * the templates around it pass it on unchanged. A try and two assignments per call: negligible.
 */
function located(place: Place, template: Handlebars.TemplateDelegate): Handlebars.TemplateDelegate {
  return (context, options) => {
    const outer = running;
    running = place;
    try {
      return template(context, options);
    } catch (error) {
      throw positioned(error, place);
    } finally {
      running = outer;
    }
  };
}

function positioned(error: unknown, place: Place): unknown {
  if (error instanceof TemplateError || !(error instanceof Error)) return error;
  const parse = /^Parse error on line (\d+)/.exec(error.message);
  const line =
    (error as Error & { [helperLine]?: number })[helperLine] ??
    (error as Error & { lineNumber?: number }).lineNumber ??
    (parse ? Number(parse[1]) : undefined);
  // Handlebars ends its own messages with " - line:column"; the position now leads.
  const message = error.message.replace(/ - \d+:\d+$/, '');
  const where = line === undefined ? place.file : `${place.file}:${line + place.offset}`;
  return new TemplateError(`${where}: ${message}`, { cause: error });
}

/** Where a helper was called, as a markup position (`templates/report.hbs:12`), when known. */
function callPosition(options: Handlebars.HelperOptions | undefined): string | undefined {
  const line = (options as { loc?: { start?: { line?: number } } } | undefined)?.loc?.start?.line;
  return running && line !== undefined ? `${running.file}:${line + running.offset}` : undefined;
}


/**
 * One Handlebars environment for the process: its helpers write the document structure as
 * markup tags and format numbers and dates; they hold no wording and no layout.
 */
function createEnvironment(): typeof Handlebars {
  const hb = Handlebars.create();
  // Capitalised helper names keep structure apart from data fields: a measure's `title` must not
  // call the Title helper.
  for (const name of BLOCK_TAGS) {
    hb.registerHelper(name.charAt(0).toUpperCase() + name.slice(1), function (this: unknown, options: Handlebars.HelperOptions) {
      return openTag(name, options.hash as TagAttrs, callPosition(options)) + options.fn(this) + closeTag(name);
    });
  }
  hb.registerHelper('PageBreak', (options: Handlebars.HelperOptions) => openTag('pagebreak', {}, callPosition(options)) + closeTag('pagebreak'));
  hb.registerHelper('Rule', (options: Handlebars.HelperOptions) => openTag('rule', {}, callPosition(options)) + closeTag('rule'));
  registerValueHelpers(hb);
  for (const file of resources().list('templates/partials')) {
    if (!file.endsWith('.hbs')) continue;
    // Compiled here (as Handlebars would on first use, with the same options) so that each runs
    // as its own file: its errors and its markup name templates/partials/<file>.hbs.
    const source = templateText(`templates/partials/${file}`);
    hb.registerPartial(file.slice(0, -4), located({ file: `templates/partials/${file}`, offset: 0 }, compileText(hb, source)));
  }
  return hb;
}

/**
 * A Handlebars text as a template of `hb`: the spec precompiled at build time for this very text
 * when the compiled program or the bundle carries one (src/compose/precompiled.ts), else compiled
 * here (the sources, or a template edited since the build). Both give the same template: the same
 * compiler, the same options.
 */
function compileText(hb: typeof Handlebars, source: string): Handlebars.TemplateDelegate {
  const spec = PRECOMPILED.get(source);
  return spec ? hb.template(spec) : hb.compile(source, COMPILE_OPTIONS);
}

/** A file of templates/ (its path from the package root); a missing one is the tool's fault. */
export function templateText(file: string): string {
  const text = resources().text(file);
  if (text === undefined) throw new TemplateError(`${file} is missing`);
  return text;
}

/**
 * The formatting helpers. A helper given a wrong value throws; the error gets the line the
 * helper was called from (its options are the last argument).
 */
function registerValueHelpers(hb: typeof Handlebars): void {
  const register = (name: string, helper: (...args: unknown[]) => string): void => {
    hb.registerHelper(name, function (this: unknown, ...args: unknown[]) {
      try {
        return helper(...args);
      } catch (error) {
        const line = (args.at(-1) as { loc?: { start?: { line?: number } } } | undefined)?.loc?.start?.line;
        if (error instanceof Error && line !== undefined) Object.assign(error, { [helperLine]: line });
        throw error;
      }
    });
  };
  register('score', (n: unknown) => formatScore(asNumber(n, 'score')));
  register('amount', (n: unknown) => formatAmount(asNumber(n, 'amount')));
  register('bahtText', (n: unknown) => bahtText(asNumber(n, 'bahtText')));
  register('numberWords', (n: unknown) => numberWords(asNumber(n, 'numberWords')));
  register('thaiDate', (iso: unknown, style: unknown) =>
    formatThaiDate(String(iso), style === 'short' ? 'short' : 'full'),
  );
  register('fiscalYearStart', (fy: unknown) => fiscalYearRange(asNumber(fy, 'fiscalYearStart')).start);
  register('fiscalYearEnd', (fy: unknown) => fiscalYearRange(asNumber(fy, 'fiscalYearEnd')).end);
  register('quarterEnd', (fy: unknown, q: unknown) => quarterRange(asNumber(fy, 'quarterEnd'), asNumber(q, 'quarterEnd')).end);
  register('quarterStart', (fy: unknown, q: unknown) => quarterRange(asNumber(fy, 'quarterStart'), asNumber(q, 'quarterStart')).start);
}

function asNumber(value: unknown, helper: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new TypeError(`template helper ${helper} expects a number, got ${JSON.stringify(value)}`);
  }
  return value;
}

let environment: typeof Handlebars | undefined;
const compiled = new Map<string, CompiledDocumentTemplate>();

export interface DocumentTemplateOutput {
  meta: { title: string; subject: string; keywords: string[] };
  markup: string;
}

type CompiledDocumentTemplate = (context: object) => DocumentTemplateOutput;

/**
 * A document template is a .hbs file with YAML front matter for the file's properties
 * (title, subject, keywords), each of which is itself a Handlebars string.
 */
export function documentTemplate(name: string): CompiledDocumentTemplate {
  const cached = compiled.get(name);
  if (cached) return cached;
  const template = compileDocumentTemplate(`templates/${name}.hbs`, templateText(`templates/${name}.hbs`));
  compiled.set(name, template);
  return template;
}

/**
 * Compiles the text of a document template; `file` is the name its errors and markup positions
 * give (`templates/report.hbs`). Exported for the tests, which run template texts of their own.
 */
export function compileDocumentTemplate(file: string, source: string): CompiledDocumentTemplate {
  environment ??= createEnvironment();
  const hb = environment;
  const pieces = documentTemplatePieces(source);
  const compile = (piece: { text: string; offset: number }): Handlebars.TemplateDelegate => located({ file, offset: piece.offset }, compileText(hb, piece.text));
  const title = compile(pieces.title);
  const subject = compile(pieces.subject);
  const keywords = pieces.keywords.map(compile);
  const markup = compile(pieces.body);
  return (context) => ({
    meta: { title: title(context), subject: subject(context), keywords: keywords.map((k) => k(context)) },
    markup: markup(context),
  });
}

const texts = new Map<string, Handlebars.TemplateDelegate>();

/**
 * Compiles a short Handlebars text (an explanation) in the same environment. Most are the
 * framework's default explanations, the same for every agency, so compiled ones are kept (a few
 * hundred at most: the map starts over when it grows past that).
 */
export function textTemplate(source: string): Handlebars.TemplateDelegate {
  environment ??= createEnvironment();
  let template = texts.get(source);
  if (!template) {
    if (texts.size >= 500) texts.clear();
    template = compileText(environment, source);
    texts.set(source, template);
  }
  return template;
}
