import { describe, expect, it } from 'vitest';
import { change } from '../../src/analysis/compare.ts';

describe('change between two published scores', () => {
  // Subtracting the floats would give 3.3699999999999903 or −1.4210854715202004e-14; scores are
  // published to the hundredth, and so is their difference.
  it.each([
    [89.29, 92.66, 'up', 3.37],
    [86.4, 83.75, 'down', 2.65],
    [85, 85, 'same', 0],
    [85.1, 85.1, 'same', 0],
    [0.1 + 0.2, 0.3, 'same', 0],
    [79.55, 82.14, 'up', 2.59],
    [100, 0, 'down', 100],
    [92, 97, 'up', 5],
  ] as const)('%s → %s is %s by %s', (previous, current, direction, amount) => {
    expect(change(previous, current)).toEqual({ previous, current, direction, amount });
  });
});
