import { describe, expect, it } from 'vitest';
import type { Exhibit } from '../../src/evidence/model.js';
import { orderExhibits } from '../../src/evidence/order-exhibits.js';

const exhibit = (file: string, epochMs: number) =>
  ({ kind: 'image', file, date: { epochMs, text: '', source: 'manifest', zone: 'offset', precision: 'second' } }) as unknown as Exhibit;

describe('orderExhibits', () => {
  it('orders by instant, then by file name for ties', () => {
    const ordered = orderExhibits([exhibit('b.png', 20), exhibit('c.png', 10), exhibit('a.png', 20), exhibit('Z.png', 20)]);
    expect(ordered.map((e) => e.file)).toEqual(['c.png', 'Z.png', 'a.png', 'b.png']);
  });
  it('does not change its input', () => {
    const input = [exhibit('b.png', 2), exhibit('a.png', 1)];
    orderExhibits(input);
    expect(input.map((e) => e.file)).toEqual(['b.png', 'a.png']);
  });
});
