import type { ChatExhibit, Exhibit, ImageExhibit } from '../evidence/model.js';
import type { FontSet } from './fonts.js';
import { CONTENT_BOTTOM, type PlannedPage } from './layout.js';
import { exhibitNumbering, type ImagePlacement, type PacketInput } from './packet-input.js';
import { planChatPages } from './plan-chat.js';
import { orientationFor, planImagePages, planImagePair, planImageStack, type ImageFit, type ImagePageResult } from './plan-image.js';
import { planDocumentPages } from './plan-document.js';
import { planFocusPage, type PlannedFocus } from './plan-focus.js';
import { needsInsets, withInsets } from './plan-insets.js';

/** A transcript excerpt that ends with this much of its page left lets the next excerpt start there. */
const ROOM_TO_SHARE = 160;
/** Between two excerpts on one page. */
const EXCERPT_GAP = 18;

/**
 * The exhibit pages in packet order, laid out so that none is spent for little: two phone
 * captures in a row share a page side by side, two small images one above the other, and a
 * short transcript excerpt is followed on its page by the next excerpt.
 */
export class ExhibitPageFlow {
  readonly pages: PlannedPage[] = [];
  readonly placements: ImagePlacement[] = [];
  /** 1-based page on which each exhibit starts, and ends. */
  readonly startPages: number[] = [];
  readonly endPages: number[] = [];
  /** The last page, when a transcript left room on it for the next one. */
  private open: { page: number; y: number } | undefined;
  /** An image a message refers to is named in the transcript with its exhibit number. */
  private readonly mediaExhibits = new Map<string, Map<string, number>>();
  private readonly numbering;
  /** Each image's page alone, worked out once (pairing asks for it twice per image). */
  private readonly fits = new Map<number, ImageFit>();
  private readonly focusPages = new Map<number, ReturnType<typeof planFocusPage>>();
  /** The images shown as focus pages: what was enlarged, and at what scale. */
  readonly focus: PlannedFocus[] = [];

  constructor(
    private readonly fonts: FontSet,
    private readonly input: PacketInput,
    private readonly firstPage: number,
  ) {
    this.numbering = exhibitNumbering(input);
    input.exhibits.forEach((exhibit, i) => {
      if (exhibit.kind === 'chat' || !exhibit.follows) return;
      // By message and attachment name ("12/INV-0042.pdf"), and by message alone for the first.
      const byFile = this.mediaExhibits.get(exhibit.follows.file) ?? new Map<string, number>();
      const name = exhibit.source.attachment?.name ?? exhibit.source.archive?.entry.replace(/^.*\//, '');
      if (name) byFile.set(`${exhibit.follows.seq}/${name}`, this.numbering.number(i));
      if (!byFile.has(String(exhibit.follows.seq))) byFile.set(String(exhibit.follows.seq), this.numbering.number(i));
      this.mediaExhibits.set(exhibit.follows.file, byFile);
    });
  }

  /** Lays out exhibit `i` (and the one after it, when they share a page); returns the next to lay out. */
  add(i: number): number {
    const exhibit = this.input.exhibits[i]!;
    if (exhibit.kind === 'chat') {
      this.addChat(exhibit, i);
      return i + 1;
    }
    this.open = undefined;
    if (exhibit.kind === 'document') {
      this.addPages(i, planDocumentPages(this.fonts, this.input, exhibit, i));
      return i + 1;
    }
    const focus = this.focusOf(exhibit, i);
    if (focus) {
      this.focus.push(focus.focus);
      this.addPages(i, withInsets(this.input, exhibit, i, focus.result));
      return i + 1;
    }
    const next: Exhibit | undefined = this.input.exhibits[i + 1];
    // Two phone captures side by side, or two small images one above the other (neither
    // shown as a focus page, nor with detail insets).
    const alone = next?.kind === 'image' && this.sharesPage(exhibit, i) && this.sharesPage(next, i + 1) ? ([this.fit(exhibit, i), this.fit(next, i + 1)] as const) : undefined;
    const pair =
      next?.kind === 'image' && alone
        ? (planImagePair(this.fonts, this.input, [exhibit, next], [i, i + 1], alone) ?? planImageStack(this.fonts, this.input, [exhibit, next], [i, i + 1], alone))
        : undefined;
    const pageNumber = this.firstPage + this.pages.length;
    if (pair) {
      pair.placements.forEach((placement, k) => this.placements.push({ ...placement, exhibit: i + k, page: pageNumber }));
      this.pages.push(pair.page);
      this.startPages.push(pageNumber, pageNumber);
      this.endPages.push(pageNumber, pageNumber);
      return i + 2;
    }
    const pages = planImagePages(this.fonts, this.input, exhibit, i, this.fit(exhibit, i));
    this.addPages(i, pages.length === 1 ? withInsets(this.input, exhibit, i, pages[0]!) : pages);
    return i + 1;
  }

  /** Whether an image may share its page: it is not shown as a focus page, nor with detail insets. */
  private sharesPage(exhibit: ImageExhibit, i: number): boolean {
    const fit = this.fit(exhibit, i);
    return !this.focusOf(exhibit, i) && !needsInsets(exhibit, fit.fitted, fit.page);
  }

  /** An exhibit's own pages, one after another. */
  private addPages(i: number, pages: readonly ImagePageResult[]): void {
    this.startPages.push(this.firstPage + this.pages.length);
    for (const { page, placement, more } of pages) {
      for (const p of [placement, ...(more ?? [])]) this.placements.push({ ...p, exhibit: i, page: this.firstPage + this.pages.length });
      this.pages.push(page);
    }
    this.endPages.push(this.firstPage + this.pages.length - 1);
  }

  /** Exhibit i's focus page, when its text needs one (worked out once). */
  private focusOf(exhibit: ImageExhibit, i: number): ReturnType<typeof planFocusPage> {
    if (!this.focusPages.has(i)) this.focusPages.set(i, planFocusPage(this.fonts, this.input, exhibit, i, this.fit(exhibit, i)));
    return this.focusPages.get(i);
  }

  private fit(exhibit: ImageExhibit, i: number): ImageFit {
    let fit = this.fits.get(i);
    if (!fit) this.fits.set(i, (fit = orientationFor(this.fonts, this.input, exhibit, i)));
    return fit;
  }

  private addChat(exhibit: ChatExhibit, i: number): void {
    const { number, total } = this.numbering;
    const ctx = { info: this.input.info, paper: this.input.paper, number: number(i), total, mediaExhibits: this.mediaExhibits.get(exhibit.file) ?? new Map<string, number>() };
    const open = this.open;
    let shared;
    if (open) {
      const page = this.pages[open.page]!;
      this.pages[open.page] = { ...page, label: `Exhibits ${number(page.exhibit!)}–${number(i)}` };
      shared = { ops: page.ops, y: open.y };
    }
    this.startPages.push(this.firstPage + (open ? open.page : this.pages.length));
    const chat = planChatPages(this.fonts, ctx, exhibit, i, shared);
    this.pages.push(...chat.pages);
    this.endPages.push(this.firstPage + this.pages.length - 1);
    this.open = chat.endY - CONTENT_BOTTOM >= ROOM_TO_SHARE ? { page: this.pages.length - 1, y: chat.endY - EXCERPT_GAP } : undefined;
  }
}
