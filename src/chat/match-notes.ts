import { parseIsoDate } from '../evidence/dates.js';
import type { Finding } from '../evidence/model.js';
import { makeFinding } from '../rules/codes.js';
import { matcher, type Matcher } from './matchers.js';
import type { CollectContext } from './raw-message.js';
import { maskCardNumbers } from './sensitive.js';

/** A case.yaml `notes` rule, with what it has matched so far. */
export interface NoteRule {
  readonly index: number;
  readonly note: string;
  readonly from?: number;
  readonly to?: number;
  readonly match?: Matcher;
  /** seq of the first message it matched, and how many matched. */
  first?: number;
  count: number;
}

function noteMatcher(ctx: CollectContext, pattern: string, index: number, report: (finding: Finding) => void): Matcher {
  const m = matcher(pattern);
  if (m.problem) report(makeFinding('MANIFEST_PATTERN_UNSUPPORTED', { file: ctx.source.file, path: `notes[${index}].match` }, { pattern, detail: m.problem }));
  return m;
}

/** The item's `notes` as rules; an unreadable `at` or pattern is reported and that part dropped. */
export function compileNotes(ctx: CollectContext, report: (finding: Finding) => void): NoteRule[] {
  return (ctx.item?.notes ?? []).map((rule, index) => {
    let from: number | undefined;
    let to: number | undefined;
    if (rule.at) {
      const fact = parseIsoDate(rule.at, 'manifest', ctx.timezone);
      if (!fact) report(makeFinding('MANIFEST_DATE_INVALID', { file: ctx.source.file, path: `notes[${index}].at` }, { value: rule.at }));
      else {
        // `at` names a moment at the precision it was written: the minute, the second or the day.
        const span = fact.precision === 'day' ? 86_400_000 : /\d{2}:\d{2}:\d{2}/.test(rule.at) ? 1000 : 60_000;
        from = fact.epochMs;
        to = fact.epochMs + span - 1;
      }
    }
    return {
      index,
      note: maskCardNumbers(rule.note).text,
      ...(from !== undefined ? { from } : {}),
      ...(to !== undefined ? { to } : {}),
      ...(rule.match ? { match: noteMatcher(ctx, rule.match, index, report) } : {}),
      count: 0,
    };
  });
}

/**
 * Counts the rules a message matches and returns the notes it carries: a rule's note goes on the
 * first message it matches only.
 */
export function applyNotes(notes: readonly NoteRule[], seq: number, at: number, text: string): string | undefined {
  let noted: string | undefined;
  for (const rule of notes) {
    if (rule.from !== undefined && (at < rule.from || at > rule.to!)) continue;
    if (rule.match && !rule.match.test(text)) continue;
    rule.count++;
    if (rule.first === undefined) {
      rule.first = seq;
      noted = noted ? `${noted}\n${rule.note}` : rule.note;
    }
  }
  return noted;
}

/** A rule that matched no message, or more than one, is worth a look. */
export function noteFindings(notes: readonly NoteRule[], file: string): Finding[] {
  const findings: Finding[] = [];
  for (const rule of notes) {
    if (rule.count === 0) findings.push(makeFinding('CHAT_NOTE_UNMATCHED', { file, path: `notes[${rule.index}]` }, { note: rule.note }));
    else if (rule.count > 1) findings.push(makeFinding('CHAT_NOTE_AMBIGUOUS', { file, path: `notes[${rule.index}]` }, { note: rule.note, count: rule.count }));
  }
  return findings;
}
