import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { numberExhibits } from '../../evidence/number-exhibits.js';
import { formatBytes, type Limits } from '../../budget/profiles.js';
import { parseManifest } from '../../case/load-manifest.js';
import { planPacket, textFieldPages, type FontSet, type PacketInput, type PacketPlan } from '../../document/index.js';
import { BudgetError } from '../../errors.js';
import { nodeCaseFs } from '../../io/case-fs.js';
import { withStripeEvidence } from '../../pipeline/build.js';
import { checkForBuild, type CheckResult } from '../../pipeline/check.js';
import { fitAndRender } from '../../pipeline/fit-and-render.js';
import { ImageReader } from '../../pipeline/image-reader.js';
import type { PacketOptions } from '../../pipeline/options.js';
import { exhibitCosts, renderOptionsFor, sourcesOf, type Costs } from '../../pipeline/split.js';
import type { StripeEvidence } from '../../reporters/stripe-evidence.js';
import { FIELD_TITLES, fieldForExhibit, STRIPE_FILE_FIELDS, type StripeFileField } from './evidence-fields.js';

/** Stripe takes no file over 5 MB, whatever the total allows. */
export const STRIPE_FILE_LIMIT = 5_000_000;

/** One evidence field's PDF: its exhibits (numbered across all the fields' files), pages and bytes. */
export interface FieldFile {
  readonly field: StripeFileField;
  readonly name: string;
  readonly pdf: Uint8Array;
  readonly pages: number;
  /** The numbers of the exhibits it holds, as the whole packet (and the letter) numbers them. */
  readonly exhibits: readonly number[];
}

export type FieldFilesResult =
  | { readonly ok: false; readonly check: CheckResult }
  | {
      readonly ok: true;
      readonly check: CheckResult;
      readonly files: FieldFile[];
      readonly text: StripeEvidence;
      readonly textPages: number;
      readonly limits: Limits;
    };

/** `stripeField:` of each file named in the case's manifest. */
async function chosenFields(root: string): Promise<Map<string, StripeFileField>> {
  for (const name of ['case.yaml', 'case.yml', 'case.json']) {
    const text = await readFile(join(root, name), 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    const items = parseManifest(name, text).manifest?.items ?? [];
    return new Map(items.flatMap((item) => (item.stripeField ? [[item.file.replace(/\\/g, '/').replace(/^\.\//, ''), item.stripeField] as const] : [])));
  }
  return new Map();
}

/**
 * Each field's part of the packet: its exhibits in time order, keeping their numbers in the
 * whole packet (the letter, sent as a text field, names them so).
 */
function fieldInputs(
  input: PacketInput,
  chosen: ReadonlyMap<string, StripeFileField>,
  fileName: (field: StripeFileField) => string,
): { field: StripeFileField; input: PacketInput }[] {
  const packetNumbers = numberExhibits(input.exhibits);
  const numbered = input.exhibits.map((exhibit, i) => ({ exhibit, number: packetNumbers[i]!, field: fieldForExhibit(exhibit, chosen) }));
  const groups = STRIPE_FILE_FIELDS.map((field) => ({ field, members: numbered.filter((e) => e.field === field) })).filter((g) => g.members.length > 0);
  const files = groups.map((g) => {
    const numbers = g.members.map((m) => m.number);
    return { name: fileName(g.field), first: numbers[0]!, last: numbers[numbers.length - 1]!, numbers };
  });
  return groups.map((g, k) => {
    const exhibits = g.members.map((m) => m.exhibit);
    return {
      field: g.field,
      input: {
        ...input,
        // The letter is sent once, as a text field; each file's cover keeps the case's facts and summary.
        letter: undefined,
        exhibits,
        sources: sourcesOf(input.sources, exhibits, input.exhibits, k === groups.length - 1),
        part: {
          number: k + 1,
          parts: groups.length,
          firstExhibit: files[k]!.first,
          totalExhibits: Math.max(0, ...packetNumbers),
          files,
          label: FIELD_TITLES[g.field],
          numbers: files[k]!.numbers,
        },
      },
    };
  });
}

/** Bytes a file is predicted to take with its images as `images` has them (sharp, or at the floor). */
function predictedBytes(imageBytes: readonly number[], costs: Costs, all: PacketInput, part: PacketInput, plan: PacketPlan): number {
  const images = part.exhibits.reduce((sum, e) => sum + (imageBytes[all.exhibits.indexOf(e)] ?? 0), 0);
  return images + costs.bytesPerPage * plan.pages.length;
}

function pagesError(pages: number, textPages: number, limits: Limits): BudgetError {
  return new BudgetError(
    'BUDGET_PAGES',
    `the evidence needs ${pages} pages in its files and about ${textPages} more for the text fields as Stripe counts them; ${limits.profile}${limits.maxPages === 19 ? ' (Mastercard)' : ''} accepts at most ${limits.maxPages}`,
    {
      hint: 'Every field’s file has its own cover, index and appendix: move exhibits into fewer fields (stripeField: in case.yaml), narrow long chats with select:, or shorten the letter.',
    },
  );
}

/**
 * Builds the packet as one PDF per Stripe evidence field, each with its own cover line and
 * index. Together they keep within the profile's size (each file within Stripe's 5 MB) and,
 * with the text fields, within its page limit. The bytes are returned; nothing is written.
 */
export async function buildFieldFiles(folder: string, options: PacketOptions, fileName: (field: StripeFileField) => string): Promise<FieldFilesResult> {
  const checked = await checkForBuild(folder, options);
  if (!checked.ok) return checked;
  const { input, plan, fonts, renderOptions } = checked;
  const { check, stripe } = withStripeEvidence(checked.check, input, { ...options, stripeEvidence: true });
  const text = stripe!;
  const limits = check.analysis.limits;
  const parts = fieldInputs(input, await chosenFields(resolve(folder)), fileName).map((p) => ({ ...p, plan: planPacket(fonts, p.input) }));
  const textPages = textFieldPages(fonts, input.paper, text.fields);
  const pages = parts.reduce((sum, p) => sum + p.plan.pages.length, 0);
  if (limits.maxPages !== undefined && pages + textPages > limits.maxPages) throw pagesError(pages, textPages, limits);
  const reader = new ImageReader(options.fs ?? nodeCaseFs);
  try {
    const files = await renderParts(parts, {
      fonts,
      limits,
      reader,
      renderOptions,
      costs: await exhibitCosts(input, plan, reader, limits, fonts, renderOptions),
      all: input,
    });
    return { ok: true, check, files: files.map((f) => ({ ...f, name: fileName(f.field) })), text, textPages, limits };
  } finally {
    reader.close();
  }
}

interface RenderContext {
  readonly fonts: FontSet;
  readonly limits: Limits;
  readonly reader: ImageReader;
  readonly renderOptions: Parameters<typeof renderOptionsFor>[0];
  readonly costs: Costs;
  readonly all: PacketInput;
}

/**
 * Renders the files smallest first, each fitted to its share of what the total leaves (in
 * proportion to its predicted size, never over 5 MB), so what a small file does not use
 * goes to the larger ones after it. A file that does not fit its share gets, once, all that
 * the files after it can spare: what is left less their size at the legibility floor.
 */
async function renderParts(parts: { field: StripeFileField; input: PacketInput; plan: PacketPlan }[], ctx: RenderContext): Promise<Omit<FieldFile, 'name'>[]> {
  const predicted = parts.map((p) => Math.max(1, predictedBytes(ctx.costs.sharp, ctx.costs, ctx.all, p.input, p.plan)));
  const floor = parts.map((p) => predictedBytes(ctx.costs.floor, ctx.costs, ctx.all, p.input, p.plan));
  const order = parts.map((_, i) => i).sort((a, b) => predicted[a]! - predicted[b]! || a - b);
  let remaining = ctx.limits.maxBytes;
  let weight = predicted.reduce((a, b) => a + b, 0);
  const out: Omit<FieldFile, 'name'>[] = new Array(parts.length);
  for (const [k, i] of order.entries()) {
    const part = parts[i]!;
    const share = remaining === undefined ? STRIPE_FILE_LIMIT : Math.min(STRIPE_FILE_LIMIT, Math.floor((remaining * predicted[i]!) / weight));
    const spare = remaining === undefined ? share : Math.min(STRIPE_FILE_LIMIT, remaining - order.slice(k + 1).reduce((sum, j) => sum + floor[j]!, 0));
    const render = (maxBytes: number) =>
      fitAndRender(ctx.fonts, part.input, part.plan, ctx.reader, {
        limits: { ...ctx.limits, maxBytes },
        lossless: false,
        render: renderOptionsFor(ctx.renderOptions, part.input),
      });
    let built = await render(share);
    if (!built.ok && spare > share) built = await render(spare);
    if (!built.ok) {
      throw new BudgetError(
        built.error.code as 'BUDGET_SIZE',
        `${FIELD_TITLES[part.field]} (${part.field}) gets ${formatBytes(Math.max(share, spare))} of the ${formatBytes(ctx.limits.maxBytes ?? share)} all files share: ${built.error.message}`,
        { ...(built.error.hint ? { hint: built.error.hint } : {}) },
      );
    }
    if (remaining !== undefined) remaining -= built.pdf.length;
    weight -= predicted[i]!;
    out[i] = { field: part.field, pdf: built.pdf, pages: built.plan.pages.length, exhibits: part.input.part!.numbers! };
  }
  return out;
}
