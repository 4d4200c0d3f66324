import * as load from '../../src/data/load.ts';
import { dataSchema } from '../../src/data/schema.ts';
import { availableFrameworkYears, loadFramework, previousFramework, type Framework } from '../../src/data/frameworks.ts';

/**
 * The bounds the generators keep to, read from the published schema when the property tests
 * start (not copied here), so that limits added to the schema later (text lengths, list sizes,
 * year ranges) are respected by the valid generators and probed by the broken ones.
 */

/** The part of a JSON Schema node the generators read. */
interface Node {
  type?: string;
  properties?: Record<string, Node>;
  items?: Node;
  additionalProperties?: Node | boolean;
  oneOf?: Node[];
  anyOf?: Node[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  minProperties?: number;
  maxProperties?: number;
  enum?: unknown[];
  pattern?: string;
}

const root = dataSchema as Node;

/**
 * The schema node of a field, by the path of the data (`['measures', 0, 'steps', 0]`): numbers
 * step into `items`, map keys not declared as properties into `additionalProperties`, and a
 * `oneOf` is searched for the first branch that has the property.
 */
export function schemaNode(path: readonly (string | number)[]): Node | undefined {
  let node: Node | undefined = root;
  for (const step of path) {
    if (!node) return undefined;
    if (typeof step === 'number') {
      node = node.items;
      continue;
    }
    const branches: Node[] = [node, ...(node.oneOf ?? []), ...(node.anyOf ?? [])];
    const owner = branches.find((b) => b.properties?.[step]);
    if (owner) node = owner.properties![step];
    else if (typeof node.additionalProperties === 'object') node = node.additionalProperties;
    else return undefined;
  }
  return node;
}

/** The brief's longest text: 5,000 characters, or less where the schema says so. */
export const LONGEST_TEXT = 5000;
/** The largest list when the schema sets no maxItems: 40 measures, steps, points. */
export const LONGEST_LIST = 40;

/** Largest length of a text field in code points (what JSON Schema's maxLength counts). */
export function maxTextLength(path: readonly (string | number)[]): number {
  return Math.min(LONGEST_TEXT, schemaNode(path)?.maxLength ?? Infinity);
}

/** The schema's own maxLength of a text field, if it has one. */
export const schemaMaxLength = (path: readonly (string | number)[]): number | undefined => schemaNode(path)?.maxLength;

/** Items a list may hold: [minItems, maxItems], or up to `longest` (40) when the schema sets none. */
export function listBounds(path: readonly (string | number)[], longest?: number): { min: number; max: number } {
  const node = schemaNode(path);
  return { min: node?.minItems ?? 0, max: Math.min(longest ?? Infinity, node?.maxItems ?? LONGEST_LIST) };
}

export const schemaMaxItems = (path: readonly (string | number)[]): number | undefined => schemaNode(path)?.maxItems;

/** A number field's inclusive range, as the schema declares it. */
export function numberRange(path: readonly (string | number)[]): { min: number; max: number } {
  const node = schemaNode(path);
  const min = node?.minimum ?? (node?.exclusiveMinimum !== undefined ? node.exclusiveMinimum + 1e-9 : -Infinity);
  const max = node?.maximum ?? (node?.exclusiveMaximum !== undefined ? node.exclusiveMaximum - 1e-9 : Infinity);
  return { min, max };
}

/** B.E. years the schema accepts for fiscal_year, assessment_year and framework. */
export const yearRange = (key: 'fiscal_year' | 'assessment_year' | 'framework'): { min: number; max: number } => {
  const { min, max } = numberRange([key]);
  return { min: Math.ceil(min), max: Math.floor(max) };
};

/** Every framework year in frameworks/, with its indicators. */
export const FRAMEWORKS: readonly Framework[] = availableFrameworkYears().map((year) => {
  const framework = loadFramework(year);
  if (!framework) throw new Error(`frameworks/${year}.yaml disappeared`);
  return framework;
});

/**
 * The earliest assessment year a report can be on: before it the ITA had another framework (five
 * indices, `previous_framework` in the earliest framework file), and such a file is refused.
 */
export const FIRST_ASSESSMENT_YEAR: number = (previousFramework()?.until ?? yearRange('assessment_year').min - 1) + 1;

/** A bound the loader may export (looked up by name, so the tests run before and after it does). */
const loaderConstant = <T>(name: string): T | undefined => (load as unknown as Record<string, unknown>)[name] as T | undefined;

/**
 * Gregorian years a date may have: the loader's DATE_YEARS when it declares them (the documents'
 * file formats hold 1980–2099), else what parseIsoDate accepts (0100–2399).
 */
export const dateYears = (): { min: number; max: number } => loaderConstant<{ min: number; max: number }>('DATE_YEARS') ?? { min: 100, max: 2399 };

/** The largest data file in bytes, when the loader declares one. */
export const maxFileBytes = (): number => loaderConstant<number>('MAX_FILE_BYTES') ?? Infinity;
