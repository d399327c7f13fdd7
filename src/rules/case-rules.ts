import { checkTimezoneConflict } from './timezone-conflict.js';
import { z } from 'zod';
import { keyLocation, type ManifestPlace } from './manifest-place.js';
import type { CaseInfo, Exhibit, Finding } from '../evidence/model.js';
import { makeFinding } from './codes.js';

const email = z.email();

/**
 * An address as RFC 5321 has it, or an internationalised one (RFC 6531: letters of any script
 * in the local part and the domain, "jdöe@mächine.example"), held to the same shape: each
 * non-ASCII letter or digit counts as an ASCII letter, anything else non-ASCII is refused.
 */
export function isEmail(value: string): boolean {
  return email.safeParse(value.normalize('NFC').replace(/(?![\x00-\x7f])[\p{L}\p{M}\p{N}]/gu, 'x')).success;
}

/** Case-wide rules: the facts every exhibit must show, and a case that has something to show. */
export function checkCaseRules(info: CaseInfo, exhibits: readonly Exhibit[], loaded: ManifestPlace | undefined): Finding[] {
  const findings: Finding[] = [];
  const where = (source: string, path: string[]) => (source === loaded?.file ? keyLocation(loaded, path) : { path: source });

  if (!info.client.name) findings.push(makeFinding('CASE_CLIENT_NAME_MISSING', loaded ? { file: loaded.file } : {}));
  if (!info.client.email) findings.push(makeFinding('CASE_CLIENT_EMAIL_MISSING', loaded ? { file: loaded.file } : {}));
  else if (!isEmail(info.client.email.value)) {
    findings.push(makeFinding('CASE_CLIENT_EMAIL_INVALID', where(info.client.email.source, ['client', 'email']), { value: info.client.email.value }));
  }
  if (exhibits.length === 0) findings.push(makeFinding('CASE_EMPTY'));

  if (!info.timezone) {
    const assumed = exhibits.filter((e) => e.kind === 'image' && e.date.zone === 'assumed:UTC' && e.date.precision !== 'day');
    if (assumed.length > 0) {
      findings.push(makeFinding(`CASE_TIMEZONE_MISSING`, loaded ? { file: loaded.file } : {}, { count: assumed.length }));
    }
  }
  findings.push(...checkTimezoneConflict(info, exhibits, loaded));
  return findings;
}
