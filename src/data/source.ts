import { isMap, isSeq, isScalar, isPair, LineCounter, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import type { FieldPath } from './types.ts';

export interface Position {
  line: number;
  col: number;
}

/**
 * Maps a field path back to a line and column of the YAML source, so that every message can
 * point the clerk at the place to fix. A path that does not exist (a missing required key)
 * resolves to the deepest part of it that does.
 */
export class SourceMap {
  /** Each mapping's pairs by key, built when first asked: a file with thousands of keys (and a
   * finding for each) is located in linear time, not by searching every mapping for every key. */
  private readonly keys = new WeakMap<YAMLMap, Map<string, Pair>>();

  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  locate(path: FieldPath): Position {
    let node: unknown = this.doc.contents;
    let offset = 0;
    const start = rangeStart(node);
    if (start !== undefined) offset = start;
    for (const step of path) {
      if (isMap(node)) {
        const pair = this.pairs(node).get(String(step));
        if (!pair) break;
        // A block mapping or list is pointed at by its key line (`scores:`), a scalar by its value.
        const block = (isMap(pair.value) || isSeq(pair.value)) && !pair.value.flow;
        const at = block ? rangeStart(pair.key) : (rangeStart(pair.value) ?? rangeStart(pair.key));
        if (at !== undefined) offset = at;
        node = pair.value;
      } else if (isSeq(node) && typeof step === 'number') {
        const item = node.items[step];
        if (item === undefined) break;
        const at = rangeStart(item);
        if (at !== undefined) offset = at;
        node = item;
      } else {
        break;
      }
    }
    return this.lines.linePos(offset);
  }

  /** Whether the file writes this field (a default does not count): `['assessment_year']`. */
  has(path: FieldPath): boolean {
    let node: unknown = this.doc.contents;
    for (const step of path) {
      if (isMap(node)) {
        const pair = this.pairs(node).get(String(step));
        if (!pair) return false;
        node = pair.value;
      } else if (isSeq(node) && typeof step === 'number' && step < node.items.length) {
        node = node.items[step];
      } else {
        return false;
      }
    }
    return true;
  }

  /** Every text value of the file with its field path, in file order. */
  texts(): { path: FieldPath; text: string }[] {
    const out: { path: FieldPath; text: string }[] = [];
    const walk = (node: unknown, path: FieldPath): void => {
      if (isScalar(node)) {
        if (typeof node.value === 'string') out.push({ path, text: node.value });
      } else if (isMap(node)) {
        for (const pair of node.items) if (isPair(pair) && isScalar(pair.key)) walk(pair.value, [...path, String(pair.key.value)]);
      } else if (isSeq(node)) {
        node.items.forEach((item, i) => walk(item, [...path, i]));
      }
    };
    walk(this.doc.contents, []);
    return out;
  }

  private pairs(map: YAMLMap): Map<string, Pair> {
    let byKey = this.keys.get(map);
    if (!byKey) {
      byKey = new Map();
      // The first pair of a key wins, as a search from the top would find it.
      for (const p of map.items) if (isPair(p) && isScalar(p.key) && !byKey.has(String(p.key.value))) byKey.set(String(p.key.value), p);
      this.keys.set(map, byKey);
    }
    return byKey;
  }
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}
