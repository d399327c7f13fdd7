import type { Limits } from '../budget/profiles.js';
import { nodeCaseFs } from '../io/case-fs.js';
import { UsageError } from '../errors.js';
import type { ProgressEvent } from '../evidence/progress.js';
import { withStripeEvidence } from './build.js';
import { checkForBuild, type CheckResult } from './check.js';
import { estimateImages } from './estimate-size.js';
import { fitAndRender } from './fit-and-render.js';
import { type Costs, type Range, renderOptionsFor, Splitter } from './partition-exhibits.js';
import { documentsOf, imagesOf } from './packet-images.js';
import { ImageReader } from './image-reader.js';
import type { PacketOptions } from './options.js';
import { type FontSet, planPacket, type PacketInput, type PacketPlan, renderPacket, type RenderOptions } from '../document/index.js';
import { makeReport, type PacketReport } from '../reporters/build-report.js';
import type { StripeEvidence } from '../reporters/stripe-evidence.js';

export { type Costs, renderOptionsFor, sourcesOf } from './partition-exhibits.js';

export interface SplitOptions extends PacketOptions {
  /** The name of each file, e.g. (2) → "dp_1234-2.pdf"; named on every cover. */
  readonly fileName: (part: number) => string;
}

export interface PacketFile {
  readonly name: string;
  readonly pdf: Uint8Array;
  readonly report: PacketReport;
}

export type SplitBuildResult =
  | { readonly ok: false; readonly check: CheckResult }
  | { readonly ok: true; readonly check: CheckResult; readonly files: PacketFile[]; readonly stripeEvidence?: StripeEvidence };

/**
 * Writes the packet as several files, each within the size and page limit, for processors
 * whose limit is per file. Exhibits stay in time order and keep their numbers; none is cut
 * in half; each file has its own cover (naming the other files) and index. Files are
 * filled so that every image stays sharp (200 dpi); the fitter then encodes each file.
 */
export async function buildSplitPacket(folder: string, options: SplitOptions): Promise<SplitBuildResult> {
  const checked = await checkForBuild(folder, options);
  if (!checked.ok) return checked;
  const { check, input, plan, fonts, renderOptions } = checked;
  const limits = check.analysis.limits;
  if (limits.files === 'one') {
    throw new UsageError(
      'USAGE_SPLIT_NOT_ACCEPTED',
      `${limits.profile}'s limit is for the whole response, not per file: splitting the packet cannot get it under`,
      {
        hint: 'Build one file (without --split). If your processor does take several files, pass --profile generic --max-size <limit per file> --max-pages <n> --split.',
      },
    );
  }
  if (options.lossless) throw new UsageError('USAGE_SPLIT_LOSSLESS', 'a lossless packet ignores the size limit, so it is never split');

  const reader = new ImageReader(options.fs ?? nodeCaseFs);
  try {
    const costs = await exhibitCosts(input, plan, reader, limits, fonts, renderOptions);
    const splitter = new Splitter(fonts, input, plan, limits, renderOptions, costs, options.fileName, reader);
    const { check: finalCheck, stripe } = withStripeEvidence(check, input, options);
    for (;;) {
      const ranges = await splitter.partition();
      const files = await buildFiles(splitter, ranges, reader, options, finalCheck);
      if (files.ok) return { ok: true, check: finalCheck, files: files.files, ...(stripe ? { stripeEvidence: stripe } : {}) };
      // The sample guessed too few bytes for this file: it holds one exhibit fewer, and the
      // files are laid out again (their covers name each other).
      splitter.cap(files.range);
    }
  } finally {
    reader.close();
  }
}

export async function exhibitCosts(
  input: PacketInput,
  plan: PacketPlan,
  reader: ImageReader,
  limits: Limits,
  fonts: FontSet,
  renderOptions: RenderOptions,
): Promise<Costs> {
  const n = input.exhibits.length;
  const pages = input.exhibits.map((_, i) => plan.exhibitEndPages[i]! - plan.exhibitStartPages[i]! + 1);
  const sharp = new Array<number>(n).fill(0);
  const floor = new Array<number>(n).fill(0);
  if (limits.maxBytes === undefined) return { pages, sharp, floor, bytesPerPage: 0 };
  const [estimate, bare] = await Promise.all([
    estimateImages(input, plan, reader, limits),
    renderPacket(fonts, plan, async () => undefined, renderOptions, documentsOf(input, reader)),
  ]);
  imagesOf(input, plan, reader).indexes.forEach((index, slot) => {
    sharp[index] = sharp[index]! + estimate.sharp[slot]!;
    floor[index] = floor[index]! + estimate.floor[slot]!;
  });
  return { pages, sharp, floor, bytesPerPage: bare.length / plan.pages.length };
}

type BuiltFiles = { readonly ok: true; readonly files: PacketFile[] } | { readonly ok: false; readonly range: Range };

async function buildFiles(splitter: Splitter, ranges: readonly Range[], reader: ImageReader, options: SplitOptions, check: CheckResult): Promise<BuiltFiles> {
  const files: PacketFile[] = [];
  const total = splitter.input.exhibits.filter((e) => e.kind === 'image').length;
  let before = 0;
  for (const range of ranges) {
    const { input: partInput, name } = splitter.partInput(range, ranges);
    const partPlan = planPacket(splitter.fonts, partInput);
    const built = await fitAndRender(splitter.fonts, partInput, partPlan, reader, {
      limits: splitter.limits,
      lossless: false,
      render: renderOptionsFor(splitter.renderOptions, partInput),
      // Images are counted over all the files (`before` grows once this file is done); pages per file.
      ...(options.onProgress
        ? { onProgress: (e: ProgressEvent) => options.onProgress!(e.phase === 'encode' ? { ...e, done: before + e.done, total } : e) }
        : {}),
    });
    before += partInput.exhibits.filter((e) => e.kind === 'image').length;
    if (!built.ok) {
      if (range.end - range.start === 1) throw built.error;
      return { ok: false, range };
    }
    files.push({ name, pdf: built.pdf, report: makeReport(check.analysis, partInput, partPlan, built.images, built.pdf, check.findings) });
  }
  return { ok: true, files };
}
