import type { Options } from 'ajv';
// The published JSON Schema is the single source of the data format. Imported as a module (bundled
// data), not read from the disk, so that the core needs no file system.
import schemaJson from '../../data/ita-report.schema.json' with { type: 'json' };

/**
 * The engine's two JSON Schemas and the ajv options each is compiled with: defined once, here.
 * `validators.ts` compiles them when the sources run (tsx, vitest); the compiled program and the
 * browser bundle carry them compiled at build time instead (src/bundle/codegen.ts, ajv's
 * standalone code), so that nothing is generated with `new Function` when they run.
 */

// verbose: errors carry the offending value (and the schema), so a text that is too long can say
// by how much and a failed oneOf can be judged by the branch that takes the value's type.
export const DATA_OPTIONS = { allErrors: true, strict: true, verbose: true } as const satisfies Options;

export const DATA_SCHEMA: object = schemaJson;

// The options the framework schema has been compiled with since it was written (not strict,
// though it also compiles under strict mode).
export const FRAMEWORK_OPTIONS = { allErrors: true, strict: false } as const satisfies Options;

const positive = { type: 'number', minimum: 0, maximum: 100 };
export const FRAMEWORK_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['year', 'title', 'pass_mark', 'tools', 'indicators', 'levels', 'rounding', 'tolerance'],
  properties: {
    year: { type: 'integer', minimum: 2500, maximum: 2700 },
    title: { type: 'string', minLength: 1 },
    pass_mark: positive,
    tools: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'name', 'weight'],
        properties: { id: { type: 'string', minLength: 1 }, name: { type: 'string', minLength: 1 }, weight: positive },
      },
    },
    indicators: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['number', 'name', 'tool', 'weight'],
        properties: {
          number: { type: 'integer', minimum: 1, maximum: 99 },
          name: { type: 'string', minLength: 1 },
          tool: { type: 'string', minLength: 1 },
          weight: positive,
        },
      },
    },
    levels: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['level', 'min'],
        properties: { level: { type: 'string', minLength: 1 }, min: positive },
      },
    },
    previous_framework: {
      type: 'object',
      additionalProperties: false,
      required: ['until', 'indices'],
      properties: {
        until: { type: 'integer', minimum: 2500, maximum: 2700 },
        indices: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['name', 'en'],
            properties: { name: { type: 'string', minLength: 1 }, en: { type: 'string', minLength: 1 } },
          },
        },
      },
    },
    rounding: { type: 'integer', minimum: 0, maximum: 4 },
    tolerance: { type: 'number', minimum: 0 },
    rating: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['words', 'min', 'status'],
        properties: {
          words: { type: 'string', minLength: 1 },
          min: positive,
          each_tool: positive,
          status: { enum: ['C', 'D', 'L', 'U'] },
        },
      },
    },
  },
} as const;

