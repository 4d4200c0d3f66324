/**
 * A bounded cache that keeps what is in use and forgets the rest: a batch over thousands of
 * agencies keeps the words and boilerplate paragraphs that recur, not every unique sentence it
 * ever saw. Two generations instead of a strict LRU list: a hit costs one lookup (re-ordering a
 * Map on every hit showed up in profiles), and an entry survives as long as it is used at least
 * once per generation.
 */
export class Lru<K, V> {
  private current = new Map<K, V>();
  private previous = new Map<K, V>();

  /** Each generation holds up to `limit` entries, so at most twice that are kept. */
  constructor(private readonly limit: number) {}

  get(key: K): V | undefined {
    const value = this.current.get(key);
    if (value !== undefined) return value;
    const old = this.previous.get(key);
    if (old !== undefined) this.set(key, old);
    return old;
  }

  set(key: K, value: V): void {
    if (this.current.size >= this.limit) {
      this.previous = this.current;
      this.current = new Map();
    }
    this.current.set(key, value);
  }

  get size(): number {
    return this.current.size + this.previous.size;
  }
}
