import type { Finding } from '../evidence/model.js';
import type { CheckResult } from './check-result.js';

/** The case-wide rules a CI report lists as their own test cases, each owning a set of codes. */
export const CASE_RULES: readonly { readonly name: string; readonly codes: (code: string) => boolean }[] = [
  { name: 'case.yaml is valid', codes: (c) => c.startsWith('MANIFEST_') },
  { name: 'client name and email are known', codes: (c) => c.startsWith('CASE_CLIENT_') },
  { name: 'times have a zone', codes: (c) => c === 'CASE_TIMEZONE_MISSING' },
  { name: 'the case has exhibits', codes: (c) => c === 'CASE_EMPTY' },
  { name: 'the deadline has not passed', codes: (c) => c.startsWith('DEADLINE_') },
  { name: 'the cover letter is complete', codes: (c) => c.startsWith('COVER_') },
  { name: 'within the page limit', codes: (c) => c === 'PACKET_OVER_PAGE_LIMIT' },
  { name: 'Stripe evidence fields fit', codes: (c) => c.startsWith('STRIPE_') },
];

export interface FindingGroup {
  readonly kind: 'file' | 'rule';
  /** The source file (relative to the case) or the rule's name. */
  readonly name: string;
  readonly findings: Finding[];
}

/**
 * One group per source file of the case (in the order read) and one per case rule, so a CI
 * report shows what passed as well as what failed. A finding about a source file goes to the
 * file; the rest (case.yaml's, the case's) to the rule that owns its code.
 */
export function groupFindings(check: CheckResult): FindingGroup[] {
  const files = new Map<string, Finding[]>();
  for (const source of check.analysis.sources) {
    if (source.archive) continue;
    files.set(source.partOf ?? source.file, []);
  }
  const rules = CASE_RULES.map((rule) => ({ rule, findings: [] as Finding[] }));
  const other: Finding[] = [];
  for (const finding of check.findings) {
    const rule = rules.find((r) => r.rule.codes(finding.code));
    const fileGroup = finding.file === undefined ? undefined : files.get(finding.file);
    if (fileGroup) fileGroup.push(finding);
    else if (rule) rule.findings.push(finding);
    else if (finding.file !== undefined) files.set(finding.file, [finding]);
    else other.push(finding);
  }
  return [
    ...[...files].map(([name, findings]) => ({ kind: 'file' as const, name, findings })),
    ...rules.map(({ rule, findings }) => ({ kind: 'rule' as const, name: rule.name, findings })),
    ...(other.length > 0 ? [{ kind: 'rule' as const, name: 'other case checks', findings: other }] : []),
  ];
}
