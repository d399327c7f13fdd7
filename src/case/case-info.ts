import { basename, resolve } from 'node:path';
import { isValidTimeZone, parseIsoDate } from '../evidence/dates.js';
import { endOfDueDay } from '../evidence/due-date.js';
import type { CaseInfo, DateFact, Fact, Finding } from '../evidence/model.js';
import type { CaseManifest } from '../evidence/manifest-schema.js';
import { UsageError } from '../errors.js';
import { DEFAULT_PROFILE, findProfile, PROFILE_NAMES } from '../budget/profiles.js';
import { didYouMean, timeZoneNames } from '../evidence/suggest.js';
import { maskCardNumbers } from '../chat/sensitive.js';
import { makeFinding } from '../rules/codes.js';
import { keyLocation, type KeyPath, type ManifestPlace } from '../rules/manifest-place.js';
import { joinPath } from '../io/case-fs.js';
import { toCaseRelative } from './discover-files.js';

/** What the command line says about the case itself; each flag wins over case.yaml. */
export interface CaseFactFlags {
  readonly caseId?: string;
  readonly clientName?: string;
  readonly clientEmail?: string;
  readonly profile?: string;
  /** The user's default profile (their config), used when neither the flag nor case.yaml gives one. */
  readonly defaultProfile?: string;
  /** The user's business (their config), used when case.yaml names none. */
  readonly defaultMerchant?: { readonly name?: string; readonly email?: string };
  readonly network?: string;
  readonly tz?: string;
  /** Response deadline, ISO 8601 (overrides case.yaml `due`). */
  readonly due?: string;
  /** A cover-letter template file (overrides case.yaml `template`). */
  readonly template?: string;
}

/** Flags that are wrong whatever the case says: a usage error before any file is read. */
export function validateFlags(flags: CaseFactFlags): void {
  if (flags.profile !== undefined && !findProfile(flags.profile)) {
    throw new UsageError('USAGE_UNKNOWN_PROFILE', `unknown profile "${flags.profile}".${didYouMean(flags.profile, PROFILE_NAMES)}`, {
      hint: `Use one of: ${PROFILE_NAMES.join(', ')} (\`evidence-packet profiles\` shows their limits).`,
    });
  }
  if (flags.tz !== undefined && !isValidTimeZone(flags.tz)) {
    throw new UsageError('USAGE_BAD_TIMEZONE', `--tz "${flags.tz}" is not an IANA time zone.${didYouMean(flags.tz, timeZoneNames())}`, {
      hint: 'Use a zone name such as Europe/London or America/New_York.',
    });
  }
}

interface InfoSources {
  readonly root: string;
  /** case.yaml's place, when there is one. */
  readonly place: ManifestPlace | undefined;
  readonly manifest: CaseManifest;
  readonly flags: CaseFactFlags;
  readonly findings: Finding[];
}

/** The case's facts from case.yaml and the flags; what is wrong with them is added to `findings`. */
export function buildCaseInfo(root: string, place: ManifestPlace | undefined, manifest: CaseManifest, flags: CaseFactFlags, findings: Finding[]): CaseInfo {
  const from: InfoSources = { root, place, manifest, flags, findings };
  const timezone = caseTimezone(from);
  const profile = caseProfile(from);
  const dates = caseDates(from, timezone?.value);
  const template = caseTemplate(from);
  const network = flags.network ?? manifest.network;
  const transaction = manifest.transaction;
  return {
    id: flags.caseId ?? manifest.case ?? basename(root),
    folder: root,
    ...(place ? { manifestFile: place.file } : {}),
    profile,
    ...(network ? { network } : {}),
    ...(manifest.reason ? { reason: manifest.reason } : {}),
    ...(manifest.reason_code ? { reasonCode: manifest.reason_code } : {}),
    ...(manifest.product_type ? { productType: manifest.product_type } : {}),
    ...categoriesOf(manifest),
    ...(manifest.access_log && Object.keys(manifest.access_log).length > 0 ? { accessLog: manifest.access_log } : {}),
    ...(manifest.amount !== undefined ? { amount: manifest.amount } : {}),
    ...(manifest.currency ? { currency: manifest.currency } : {}),
    ...(dates.due ? { due: dates.due } : {}),
    ...(transaction?.id || dates.transaction
      ? { transaction: { ...(transaction?.id ? { id: transaction.id } : {}), ...(dates.transaction ? { date: dates.transaction } : {}) } }
      : {}),
    ...(manifest.order ? { order: manifest.order } : {}),
    ...(manifest.ticket ? { ticket: manifest.ticket } : {}),
    ...(manifest.product ? { product: manifest.product } : {}),
    ...(dates.service ? { serviceDate: dates.service } : {}),
    ...(template ? { template } : {}),
    ...(timezone ? { timezone } : {}),
    client: caseClient(from),
    merchant: caseMerchant(manifest, from.flags.defaultMerchant),
    ...(manifest.summary?.trim() ? { summary: maskCardNumbers(manifest.summary.trim()).text } : {}),
  };
}

/** case.yaml's `category:` per item's file (paths outside the case are refused where items are indexed). */
function categoriesOf(manifest: CaseManifest): { categories?: Record<string, readonly string[]> } {
  const entries = (manifest.items ?? []).flatMap((item) => {
    const file = item.category !== undefined ? toCaseRelative(item.file.replace(/\/+$/, '')) : undefined;
    return file === undefined || item.category === undefined ? [] : [[file, typeof item.category === 'string' ? [item.category] : item.category] as const];
  });
  return entries.length > 0 ? { categories: Object.fromEntries(entries) } : {};
}

const NO_MANIFEST: ManifestPlace = { file: '', lineOf: () => undefined };

/** A finding's place for a key of case.yaml (a key path alone when there is no case.yaml). */
function where(from: InfoSources, path: KeyPath) {
  return keyLocation(from.place ?? NO_MANIFEST, path);
}

function fact<T>(value: T | undefined, source: string): Fact<T> | undefined {
  return value === undefined || value === '' ? undefined : { value, source };
}

function caseTimezone(from: InfoSources): Fact<string> | undefined {
  const { flags, manifest } = from;
  if (flags.tz) return { value: flags.tz, source: '--tz' };
  if (!manifest.timezone) return undefined;
  if (isValidTimeZone(manifest.timezone)) return { value: manifest.timezone, source: 'case.yaml' };
  from.findings.push(
    makeFinding('MANIFEST_TIMEZONE_INVALID', where(from, ['timezone']), {
      value: manifest.timezone,
      suggestion: didYouMean(manifest.timezone, timeZoneNames()),
    }),
  );
  return undefined;
}

function caseProfile(from: InfoSources): string {
  const profile = from.flags.profile ?? from.manifest.profile ?? from.flags.defaultProfile ?? DEFAULT_PROFILE;
  if (findProfile(profile)) return profile;
  from.findings.push(
    makeFinding('MANIFEST_INVALID_VALUE', where(from, ['profile']), {
      detail: `profile "${profile}" is not one of ${PROFILE_NAMES.join(', ')}.${didYouMean(profile, PROFILE_NAMES)}`,
    }),
  );
  return DEFAULT_PROFILE;
}

function caseDates(from: InfoSources, zone: string | undefined): { due?: DateFact; transaction?: DateFact; service?: DateFact } {
  const { flags, manifest } = from;
  const manifestDate = (text: string | undefined, path: KeyPath): DateFact | undefined => {
    if (!text) return undefined;
    const parsed = parseIsoDate(text, 'manifest', zone);
    if (!parsed) from.findings.push(makeFinding('MANIFEST_DATE_INVALID', where(from, path), { value: text }));
    return parsed;
  };
  let due: DateFact | undefined;
  if (flags.due !== undefined) {
    due = parseIsoDate(flags.due, 'manifest', zone);
    if (!due)
      throw new UsageError('USAGE_BAD_DATE', `--due "${flags.due}" is not a date and time`, { hint: 'Write it as ISO 8601, e.g. 2024-04-02T23:59:00-04:00.' });
  } else due = manifestDate(manifest.due, ['due']);
  if (due) due = endOfDueDay(due, zone);
  const transaction = manifestDate(manifest.transaction?.date, ['transaction', 'date']);
  const service = manifestDate(manifest.serviceDate, ['serviceDate']);
  return { ...(due ? { due } : {}), ...(transaction ? { transaction } : {}), ...(service ? { service } : {}) };
}

function caseTemplate(from: InfoSources): Fact<string> | undefined {
  const { flags, manifest } = from;
  if (flags.template !== undefined) return { value: resolve(flags.template), source: '--template' };
  if (!manifest.template) return undefined;
  const relative = toCaseRelative(manifest.template);
  if (relative !== undefined) return { value: joinPath(from.root, relative), source: from.place?.file ?? 'case.yaml' };
  from.findings.push(makeFinding('MANIFEST_PATH_OUTSIDE_CASE', where(from, ['template']), { value: manifest.template }));
  return undefined;
}

function caseClient(from: InfoSources): CaseInfo['client'] {
  const { flags, manifest } = from;
  const source = from.place?.file ?? 'flags';
  const name = flags.clientName !== undefined ? fact(flags.clientName.trim(), '--client-name') : fact(manifest.client?.name?.trim(), source);
  const email = flags.clientEmail !== undefined ? fact(flags.clientEmail.trim(), '--client-email') : fact(manifest.client?.email?.trim(), source);
  return { ...(name ? { name } : {}), ...(email ? { email } : {}), aliases: manifest.client?.aliases ?? [] };
}

/** The merchant of case.yaml, else the user's own (their config). */
function caseMerchant(manifest: CaseManifest, fallback: CaseFactFlags['defaultMerchant']): { name?: string; email?: string } {
  const name = manifest.merchant?.name ?? fallback?.name;
  const email = manifest.merchant?.email ?? fallback?.email;
  return { ...(name ? { name } : {}), ...(email ? { email } : {}) };
}
