import type { FieldPath } from '../data/types.ts';

/** `scores.4`, `measures[2].steps[0]`: the field as it is written in the file. */
export function formatPath(p: FieldPath): string {
  return p.map((step, i) => (typeof step === 'number' ? `[${step}]` : i === 0 ? step : `.${step}`)).join('');
}
