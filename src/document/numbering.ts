import { numberExhibits } from '../evidence/number-exhibits.js';
import type { PacketInput } from './types.js';

/** How exhibits are numbered: `number(index)` for the one at a place in packet order, and how many there are in all. */
export interface Numbering {
  readonly number: (index: number) => number;
  readonly total: number;
}

/** The number an exhibit is known by (across every file of a split packet; a chat's excerpts share one), and how many there are. */
export function exhibitNumbering(input: Pick<PacketInput, 'part' | 'exhibits'>): Numbering {
  const first = input.part?.firstExhibit ?? 1;
  const own = numberExhibits(input.exhibits);
  return {
    number: (index) => input.part?.numbers?.[index] ?? first - 1 + (own[index] ?? index + 1),
    total: input.part?.totalExhibits ?? Math.max(0, ...own),
  };
}
