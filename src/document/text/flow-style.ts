import { BODY_SIZE, LINE_FACTOR, SMALL_SIZE } from '../page/geometry.js';

/**
 * How a FlowWriter sets its text: sizes in points, leading, spacing. The roomy style is the
 * packet's own; the compact one is for front matter and an appendix that must give pages
 * back to the exhibits under a page limit, and stays readable at 100 % (text ≥ 10 pt).
 */
export interface FlowStyle {
  /** Prose: paragraphs, a cover's fields, a letter's text. */
  readonly body: number;
  /** Table cells and headers. */
  readonly small: number;
  /** Baseline to baseline, as a multiple of the text's size. */
  readonly lineFactor: number;
  /** Points a table row keeps below its last line, and the gap under its header row. */
  readonly rowPad: number;
  /** Width of a field's bold label, before its value. */
  readonly labelWidth: number;
  /** Points a page must have left for the next section to start on it rather than on a new page. */
  readonly sectionRoom: number;
  /** A heading asked for at `size` is set at this size; its level in the structure stays the one asked for. */
  readonly headingSize: (size: number) => number;
}

export const ROOMY_STYLE: FlowStyle = {
  body: BODY_SIZE,
  small: SMALL_SIZE,
  lineFactor: LINE_FACTOR,
  rowPad: 4,
  labelWidth: 110,
  sectionRoom: 180,
  headingSize: (size) => size,
};

/** Text stays at the 10 pt the product promises (only the appendix's hashes go smaller); the savings are leading, spacing and headings. */
export const COMPACT_STYLE: FlowStyle = {
  body: 10,
  small: 10,
  lineFactor: 1.18,
  rowPad: 2,
  labelWidth: 84,
  sectionRoom: 80,
  headingSize: (size) => Math.max(10, Math.round(size * 1.5) / 2),
};
