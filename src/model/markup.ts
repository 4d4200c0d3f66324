import { LINE_BREAK, type Block, type Cell, type CellBlock, type Chart, type ChartBar, type List, type Paragraph, type Row, type Run } from './types.ts';

/**
 * Templates write structure as tags between two C0 control characters. Those characters cannot
 * occur in data (the loader rejects them, and OOXML forbids them), so nothing a clerk types can
 * open or close a block, and template whitespace outside blocks means nothing.
 */
const OPEN = '\u0001';
const CLOSE = '\u0002';

/** Tags that wrap content; their template helpers are these names capitalised (`Title`, `Chart`). */
export const BLOCK_TAGS = [
  'title',
  'heading',
  'para',
  'list',
  'item',
  'table',
  'row',
  'cell',
  'signature',
  'line',
  'chart',
  'series',
  'bar',
  'label',
  'value',
  'mark',
  'below',
  'description',
  'emblem',
  'b',
  'i',
  'u',
] as const;

export type TagName = (typeof BLOCK_TAGS)[number] | 'pagebreak' | 'rule';

export type TagAttrs = Record<string, string | number | boolean | null>;

/**
 * `at` is where the template wrote the tag (`templates/report.hbs:12`): the parser names it in
 * its errors and keeps it out of the model (the attribute name `at` is reserved for it).
 */
export function openTag(name: TagName, attrs: TagAttrs = {}, at?: string): string {
  return OPEN + JSON.stringify(at === undefined ? { ...attrs, tag: name } : { ...attrs, tag: name, at }) + CLOSE;
}

export function closeTag(name: TagName): string {
  return OPEN + JSON.stringify({ tag: '/' + name }) + CLOSE;
}

export class MarkupError extends Error {}

type Token =
  | { type: 'text'; text: string }
  | { type: 'open'; name: TagName; attrs: TagAttrs; at: string | undefined }
  | { type: 'close'; name: TagName };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  while (pos < source.length) {
    const start = source.indexOf(OPEN, pos);
    if (start === -1) {
      tokens.push({ type: 'text', text: source.slice(pos) });
      break;
    }
    if (start > pos) tokens.push({ type: 'text', text: source.slice(pos, start) });
    const end = source.indexOf(CLOSE, start);
    if (end === -1) throw new MarkupError('unterminated tag');
    const { tag, at, ...attrs } = JSON.parse(source.slice(start + 1, end)) as TagAttrs & { tag: string };
    if (tag.startsWith('/')) tokens.push({ type: 'close', name: tag.slice(1) as TagName });
    else tokens.push({ type: 'open', name: tag as TagName, attrs, at: typeof at === 'string' ? at : undefined });
    pos = end + 1;
  }
  return tokens;
}

interface Format {
  bold: boolean;
  italic: boolean;
  underline: boolean;
}

/** Turns a rendered template into blocks. Whitespace inside text collapses as in HTML. */
export function parseMarkup(source: string): Block[] {
  const tokens = tokenize(source);
  let i = 0;
  // The template positions of the tags open at the reading point (undefined where a tag has none).
  const open: (string | undefined)[] = [];
  /** An error that names the template line of the nearest enclosing tag that has one. */
  const fail = (message: string, at = open.findLast((p) => p !== undefined)): MarkupError =>
    new MarkupError(at === undefined ? message : `${at}: ${message}`);
  const peek = (): Token | undefined => tokens[i];
  const next = (): Token => {
    const t = tokens[i++];
    if (!t) throw fail('unexpected end of template output');
    if (t.type === 'open') open.push(t.at);
    else if (t.type === 'close') open.pop();
    return t;
  };
  const describe = (t: Token | undefined): string =>
    !t ? 'end' : t.type === 'text' ? `text "${t.text.trim().slice(0, 40)}"` : `${t.type === 'close' ? '/' : ''}${t.name}`;

  /** Skips whitespace-only text; any other text here is a template mistake. */
  const skipBlank = (context: string): void => {
    for (let t = peek(); t?.type === 'text'; t = peek()) {
      if (t.text.trim() !== '') throw fail(`text outside a block in ${context}: "${t.text.trim().slice(0, 60)}"`);
      i++;
    }
  };

  const expectClose = (name: TagName): void => {
    const t = next();
    if (t.type !== 'close' || t.name !== name) throw fail(`expected /${name}, found ${describe(t)}`);
  };

  /** Reads inline content up to the closing tag of `name`. */
  const readRuns = (name: TagName): Run[] => {
    const runs: Run[] = [];
    const stack: Format[] = [{ bold: false, italic: false, underline: false }];
    for (;;) {
      const t = next();
      const fmt = stack.at(-1)!;
      if (t.type === 'text') {
        runs.push({ text: t.text, ...(fmt.bold && { bold: true }), ...(fmt.italic && { italic: true }), ...(fmt.underline && { underline: true }) });
      } else if (t.type === 'open' && (t.name === 'b' || t.name === 'i' || t.name === 'u')) {
        stack.push({
          bold: fmt.bold || t.name === 'b',
          italic: fmt.italic || t.name === 'i',
          underline: fmt.underline || t.name === 'u',
        });
      } else if (t.type === 'close' && (t.name === 'b' || t.name === 'i' || t.name === 'u') && stack.length > 1) {
        stack.pop();
      } else if (t.type === 'close' && t.name === name && stack.length === 1) {
        return collapseRuns(runs);
      } else {
        throw fail(`unexpected ${describe(t)} inside ${name}`);
      }
    }
  };

  const readList = (): List => {
    const items: List['items'] = [];
    for (;;) {
      skipBlank('list');
      const t = next();
      if (t.type === 'close' && t.name === 'list') return { kind: 'list', items };
      if (t.type !== 'open' || t.name !== 'item') throw fail(`a list holds items, found ${describe(t)}`);
      items.push({ runs: readRuns('item') });
    }
  };

  const paragraphStyle = (attrs: TagAttrs, fallback: Paragraph['style']): Paragraph['style'] => {
    const style = attrs.style ?? fallback;
    if (style !== 'body' && style !== 'plain' && style !== 'center' && style !== 'right') {
      throw fail(`unknown paragraph style ${String(style)}`);
    }
    return style;
  };

  const readCell = (): Cell => {
    const blocks: CellBlock[] = [];
    // A cell may hold bare text (one plain paragraph) or paragraphs and lists.
    const first = peek();
    if (first?.type === 'text' && first.text.trim() !== '') {
      blocks.push({ kind: 'paragraph', style: 'plain', runs: readRuns('cell') });
      return { blocks };
    }
    for (;;) {
      skipBlank('cell');
      const t = next();
      if (t.type === 'close' && t.name === 'cell') return { blocks };
      if (t.type === 'open' && t.name === 'para') blocks.push({ kind: 'paragraph', style: paragraphStyle(t.attrs, 'plain'), runs: readRuns('para') });
      else if (t.type === 'open' && t.name === 'list') blocks.push(readList());
      else if (t.type === 'open' && (t.name === 'b' || t.name === 'i' || t.name === 'u')) {
        i--;
        blocks.push({ kind: 'paragraph', style: 'plain', runs: readRuns('cell') });
        return { blocks };
      } else throw fail(`unexpected ${describe(t)} in a cell`);
    }
  };

  const readRow = (): Row => {
    const cells: Cell[] = [];
    for (;;) {
      skipBlank('row');
      const t = next();
      if (t.type === 'close' && t.name === 'row') return { cells };
      if (t.type !== 'open' || t.name !== 'cell') throw fail(`a row holds cells, found ${describe(t)}`);
      cells.push(readCell());
    }
  };

  /** Plain text up to the closing tag of `name`: chart texts carry no formatting. */
  const readText = (name: TagName): string => readRuns(name).map((r) => r.text).join('');

  const numberAttr = (attrs: TagAttrs, key: string, tag: TagName): number => {
    const value = attrs[key];
    if (typeof value !== 'number' || !Number.isFinite(value)) throw fail(`${tag} needs a number ${key}, found ${JSON.stringify(value)}`);
    return value;
  };

  const readBar = (): ChartBar => {
    let label: string | undefined;
    const values: ChartBar['values'] = [];
    for (;;) {
      skipBlank('bar');
      const t = next();
      if (t.type === 'close' && t.name === 'bar') break;
      if (t.type === 'open' && t.name === 'label') label = readText('label');
      else if (t.type === 'open' && t.name === 'value') {
        // A value without a number is a gap: that series has no score for this bar.
        const text = readText('value');
        values.push(t.attrs.value === null || t.attrs.value === undefined ? null : { value: numberAttr(t.attrs, 'value', 'value'), text });
      } else throw fail(`a bar holds a label and values, found ${describe(t)}`);
    }
    if (label === undefined) throw fail('a bar needs a label');
    return { label, values };
  };

  const readChart = (attrs: TagAttrs, at: string | undefined): Chart => {
    const chart: Chart = { kind: 'chart', series: [], bars: [], max: numberAttr(attrs, 'max', 'chart'), description: '' };
    for (;;) {
      skipBlank('chart');
      const t = next();
      if (t.type === 'close' && t.name === 'chart') break;
      if (t.type !== 'open') throw fail(`unexpected ${describe(t)} in a chart`);
      if (t.name === 'series') chart.series.push(readText('series'));
      else if (t.name === 'bar') chart.bars.push(readBar());
      else if (t.name === 'mark') chart.mark = { value: numberAttr(t.attrs, 'value', 'mark'), text: readText('mark') };
      else if (t.name === 'below') chart.below = readText('below');
      else if (t.name === 'description') chart.description = readText('description');
      else throw fail(`unexpected ${describe(t)} in a chart`);
    }
    if (chart.series.length === 0 || chart.bars.length === 0) throw fail('a chart needs series and bars', at);
    const wrong = chart.bars.find((b) => b.values.length !== chart.series.length);
    if (wrong) throw fail(`chart bar "${wrong.label}" has ${wrong.values.length} values for ${chart.series.length} series`, at);
    return chart;
  };

  const blocks: Block[] = [];
  for (;;) {
    skipBlank('document');
    const t = peek();
    if (!t) break;
    next();
    if (t.type !== 'open') throw fail(`unexpected ${describe(t)} at document level`);
    switch (t.name) {
      case 'title':
        blocks.push({ kind: 'title', runs: readRuns('title') });
        break;
      case 'heading': {
        const level = Number(t.attrs.level ?? 1);
        if (level !== 1 && level !== 2 && level !== 3) throw fail(`heading level ${level}`);
        blocks.push({ kind: 'heading', level, numbered: t.attrs.numbered !== false, runs: readRuns('heading') });
        break;
      }
      case 'para':
        blocks.push({ kind: 'paragraph', style: paragraphStyle(t.attrs, 'body'), runs: readRuns('para') });
        break;
      case 'list':
        blocks.push(readList());
        break;
      case 'table': {
        const header: Row[] = [];
        const rows: Row[] = [];
        for (;;) {
          skipBlank('table');
          const r = next();
          if (r.type === 'close' && r.name === 'table') break;
          if (r.type !== 'open' || r.name !== 'row') throw fail(`a table holds rows, found ${describe(r)}`);
          (r.attrs.header === true ? header : rows).push(readRow());
        }
        const widths = new Set([...header, ...rows].map((row) => row.cells.length));
        if (widths.size > 1) throw fail(`table rows have different numbers of cells: ${[...widths].join(', ')}`, t.at);
        blocks.push({ kind: 'table', header, rows });
        break;
      }
      case 'signature': {
        const lines: Run[][] = [];
        for (;;) {
          skipBlank('signature');
          const l = next();
          if (l.type === 'close' && l.name === 'signature') break;
          if (l.type !== 'open' || l.name !== 'line') throw fail(`a signature holds lines, found ${describe(l)}`);
          lines.push(readRuns('line'));
        }
        blocks.push({ kind: 'signature', lines });
        break;
      }
      case 'chart':
        blocks.push(readChart(t.attrs, t.at));
        break;
      case 'pagebreak':
        expectClose('pagebreak');
        blocks.push({ kind: 'pageBreak' });
        break;
      case 'emblem': {
        // The picture is data (the agency's file or the shipped Garuda); the content is its description.
        const svg = t.attrs.svg;
        if (typeof svg !== 'string' || svg === '') throw fail(`emblem needs an svg, found ${JSON.stringify(svg)?.slice(0, 40)}`);
        blocks.push({ kind: 'emblem', svg, description: readText('emblem') });
        break;
      }
      case 'rule':
        expectClose('rule');
        blocks.push({ kind: 'rule' });
        break;
      default:
        throw fail(`${t.name} cannot stand at document level`);
    }
  }
  return blocks;
}

/**
 * Collapses whitespace the way HTML does, across run boundaries too, and merges neighbouring
 * runs of the same format, so the exporters see clean runs.
 */
function collapseRuns(runs: Run[]): Run[] {
  const out: Run[] = [];
  let lastEndsWithSpace = true; // at the start of a block, leading space is dropped
  for (const run of runs) {
    // Collapse template whitespace, but keep a no-break space the author put there on purpose,
    // and a line break the clerk typed (tidied below).
    let text = run.text.replace(/[^\S\u00A0\u2028]+/g, ' ');
    if (lastEndsWithSpace) text = text.replace(/^ /, '');
    if (text === '') continue;
    lastEndsWithSpace = text.endsWith(' ');
    const prev = out.at(-1);
    if (prev && !!prev.bold === !!run.bold && !!prev.italic === !!run.italic && !!prev.underline === !!run.underline) {
      prev.text += text;
    } else {
      out.push({ ...run, text });
    }
  }
  const last = out.at(-1);
  if (last) {
    last.text = last.text.replace(/ $/, '');
    if (last.text === '') out.pop();
  }
  return out.some((r) => r.text.includes(LINE_BREAK)) ? tidyLineBreaks(out) : out;
}

/**
 * A typed line break stands alone: no space beside it, never two in a row (a blank line typed
 * between two lines), none at the start or end of a block. Across runs, as a bold word may end
 * where the line does.
 */
function tidyLineBreaks(runs: Run[]): Run[] {
  const chars = runs.flatMap((run, r) => [...run.text].map((c) => ({ c, r })));
  const kept: typeof chars = [];
  for (const char of chars) {
    if (char.c === LINE_BREAK) {
      if (kept.at(-1)?.c === ' ') kept.pop();
      if (kept.length === 0 || kept.at(-1)!.c === LINE_BREAK) continue;
    } else if (char.c === ' ' && kept.at(-1)?.c === LINE_BREAK) continue;
    kept.push(char);
  }
  while (kept.length > 0 && (kept.at(-1)!.c === LINE_BREAK || kept.at(-1)!.c === ' ')) kept.pop();
  return runs.flatMap((run, r) => {
    const text = kept
      .filter((x) => x.r === r)
      .map((x) => x.c)
      .join('');
    return text === '' ? [] : [{ ...run, text }];
  });
}
