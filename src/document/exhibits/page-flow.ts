import type { Exhibit, ImageExhibit } from '../../evidence/model.js';
import type { PlanContext } from '../plan-context.js';
import type { ImagePlacement, PlannedFocus, PlannedPage } from '../types.js';
import { planFocusPage } from './plan-focus.js';
import { orientationFor, type ImageFit, type ImagePageResult, type SharedImagePage } from './plan-image.js';
import { needsInsets } from './plan-insets.js';
import type { ImageHead, ImageTail } from './share-chat.js';

/**
 * How exhibits packed under a page limit share a page, by the index of the first: two
 * images on one page; an image under the transcript excerpt before it; an image at the
 * head of a page with the excerpt after it starting under it.
 */
export type PackedLayout =
  | { readonly kind: 'pair'; readonly page: SharedImagePage }
  | { readonly kind: 'tail'; readonly tail: ImageTail }
  | { readonly kind: 'head'; readonly head: ImageHead };

/**
 * The exhibit pages laid out so far, in packet order, and what planners share while they
 * add to them: the page a transcript left room on, each image's page alone and its focus
 * page (each worked out once), and the exhibit number of each image a message refers to.
 */
export class ExhibitPageFlow {
  readonly pages: PlannedPage[] = [];
  readonly placements: ImagePlacement[] = [];
  /** 1-based page on which each exhibit starts, and ends. */
  readonly startPages: number[] = [];
  readonly endPages: number[] = [];
  /** The images shown as focus pages: what was enlarged, and at what scale. */
  readonly focus: PlannedFocus[] = [];
  /** The last page, when a transcript left room on it for the next one. */
  open: { page: number; y: number } | undefined;
  /** An image a message refers to is named in the transcript with its exhibit number: by chat file, then by message (and attachment name). */
  readonly mediaExhibits = new Map<string, Map<string, number>>();
  /** Where each transcript excerpt ends on its last page, by exhibit index. */
  readonly chatEnds = new Map<number, number>();
  /** Each image's page alone, worked out once (pairing asks for it twice per image). */
  private readonly fits = new Map<number, ImageFit>();
  private readonly focusPages = new Map<number, ReturnType<typeof planFocusPage>>();

  /**
   * When the exhibits are packed under a page limit: how the exhibits chosen to share a page
   * share it, by the first's index; every other image is laid alone (no pairing as it comes).
   */
  readonly packed: ReadonlyMap<number, PackedLayout> | undefined;

  constructor(
    readonly ctx: PlanContext,
    readonly firstPage: number,
    packed?: ReadonlyMap<number, PackedLayout>,
  ) {
    this.packed = packed;
    const { number } = ctx.numbering;
    ctx.input.exhibits.forEach((exhibit, i) => {
      if (exhibit.kind === 'chat' || !exhibit.follows) return;
      // By message and attachment name ("12/INV-0042.pdf"), and by message alone for the first.
      const byFile = this.mediaExhibits.get(exhibit.follows.file) ?? new Map<string, number>();
      const name = exhibit.source.attachment?.name ?? exhibit.source.archive?.entry.replace(/^.*\//, '');
      if (name) byFile.set(`${exhibit.follows.seq}/${name}`, number(i));
      if (!byFile.has(String(exhibit.follows.seq))) byFile.set(String(exhibit.follows.seq), number(i));
      this.mediaExhibits.set(exhibit.follows.file, byFile);
    });
  }

  /** The 1-based number the next page added gets. */
  get nextPage(): number {
    return this.firstPage + this.pages.length;
  }

  /** An exhibit's own pages, one after another. */
  addPages(i: number, pages: readonly ImagePageResult[]): void {
    this.startPages.push(this.nextPage);
    for (const { page, placement, more } of pages) {
      for (const p of [placement, ...(more ?? [])]) this.placements.push({ ...p, exhibit: i, page: this.nextPage });
      this.pages.push(page);
    }
    this.endPages.push(this.nextPage - 1);
  }

  /** One page that exhibits i and i + 1 share. */
  addSharedPage(i: number, shared: SharedImagePage): void {
    const pageNumber = this.nextPage;
    shared.placements.forEach((placement, k) => this.placements.push({ ...placement, exhibit: i + (shared.owners?.[k] ?? k), page: pageNumber }));
    if (shared.focus) this.focus.push(...shared.focus);
    this.pages.push(shared.page);
    this.startPages.push(pageNumber, pageNumber);
    this.endPages.push(pageNumber, pageNumber);
  }

  /** Image i drawn on the last page, under the transcript excerpt that ends there; that page then names both. */
  addTail(i: number, tail: ImageTail): void {
    const last = this.pages.length - 1;
    const page = this.pages[last]!;
    const pageNumber = this.firstPage + last;
    const { number } = this.ctx.numbering;
    this.pages[last] = { ...page, label: `Exhibits ${number(page.exhibit!)}–${number(i)}`, ops: [...page.ops, ...tail.ops] };
    for (const placement of tail.placements) this.placements.push({ ...placement, exhibit: i, page: pageNumber });
    if (tail.focus) this.focus.push(tail.focus);
    this.startPages.push(pageNumber);
    this.endPages.push(pageNumber);
  }

  /** Image i at the head of a new page, the transcript excerpt after it to start under it. */
  addHead(i: number, head: ImageHead): void {
    const { number } = this.ctx.numbering;
    this.addPages(i, [
      {
        page: { kind: 'exhibit', label: `Exhibit ${number(i)}`, ops: [...head.ops], exhibit: i },
        placement: head.placements[0]!,
        more: head.placements.slice(1),
      },
    ]);
    if (head.focus) this.focus.push(head.focus);
    this.open = { page: this.pages.length - 1, y: head.y };
  }

  /** Whether an image may share its page: it is not shown as a focus page, nor with detail insets. */
  sharesPage(exhibit: Exhibit | undefined, i: number): exhibit is ImageExhibit {
    if (exhibit?.kind !== 'image') return false;
    const fit = this.fit(exhibit, i);
    return !this.focusOf(exhibit, i) && !needsInsets(exhibit, fit.fitted, fit.page);
  }

  /** Exhibit i's focus page, when its text needs one (worked out once). */
  focusOf(exhibit: ImageExhibit, i: number): ReturnType<typeof planFocusPage> {
    if (!this.focusPages.has(i)) this.focusPages.set(i, planFocusPage(this.ctx, exhibit, i, this.fit(exhibit, i)));
    return this.focusPages.get(i);
  }

  /** How exhibit i sits alone on the page its orientation chose (worked out once). */
  fit(exhibit: ImageExhibit, i: number): ImageFit {
    let fit = this.fits.get(i);
    if (!fit) this.fits.set(i, (fit = orientationFor(this.ctx, exhibit, i)));
    return fit;
  }
}
