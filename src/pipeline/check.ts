import type { FontSet, PacketInput, PacketPlan, RenderOptions } from '../document/index.js';
import type { Finding } from '../evidence/model.js';
import { nodeCaseFs } from '../io/case-fs.js';
import { describeDrop, exhibitsToDrop } from '../budget/drop-advice.js';
import type { SizeEstimate } from '../budget/estimate.js';
import { formatBytes } from '../budget/profiles.js';
import type { CheckResult } from '../reporters/check-result.js';
import { makeFinding, sortFindings } from '../rules/codes.js';
import { exitCodeFor } from '../rules/exit-code.js';
import { estimatePacketSize } from './estimate-size.js';
import { ImageReader } from './image-reader.js';
import { inspectCase } from './inspect.js';
import { pagesDropAdvice } from './page-advice.js';
import type { PacketOptions } from './options.js';

export type { CheckResult } from '../reporters/check-result.js';

/** Reads and checks a case; writes nothing. With a size limit, predicts the packet's size from a sample. */
export async function checkCase(folder: string, options: PacketOptions = {}): Promise<CheckResult> {
  const { analysis, exhibits, plan, input, fonts, renderOptions, findings: found, screenshots, evidence, cache } = await inspectCase(folder, options);
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
    const over = [overPages ? `${plan!.pages.length} pages` : '', overSharp ? `about ${formatBytes(size!.sharp)} with every image sharp` : '']
      .filter(Boolean)
      .join(', ');
    findings.push(makeFinding('PACKET_SPLIT', {}, { profile: limits.profile, over }));
  } else {
    if (overPages) {
      const drop = pagesDropAdvice(fonts, input, plan!, limits.maxPages!);
      findings.push(
        makeFinding(
          'PACKET_OVER_PAGE_LIMIT',
          {},
          { pages: plan!.pages.length, limit: limits.maxPages!, profile: limits.profile, ...(drop ? { drop } : {}), ...canSplit },
        ),
      );
    }
    if (size && size.floor > size.limit) findings.push(likelyOverSize(size, limits.profile, canSplit));
  }
  const sorted = sortFindings(findings);
  return {
    analysis,
    exhibits,
    findings: sorted,
    ...(plan ? { plan } : {}),
    ...(size ? { size } : {}),
    screenshots,
    evidence,
    exitCode: exitCodeFor(sorted, options.strict ?? false),
  };
}

function likelyOverSize(size: SizeEstimate, profile: string, canSplit: Record<string, string>): Finding {
  const costly = size.exhibits.slice(0, 3).map((e) => `${e.number} ${e.file} (${formatBytes(e.floor)})`);
  const drop = exhibitsToDrop(
    size.exhibits.map((e) => e.floor),
    size.limit - size.fixed,
  ).map((i) => size.exhibits[i]!.number);
  return makeFinding(
    'PACKET_LIKELY_OVER_SIZE',
    {},
    {
      estimate: formatBytes(size.floor),
      limit: formatBytes(size.limit),
      profile,
      costly: costly.join(', '),
      ...(drop.length ? { drop: describeDrop(drop) } : {}),
      ...canSplit,
    },
  );
}

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
  const { analysis, exhibits, plan, input, fonts, renderOptions, findings: found, screenshots, evidence } = await inspectCase(folder, options);
  const findings = sortFindings(found);
  const check: CheckResult = {
    analysis,
    exhibits,
    findings,
    ...(plan ? { plan } : {}),
    screenshots,
    evidence,
    exitCode: exitCodeFor(findings, options.strict ?? false),
  };
  if (check.exitCode !== 0 || !plan) return { ok: false, check };
  return { ok: true, check, input, plan, fonts, renderOptions };
}
