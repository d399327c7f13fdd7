import { maskStrings } from '../chat/sensitive.js';
import { formatDateFact } from '../evidence/dates.js';
import { numberExhibits } from '../evidence/number-exhibits.js';
import type { Exhibit, Finding } from '../evidence/model.js';
import type { CheckResult } from './check-result.js';
import { describeFinding } from '../rules/codes.js';
import type { ScreenshotFacts } from '../rules/screenshot-rules.js';

/** Where a finding is: `file:line (key.path)`, or '' for the case as a whole. */
export function findingLocation(f: Finding): string {
  return [f.file ? `${f.file}${f.line ? `:${f.line}` : ''}` : '', f.path ? `(${f.path})` : ''].filter(Boolean).join(' ');
}

/** A finding with its wording, as `--json` and the reports print it. */
export function findingToJson(finding: Finding) {
  const { message, hint } = describeFinding(finding);
  return { ...finding, message, hint };
}

/** `check --json`: the case, its limits, the exhibits in packet order and every finding; card numbers masked in every string. */
export function checkToJson(check: CheckResult) {
  return maskStrings(checkJson(check));
}

/** One exhibit in `check --json`: its file, date and source, and what was read of it. */
function exhibitJson(check: CheckResult, e: Exhibit, i: number, number: number) {
  const { info } = check.analysis;
  return {
    number,
    file: e.file,
    sha256: e.source.sha256,
    date: {
      utc: new Date(e.date.epochMs).toISOString(),
      shown: formatDateFact(e.date, info.timezone?.value),
      source: e.date.source,
      text: e.date.text,
      zone: e.date.zone,
    },
    ...(e.note ? { note: e.note } : {}),
    ...(check.evidence?.categories[i] ? { categories: check.evidence.categories[i] } : {}),
    ...ocrJson(e.kind !== 'chat' ? check.screenshots.find((s) => s.file === e.file) : undefined),
    ...(e.kind === 'image' && e.image.trim
      ? {
          trimmed: {
            x: e.image.trim[0],
            y: e.image.trim[1],
            width: e.image.trim[2],
            height: e.image.trim[3],
            of: { width: e.image.width, height: e.image.height },
          },
        }
      : {}),
    ...(e.kind === 'document'
      ? {
          document: {
            totalPages: e.totalPages,
            pages: e.pages.map((p) => ({
              number: p.number,
              treatment: p.treatment,
              ...(p.rasterReason ? { reason: p.rasterReason } : {}),
              ...(p.resampled ? { resampled: true } : {}),
              text: p.textFrom,
            })),
          },
        }
      : {}),
    ...(e.kind === 'chat'
      ? {
          chat: {
            format: e.format,
            shown: e.messages.length,
            total: e.totalMessages,
            ...(e.excerpt ? { excerpt: e.excerpt } : {}),
            messages: e.messages.map((m) => ({
              utc: new Date(m.date.epochMs).toISOString(),
              sender: m.sender ?? null,
              where: m.where,
              client: m.isClient === true,
              ...(m.note ? { note: m.note } : {}),
            })),
          },
        }
      : {}),
  };
}

function checkJson(check: CheckResult) {
  const { info, limits } = check.analysis;
  return {
    ok: check.exitCode === 0,
    exitCode: check.exitCode,
    case: {
      id: info.id,
      profile: info.profile,
      ...(info.network ? { network: info.network } : {}),
      ...(info.timezone ? { timezone: info.timezone } : {}),
      client: { ...(info.client.name ? { name: info.client.name } : {}), ...(info.client.email ? { email: info.client.email } : {}) },
    },
    limits,
    predictedPages: check.plan?.pages.length ?? null,
    /** Predicted bytes (a sample of the images encoded), when there is a size limit. */
    predictedSize: check.size ?? null,
    exhibits: numberExhibits(check.exhibits).map((n, i) => exhibitJson(check, check.exhibits[i]!, i, n)),
    /** What the reason needs per category, with the exhibits that show each; null without a reason. */
    checklist: check.evidence?.checklist ?? null,
    findings: check.findings.map(findingToJson),
    summary: {
      errors: check.findings.filter((f) => f.severity === 'error').length,
      warnings: check.findings.filter((f) => f.severity === 'warning').length,
    },
  };
}

function ocrJson(seen: ScreenshotFacts | undefined) {
  if (!seen) return {};
  const focus = seen.focus ? { x: seen.focus.x, y: seen.focus.y, width: seen.focus.width, height: seen.focus.height } : null;
  return { ocr: { visible: seen.visible, textPx: seen.textPx ?? null, textPt: seen.textPt ?? null, cached: seen.ocrCached }, ...(focus ? { focus } : {}) };
}
