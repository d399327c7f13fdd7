import { formatDateFact } from '../evidence/dates.js';
import { describeDateSource } from '../evidence/describe.js';
import type { Exhibit, Finding } from '../evidence/model.js';

/** A date as init shows it and writes it. */
export interface ShownDate {
  readonly shown: string;
  readonly source: string;
  readonly iso: string;
}

/** A PDF whose text and metadata dates disagree (ITEM_DATE_CONFLICT): the date the rule did not use, and why it chose. */
export interface DateConflict {
  readonly other: ShownDate;
  readonly why: string;
}

/** The conflict ITEM_DATE_CONFLICT reports for a PDF exhibit, with the date not used; undefined when there is none. */
export function dateConflictOf(exhibit: Exhibit | undefined, findings: readonly Finding[], zone: string | undefined): DateConflict | undefined {
  if (exhibit?.kind !== 'document') return undefined;
  const finding = findings.find((f) => f.file === exhibit.file && f.code === 'ITEM_DATE_CONFLICT');
  if (!finding) return undefined;
  const other = exhibit.dateCandidates.find((c) => (finding.args.other === 'text' ? c.source === 'text' : c.source === 'metadata'));
  if (!other) return undefined;
  return {
    other: { shown: formatDateFact(other, zone), source: describeDateSource(other), iso: new Date(other.epochMs).toISOString() },
    why: String(finding.args.why ?? ''),
  };
}
