/**
 * A map from whole numbers (0 to 2³¹ − 1) to whole numbers, in typed arrays: open addressing,
 * the top bits of a multiplicative hash, doubled when half full. The per-pixel passes use it
 * where a Map's lookups cost more than the rest of their work.
 */
export class IntMap {
  private keys: Int32Array;
  private values: Int32Array;
  private shift: number;
  size = 0;

  constructor(bits = 10) {
    this.shift = 32 - bits;
    this.keys = new Int32Array(1 << bits).fill(-1);
    this.values = new Int32Array(1 << bits);
  }

  /** The value kept for `key`, or -1. */
  get(key: number): number {
    const s = this.slot(key);
    return this.keys[s] === key ? this.values[s]! : -1;
  }

  set(key: number, value: number): void {
    let s = this.slot(key);
    if (this.keys[s] !== key) {
      if (this.size + 1 > this.keys.length >> 1) {
        this.grow();
        s = this.slot(key);
      }
      this.keys[s] = key;
      this.size++;
    }
    this.values[s] = value;
  }

  /** The slot `key` is in, or the empty slot it would take. */
  private slot(key: number): number {
    const mask = this.keys.length - 1;
    let s = Math.imul(key, 0x9e3779b1) >>> this.shift;
    while (this.keys[s] !== key && this.keys[s] !== -1) s = (s + 1) & mask;
    return s;
  }

  private grow(): void {
    const { keys, values } = this;
    this.shift--;
    this.keys = new Int32Array(keys.length * 2).fill(-1);
    this.values = new Int32Array(keys.length * 2);
    for (let s = 0; s < keys.length; s++) {
      if (keys[s] === -1) continue;
      const to = this.slot(keys[s]!);
      this.keys[to] = keys[s]!;
      this.values[to] = values[s]!;
    }
  }
}
