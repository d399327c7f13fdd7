import { createHash } from 'node:crypto';
import { analyzeCase, type CaseAnalysis, type CaseOptions } from '../case/analyze-case.js';
import { nodeCaseFs } from '../case/case-fs.js';
import { formatBytes } from '../budget/profiles.js';
import { formatDateFact, isoUtc } from '../evidence/dates.js';
import type { Exhibit, Finding, ImageExhibit } from '../evidence/model.js';
import { openZip, type ZipArchive } from '../chat/zip.js';
import { BudgetError, errnoCode, FileSystemError, UsageError } from '../errors.js';
import { findingKind, makeFinding, sortFindings } from '../rules/codes.js';
import { VERSION } from '../version.js';
import { loadFonts, type FontSet } from './fonts.js';
import { PAPER_SIZES, type Paper } from './layout.js';
import { orderExhibits } from './order.js';
import { planPacket, type PacketPlan } from './plan.js';
import type { PreparedImage } from './prepare-image.js';
import { exhibitsToDrop, fitToBudget } from '../budget/fit-to-budget.js';
import { LEGIBILITY_FLOOR_DPI } from '../budget/ladder.js';
import { renderPacket } from './render.js';
import { makeCoverLetter } from './cover-letter.js';
import { stripeEvidenceFields, type StripeEvidence } from './stripe-evidence.js';
import { checkDeadline } from '../rules/deadline.js';
import { createOcrEngine, type OcrOptions } from '../ocr/ocr-engine.js';
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
  /** Also produce the text fields of Stripe's dispute evidence object. */
  readonly stripeEvidence?: boolean;
  /** OCR of screenshots, to check they show the client and a date; absent = off. */
  readonly ocr?: OcrOptions;
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
  const { ocr: ocrOptions, ...caseOptions } = options;
  const engine = ocrOptions ? createOcrEngine(ocrOptions) : undefined;
  let analysis: CaseAnalysis;
  try {
    analysis = await analyzeCase(folder, { ...caseOptions, ...(engine ? { ocrEngine: engine } : {}) });
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
  const screenshots = checkScreenshots(analysis.info.client, exhibits, plan);
  findings.push(...screenshots.findings);
  return { analysis, exhibits, plan, input, findings, screenshots: screenshots.facts };
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
  const { analysis, exhibits, plan, findings: found, screenshots } = await inspect(folder, options);
  const findings = [...found];
  const maxPages = analysis.limits.maxPages;
  if (plan && maxPages !== undefined && plan.pages.length > maxPages) {
    findings.push(makeFinding('PACKET_OVER_PAGE_LIMIT', {}, { pages: plan.pages.length, limit: maxPages, profile: analysis.limits.profile }));
  }
  const sorted = sortFindings(findings);
  return { analysis, exhibits, findings: sorted, ...(plan ? { plan } : {}), screenshots, exitCode: exitCodeFor(sorted, options.strict ?? false) };
}

export interface ExhibitReport {
  readonly number: number;
  readonly file: string;
  readonly sha256: string;
  readonly bytes: number;
  readonly date: { utc: string; shown: string; source: string; text: string; zone: string };
  readonly note?: string;
  readonly pages: { start: number; end: number };
  /** Images: how the image was embedded. */
  readonly embedded?: { encoding: string; rung: string; width: number; height: number; dpi: number; bytes: number };
  /** Chats: which messages this exhibit shows. */
  readonly messages?: { format: string; shown: number; total: number; first: string; last: string; excerpt?: { part: number; parts: number } };
}

export interface PacketReport {
  readonly tool: { name: 'evidence-packet'; version: string };
  readonly case: string;
  readonly profile: string;
  readonly limits: { maxBytes?: number; maxPages?: number };
  readonly generatedAt: string;
  readonly output: { pages: number; bytes: number; sha256: string };
  readonly exhibits: ExhibitReport[];
  readonly sources: { file: string; sha256: string; bytes: number; format?: string; included: boolean }[];
  readonly findings: Finding[];
}

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
  const { analysis, exhibits, plan, input, findings: found, screenshots } = await inspect(folder, options);
  const findings = sortFindings(found);
  const check: CheckResult = { analysis, exhibits, findings, ...(plan ? { plan } : {}), screenshots, exitCode: exitCodeFor(findings, options.strict ?? false) };
  if (check.exitCode !== 0 || !plan) return { ok: false, check };

  const limits = analysis.limits;
  if (limits.maxPages !== undefined && plan.pages.length > limits.maxPages) {
    throw new BudgetError('BUDGET_PAGES', `the packet needs ${plan.pages.length} pages; ${limits.profile} accepts at most ${limits.maxPages}`, {
      hint: 'Drop the exhibits that matter least, or pass --max-pages if your processor accepts more.',
    });
  }

  const fs = options.fs ?? nodeCaseFs;
  const fonts = await loadFonts();
  const renderOptions = { info: analysis.info, paper: input.paper, generatedAtMs: input.generatedAtMs, toolVersion: VERSION };
  // The packet without its images costs a fixed amount; the images get what the limit leaves.
  // Only images are fitted; `slot` maps an exhibit's number to its place among the images.
  const imageExhibits: ImageExhibit[] = [];
  const slot = new Map<number, number>();
  exhibits.forEach((e, i) => {
    if (e.kind !== 'image') return;
    slot.set(i, imageExhibits.length);
    imageExhibits.push(e);
  });
  const imageBudget =
    limits.maxBytes === undefined || options.lossless
      ? undefined
      : limits.maxBytes - (await renderPacket(fonts, plan, async () => undefined, renderOptions)).length - budgetHeadroom(limits.maxBytes, imageExhibits.length);
  // A zip's images are read out of one opened archive, not by opening the zip once per image.
  const archives = new Map<string, Promise<ZipArchive>>();
  let fit;
  try {
    fit = await fitToBudget({
      exhibits: imageExhibits,
      placedWidths: [...slot.keys()].map((i) => plan.placements.find((p) => p.exhibit === i)!.width),
      load: (i) => readUnchanged(fs, imageExhibits[i]!, archives),
      grayscale: limits.blackAndWhite,
      lossless: options.lossless ?? false,
      ...(imageBudget !== undefined ? { imageBudget: Math.max(0, imageBudget) } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
  } finally {
    for (const archive of archives.values()) void archive.then((zip) => zip.close(), () => undefined);
  }
  if (!fit.ok) throw budgetError(exhibits, [...slot.keys()], fit.floorBytes, fit.imageBudget, limits);
  const fitted = fit.images;
  const images = exhibits.map((_, i) => (slot.has(i) ? fitted[slot.get(i)!] : undefined));
  const pdf = await renderPacket(fonts, plan, async (i) => images[i], renderOptions);

  if (limits.maxBytes !== undefined && !options.lossless && pdf.length > limits.maxBytes) {
    // The headroom covers the image objects' own dictionaries; reaching here is a bug.
    throw new BudgetError('BUDGET_SIZE', `the packet came out at ${formatBytes(pdf.length)}, over ${formatBytes(limits.maxBytes)}`, {
      hint: 'Please report this; meanwhile pass a slightly lower --max-size.',
    });
  }
  const stripe = options.stripeEvidence ? stripeEvidenceFields(analysis.info, input.letter) : undefined;
  const finalCheck = stripe?.findings.length ? { ...check, findings: sortFindings([...check.findings, ...stripe.findings]) } : check;
  const report = makeReport(finalCheck, plan, images, pdf, input.generatedAtMs);
  return { ok: true, check: finalCheck, pdf, report, ...(stripe ? { stripeEvidence: stripe } : {}) };
}

/** Room left for each image object's dictionary and for rounding: 1 % plus 1 KB an image. */
function budgetHeadroom(maxBytes: number, images: number): number {
  return Math.ceil(maxBytes * 0.01) + images * 1024;
}

function budgetError(
  exhibits: readonly Exhibit[],
  imageNumbers: readonly number[],
  floorBytes: readonly number[],
  imageBudget: number,
  limits: { profile: string; maxBytes?: number },
): BudgetError {
  const floorTotal = floorBytes.reduce((a, b) => a + b, 0);
  const costly = imageNumbers
    .map((e, i) => ({ number: e + 1, file: exhibits[e]!.file, bytes: floorBytes[i] ?? 0 }))
    .sort((a, b) => b.bytes - a.bytes || a.number - b.number)
    .slice(0, 3);
  const drop = exhibitsToDrop(floorBytes, imageBudget).map((i) => imageNumbers[i]! + 1);
  const dropText = drop.length ? ` Leaving out exhibit${drop.length > 1 ? 's' : ''} ${drop.join(', ')} would fit.` : '';
  return new BudgetError(
    'BUDGET_SIZE',
    `the packet cannot fit ${formatBytes(limits.maxBytes ?? 0)} (${limits.profile}) without going below the legibility floor (${LEGIBILITY_FLOOR_DPI} dpi): at the floor its images need ${formatBytes(floorTotal)} and ${formatBytes(Math.max(0, imageBudget))} is left for them. Largest exhibits: ${costly
      .map((c) => `${c.number} ${c.file} (${formatBytes(c.bytes)})`)
      .join(', ')}.${dropText}`,
    {
      hint: 'Crop those exhibits to the part that matters (crop: in case.yaml), leave out the least important, or split the case into several files.',
      details: { floorBytes: floorTotal, imageBudget, costly, drop },
    },
  );
}

async function readUnchanged(fs: typeof nodeCaseFs, exhibit: ImageExhibit, archives: Map<string, Promise<ZipArchive>>): Promise<Buffer> {
  let bytes: Buffer;
  try {
    const archive = exhibit.source.archive;
    if (archive) {
      // Opened by path: entries are read from the file as needed, not the whole zip into memory.
      let zip = archives.get(archive.absolutePath);
      if (!zip) archives.set(archive.absolutePath, (zip = openZip(archive.absolutePath)));
      bytes = await (await zip).read(archive.entry);
    } else bytes = await fs.readFile(exhibit.source.absolutePath);
  } catch (error) {
    throw new FileSystemError('INPUT_VANISHED', `${exhibit.file} could not be read again (${errnoCode(error) ?? String(error)})`, {
      hint: 'Leave the case folder unchanged while a build runs, then build again.',
    });
  }
  if (createHash('sha256').update(bytes).digest('hex') !== exhibit.source.sha256) {
    throw new UsageError('INPUT_CHANGED', `${exhibit.file} changed while the packet was being built`, {
      hint: 'Leave the case folder unchanged while a build runs, then build again.',
    });
  }
  return bytes;
}

function makeReport(check: CheckResult, plan: PacketPlan, images: readonly (PreparedImage | undefined)[], pdf: Uint8Array, generatedAtMs: number): PacketReport {
  const { analysis, exhibits } = check;
  const included = new Set(exhibits.map((e) => e.file));
  return {
    tool: { name: 'evidence-packet', version: VERSION },
    case: analysis.info.id,
    profile: analysis.limits.profile,
    limits: {
      ...(analysis.limits.maxBytes !== undefined ? { maxBytes: analysis.limits.maxBytes } : {}),
      ...(analysis.limits.maxPages !== undefined ? { maxPages: analysis.limits.maxPages } : {}),
    },
    generatedAt: isoUtc(generatedAtMs),
    output: { pages: plan.pages.length, bytes: pdf.length, sha256: createHash('sha256').update(pdf).digest('hex') },
    exhibits: exhibits.map((exhibit, i) => {
      const start = plan.exhibitStartPages[i]!;
      const end = plan.exhibitEndPages[i]!;
      const image = images[i];
      return {
        number: i + 1,
        file: exhibit.file,
        sha256: exhibit.source.sha256,
        bytes: exhibit.source.bytes,
        date: {
          utc: isoUtc(exhibit.date.epochMs),
          shown: formatDateFact(exhibit.date, analysis.info.timezone?.value),
          source: exhibit.date.source,
          text: exhibit.date.text,
          zone: exhibit.date.zone,
        },
        ...(exhibit.note ? { note: exhibit.note.value } : {}),
        pages: { start, end },
        ...(image
          ? { embedded: { encoding: image.encoding, rung: image.rung.label, width: image.width, height: image.height, dpi: image.dpi, bytes: image.data.length } }
          : {}),
        ...(exhibit.kind === 'chat'
          ? {
              messages: {
                format: exhibit.format,
                shown: exhibit.messages.length,
                total: exhibit.totalMessages,
                first: isoUtc(exhibit.messages[0]!.date.epochMs),
                last: isoUtc(exhibit.messages[exhibit.messages.length - 1]!.date.epochMs),
                ...(exhibit.excerpt ? { excerpt: exhibit.excerpt } : {}),
              },
            }
          : {}),
      };
    }),
    sources: analysis.sources.map((s) => ({
      file: s.file,
      sha256: s.sha256,
      bytes: s.bytes,
      ...(s.format ? { format: s.format } : {}),
      included: included.has(s.file),
    })),
    findings: check.findings,
  };
}
