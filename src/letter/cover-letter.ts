import { readRegularFile, UnreadableFileError } from '../io/read-regular.js';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Mustache from 'mustache';
import { findProfile } from '../budget/profiles.js';
import { formatDateFact, isoUtc } from '../evidence/dates.js';
import { formatDueDate } from '../evidence/due-date.js';
import type { CaseInfo, Exhibit, Finding } from '../evidence/model.js';
import { isLaterPart, numberExhibits } from '../evidence/number-exhibits.js';
import { errnoCode, UsageError } from '../errors.js';
import { makeFinding } from '../rules/codes.js';
import { escapeMarkdown } from './markdown.js';
import { formatAmount, formatExhibitDate, humanizeReason } from '../evidence/describe.js';

/** A letter template longer than this is not a letter (a link to /dev/zero, a pipe is refused too). */
const MAX_TEMPLATE_BYTES = 4 * 1024 * 1024;

/** Every placeholder a cover-letter template may use, and what fills it. */
export const PLACEHOLDERS: Readonly<Record<string, string>> = {
  case: 'the dispute id',
  processor: 'the processor, from the profile',
  network: 'the card network',
  reason: 'the dispute reason in words',
  reason_code: 'the dispute reason code',
  amount: 'the amount with its currency, e.g. USD 499.00',
  due: 'the response deadline',
  'client.name': 'the cardholder’s name',
  'client.email': 'the cardholder’s email',
  'merchant.name': 'your business name',
  'merchant.email': 'your business email',
  'transaction.id': 'the disputed transaction’s id',
  'transaction.date': 'the disputed transaction’s date',
  order: 'the order or invoice id',
  ticket: 'the support ticket id',
  product: 'what was sold',
  service_date: 'when the service was delivered',
  summary: 'the case summary',
  exhibits: 'the list of exhibits, one “- Exhibit N …” line each',
  exhibit_count: 'the number of exhibits',
  first_date: 'the first exhibit’s date',
  last_date: 'the last exhibit’s date',
  prepared: 'the date the packet was prepared',
  proves: 'what the exhibits prove, by evidence category, e.g. “receipt (Exhibit 2)”',
};

const TEMPLATE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'templates', 'cover');

export function builtInTemplatePath(reason: string | undefined): string {
  return join(TEMPLATE_DIR, `${reason ?? 'general'}.md`);
}

export interface CoverLetter {
  /** The filled letter, Markdown (see markdown.ts), the case's values escaped in it. */
  readonly text: string;
  readonly template: string;
  readonly findings: Finding[];
}

/** The values the placeholders take for this case; undefined where the case does not say. */
export function letterValues(info: CaseInfo, exhibits: readonly Exhibit[], generatedAtMs: number): Record<string, string | undefined> {
  const zone = info.timezone?.value;
  const first = exhibits[0];
  const last = exhibits[exhibits.length - 1];
  const numbers = numberExhibits(exhibits);
  return {
    case: info.id,
    processor: findProfile(info.profile)?.label ?? info.profile,
    network: info.network,
    reason: info.reason ? humanizeReason(info.reason).toLowerCase() : undefined,
    reason_code: info.reason,
    amount: formatAmount(info.amount, info.currency),
    due: info.due ? formatDueDate(info.due, zone) : undefined,
    'client.name': info.client.name?.value,
    'client.email': info.client.email?.value,
    'merchant.name': info.merchant.name,
    'merchant.email': info.merchant.email,
    'transaction.id': info.transaction?.id,
    'transaction.date': info.transaction?.date ? formatDateFact(info.transaction.date, zone) : undefined,
    order: info.order,
    ticket: info.ticket,
    product: info.product,
    service_date: info.serviceDate ? formatDateFact(info.serviceDate, zone) : undefined,
    summary: info.summary,
    // Markdown itself, so its parts are escaped here (fillCoverLetter escapes the other values).
    exhibits: exhibits.length
      ? exhibits
          .map((e, i) => ({ e, n: numbers[i]! }))
          // A chat's later parts are the same exhibit as its first: one line, its note said once.
          .filter(({ e }) => !isLaterPart(e))
          .map(({ e, n }) => `- Exhibit ${n}, ${escapeMarkdown(formatExhibitDate(e, info))}: ${escapeMarkdown(e.note?.value ?? e.file)}`)
          .join('\n')
      : undefined,
    exhibit_count: String(Math.max(0, ...numbers)),
    first_date: first ? formatExhibitDate(first, info) : undefined,
    last_date: last ? formatExhibitDate(last, info) : undefined,
    prepared: isoUtc(generatedAtMs).slice(0, 10),
  };
}

type Token = [string, string, number, number, Token[]?];

/** Values that are Markdown already (their parts escaped where they are made). */
const MARKDOWN_VALUES = new Set(['exhibits']);

/**
 * Fills a template. Unknown placeholders are errors naming them; a placeholder with no
 * value where the letter needs it is a warning, and the letter says "[… not given]"
 * rather than leaving a silent gap. `{{#name}}…{{/name}}` keeps optional parts out.
 */
export function fillCoverLetter(template: string, templateName: string, values: Record<string, string | undefined>): CoverLetter {
  let tokens: Token[];
  try {
    tokens = Mustache.parse(template) as Token[];
  } catch (error) {
    const detail = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    return { text: '', template: templateName, findings: [makeFinding('COVER_TEMPLATE_INVALID', { file: templateName }, { detail })] };
  }
  const findings: Finding[] = [];
  const lineAt = (offset: number) => template.slice(0, offset).split('\n').length;
  const missing = new Set<string>();

  const walk = (list: Token[], rendered: boolean) => {
    for (const token of list) {
      const [type, name, start] = token;
      if (type === 'text' || type === '!' || type === '=') continue;
      if (type === '>' || !(name in PLACEHOLDERS)) {
        findings.push(makeFinding('COVER_UNKNOWN_PLACEHOLDER', { file: templateName, line: lineAt(start) }, { name: type === '>' ? `> ${name}` : name }));
        continue;
      }
      const has = values[name] !== undefined && values[name] !== '';
      if (type === '#') walk(token[4] ?? [], rendered && has);
      else if (type === '^') walk(token[4] ?? [], rendered && !has);
      else if (rendered && !has && !missing.has(name)) {
        missing.add(name);
        findings.push(makeFinding('COVER_VALUE_MISSING', { file: templateName, line: lineAt(start) }, { name, what: PLACEHOLDERS[name]! }));
      }
    }
  };
  walk(tokens, true);
  if (findings.some((f) => f.code === 'COVER_UNKNOWN_PLACEHOLDER')) return { text: '', template: templateName, findings };

  const view: Record<string, unknown> = {};
  for (const name of Object.keys(PLACEHOLDERS)) {
    const given = values[name] || (missing.has(name) ? `[${PLACEHOLDERS[name]} not given]` : undefined);
    // A value prints as it is: an order id like *A-1* or a summary that starts "1." is not Markdown.
    const value = given !== undefined && !MARKDOWN_VALUES.has(name) ? escapeMarkdown(given) : given;
    const [head, tail] = name.split('.') as [string, string | undefined];
    if (tail) view[head] = { ...(view[head] as object | undefined), [tail]: value };
    else view[head] = value;
  }
  const text = Mustache.render(template, view, {}, { escape: (s: string) => s })
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return { text, template: templateName, findings };
}

/** Reads the case's template (custom, else the built-in one for the reason) and fills it. */
export async function makeCoverLetter(
  info: CaseInfo,
  exhibits: readonly Exhibit[],
  generatedAtMs: number,
  more: Record<string, string | undefined> = {},
): Promise<CoverLetter> {
  const path = info.template?.value ?? builtInTemplatePath(info.reason);
  const name = info.template
    ? info.template.source === '--template'
      ? path
      : path.slice(info.folder.length + 1)
    : `templates/cover/${info.reason ?? 'general'}.md`;
  let text: string;
  try {
    text = (await readRegularFile(path, MAX_TEMPLATE_BYTES)).toString('utf8');
  } catch (error) {
    if (info.template?.source === '--template') {
      throw new UsageError('USAGE_TEMPLATE_NOT_FOUND', `cannot read the template ${path} (${errnoCode(error) ?? String(error)})`, {
        hint: 'Pass the path of a Markdown template; `evidence-packet init --template` copies the built-in letter into the case to start from.',
      });
    }
    const where = { file: info.manifestFile ?? 'case.yaml', path: 'template' };
    // A named pipe or a device is said as what it is: it exists, and is never read.
    const finding =
      error instanceof UnreadableFileError && error.kind
        ? makeFinding('MANIFEST_NOT_A_FILE', where, { value: name, kind: error.kind })
        : makeFinding('MANIFEST_FILE_NOT_FOUND', where, { value: name });
    return { text: '', template: name, findings: [finding] };
  }
  return fillCoverLetter(text, name, { ...letterValues(info, exhibits, generatedAtMs), ...more });
}
