import { describe, expect, it } from 'vitest';
import { Lru } from '../../src/fonts/lru.ts';

describe('Lru (two generations)', () => {
  it('keeps what is used once per generation and forgets the rest', () => {
    const cache = new Lru<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3); // a new generation: a and b are now the old one
    expect(cache.get('a')).toBe(1); // used: carried into the current generation
    cache.set('d', 4); // current is full again: b (unused) is forgotten
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
    expect(cache.size).toBeLessThanOrEqual(4);
  });

  it.each([1, 10, 100])('never holds more than twice its limit (%i)', (limit) => {
    const cache = new Lru<number, number>(limit);
    for (let i = 0; i < limit * 10; i++) {
      cache.set(i, i);
      cache.get(i - 1);
    }
    expect(cache.size).toBeLessThanOrEqual(2 * limit);
  });
});
