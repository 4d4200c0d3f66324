import { Document, isMap, isScalar, isSeq, parseDocument, Scalar, stringify } from 'yaml';

/**
 * Writes new values into a data file's YAML while keeping what the clerk did not change: comments,
 * key order, spacing, quoting and folded text. When only values changed, each changed value is
 * replaced in the original text where it stands and nothing else moves. When the shape changed
 * (a measure added, a key removed), the document is merged node by node, which keeps comments and
 * order but lets the YAML library lay out the text again.
 */
export function updateYaml(original: string, value: unknown): string {
  const doc = parseDocument(original);
  if (doc.errors.length > 0 || doc.contents === null) {
    // A file that does not parse has nothing to keep but its leading comment lines.
    const header = original.match(/^(?:#[^\n]*\n)+/)?.[0] ?? '';
    return header + new Document(value).toString({ lineWidth: 0 });
  }
  const edits: Edit[] = [];
  const state = { structural: false };
  doc.contents = merge(doc, doc.contents, value, edits, state) as typeof doc.contents;
  if (state.structural) return doc.toString({ lineWidth: 0 });
  let text = original;
  for (const edit of edits.sort((a, b) => b.start - a.start)) text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
  return text;
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `1:` in the data is a number key (indicator 1); keep new keys of that kind numbers too. */
const keyNode = (doc: Document, key: string) => doc.createNode(/^\d+$/.test(key) ? Number(key) : key);

/** A scalar as it is written on one line, quoted only if it must be. */
function inlineScalar(value: unknown): string | undefined {
  if (typeof value === 'string' && /[\n\r]/.test(value)) return undefined;
  return stringify(value, { lineWidth: 0 }).replace(/\n$/, '');
}

function merge(doc: Document, node: unknown, value: unknown, edits: Edit[], state: { structural: boolean }): unknown {
  if (isMap(node) && isRecord(value)) {
    const keyOf = (k: unknown) => String(isScalar(k) ? k.value : k);
    const kept = node.items.filter((pair) => keyOf(pair.key) in value && value[keyOf(pair.key)] !== undefined);
    if (kept.length !== node.items.length) state.structural = true;
    node.items = kept;
    for (const [key, v] of Object.entries(value)) {
      if (v === undefined) continue;
      const pair = node.items.find((p) => keyOf(p.key) === key);
      if (pair) pair.value = merge(doc, pair.value, v, edits, state);
      else {
        state.structural = true;
        node.items.push(doc.createPair(keyNode(doc, key), v));
      }
    }
    return node;
  }
  if (isSeq(node) && Array.isArray(value)) {
    if (value.length !== node.items.length) state.structural = true;
    node.items = value.map((v, i) => (i < node.items.length ? merge(doc, node.items[i], v, edits, state) : doc.createNode(v)));
    return node;
  }
  if (isScalar(node) && (value === null || typeof value !== 'object')) {
    if (node.value === value) return node;
    node.value = value;
    const text = inlineScalar(value);
    const folded = node.type === Scalar.BLOCK_FOLDED || node.type === Scalar.BLOCK_LITERAL;
    if (!node.range || text === undefined || folded) state.structural = true;
    else edits.push({ start: node.range[0], end: node.range[1], text });
    return node;
  }
  state.structural = true;
  return doc.createNode(value);
}
