import { join } from 'node:path';
import { analyzeCase, type CaseAnalysis, type CaseOptions } from '../case/analyze-case.js';
import { nodeCaseFs } from '../io/case-fs.js';
import type { Exhibit, Finding } from '../evidence/model.js';
import { BudgetError } from '../errors.js';
import { findingKind, makeFinding, sortFindings } from '../rules/codes.js';
import { VERSION } from '../version.js';
import { loadFonts, type FontSet } from '../document/fonts.js';
import { PAPER_SIZES, type Paper } from '../document/layout.js';
import { orderExhibits } from '../document/order.js';
import { planPacket } from '../document/plan.js';
import type { PacketInput, PacketPlan } from '../document/packet-input.js';
import { estimatePacketSize, fitAndRender, ImageReader, type SizeEstimate } from './fit-and-render.js';
import { describeDrop, exhibitsToDrop } from '../budget/fitter.js';
import { formatBytes } from '../budget/profiles.js';
import { makeReport, type PacketReport } from '../reporters/build-report.js';
import type { RenderOptions } from '../document/render.js';
import { makeCoverLetter } from '../document/cover-letter.js';
import { stripeEvidenceFields, type StripeEvidence } from '../reporters/stripe-evidence.js';
import { checkDeadline } from '../rules/deadline.js';
import { createOcrEngine, type OcrOptions } from '../ocr/ocr-engine.js';
import { folderCache } from '../io/fact-cache.js';
import { checkScreenshots, type ScreenshotFacts } from '../rules/screenshot-rules.js';

export interface PacketOptions extends CaseOptions {
  readonly paper?: Paper;
  /** Seconds since the epoch written as the packet's date (SOURCE_DATE_EPOCH). */
  readonly sourceDateEpoch?: number;
  /** Warnings fail the check too. */
  readonly strict?: boolean;
  /** Now, for the deadline check (the core never reads the clock). */
  readonly nowMs?: number;
  /** The user's IANA zone, to show the deadline in their time too. */
  readonly userTimeZone?: string;
  /** Embed images truecolour at full resolution, ignoring the size limit (a reference packet). */
  readonly lossless?: boolean;
  /** The packet will be built with --split: whole-packet limits are not problems if the profile's limit is per file. */
  readonly split?: boolean;
  /** Also produce the text fields of Stripe's dispute evidence object. */
  readonly stripeEvidence?: boolean;
  /** OCR of screenshots, to check they show the client and a date; absent = off. */
  readonly ocr?: OcrOptions;
  /**
   * A folder for facts derived from each file's bytes alone, kept between runs by SHA-256:
   * OCR text (under `ocr/`, unless `ocr.cacheDir` says otherwise), image reads and the size
   * check's sample encodes (under `facts/`). Absent = nothing is kept.
   */
  readonly cacheDir?: string;
  /** Called as each exhibit's image is prepared (for a progress display). */
  readonly onProgress?: (done: number, total: number, file: string) => void;
}

export interface CheckResult {
  readonly analysis: CaseAnalysis;
  /** Exhibits in packet order. */
  readonly exhibits: Exhibit[];
  readonly findings: Finding[];
  readonly plan?: PacketPlan;
  /** Per screenshot OCR read: which facts it shows and the size its text prints at. */
  readonly screenshots: ScreenshotFacts[];
  /** check only, when there is a size limit: the packet's predicted size. */
  readonly size?: SizeEstimate;
  readonly exitCode: 0 | 1 | 2;
}

export function exitCodeFor(findings: readonly Finding[], strict: boolean): 0 | 1 | 2 {
  const errors = findings.filter((f) => f.severity === 'error');
  if (errors.some((f) => findingKind(f) === 'input')) return 2;
  if (errors.length > 0) return 1;
  if (strict && findings.some((f) => f.severity === 'warning')) return 1;
  return 0;
}

async function inspect(folder: string, options: PacketOptions) {
  const { ocr: ocrOptions, cacheDir, ...caseOptions } = options;
  const ocrCacheDir = ocrOptions?.cacheDir ?? (cacheDir !== undefined ? join(cacheDir, 'ocr') : undefined);
  const engine = ocrOptions ? createOcrEngine({ ...ocrOptions, ...(ocrCacheDir !== undefined ? { cacheDir: ocrCacheDir } : {}) }) : undefined;
  const cache = cacheDir !== undefined ? folderCache(join(cacheDir, 'facts')) : undefined;
  let analysis: CaseAnalysis;
  try {
    analysis = await analyzeCase(folder, { ...caseOptions, ...(engine ? { ocrEngine: engine } : {}), ...(cache ? { cache } : {}) });
  } finally {
    await engine?.close();
  }
  const exhibits = orderExhibits(analysis.exhibits);
  const paper = PAPER_SIZES[options.paper ?? 'letter'];
  const generatedAtMs =
    options.sourceDateEpoch !== undefined ? options.sourceDateEpoch * 1000 : Math.max(0, ...exhibits.map((e) => e.date.epochMs));
  const findings = [...analysis.findings];
  if (options.nowMs !== undefined) findings.push(...checkDeadline(analysis.info, options.nowMs, options.userTimeZone));
  // A letter argues a dispute reason: without a reason or a template there is nothing to argue.
  const wantsLetter = exhibits.length > 0 && (analysis.info.reason !== undefined || analysis.info.template !== undefined);
  const letter = wantsLetter ? await makeCoverLetter(analysis.info, exhibits, generatedAtMs) : undefined;
  if (letter) findings.push(...letter.findings);
  const input = {
    info: analysis.info,
    exhibits,
    sources: analysis.sources,
    findings,
    paper,
    generatedAtMs,
    ...(letter?.text ? { letter: letter.text } : {}),
  };
  const fonts = await loadFonts();
  findings.push(...glyphFindings(fonts, exhibits));
  const plan = exhibits.length > 0 ? planPacket(fonts, input) : undefined;
  const screenshots = checkScreenshots(analysis.info.client, exhibits, (i) => plan?.placements.find((p) => p.exhibit === i)?.width);
  findings.push(...screenshots.findings);
  const renderOptions: RenderOptions = { info: analysis.info, paper, generatedAtMs, toolVersion: VERSION };
  return { analysis, exhibits, plan, input, fonts, renderOptions, findings, screenshots: screenshots.facts, cache };
}

/** Characters the fonts cannot show (emoji, rare scripts), reported once per source file. */
function glyphFindings(fonts: FontSet, exhibits: readonly Exhibit[]): Finding[] {
  const byFile = new Map<string, Set<string>>();
  for (const exhibit of exhibits) {
    const texts = exhibit.kind === 'chat' ? exhibit.messages.flatMap((m) => [m.text, m.sender ?? '', m.note ?? '', m.subject ?? '']) : [];
    if (exhibit.note) texts.push(exhibit.note.value);
    const missing = fonts.missing(texts.join('\n'));
    if (missing.length === 0) continue;
    const set = byFile.get(exhibit.file) ?? new Set<string>();
    for (const ch of missing) set.add(ch);
    byFile.set(exhibit.file, set);
  }
  return [...byFile].map(([file, chars]) => {
    const list = [...chars];
    const shown = list.slice(0, 8).map((c) => `${c} (${[...c].map((p) => `U+${p.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(' ')})`);
    return makeFinding('TEXT_GLYPH_MISSING', { file }, { chars: `${shown.join(', ')}${list.length > 8 ? ` and ${list.length - 8} more` : ''}`, count: list.length });
  });
}

/** Reads and checks a case; writes nothing. */
export async function checkCase(folder: string, options: PacketOptions = {}): Promise<CheckResult> {
  const { analysis, exhibits, plan, input, fonts, renderOptions, findings: found, screenshots, cache } = await inspect(folder, options);
  const findings = [...found];
  const limits = analysis.limits;
  const splitting = options.split === true && limits.files === 'several';
  let size: SizeEstimate | undefined;
  if (plan && limits.maxBytes !== undefined) {
    const reader = new ImageReader(options.fs ?? nodeCaseFs);
    try {
      size = await estimatePacketSize(fonts, input, plan, { ...limits, maxBytes: limits.maxBytes }, renderOptions, reader, cache);
    } finally {
      reader.close();
    }
  }
  const overPages = plan !== undefined && limits.maxPages !== undefined && plan.pages.length > limits.maxPages;
  const overSharp = size !== undefined && size.sharp > size.limit;
  const canSplit: Record<string, string> = limits.files === 'several' ? { split: 'yes' } : {};
  if (splitting && (overPages || overSharp)) {
    const over = [overPages ? `${plan!.pages.length} pages` : '', overSharp ? `about ${formatBytes(size!.sharp)} with every image sharp` : ''].filter(Boolean).join(', ');
    findings.push(makeFinding('PACKET_SPLIT', {}, { profile: limits.profile, over }));
  } else {
    if (overPages) findings.push(makeFinding('PACKET_OVER_PAGE_LIMIT', {}, { pages: plan!.pages.length, limit: limits.maxPages!, profile: limits.profile, ...canSplit }));
    if (size && size.floor > size.limit) findings.push(likelyOverSize(size, limits.profile, canSplit));
  }
  const sorted = sortFindings(findings);
  return { analysis, exhibits, findings: sorted, ...(plan ? { plan } : {}), ...(size ? { size } : {}), screenshots, exitCode: exitCodeFor(sorted, options.strict ?? false) };
}

function likelyOverSize(size: SizeEstimate, profile: string, canSplit: Record<string, string>): Finding {
  const costly = size.exhibits.slice(0, 3).map((e) => `${e.number} ${e.file} (${formatBytes(e.floor)})`);
  const drop = exhibitsToDrop(
    size.exhibits.map((e) => e.floor),
    size.limit - size.fixed,
  ).map((i) => size.exhibits[i]!.number);
  return makeFinding('PACKET_LIKELY_OVER_SIZE', {}, {
    estimate: formatBytes(size.floor),
    limit: formatBytes(size.limit),
    profile,
    costly: costly.join(', '),
    ...(drop.length ? { drop: describeDrop(drop) } : {}),
    ...canSplit,
  });
}

export type { ExhibitReport, PacketReport } from '../reporters/build-report.js';

export type BuildResult =
  | { readonly ok: false; readonly check: CheckResult }
  | {
      readonly ok: true;
      readonly check: CheckResult;
      readonly pdf: Uint8Array;
      readonly report: PacketReport;
      readonly stripeEvidence?: StripeEvidence;
    };

/** What every build shares: the case checked, its limits, fonts and how images are read back. */
export interface Checked {
  readonly check: CheckResult;
  readonly input: PacketInput;
  readonly plan: PacketPlan;
  readonly fonts: FontSet;
  readonly renderOptions: RenderOptions;
}

/** Inspects the case for a build: `ok: false` with the check when it does not pass (nothing may be built). */
export async function checkForBuild(folder: string, options: PacketOptions): Promise<{ ok: false; check: CheckResult } | ({ ok: true } & Checked)> {
  const { analysis, exhibits, plan, input, fonts, renderOptions, findings: found, screenshots } = await inspect(folder, options);
  const findings = sortFindings(found);
  const check: CheckResult = { analysis, exhibits, findings, ...(plan ? { plan } : {}), screenshots, exitCode: exitCodeFor(findings, options.strict ?? false) };
  if (check.exitCode !== 0 || !plan) return { ok: false, check };
  return { ok: true, check, input, plan, fonts, renderOptions };
}

/** The Stripe fields, and the check's findings with theirs added. */
export function withStripeEvidence(check: CheckResult, input: PacketInput, options: PacketOptions): { check: CheckResult; stripe?: StripeEvidence } {
  const stripe = options.stripeEvidence ? stripeEvidenceFields(check.analysis.info, input.letter) : undefined;
  const finalCheck = stripe?.findings.length ? { ...check, findings: sortFindings([...check.findings, ...stripe.findings]) } : check;
  return { check: finalCheck, ...(stripe ? { stripe } : {}) };
}

/**
 * Checks the case, then lays out, renders and measures the packet. Returns the bytes; the
 * caller writes them (atomically). Throws BudgetError when the limits cannot be met.
 */
export async function buildPacket(folder: string, options: PacketOptions = {}): Promise<BuildResult> {
  const checked = await checkForBuild(folder, options);
  if (!checked.ok) return checked;
  const { check, input, plan, fonts, renderOptions } = checked;
  const limits = check.analysis.limits;
  if (limits.maxPages !== undefined && plan.pages.length > limits.maxPages) {
    const split = limits.files === 'several' ? ', or pass --split to write several files within the limit' : '';
    throw new BudgetError('BUDGET_PAGES', `the packet needs ${plan.pages.length} pages; ${limits.profile} accepts at most ${limits.maxPages}`, {
      hint: `Drop the exhibits that matter least${split}, or pass --max-pages if your processor accepts more.`,
    });
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
  const report = makeReport(finalCheck.analysis, input, plan, built.images, built.pdf, finalCheck.findings);
  return { ok: true, check: finalCheck, pdf: built.pdf, report, ...(stripe ? { stripeEvidence: stripe } : {}) };
}
