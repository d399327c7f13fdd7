import { numberExhibits } from '../evidence/number-exhibits.js';
import { formatBytes, type Limits } from '../budget/profiles.js';
import { BudgetError } from '../errors.js';
import type { Exhibit, SourceFile } from '../evidence/model.js';
import { LEGIBILITY_FLOOR_DPI } from '../budget/ladder.js';
import { budgetHeadroom } from '../budget/estimate.js';
import { documentsOf } from './packet-images.js';
import type { ImageReader } from './image-reader.js';
import { type FontSet, planPacket, type PacketInput, type PacketPlan, type PartInfo, renderPacket, type RenderOptions } from '../document/index.js';

/**
 * Files are filled to the predicted sharp size plus this much, since the prediction comes
 * from a sample: a file the sample underestimates then still keeps its images sharp.
 */
const SAMPLE_MARGIN = 1.06;

/** Exhibits [start, end) in packet order. */
export interface Range {
  readonly start: number;
  readonly end: number;
}

/** Per exhibit: pages in the whole packet, and predicted image bytes (sharp and at the floor). */
export interface Costs {
  readonly pages: number[];
  readonly sharp: number[];
  readonly floor: number[];
  /** Bytes a page of the packet without images costs, on average. */
  readonly bytesPerPage: number;
}

/**
 * Decides which exhibits go in which file of a split packet: each file as full as its size
 * and page limit allow, in packet order, none cut in half.
 */
export class Splitter {
  /** For a file starting at an exhibit: the most exhibits it may hold (after a failed fit). */
  private readonly caps = new Map<number, number>();
  private readonly sectionPages: { cover: number; index: number; appendix: number };

  constructor(
    readonly fonts: FontSet,
    readonly input: PacketInput,
    readonly plan: PacketPlan,
    readonly limits: Limits,
    readonly renderOptions: RenderOptions,
    readonly costs: Costs,
    readonly fileName: (part: number) => string,
    readonly reader: ImageReader, // copies PDF pages into each measured file
  ) {
    const count = (kind: string) => plan.pages.filter((p) => p.kind === kind).length;
    this.sectionPages = { cover: count('cover'), index: count('index'), appendix: count('appendix') };
  }

  cap(range: Range): void {
    this.caps.set(range.start, range.end - range.start - 1);
  }

  /**
   * Fills each file in turn: a guess from the costs, then the file is laid out and measured
   * (pages, bytes without images, predicted image bytes) and loses exhibits from its end
   * until it fits. Finally every file is checked again with the real cover of the split.
   */
  async partition(): Promise<Range[]> {
    const n = this.input.exhibits.length;
    for (;;) {
      const ranges: Range[] = [];
      let start = 0;
      while (start < n) {
        let end = this.guessEnd(start);
        for (;;) {
          const measured = await this.measure({ start, end }, undefined);
          if (measured.fits) break;
          if (end - start === 1) throw this.impossible(start, measured);
          end--;
        }
        ranges.push({ start, end });
        start = end;
      }
      // With the real part numbers and file names, the covers may be a line longer.
      let refit = false;
      for (const range of ranges) {
        const measured = await this.measure(range, ranges);
        if (measured.fits) continue;
        if (range.end - range.start === 1) throw this.impossible(range.start, measured);
        this.cap(range);
        refit = true;
        break;
      }
      if (!refit) return ranges;
    }
  }

  /**
   * The exhibits of one file, numbered as in the whole packet, with the sources they come
   * from. Before the split is known (`ranges` undefined) the cover names a stand-in second
   * file, so it has about its final length. A packet that needs one file is an ordinary one.
   */
  partInput(range: Range, ranges: readonly Range[] | undefined): { input: PacketInput; name: string } {
    const { input } = this;
    const exhibits = input.exhibits.slice(range.start, range.end);
    const total = input.exhibits.length;
    const all = ranges ?? [range, { start: range.end, end: Math.max(range.end + 1, total) }];
    const number = ranges ? ranges.indexOf(range) + 1 : 1;
    const name = this.fileName(number);
    const isLast = range.end === total;
    const sources = sourcesOf(input.sources, exhibits, input.exhibits, isLast);
    if (all.length === 1) return { input: { ...input, sources }, name };
    // A chat's excerpts share its number, so a file's numbers are the whole packet's, not its places.
    const numbers = numberExhibits(input.exhibits);
    const own = numbers.slice(range.start, range.end);
    const part: PartInfo = {
      number,
      parts: all.length,
      firstExhibit: own[0]!,
      totalExhibits: Math.max(0, ...numbers),
      files: all.map((r, k) => ({ name: this.fileName(k + 1), first: numbers[r.start] ?? r.start + 1, last: numbers[r.end - 1] ?? r.end })),
      ...(own.some((n, k) => n !== own[0]! + k) ? { numbers: own } : {}),
    };
    return { input: { ...input, exhibits, sources, part }, name };
  }

  private guessEnd(start: number): number {
    const { costs, limits, sectionPages } = this;
    const n = this.input.exhibits.length;
    const cap = this.caps.get(start) ?? n;
    let pages = 0;
    let images = 0;
    let imageCount = 0;
    let end = start;
    while (end < n && end - start < cap) {
      const k = end + 1 - start;
      const nextPages = pages + costs.pages[end]!;
      const total = sectionPages.cover + Math.ceil((sectionPages.index * k) / n) + nextPages + Math.ceil((sectionPages.appendix * k) / n);
      const nextImages = images + costs.sharp[end]! * SAMPLE_MARGIN;
      const nextCount = imageCount + (costs.sharp[end]! > 0 ? 1 : 0);
      const bytes = limits.maxBytes === undefined ? 0 : costs.bytesPerPage * total + budgetHeadroom(limits.maxBytes, nextCount) + nextImages;
      const over = (limits.maxPages !== undefined && total > limits.maxPages) || (limits.maxBytes !== undefined && bytes > limits.maxBytes);
      if (over && end > start) break;
      pages = nextPages;
      images = nextImages;
      imageCount = nextCount;
      end++;
    }
    return Math.max(end, start + 1);
  }

  /** Lays the file out and measures it: whether it fits with every image sharp (or, alone, at the floor). */
  private async measure(range: Range, ranges: readonly Range[] | undefined): Promise<Measured> {
    const { limits, costs } = this;
    const { input: partInput } = this.partInput(range, ranges);
    const partPlan = planPacket(this.fonts, partInput);
    const pages = partPlan.pages.length;
    const pagesOk = limits.maxPages === undefined || pages <= limits.maxPages;
    if (limits.maxBytes === undefined) return { fits: pagesOk, pages, bare: 0, floor: 0 };
    const bare = (
      await renderPacket(this.fonts, partPlan, async () => undefined, renderOptionsFor(this.renderOptions, partInput), documentsOf(partInput, this.reader))
    ).length;
    const slice = (values: number[]) => values.slice(range.start, range.end).reduce((a, b) => a + b, 0);
    const imageCount = costs.sharp.slice(range.start, range.end).filter((b) => b > 0).length;
    const fixed = bare + budgetHeadroom(limits.maxBytes, imageCount);
    const single = range.end - range.start === 1;
    const images = single ? slice(costs.floor) : slice(costs.sharp) * SAMPLE_MARGIN;
    return { fits: pagesOk && fixed + images <= limits.maxBytes, pages, bare: fixed, floor: slice(costs.floor) };
  }

  private impossible(index: number, measured: Measured): BudgetError {
    const { limits } = this;
    const exhibit: Exhibit = this.input.exhibits[index]!;
    const what = `exhibit ${index + 1} (${exhibit.file})`;
    if (limits.maxPages !== undefined && measured.pages > limits.maxPages) {
      return new BudgetError(
        'BUDGET_PAGES',
        `${what} needs ${measured.pages} pages in a file of its own (with its cover, index and appendix); ${limits.profile} accepts at most ${limits.maxPages} per file`,
        {
          hint: 'Narrow that chat with select: (a date range or keywords) in case.yaml, or pass --max-pages if your processor accepts more.',
        },
      );
    }
    return new BudgetError(
      'BUDGET_SIZE',
      `${what} needs about ${formatBytes(measured.floor)} even at the legibility floor (${LEGIBILITY_FLOOR_DPI} dpi), and a file of its own leaves ${formatBytes(Math.max(0, (limits.maxBytes ?? 0) - measured.bare))} for it under ${formatBytes(limits.maxBytes ?? 0)} (${limits.profile})`,
      {
        hint: 'Crop that image to the part that matters (crop: in case.yaml), or leave it out.',
        details: { exhibit: index + 1, file: exhibit.file, floorBytes: measured.floor },
      },
    );
  }
}

interface Measured {
  readonly fits: boolean;
  readonly pages: number;
  /** Bytes of the file without its images, plus headroom. */
  readonly bare: number;
  /** Predicted bytes of its images at the legibility floor. */
  readonly floor: number;
}

export function renderOptionsFor(options: RenderOptions, input: PacketInput): RenderOptions {
  return input.part ? { ...options, part: { number: input.part.number, parts: input.part.parts } } : options;
}

/**
 * The source files one file's appendix lists: those its exhibits come from (and the exports
 * they belong to); the last file also lists the files no exhibit comes from.
 */
export function sourcesOf(sources: readonly SourceFile[], exhibits: readonly Exhibit[], all: readonly Exhibit[], isLast: boolean): SourceFile[] {
  const filesOf = (list: readonly Exhibit[]) => new Set(list.flatMap((e) => [e.file, ...(e.source.archive ? [e.source.archive.file] : [])]));
  const mine = filesOf(exhibits);
  const used = filesOf(all);
  const belongs = (s: SourceFile, files: Set<string>) => files.has(s.file) || (s.partOf !== undefined && files.has(s.partOf));
  return sources.filter((s) => belongs(s, mine) || (isLast && !belongs(s, used)));
}
