import { Ajv, type ValidateFunction } from 'ajv';
import { DATA_OPTIONS, DATA_SCHEMA, FRAMEWORK_OPTIONS, FRAMEWORK_SCHEMA } from './schemas.ts';
import type { RawFramework } from './frameworks.ts';
import type { RawData } from './types.ts';

/**
 * The validators of the data file and of a framework file, compiled by ajv when this module is
 * loaded from the sources (tsx, vitest). The compiled program (dist/) and the browser bundle never
 * run this module: the bundler's plugin (src/bundle/codegen.ts) puts in its place ajv's standalone
 * code for the same schemas and options (src/data/schemas.ts), generated at build time, which
 * exports the same two names and gives the same errors. Nothing else belongs here.
 */
export const validateData: ValidateFunction<RawData> = new Ajv(DATA_OPTIONS).compile<RawData>(DATA_SCHEMA);

export const validateFramework: ValidateFunction<RawFramework> = new Ajv(FRAMEWORK_OPTIONS).compile<RawFramework>(FRAMEWORK_SCHEMA);
