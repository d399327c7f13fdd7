import { nodeCaseFs } from '../io/case-fs.js';
import { type FontSet, type PacketInput, type PacketPlan, planPacket, textFieldPages } from '../document/index.js';
import { BudgetError } from '../errors.js';
import { makeReport, type PacketReport } from '../reporters/build-report.js';
import { stripeEvidenceFields, type StripeEvidence } from '../reporters/stripe-evidence.js';
import { sortFindings } from '../rules/codes.js';
import { checkForBuild, type CheckResult } from './check.js';
import { fitAndRender } from './fit-and-render.js';
import { ImageReader } from './image-reader.js';
import { pagesDropAdvice } from './page-advice.js';
import type { PacketOptions } from './options.js';

export type BuildResult =
  | { readonly ok: false; readonly check: CheckResult }
  | {
      readonly ok: true;
      readonly check: CheckResult;
      readonly pdf: Uint8Array;
      readonly report: PacketReport;
      readonly stripeEvidence?: StripeEvidence;
    };

/**
 * Checks the case, then lays out, renders and measures the packet. Returns the bytes; the
 * caller writes them (atomically). Throws BudgetError when the limits cannot be met.
 */
export async function buildPacket(folder: string, options: PacketOptions = {}): Promise<BuildResult> {
  const checked = await checkForBuild(folder, options);
  if (!checked.ok) return checked;
  const { check, fonts, renderOptions } = checked;
  const limits = check.analysis.limits;
  // Stripe counts the text fields sent with the file against the same page limit.
  const textPages = options.stripeEvidence
    ? textFieldPages(fonts, checked.input.paper, stripeEvidenceFields(check.analysis.info, checked.input.letter, check.exhibits).fields)
    : 0;
  const { input, plan } = withinTextFields(fonts, checked.input, checked.plan, limits.maxPages, textPages);
  if (limits.maxPages !== undefined && plan.pages.length + textPages > limits.maxPages) {
    const split = limits.files === 'several' ? ', or pass --split to write several files within the limit' : '';
    const drop = limits.maxPages > textPages ? pagesDropAdvice(fonts, input, plan, limits.maxPages - textPages) : undefined;
    const advice = drop ? `Leaving out ${drop} (the least important first: no note or highlight) would fit` : 'Drop the exhibits that matter least';
    const text = textPages > 0 ? `, and the Stripe text fields about ${textPages} more as Stripe counts them` : '';
    throw new BudgetError(
      'BUDGET_PAGES',
      `the packet needs ${plan.pages.length} pages, laid out as tightly as it can be${text}; ${limits.profile} accepts at most ${limits.maxPages}`,
      {
        hint: `${advice}${split}${textPages > 0 ? ', shorten the summary or letter' : ''}, or pass --max-pages if your processor accepts more.`,
        ...(drop ? { details: { drop } } : {}),
      },
    );
  }
  const reader = new ImageReader(options.fs ?? nodeCaseFs);
  let built;
  try {
    built = await fitAndRender(fonts, input, plan, reader, {
      limits,
      lossless: options.lossless ?? false,
      render: renderOptions,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
  } finally {
    reader.close();
  }
  if (!built.ok) throw built.error;
  const { check: finalCheck, stripe } = withStripeEvidence(check, input, options);
  const report = makeReport(finalCheck.analysis, built.input, built.plan, built.images, built.pdf, finalCheck.findings);
  return { ok: true, check: finalCheck, pdf: built.pdf, report, ...(stripe ? { stripeEvidence: stripe } : {}) };
}

/**
 * The packet laid out for the pages the Stripe text fields leave it: the plan made for the
 * whole limit may go compact or pack only as far as that limit asks, so with text fields
 * it is laid out again for what they leave (the input carries that limit to the fitter).
 */
function withinTextFields(
  fonts: FontSet,
  input: PacketInput,
  plan: PacketPlan,
  maxPages: number | undefined,
  textPages: number,
): { input: PacketInput; plan: PacketPlan } {
  if (maxPages === undefined || textPages === 0 || maxPages <= textPages || plan.pages.length + textPages <= maxPages) return { input, plan };
  const left = { ...input, pageLimit: maxPages - textPages };
  return { input: left, plan: planPacket(fonts, left) };
}

/** The Stripe fields, and the check's findings with theirs added. */
export function withStripeEvidence(check: CheckResult, input: PacketInput, options: PacketOptions): { check: CheckResult; stripe?: StripeEvidence } {
  const stripe = options.stripeEvidence ? stripeEvidenceFields(check.analysis.info, input.letter, check.exhibits) : undefined;
  const finalCheck = stripe?.findings.length ? { ...check, findings: sortFindings([...check.findings, ...stripe.findings]) } : check;
  return { check: finalCheck, ...(stripe ? { stripe } : {}) };
}
