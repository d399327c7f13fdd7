import { htmlToText as htmlToTextLib } from '../io/cjs.js';
import { decodeText, sampleText } from '../chat/text.js';
import { dateFactFromEpoch, parseIsoDate } from '../evidence/dates.js';
import type { DateFact, Finding } from '../evidence/model.js';
import { makeFinding } from '../rules/codes.js';
import type { ParseContext } from './types.js';

/** Telegram Desktop writes some bytes as `\xNN`, which JSON does not allow: made `\u00NN`. */
export function repairHexEscapes(text: string): string {
  return text.replace(/(^|[^\\])((?:\\\\)*)\\x([0-9a-fA-F]{2})/g, '$1$2\\u00$3');
}

export type JsonRead = { ok: true; value: unknown } | { ok: false; finding: Finding };

/** The file as JSON; a file cut short or damaged is a finding that says where it breaks. */
export function readJson(ctx: ParseContext, options: { repairHex?: boolean } = {}): JsonRead {
  let text = decodeText(ctx.bytes ?? Buffer.alloc(0)).text;
  if (options.repairHex) text = repairHexEscapes(text);
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const cut = /Unexpected end of JSON input|Unterminated string|Expected .* after/.test(message) && !/position \d+ \(line/.test(message);
    return {
      ok: false,
      finding: makeFinding('ITEM_UNREADABLE', { file: ctx.source.file }, { detail: `${cut ? 'the JSON is cut short' : 'not valid JSON'} (${message})` }),
    };
  }
}

/** Detection helper: the sample decoded, and whether it looks like JSON at all. */
export function jsonSample(sample: Buffer): string | undefined {
  const text = sampleText(sample)
    .replace(/^\ufeff/, '')
    .trimStart();
  return text.startsWith('{') || text.startsWith('[') ? text : undefined;
}

export function htmlToText(html: string): string {
  if (!/<[a-z!/]/i.test(html))
    return html
      .replace(/&nbsp;/g, ' ')
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>');
  return htmlToTextLib()
    .convert(html, {
      wordwrap: false,
      selectors: [
        { selector: 'a', options: { ignoreHref: false, hideLinkHrefIfSameAsText: true } },
        { selector: 'img', format: 'skip' },
      ],
    })
    .trim();
}

/**
 * An ISO 8601 time from an export: with an offset or `Z` it is exact; without one it is the
 * exporting machine's local time, placed in the case's zone (and reported if there is none).
 * A date without a time is not a message's time.
 */
export function isoFromExport(text: string, zone: string | undefined): DateFact | undefined {
  const fact = parseIsoDate(text, 'export', zone);
  return fact && fact.precision !== 'day' ? fact : undefined;
}

/** Seconds or milliseconds since the epoch, as a number or a numeric string. */
export function epochFromExport(value: unknown, unit: 's' | 'ms', label: string): DateFact | undefined {
  const n = typeof value === 'string' && /^\d+(?:\.\d+)?$/.test(value) ? Number(value) : typeof value === 'number' ? value : NaN;
  if (!Number.isFinite(n) || n <= 0) return undefined;
  return dateFactFromEpoch(Math.round(unit === 's' ? n * 1000 : n), `${label} ${String(value)}`, 'export');
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : undefined;
}

/** `Name <addr@example.com>` → both parts. */
export function splitAddress(value: string): { name?: string; email?: string } {
  const m = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(value);
  if (m) return { ...(m[1] ? { name: m[1] } : {}), email: m[2]! };
  return value.includes('@') ? { email: value.trim() } : { name: value.trim() };
}
