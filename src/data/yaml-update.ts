import { Document, isMap, isScalar, isSeq, parseDocument, Scalar, stringify, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';

/**
 * Writes new values into a data file's YAML while keeping what the clerk did not change: comments,
 * key order, spacing, quoting and folded text. Every change is made in the original text where it
 * stands, and nothing else moves: a changed value is replaced, a new key is written under its
 * siblings (a number key in number order), a removed key or list item loses its lines, a value that
 * changes its kind (text becoming a list, a one-line text becoming several lines) is written anew
 * in place, a one-line `{ … }` or `[ … ]` is written again on its line. The result is read back
 * and compared with the values; if it does not give them (a layout these edits do not know), the
 * document is merged node by node instead, which keeps comments and order but lets the YAML library
 * lay out the text again.
 */
export function updateYaml(original: string, value: unknown): string {
  const doc = parseDocument(original);
  if (doc.errors.length > 0 || doc.contents === null) {
    // A file that does not parse has nothing to keep but its leading comment lines.
    const header = original.match(/^(?:#[^\n]*\n)+/)?.[0] ?? '';
    return header + new Document(numberKeys(value)).toString({ lineWidth: 0 });
  }
  const edits = plan(new Source(original), doc.contents, value, { kind: 'root' });
  if (edits !== null) {
    let text = original;
    // From the end of the text back, so that positions stay true. Of two insertions at one place the
    // inner one (planned first: a new key of a step before the next new step) ends up first.
    const ordered = edits.map((edit, i) => ({ ...edit, i })).sort((a, b) => b.start - a.start || b.end - a.end || b.i - a.i);
    // New lines end as the file's lines do (a file written on Windows keeps CRLF).
    const eol = /\r\n/.test(original) ? '\r\n' : '\n';
    for (const edit of ordered) text = text.slice(0, edit.start) + edit.text.replace(/\r?\n/g, eol) + text.slice(edit.end);
    if (gives(text, value)) return text;
  }
  doc.contents = merge(doc, doc.contents, value) as typeof doc.contents;
  return doc.toString({ lineWidth: 0 });
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const NUMBER_KEY = /^\d+$/;

/** Values as JSON gives them: keys whose value is undefined are not there. */
const defined = (value: Record<string, unknown>): [string, unknown][] => Object.entries(value).filter(([, v]) => v !== undefined);

/**
 * Whether two values read from YAML or JSON (null, booleans, numbers, strings, arrays, plain
 * objects) are the same data: numbers as Object.is sees them (-0 is not 0, NaN is NaN), keys in any
 * order. What Node's isDeepStrictEqual says of such values, without Node (the engine's browser
 * worker updates files too).
 */
export function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => sameData(item, b[i]));
  }
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => Object.prototype.hasOwnProperty.call(b, key) && sameData((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

/** True when `text` is YAML that reads back as `value`. */
function gives(text: string, value: unknown): boolean {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return false;
  try {
    return sameData(doc.toJS(), JSON.parse(JSON.stringify(value)));
  } catch {
    return false;
  }
}

/**
 * A value as the YAML library should write it: map keys that are numbers (`scores: {1: …}`, the
 * measures and steps of `followup`) written as numbers, as a clerk types them, except the rounds
 * of `followup`, which the README and the schema write as text ("6", "12").
 */
function numberKeys(value: unknown, key?: string): unknown {
  if (Array.isArray(value)) return value.map((v) => numberKeys(v));
  if (!isRecord(value)) return value;
  return new Map(defined(value).map(([k, v]) => [NUMBER_KEY.test(k) && key !== 'followup' ? Number(k) : k, numberKeys(v, k)]));
}

// ---- edits in the text ---------------------------------------------------------------------------

/** The original text, with where lines start and end. */
class Source {
  constructor(readonly text: string) {}
  lineStart(pos: number): number {
    return this.text.lastIndexOf('\n', pos - 1) + 1;
  }
  /** Just after the end of the line that `pos` is on (after its newline); a position just after a newline is such an end already. */
  lineEnd(pos: number): number {
    if (pos > 0 && this.text[pos - 1] === '\n') return pos;
    const nl = this.text.indexOf('\n', pos);
    return nl < 0 ? this.text.length : nl + 1;
  }
  /** Only spaces between the start of `pos`'s line and `pos`. */
  startsLine(pos: number): boolean {
    return /^ *$/.test(this.text.slice(this.lineStart(pos), pos));
  }
  column(pos: number): number {
    return pos - this.lineStart(pos);
  }
  /** Text inserted at `pos`: after a last line without a newline, on a line of its own. */
  insertion(pos: number, text: string): Edit {
    const own = pos === this.text.length && pos > 0 && !this.text.endsWith('\n');
    return { start: pos, end: pos, text: own ? `\n${text}` : text };
  }
}

/**
 * Where a node stands, which says how a new value is written in its place: the value of a key in a
 * block mapping (after the colon at `colon`, the key at column `indent`), an item of a block list
 * (its dash at column `indent`), inside a `{ … }` / `[ … ]` (written again with it), or the document.
 */
type At = { kind: 'value'; colon: number; indent: number } | { kind: 'item'; indent: number } | { kind: 'flow' } | { kind: 'root' };

type Range = [number, number, number];
const rangeOf = (node: unknown): Range | undefined => (node as { range?: Range | null } | null)?.range ?? undefined;

/** `text`'s lines after the first indented by `indent` spaces (empty lines left empty). */
const indentRest = (text: string, indent: number): string => text.replace(/\n(?=[^\n])/g, `\n${' '.repeat(indent)}`);
/** Every line of `text` indented by `indent` spaces. */
const indentAll = (text: string, indent: number): string => ' '.repeat(indent) + indentRest(text, indent);

/** A scalar as it is written on one line, quoted only if it must be. */
function inlineScalar(value: unknown): string | undefined {
  if (typeof value === 'string' && /[\n\r]/.test(value)) return undefined;
  return stringify(value, { lineWidth: 0 }).replace(/\n$/, '');
}

const flowText = (value: unknown): string => stringify(numberKeys(value), { lineWidth: 0, collectionStyle: 'flow' }).replace(/\n$/, '');

/**
 * The edits that turn `node` (in `source`) into `value`, or null when this node cannot be edited
 * where it stands (its parent then writes itself anew).
 */
function plan(source: Source, node: unknown, value: unknown, at: At, key?: string): Edit[] | null {
  if (isScalar(node) && (value === null || typeof value !== 'object')) {
    if (node.value === value) return [];
    const text = inlineScalar(value);
    const block = node.type === Scalar.BLOCK_FOLDED || node.type === Scalar.BLOCK_LITERAL;
    const range = rangeOf(node);
    if (range && text !== undefined && !block) return [{ start: range[0], end: range[1], text }];
    return rewrite(source, node, value, at, key);
  }
  if (isMap(node) && isRecord(value)) {
    if (node.flow) return flowEdits(source, node, value, at, key, () => planMap(source, node, value, { kind: 'flow' }));
    return planMap(source, node, value, at, key) ?? rewrite(source, node, value, at, key);
  }
  if (isSeq(node) && Array.isArray(value)) {
    if (node.flow) return flowEdits(source, node, value, at, key, () => planSeq(source, node, value, { kind: 'flow' }));
    return planSeq(source, node, value, at, key) ?? rewrite(source, node, value, at, key);
  }
  return rewrite(source, node, value, at, key);
}

/**
 * A `{ … }` or `[ … ]`: its values edited where they stand when its shape stays; otherwise written
 * again on its line, or, when it was empty and gets entries under a key, as a block below the key.
 */
function flowEdits(source: Source, node: YAMLMap | YAMLSeq, value: Record<string, unknown> | unknown[], at: At, key: string | undefined, inner: () => Edit[] | null): Edit[] | null {
  const sameShape = Array.isArray(value)
    ? value.length === node.items.length
    : defined(value).length === node.items.length && (node.items as Pair[]).every((p) => keyOf(p) in value && value[keyOf(p)] !== undefined);
  const edits = sameShape ? inner() : null;
  if (edits !== null) return edits;
  const empty = node.items.length === 0;
  const entries = Array.isArray(value) ? value.length : defined(value).length;
  const text = flowText(value);
  // Text of several lines has no good place in a `{ … }`: the whole is written as a block then.
  if (((empty && entries > 0) || text.includes('\n')) && (at.kind === 'value' || at.kind === 'item')) return rewrite(source, node, value, at, key);
  const range = rangeOf(node);
  if (!range || at.kind !== 'value' && at.kind !== 'item') return null;
  return [{ start: range[0], end: range[1], text }];
}

const keyOf = (pair: Pair): string => String(isScalar(pair.key) ? pair.key.value : pair.key);

/** The lines of a block mapping's pair: from its key's line to the end of its value's last line. */
function pairLines(source: Source, pair: Pair): { start: number | undefined; keyStart: number; end: number } | undefined {
  const keyRange = rangeOf(pair.key);
  if (!keyRange || !isScalar(pair.key)) return undefined;
  const valueRange = rangeOf(pair.value);
  const end = source.lineEnd(valueRange ? valueRange[2] : keyRange[2]);
  // A pair that is the first of a list item (`- title: …`) does not start its line.
  return { start: source.startsLine(keyRange[0]) ? source.lineStart(keyRange[0]) : undefined, keyStart: keyRange[0], end };
}

function planMap(source: Source, node: YAMLMap, value: Record<string, unknown>, at: At, key?: string): Edit[] | null {
  const entries = defined(value);
  if (entries.length === 0) return null;
  const pairs = node.items as Pair[];
  const lines = pairs.map((p) => pairLines(source, p));
  if (lines.some((l) => l === undefined)) return null;
  const regions = lines as NonNullable<(typeof lines)[number]>[];
  const edits: Edit[] = [];
  const kept = pairs.map((p) => value[keyOf(p)] !== undefined);
  // Removed pairs lose their lines, a run of them at once.
  for (let i = 0; i < pairs.length; i++) {
    if (kept[i]) continue;
    let j = i;
    while (j + 1 < pairs.length && !kept[j + 1]) j++;
    const start = regions[i]!.start;
    if (start !== undefined) edits.push({ start, end: regions[j]!.end, text: '' });
    else if (j + 1 < pairs.length && entries.every(([k]) => pairs.some((p) => keyOf(p) === k))) {
      // The first pair of a list item: the next pair's key takes its place after the dash.
      edits.push({ start: regions[i]!.keyStart, end: regions[j + 1]!.keyStart, text: '' });
    } else return null;
    i = j;
  }
  // Kept pairs: their values edited where they stand.
  for (const [i, pair] of pairs.entries()) {
    if (!kept[i]) continue;
    const keyRange = rangeOf(pair.key)!;
    const colon = source.text.indexOf(':', keyRange[1]);
    if (colon < 0) return null;
    const inner = plan(source, pair.value, value[keyOf(pair)], at.kind === 'flow' ? at : { kind: 'value', colon: colon + 1, indent: source.column(keyRange[0]) }, keyOf(pair));
    if (inner === null) return null;
    edits.push(...inner);
  }
  // New pairs: under their siblings, a number key before the first greater number.
  const added = entries.filter(([k]) => !pairs.some((p) => keyOf(p) === k));
  if (added.length > 0) {
    if (at.kind === 'flow' || pairs.length === 0) return null;
    const indent = source.column(regions[0]!.keyStart);
    const numbered = pairs.every((p) => NUMBER_KEY.test(keyOf(p)));
    const inserts = new Map<number, string>();
    for (const [k, v] of added) {
      const before = numbered && NUMBER_KEY.test(k) ? pairs.findIndex((p) => Number(keyOf(p)) > Number(k)) : -1;
      let pos: number;
      if (before < 0) pos = regions[regions.length - 1]!.end;
      else if (before > 0) pos = regions[before - 1]!.end;
      else if (regions[0]!.start !== undefined) pos = regions[0]!.start;
      else return null;
      inserts.set(pos, (inserts.get(pos) ?? '') + indentAll(pairText(pairs, k, v, key), indent));
    }
    for (const [pos, text] of inserts) edits.push(source.insertion(pos, text));
  }
  return edits;
}

/** `key: value` as the YAML library writes it, the key written like its siblings' keys. */
function pairText(siblings: Pair[], key: string, value: unknown, parentKey: string | undefined): string {
  let written: string | number = NUMBER_KEY.test(key) && parentKey !== 'followup' ? Number(key) : key;
  const sibling = siblings.find((p) => isScalar(p.key) && NUMBER_KEY.test(keyOf(p)))?.key as Scalar | undefined;
  if (sibling && NUMBER_KEY.test(key)) written = typeof sibling.value === 'number' ? Number(key) : key;
  return stringify(new Map([[written, numberKeys(value, key)]]), { lineWidth: 0 });
}

/** The lines of a block list's item: from its dash's line to the end of its last line. */
function itemLines(source: Source, item: unknown): { start: number; end: number; dash: number } | undefined {
  const range = rangeOf(item);
  if (!range) return undefined;
  const dash = source.text.lastIndexOf('-', range[0] - 1);
  if (dash < 0 || !/^[ \n]*$/.test(source.text.slice(dash + 1, range[0]).replace(/#[^\n]*/g, '')) || !source.startsLine(dash)) return undefined;
  return { start: source.lineStart(dash), end: source.lineEnd(range[2]), dash };
}

function planSeq(source: Source, node: YAMLSeq, value: unknown[], at: At, key?: string): Edit[] | null {
  if (value.length === 0) return null;
  if (at.kind === 'flow') {
    if (value.length !== node.items.length) return null;
    const edits: Edit[] = [];
    for (const [i, item] of node.items.entries()) {
      const inner = plan(source, item, value[i], at);
      if (inner === null) return null;
      edits.push(...inner);
    }
    return edits;
  }
  const lines = node.items.map((item) => itemLines(source, item));
  if (lines.length === 0 || lines.some((l) => l === undefined)) return null;
  const regions = lines as NonNullable<(typeof lines)[number]>[];
  const edits: Edit[] = [];
  for (const [i, item] of node.items.entries()) {
    if (i >= value.length) break;
    const inner = plan(source, item, value[i], { kind: 'item', indent: source.column(regions[i]!.dash) }, key);
    if (inner === null) return null;
    edits.push(...inner);
  }
  if (value.length < node.items.length) {
    edits.push({ start: regions[value.length]!.start, end: regions[regions.length - 1]!.end, text: '' });
  } else if (value.length > node.items.length) {
    const text = stringify(value.slice(node.items.length).map((v) => numberKeys(v)), { lineWidth: 0 });
    edits.push(source.insertion(regions[regions.length - 1]!.end, indentAll(text, source.column(regions[0]!.dash))));
  }
  return edits;
}

/**
 * `node` written anew with `value` where it stands: after its key's colon (a one-line value on the
 * key's line, a block on the lines below, indented under the key), or after its list item's dash.
 * The comment on the key's line is kept; comments inside the old value go with it.
 */
function rewrite(source: Source, node: unknown, value: unknown, at: At, key?: string): Edit[] | null {
  const range = rangeOf(node);
  if (!range) return null;
  if (at.kind === 'value') {
    // What the YAML library writes after `key:`: ` value` on the key's line, or a block below it.
    const written = stringify(new Map([['k', numberKeys(value, key)]]), { lineWidth: 0 }).slice(2);
    // The comment on the key's line stays there: after the old value, or after the colon when the
    // old value was below the key.
    const sameLine = !source.text.slice(at.colon, range[0]).includes('\n');
    const rest = sameLine ? source.text.slice(range[1], source.lineEnd(range[1])) : source.text.slice(at.colon, source.lineEnd(at.colon));
    const comment = /^\s*#/.test(rest) ? ` ${rest.trim()}` : '';
    const oneLine = written.replace(/\n$/, '');
    let text: string;
    if (!oneLine.includes('\n')) text = oneLine + comment + '\n';
    else if (written.startsWith('\n')) text = comment + indentRest(written, at.indent);
    // Text of several lines (`|-`): its first line is the key's.
    else text = indentRest(written, at.indent);
    return [{ start: at.colon, end: source.lineEnd(range[2]), text }];
  }
  if (at.kind === 'item') {
    const written = stringify([numberKeys(value)], { lineWidth: 0 }).slice(2);
    return [{ start: range[0], end: source.lineEnd(range[2]), text: indentRest(written, at.indent) }];
  }
  return null;
}

// ---- merging node by node, when the text cannot be edited in place ------------------------------

/** `1:` in the data is a number key (indicator 1); keep new keys of that kind numbers too. */
const keyNode = (doc: Document, key: string) => doc.createNode(NUMBER_KEY.test(key) ? Number(key) : key);

function merge(doc: Document, node: unknown, value: unknown, key?: string): unknown {
  if (isMap(node) && isRecord(value)) {
    const kept = node.items.filter((pair) => keyOf(pair as Pair) in value && value[keyOf(pair as Pair)] !== undefined);
    node.items = kept;
    for (const [k, v] of defined(value)) {
      const pair = node.items.find((p) => keyOf(p as Pair) === k);
      if (pair) pair.value = merge(doc, pair.value, v, k);
      else node.items.push(doc.createPair(key === 'followup' ? k : keyNode(doc, k), numberKeys(v, k)));
    }
    return node;
  }
  if (isSeq(node) && Array.isArray(value)) {
    node.items = value.map((v, i) => (i < node.items.length ? merge(doc, node.items[i], v) : doc.createNode(numberKeys(v))));
    return node;
  }
  if (isScalar(node) && (value === null || typeof value !== 'object')) {
    node.value = value;
    return node;
  }
  return doc.createNode(numberKeys(value, key));
}
