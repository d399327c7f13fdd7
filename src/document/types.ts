import type { PDFDocument } from 'pdf-lib';
import type { CaseInfo, Exhibit, Finding, SourceFile } from '../evidence/model.js';
import type { PreparedImage } from '../imaging/encode.js';
import type { FocusRegion } from '../imaging/find-focus.js';

/**
 * The shapes every room of document/ shares: what a packet is laid out from (PacketInput),
 * the layout that comes out (PacketPlan: pages of draw operations and image placements),
 * and what the renderer is told. This file imports no sibling, so any room may import it.
 */

export type Paper = 'letter' | 'a4';

export interface PageSize {
  readonly width: number;
  readonly height: number;
}

/** A rectangle in points (or, for an image's region, in its source pixels): lower left corner and size. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export type FontFace = 'regular' | 'bold' | 'italic' | 'mono';

export type DrawOp =
  /** `role`: a heading's level in the packet's structure (other text is a paragraph). */
  | { op: 'text'; x: number; y: number; text: string; size: number; face: FontFace; role?: 'H1' | 'H2' | 'H3'; gray?: number }
  | { op: 'line'; x1: number; y1: number; x2: number; y2: number; width: number; gray: number }
  | { op: 'rect'; x: number; y: number; w: number; h: number; fillGray?: number; strokeGray?: number; strokeWidth?: number };

export interface PlannedPage {
  readonly kind: 'cover' | 'index' | 'exhibit' | 'appendix';
  /** Header label: "Exhibit 3", "Index of exhibits"… */
  readonly label: string;
  readonly ops: DrawOp[];
  /** For exhibit pages: which exhibit (0-based, in packet order); the first, when several share the page. */
  readonly exhibit?: number;
  /** The page's own size when it is not the paper's (a landscape page for a wide capture). */
  readonly size?: PageSize;
  /** The bookmark a reviewer sees for the section or exhibit that starts here, when it says more than the label. */
  readonly bookmark?: string;
}

/** A focus crop as laid out: the region, and the scales it and the whole capture print at. */
export interface PlannedFocus extends FocusRegion {
  readonly exhibit: number;
  /** Points per source pixel of the enlarged view, and of the whole capture shown alone. */
  readonly scale: number;
  readonly wholeScale: number;
  /** How the page shows it: the region enlarged with the whole image small beside the caption, or the whole image above its text enlarged (a photo). */
  readonly layout: 'beside' | 'below';
}

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
  /** The most pages the packet may have, when its profile or --max-pages sets one: its pages are then packed tighter. */
  readonly pageLimit?: number;
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
  readonly clip?: Box;
  /**
   * A view of a part of the image (visible pixels) embedded as an image of its own, at the
   * resolution this view needs, and drawn in the clip box: a photo's text enlarged under it,
   * whose whole view need not carry that resolution (see pipeline/packet-images.ts).
   */
  readonly region?: Box;
  /** A further clip within `clip`: the part of a region view drawn here (a row of a photo's text, set apart from the next by white). */
  readonly cut?: Box;
  /** The words OCR read in the part of the image shown here, placed over it as invisible text (see exhibits/text-layer.ts). */
  readonly words?: readonly PlacedWord[];
}

/** A word of a screenshot's text, in page points: its box's lower left corner and size. */
export interface PlacedWord extends Box {
  readonly text: string;
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
 * A PDF exhibit's document (pdf-lib), the page numbers to copy from it as they are, and the
 * JPEG objects ("12 0 R") to put in place of the document's own while they are copied: the
 * re-encoded bytes, or undefined to leave the image out (to measure the packet without it).
 */
export type DocumentSource = (
  exhibit: number,
) => Promise<{ readonly pdf: PDFDocument; readonly vector: readonly number[]; readonly replace?: ReadonlyMap<string, Buffer | undefined> } | undefined>;

export interface RenderOptions {
  readonly info: CaseInfo;
  readonly paper: { width: number; height: number };
  readonly generatedAtMs: number;
  readonly toolVersion: string;
  /** This file's place when the packet is split over several. */
  readonly part?: { readonly number: number; readonly parts: number };
  /** Told as each page is drawn (for a progress display). */
  readonly onPage?: (label: string) => void;
}

/** The image for an exhibit, or the picture of a PDF exhibit's page (`sourcePage`) when that page is painted; undefined draws none (to measure the packet without images). */
export type ImageSource = (exhibit: number, sourcePage?: number, region?: boolean) => Promise<PreparedImage | undefined>;
