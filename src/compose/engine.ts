import { readFileSync, readdirSync } from 'node:fs';
import Handlebars from 'handlebars';
import { parse as parseYaml } from 'yaml';
import { BLOCK_TAGS, closeTag, openTag, type TagAttrs } from '../model/markup.ts';
import { bahtText } from '../thai/baht.ts';
import { formatThaiDate } from '../thai/dates.ts';
import { fiscalYearRange, quarterRange } from '../thai/fiscal.ts';
import { formatAmount, formatScore } from '../thai/numbers.ts';
import { numberWords } from '../thai/words.ts';

/** All the Thai wording lives here: report and announcement templates, partials, explanations. */
export const templatesDir = new URL('../../templates/', import.meta.url);


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
      return openTag(name, options.hash as TagAttrs) + options.fn(this) + closeTag(name);
    });
  }
  hb.registerHelper('PageBreak', () => openTag('pagebreak') + closeTag('pagebreak'));
  hb.registerHelper('Rule', () => openTag('rule') + closeTag('rule'));
  hb.registerHelper('score', (n: unknown) => formatScore(asNumber(n, 'score')));
  hb.registerHelper('amount', (n: unknown) => formatAmount(asNumber(n, 'amount')));
  hb.registerHelper('bahtText', (n: unknown) => bahtText(asNumber(n, 'bahtText')));
  hb.registerHelper('numberWords', (n: unknown) => numberWords(asNumber(n, 'numberWords')));
  hb.registerHelper('thaiDate', (iso: unknown, style: unknown) =>
    formatThaiDate(String(iso), style === 'short' ? 'short' : 'full'),
  );
  hb.registerHelper('fiscalYearStart', (fy: unknown) => fiscalYearRange(asNumber(fy, 'fiscalYearStart')).start);
  hb.registerHelper('fiscalYearEnd', (fy: unknown) => fiscalYearRange(asNumber(fy, 'fiscalYearEnd')).end);
  hb.registerHelper('quarterEnd', (fy: unknown, q: unknown) => quarterRange(asNumber(fy, 'quarterEnd'), asNumber(q, 'quarterEnd')).end);
  hb.registerHelper('quarterStart', (fy: unknown, q: unknown) => quarterRange(asNumber(fy, 'quarterStart'), asNumber(q, 'quarterStart')).start);
  for (const file of readdirSync(new URL('partials/', templatesDir))) {
    if (!file.endsWith('.hbs')) continue;
    hb.registerPartial(file.slice(0, -4), readFileSync(new URL(`partials/${file}`, templatesDir), 'utf8'));
  }
  return hb;
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
  environment ??= createEnvironment();
  const hb = environment;
  const source = readFileSync(new URL(`${name}.hbs`, templatesDir), 'utf8');
  const match = /^---\n([\s\S]*?)\n---\n/.exec(source);
  const front = (match ? parseYaml(match[1]!) : {}) as { title?: string; subject?: string; keywords?: string[] };
  const body = match ? source.slice(match[0].length) : source;
  const options = { noEscape: true, strict: true } as const;
  const compile = (s: string): Handlebars.TemplateDelegate => hb.compile(s, options);
  const title = compile(front.title ?? '');
  const subject = compile(front.subject ?? '');
  const keywords = (front.keywords ?? []).map(compile);
  const markup = compile(body);
  const template: CompiledDocumentTemplate = (context) => ({
    meta: { title: title(context), subject: subject(context), keywords: keywords.map((k) => k(context)) },
    markup: markup(context),
  });
  compiled.set(name, template);
  return template;
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
    template = environment.compile(source, { noEscape: true, strict: true });
    texts.set(source, template);
  }
  return template;
}
