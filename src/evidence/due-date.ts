import { formatDateFact, localToEpochMs } from './dates.js';
import type { DateFact } from './model.js';

/**
 * A deadline given as a calendar date means the whole of that day: processors accept evidence
 * until the end of the due day, so the instant is the last second of the day in the case's zone
 * (UTC when the case names none), not its first.
 */
export function endOfDueDay(due: DateFact, zone: string | undefined): DateFact {
  if (due.precision !== 'day') return due;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(due.text.trim());
  if (!m) return due;
  const next = localToEpochMs({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) + 1, hour: 0, minute: 0, second: 0 }, zone ?? 'UTC');
  return { ...due, epochMs: next - 1000, zone: `assumed:${zone ?? 'UTC'}` };
}

/** The deadline as the cover and `check` show it: once, in the case's zone. */
export function formatDueDate(due: DateFact, zone: string | undefined): string {
  if (due.precision === 'day') {
    const day = formatDateFact(due, zone ?? 'UTC').replace(' (date only)', '');
    return `${day}, end of day (${zone ?? 'UTC'})`;
  }
  return `${formatDateFact(due, zone)}${zone ? ` ${zone}` : ''}`;
}

/** What `init` tells the user when the deadline has no time of day; undefined when it has one. */
export function dueAssumption(text: string | undefined, zone: string | undefined): string | undefined {
  if (!text || !/^\d{4}-\d{2}-\d{2}$/.test(text.trim())) return undefined;
  return `The deadline ${text.trim()} has no time: read as the end of that day (23:59:59 ${zone || 'UTC'}). Write a time (e.g. ${text.trim()} 17:00) if your processor's cut-off is earlier.`;
}
