import type { ErrorObject } from 'ajv';
import type { Finding, FieldPath, RawData } from './types.ts';
// The schema and its validator (compiled at run time from the sources, at build time in the
// compiled program and the browser bundle: src/data/validators.ts).
import { DATA_SCHEMA } from './schemas.ts';
import { validateData as validate } from './validators.ts';

interface SchemaNode {
  title?: string;
  type?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  additionalProperties?: SchemaNode | boolean;
  oneOf?: SchemaNode[];
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  maxItems?: number;
}

export const dataSchema = DATA_SCHEMA as SchemaNode & object;

export function validateRaw(value: unknown): { ok: true; raw: RawData } | { ok: false; findings: Finding[] } {
  if (validate(value)) return { ok: true, raw: value };
  return { ok: false, findings: toFindings(validate.errors ?? []) };
}

/**
 * The schema's `title` for a field ("คะแนนรายตัวชี้วัด (scores)"), so messages can name the field in
 * the clerk's words as well as by its key.
 */
export function fieldTitle(path: FieldPath): string | undefined {
  return schemaNodeAt(path)?.title;
}

function schemaNodeAt(path: FieldPath): SchemaNode | undefined {
  let node: SchemaNode | undefined = dataSchema;
  for (const step of path) {
    if (!node) return undefined;
    if (typeof step === 'number') {
      node = node.items;
      continue;
    }
    // A field of one form of a oneOf (a period's `from`) is found in the branch that has it.
    const owner: SchemaNode | undefined = [node, ...(node.oneOf ?? [])].find((n) => n.properties?.[step]);
    if (owner) node = owner.properties![step];
    else if (typeof node.additionalProperties === 'object') node = node.additionalProperties;
    else return undefined;
  }
  return node;
}

function toFindings(errors: ErrorObject[]): Finding[] {
  // A oneOf failure reports every branch's complaint too; the clerk needs one message for the
  // field, so drop what sits under a failed oneOf. A value of a type only one branch takes is
  // judged by that branch alone: a period written as text ("too long" says more than "wrong
  // format"), an evidence item written as title/url (its url's format, at the url).
  const oneOfAt = new Map(errors.filter((e) => e.keyword === 'oneOf').map((e) => [e.instancePath, e]));
  const kept = errors.filter((e) => {
    if (e.keyword === 'oneOf') return judgingBranch(e) === undefined;
    // The nearest failed oneOf this error is a branch complaint of, if any (linear: paths are short).
    for (let p = e.instancePath; ; p = p.slice(0, p.lastIndexOf('/'))) {
      const oneOf = oneOfAt.get(p);
      if (oneOf && e.schemaPath.startsWith(oneOf.schemaPath + '/')) {
        const branch = judgingBranch(oneOf);
        return branch !== undefined && e.schemaPath.startsWith(`${oneOf.schemaPath}/${branch}/`);
      }
      if (p === '') return true;
    }
  });
  const seen = new Set<string>();
  const findings: Finding[] = [];
  for (const e of kept) {
    const f = toFinding(e);
    if (!f) continue;
    const key = f.code + '\u0000' + f.path.join('/');
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push(f);
  }
  return findings;
}

/**
 * The index of the one branch of a failed oneOf that takes the value's type: text, or a mapping
 * when only one branch is a mapping (not a period's {from, to} or {quarter}).
 */
function judgingBranch(oneOf: ErrorObject): number | undefined {
  const data: unknown = oneOf.data;
  const type = typeof data === 'string' ? 'string' : data !== null && typeof data === 'object' && !Array.isArray(data) ? 'object' : undefined;
  if (type === undefined) return undefined;
  const branches = (oneOf.parentSchema as SchemaNode | undefined)?.oneOf ?? [];
  const taking = branches.flatMap((b, i) => (b.type === type ? [i] : []));
  return taking.length === 1 ? taking[0] : undefined;
}

function pointerToPath(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function toFinding(e: ErrorObject): Finding | undefined {
  const path = pointerToPath(e.instancePath);
  // Map keys such as scores' "4" are strings in the path, array indexes numbers.
  const fixed = path.map((step, i) => (typeof step === 'number' && isMapKeyStep(path, i) ? String(step) : step));
  const params = e.params as Record<string, unknown>;
  const finding = (code: string, p: FieldPath, extra: Record<string, string | number> = {}): Finding => ({
    severity: 'error',
    code,
    path: p,
    params: extra,
  });
  switch (e.keyword) {
    case 'required':
      return finding('schema.required', [...fixed, String(params.missingProperty)]);
    case 'additionalProperties':
      return finding('schema.unknown-key', [...fixed, String(params.additionalProperty)], {
        key: String(params.additionalProperty),
      });
    case 'propertyNames':
      return undefined; // reported by the 'pattern' error that comes with it
    case 'pattern':
      if (e.propertyName !== undefined) {
        return finding('schema.bad-key', [...fixed, e.propertyName], { key: e.propertyName });
      }
      return finding('schema.pattern', fixed);
    case 'type':
      return finding(`schema.type.${String(params.type)}`, fixed);
    case 'minimum':
    case 'maximum':
    {
      const node = schemaNodeAt(fixed);
      return finding('schema.range', fixed, { min: node?.minimum ?? '', max: node?.maximum ?? '' });
    }
    case 'minItems':
      return finding('schema.empty-list', fixed);
    case 'minLength':
      return finding('schema.empty-text', fixed);
    case 'maxLength':
      // JSON Schema counts characters as code points; so does the message.
      return finding('schema.too-long', fixed, { max: Number(params.limit), count: typeof e.data === 'string' ? [...e.data].length : '' });
    case 'maxItems':
      return finding('schema.too-many', fixed, { max: Number(params.limit), count: Array.isArray(e.data) ? e.data.length : '' });
    case 'minProperties':
      return finding('schema.empty-map', fixed);
    case 'enum':
      return finding('schema.enum', fixed, { allowed: (params.allowedValues as unknown[]).join(', ') });
    case 'oneOf':
      // An evidence item that is neither a title nor title/url (a number, a list): its own wording.
      return finding(fixed.at(-2) === 'evidence' ? 'schema.evidence-form' : 'schema.one-of', fixed);
    default:
      return finding('schema.other', fixed, { detail: e.message ?? e.keyword });
  }
}

function isMapKeyStep(path: readonly (string | number)[], i: number): boolean {
  const parent = path[i - 1];
  if (parent === 'scores' || parent === 'explanations' || parent === 'followup') return true;
  // followup.<round>.measures.<measure>.steps.<step>: measures and steps are maps by number.
  return path[0] === 'followup' && (parent === 'measures' || parent === 'steps');
}
