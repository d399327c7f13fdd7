import type { Exhibit } from '../evidence/model.js';

/** Time order; exhibits at the same instant keep the order of their file names. */
export function orderExhibits(exhibits: readonly Exhibit[]): Exhibit[] {
  return [...exhibits].sort(
    (a, b) => a.date.epochMs - b.date.epochMs || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0),
  );
}
