import type { CaseInfo, Exhibit, Finding, SourceFile } from '../evidence/model.js';
import type { PlannedPage } from './layout.js';
import type { PlannedFocus } from './plan-focus.js';

/** What a packet is laid out from, and the layout that comes out (see plan.ts). */

export interface PacketInput {
  readonly info: CaseInfo;
  /** In packet order (see orderExhibits). */
  readonly exhibits: readonly Exhibit[];
  readonly sources: readonly SourceFile[];
  readonly findings: readonly Finding[];
  readonly paper: { width: number; height: number };
  /** The instant written as the packet's date: SOURCE_DATE_EPOCH, else when it was prepared (else, without a clock, the latest exhibit). */
  readonly generatedAtMs: number;
  /** The filled cover letter (Markdown-like text), if any. */
  readonly letter?: string;
  /** When the packet is one of several files (--split): which, and how exhibits are numbered. */
  readonly part?: PartInfo;
}

/** One file of a packet split over several: exhibits keep their numbers across the files. */
export interface PartInfo {
  readonly number: number;
  readonly parts: number;
  /** The number of this file's first exhibit. */
  readonly firstExhibit: number;
  readonly totalExhibits: number;
  /** Every file of the packet and the exhibits it holds, for the cover. */
  readonly files: readonly { readonly name: string; readonly first: number; readonly last: number; readonly numbers?: readonly number[] }[];
  /** What this file holds, when the files are split by subject (a Stripe evidence field) rather than by size. */
  readonly label?: string;
  /** Its exhibits' numbers when they are not consecutive: files split by subject keep the packet's time-order numbers. */
  readonly numbers?: readonly number[];
}

/** The number an exhibit is known by (across every file of a split packet), and how many there are. */
export function exhibitNumbering(input: Pick<PacketInput, 'part' | 'exhibits'>): { number: (index: number) => number; total: number } {
  const first = input.part?.firstExhibit ?? 1;
  return { number: (index) => input.part?.numbers?.[index] ?? first + index, total: input.part?.totalExhibits ?? input.exhibits.length };
}

export interface ImagePlacement {
  readonly exhibit: number;
  readonly page: number;
  /** Where the whole image is drawn; for a part of a split capture it reaches past the page. */
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** For a PDF exhibit: the source page drawn here (1-based), as it is or as its picture. */
  readonly sourcePage?: number;
  /**
   * A detail inset: drawn from the pixels embedded for the image's other views, which it
   * never makes larger (insets cost no bytes; see imagesOf).
   */
  readonly detail?: true;
  /** For a part of a split capture: the region of the page that shows it. */
  readonly clip?: { readonly x: number; readonly y: number; readonly width: number; readonly height: number };
  /**
   * A view of a part of the image (visible pixels) embedded as an image of its own, at the
   * resolution this view needs, and drawn in the clip box: a photo's text enlarged under it,
   * whose whole view need not carry that resolution (see imagesOf).
   */
  readonly region?: { readonly x: number; readonly y: number; readonly width: number; readonly height: number };
  /** The words OCR read in the part of the image shown here, placed over it as invisible text (see text-layer.ts). */
  readonly words?: readonly PlacedWord[];
}

/** A word of a screenshot's text, in page points: its box's lower left corner and size. */
export interface PlacedWord {
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface PacketPlan {
  readonly pages: PlannedPage[];
  readonly placements: ImagePlacement[];
  /** The images shown as focus pages (their text column enlarged, the whole capture reduced beside it). */
  readonly focus: readonly PlannedFocus[];
  /** 1-based page on which each exhibit starts, and ends. */
  readonly exhibitStartPages: number[];
  readonly exhibitEndPages: number[];
}

/**
 * Every string a packet's input holds (case facts, messages, notes, file names, the letter),
 * for the fonts to read what its text needs before it is laid out (FontSet.prepare). Bytes
 * are passed over.
 */
export function textsIn(input: PacketInput): string[] {
  const out: string[] = [];
  const seen = new Set<object>();
  const walk = (value: unknown): void => {
    if (typeof value === 'string') out.push(value);
    else if (typeof value === 'object' && value !== null && !ArrayBuffer.isView(value) && !seen.has(value)) {
      seen.add(value);
      for (const item of Array.isArray(value) ? value : Object.values(value)) walk(item);
    }
  };
  walk(input);
  return out;
}
