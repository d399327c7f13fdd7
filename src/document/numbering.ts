import type { PacketInput } from './types.js';

/** How exhibits are numbered: `number(index)` for the one at a place in packet order, and how many there are in all. */
export interface Numbering {
  readonly number: (index: number) => number;
  readonly total: number;
}

/** The number an exhibit is known by (across every file of a split packet), and how many there are. */
export function exhibitNumbering(input: Pick<PacketInput, 'part' | 'exhibits'>): Numbering {
  const first = input.part?.firstExhibit ?? 1;
  return { number: (index) => input.part?.numbers?.[index] ?? first + index, total: input.part?.totalExhibits ?? input.exhibits.length };
}
