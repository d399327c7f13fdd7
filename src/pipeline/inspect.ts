import { join } from 'node:path';
import { analyzeCase, type CaseAnalysis } from '../case/analyze-case.js';
import { numberExhibits } from '../evidence/number-exhibits.js';
import { makeCoverLetter } from '../letter/index.js';
import { loadFonts, type FontSet, PAPER_SIZES, textsIn, type PacketInput, type PacketPlan, planPacket, type RenderOptions } from '../document/index.js';
import { orderExhibits } from '../evidence/order-exhibits.js';
import type { Exhibit, Finding } from '../evidence/model.js';
import { folderCache, type FactCache } from '../io/fact-cache.js';
import { createOcrEngine } from '../ocr/ocr-engine.js';
import { makeFinding } from '../rules/codes.js';
import { checkDeadline } from '../rules/deadline.js';
import { checkEvidence, describeProven, type EvidenceCheck } from '../rules/check-evidence.js';
import { checkPlausibleDates } from '../rules/plausible-dates.js';
import { checkDocuments, checkScreenshots, type ScreenshotFacts } from '../rules/screenshot-rules.js';
import { VERSION } from '../version.js';
import type { PacketOptions } from './options.js';

/** A case read and laid out: what check reports on and build renders. */
export interface Inspected {
  readonly analysis: CaseAnalysis;
  /** In packet order. */
  readonly exhibits: Exhibit[];
  readonly plan: PacketPlan | undefined;
  readonly input: PacketInput;
  readonly fonts: FontSet;
  readonly renderOptions: RenderOptions;
  /** The analysis's findings, then the deadline's, the letter's, the fonts' and the screenshots'. */
  readonly findings: Finding[];
  readonly screenshots: ScreenshotFacts[];
  /** Each exhibit's categories and, with a reason, the checklist of what the reason needs. */
  readonly evidence: EvidenceCheck;
  readonly cache: FactCache | undefined;
}

/** Reads the case (with OCR when asked), orders the exhibits, fills the letter and plans every page. */
export async function inspectCase(folder: string, options: PacketOptions): Promise<Inspected> {
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
  // The packet is dated when it is prepared (the clock the CLI read), or SOURCE_DATE_EPOCH for
  // byte-identical rebuilds; a caller giving neither gets the latest exhibit's date.
  const generatedAtMs =
    options.sourceDateEpoch !== undefined ? options.sourceDateEpoch * 1000 : (options.nowMs ?? Math.max(0, ...exhibits.map((e) => e.date.epochMs)));
  const findings = [...analysis.findings];
  if (options.nowMs !== undefined)
    findings.push(...checkDeadline(analysis.info, options.nowMs, options.userTimeZone), ...checkPlausibleDates(analysis.info, exhibits, options.nowMs));
  // A letter argues a dispute reason: without a reason or a template there is nothing to argue.
  const wantsLetter = exhibits.length > 0 && (analysis.info.reason !== undefined || analysis.info.template !== undefined);
  const evidence = checkEvidence(analysis.info, exhibits);
  findings.push(...evidence.findings);
  const letter = wantsLetter
    ? await makeCoverLetter(analysis.info, exhibits, generatedAtMs, { proves: describeProven(evidence, numberExhibits(exhibits)) })
    : undefined;
  if (letter) findings.push(...letter.findings);
  const input: PacketInput = {
    info: analysis.info,
    exhibits,
    sources: analysis.sources,
    findings,
    paper,
    generatedAtMs,
    ...(letter?.text ? { letter: letter.text } : {}),
    ...(analysis.limits.maxPages !== undefined ? { pageLimit: analysis.limits.maxPages } : {}),
  };
  const fonts = await loadFonts();
  await fonts.prepare(textsIn(input));
  findings.push(...glyphFindings(fonts, exhibits));
  const plan = exhibits.length > 0 ? planPacket(fonts, input) : undefined;
  const placed = (i: number) =>
    plan?.placements.filter((p) => p.exhibit === i && !p.detail).reduce<number | undefined>((w, p) => Math.max(w ?? 0, p.width), undefined);
  const screenshots = checkScreenshots(analysis.info.client, exhibits, placed, (i) => plan?.focus.find((f) => f.exhibit === i));
  const documents = checkDocuments(analysis.info.client, exhibits);
  findings.push(...screenshots.findings, ...documents.findings);
  const renderOptions: RenderOptions = { info: analysis.info, paper, generatedAtMs, toolVersion: VERSION };
  return { analysis, exhibits, plan, input, fonts, renderOptions, findings, screenshots: [...screenshots.facts, ...documents.facts], evidence, cache };
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
    return makeFinding(
      'TEXT_GLYPH_MISSING',
      { file },
      { chars: `${shown.join(', ')}${list.length > 8 ? ` and ${list.length - 8} more` : ''}`, count: list.length },
    );
  });
}
