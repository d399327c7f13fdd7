import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import Mustache from 'mustache';
import YAML from 'yaml';
import { PROFILE_NAMES } from '../budget/profiles.js';
import { formatDateFact, isValidTimeZone, parseIsoDate } from '../evidence/dates.js';
import type { Exhibit, SourceFile } from '../evidence/model.js';
import { InternalError } from '../errors.js';
import { describeDateSource } from '../evidence/describe.js';
import { isEmail } from '../rules/case-rules.js';
import { analyzeCase, type CaseOptions } from './analyze-case.js';
import { parseManifest } from './load-manifest.js';
import { CARD_NETWORKS, DISPUTE_REASONS, type ManifestItem } from '../evidence/manifest-schema.js';
import { suggestAmount, suggestDate, suggestZone } from './init-suggest.js';
import { dateConflictOf, type DateConflict } from './init-date-conflict.js';

/** What `init` asks for; it becomes case.yaml. */
export interface InitAnswers {
  readonly case: string;
  readonly profile: string;
  readonly network?: string;
  readonly reason?: string;
  readonly amount?: number;
  readonly currency?: string;
  readonly due?: string;
  readonly timezone?: string;
  readonly client: { readonly name: string; readonly email: string; readonly aliases: readonly string[] };
  readonly merchant?: { readonly name?: string; readonly email?: string };
  readonly summary?: string;
  /** The case's own cover letter (init --template copies the built-in one there). */
  readonly template?: string;
  readonly items: readonly ManifestItem[];
}

/** A validator answers `true` or says what is wrong (inquirer's `validate` contract). */
export type Validator = (value: string) => true | string;

export const validate = {
  caseId: ((v) => (v.trim() !== '' ? true : 'Give the dispute id, e.g. dp_1234 (it is printed on every page).')) as Validator,
  email: ((v) => (isEmail(v.trim()) ? true : `"${v}" is not an email address, e.g. jane.doe@example.com.`)) as Validator,
  optionalEmail: ((v) => (v.trim() === '' || isEmail(v.trim()) ? true : `"${v}" is not an email address; leave it empty to skip.`)) as Validator,
  name: ((v) => (v.trim() !== '' ? true : 'Give the name the processor has for the client.')) as Validator,
  profile: ((v) => (PROFILE_NAMES.includes(v) ? true : `Pick one of: ${PROFILE_NAMES.join(', ')}.`)) as Validator,
  network: ((v) =>
    v === '' || (CARD_NETWORKS as readonly string[]).includes(v) ? true : `Pick one of: ${CARD_NETWORKS.join(', ')}, or leave it empty.`) as Validator,
  reason: ((v) => (v === '' || (DISPUTE_REASONS as readonly string[]).includes(v) ? true : `Pick one of: ${DISPUTE_REASONS.join(', ')}.`)) as Validator,
  amount: ((v) =>
    v.trim() === '' || /^\d+(\.\d{1,2})?$/.test(v.trim())
      ? true
      : `"${v}" is not an amount; write it ${suggestAmount(v) ? `as ${suggestAmount(v)}` : 'like 499.00'}, without the currency.`) as Validator,
  currency: ((v) =>
    v.trim() === '' || /^[A-Za-z]{3}$/.test(v.trim()) ? true : `"${v}" is not a three-letter ISO 4217 code such as USD, EUR, GBP.`) as Validator,
  timezone: ((v) =>
    v.trim() === '' || isValidTimeZone(v.trim())
      ? true
      : `"${v}" is not an IANA time zone; ${suggestZone(v) ? `write ${suggestZone(v)}` : 'e.g. Europe/London, America/New_York'}.`) as Validator,
  /** A date as case.yaml takes it; without an offset it is read in the case's zone. */
  date:
    (zone: string | undefined): Validator =>
    (v) =>
      v.trim() === '' || parseIsoDate(v.trim(), 'manifest', zone ?? 'UTC')
        ? true
        : `"${v}" is not a date as case.yaml takes it; write it ${suggestDate(v) ? `as ${suggestDate(v)}` : 'like 2024-04-02 23:59 or 2024-04-02T23:59:00-04:00'}.`,
};

/** One evidence file as init shows it: what it is and the date evidence-packet found. */
export interface FoundFile {
  readonly file: string;
  readonly format?: string;
  /** The date shown, with its offset, and where it came from; absent when none was found. */
  readonly date?: { readonly shown: string; readonly source: string; readonly iso: string };
  /** For chat exports: how many messages and their span, to offer a selection. */
  readonly chat?: { readonly messages: number; readonly first: string; readonly last: string };
  /** For PDFs: how many pages it has and how many are shown. */
  readonly document?: { readonly pages: number; readonly shown: number };
  /** Files read out of it that become exhibits of their own (an email's attachments). */
  readonly attachments?: readonly string[];
  /** A PDF whose text and metadata dates disagree: the date not used, for init to offer. */
  readonly dateConflict?: DateConflict;
  /** Finding codes about the file (unreadable, ambiguous dates…). */
  readonly problems: readonly string[];
}

/** Reads the case the way `check` does and lists each evidence file with what was found. */
export async function describeCaseFiles(folder: string, options: CaseOptions): Promise<FoundFile[]> {
  const analysis = await analyzeCase(folder, options);
  const zone = analysis.info.timezone?.value;
  const byFile = new Map<string, Exhibit>();
  for (const e of analysis.exhibits) if (!byFile.has(e.file)) byFile.set(e.file, e);
  // One entry per file the user put in the folder: a Slack folder once, a zip's media not at all.
  const sources = new Map<string, SourceFile>();
  for (const s of analysis.sources) if (!s.archive && !s.attachment && !sources.has(s.partOf ?? s.file)) sources.set(s.partOf ?? s.file, s);
  return [...sources].map(([file, source]) => {
    const exhibit = byFile.get(file);
    const chat =
      exhibit?.kind === 'chat' && exhibit.messages.length > 0
        ? { messages: exhibit.totalMessages, first: formatDateFact(exhibit.messages[0]!.date, zone), last: formatDateFact(exhibit.messages.at(-1)!.date, zone) }
        : undefined;
    const attachments = analysis.sources.filter((s) => s.attachment?.of === file).map((s) => s.attachment!.name);
    // A PDF too long to show whole has no exhibit yet: its page count is in the finding.
    const tooMany = analysis.findings.find((f) => f.file === file && f.code === 'ITEM_PDF_TOO_MANY_PAGES');
    return {
      file,
      ...(source.format ? { format: source.format } : {}),
      ...(exhibit?.kind === 'document'
        ? { document: { pages: exhibit.totalPages, shown: exhibit.pages.length } }
        : tooMany
          ? { document: { pages: Number(tooMany.args.pages), shown: 0 } }
          : {}),
      ...(attachments.length > 0 ? { attachments } : {}),
      ...(exhibit
        ? { date: { shown: formatDateFact(exhibit.date, zone), source: describeDateSource(exhibit.date), iso: new Date(exhibit.date.epochMs).toISOString() } }
        : {}),
      ...(chat ? { chat } : {}),
      ...withConflict(dateConflictOf(exhibit, analysis.findings, zone)),
      problems: analysis.findings.filter((f) => f.file === file && f.severity === 'error').map((f) => f.code),
    };
  });
}

const withConflict = (c: DateConflict | undefined) => (c ? { dateConflict: c } : {});

const TEMPLATE = fileURLToPath(new URL('../../templates/case.yaml', import.meta.url));

/** case.yaml from templates/case.yaml: the answers filled in, the rest left as commented examples. */
export async function renderManifest(answers: InitAnswers, templatePath = TEMPLATE): Promise<string> {
  const template = await readFile(templatePath, 'utf8');
  const q = (s: string | undefined) => (s === undefined || s === '' ? undefined : JSON.stringify(s));
  const merchant = answers.merchant && (answers.merchant.name || answers.merchant.email) ? answers.merchant : undefined;
  const view = {
    case: q(answers.case),
    profile: q(answers.profile),
    network: answers.network || undefined,
    reason: answers.reason || undefined,
    amount: answers.amount === undefined ? undefined : answers.amount.toFixed(2),
    currency: answers.currency ? answers.currency.toUpperCase() : undefined,
    due: q(answers.due),
    timezone: q(answers.timezone),
    clientName: q(answers.client.name),
    clientEmail: q(answers.client.email),
    aliases: answers.client.aliases.length > 0 ? JSON.stringify(answers.client.aliases) : undefined,
    merchant: merchant ? YAML.stringify(pruned(merchant), { collectionStyle: 'flow' }).trim() : undefined,
    summary: answers.summary ? blockText(answers.summary) : undefined,
    template: q(answers.template),
    items: answers.items.length > 0 ? indent(YAML.stringify(answers.items.map(pruned), { lineWidth: 0 })) : undefined,
  };
  const text = Mustache.render(template, view, {}, { escape: (s: string) => s });
  // What init writes, check must read: a template edit that breaks YAML is caught here.
  const parsed = parseManifest('case.yaml', text);
  if (!parsed.manifest || parsed.findings.length > 0) {
    throw new InternalError(`the case.yaml init made does not read back: ${parsed.findings.map((f) => f.code).join(', ')}`, { hint: `Check ${templatePath}.` });
  }
  return text;
}

function pruned<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0))) as T;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? line : `  ${line}`))
    .join('\n');
}

/** A literal block keeps the summary as typed; a first line starting with a space needs quoting. */
function blockText(text: string): string {
  const trimmed = text.replace(/\s+$/, '');
  if (/^\s/.test(trimmed) || /[^\S\n]\n/.test(trimmed)) return JSON.stringify(trimmed);
  return `|\n${trimmed
    .split('\n')
    .map((l) => (l === '' ? '' : `  ${l}`))
    .join('\n')}`;
}
