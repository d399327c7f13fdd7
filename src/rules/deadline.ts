import { formatDateFact } from '../evidence/dates.js';
import { formatDueDate } from '../evidence/due-date.js';
import type { CaseInfo, Finding } from '../evidence/model.js';
import { makeFinding } from './codes.js';

const DAY_MS = 86_400_000;
/** Fewer days than this left before the deadline is worth a warning. */
export const DEADLINE_WARNING_DAYS = 3;

/**
 * Compares the case's deadline with `nowMs` (given by the caller: the core never reads the
 * clock itself). The time is shown in the case's zone and in the user's.
 */
export function checkDeadline(info: CaseInfo, nowMs: number, userZone: string | undefined): Finding[] {
  if (!info.due) return [];
  const where = info.manifestFile ? { file: info.manifestFile, path: 'due' } : {};
  const due = formatDueDate(info.due, info.timezone?.value);
  const local = userZone && userZone !== info.timezone?.value ? `${formatDateFact(info.due, userZone)} ${userZone}` : '';
  const left = info.due.epochMs - nowMs;
  if (left < 0) return [makeFinding('DEADLINE_PASSED', where, { due, local, ago: describe(-left) })];
  if (left < DEADLINE_WARNING_DAYS * DAY_MS) return [makeFinding('DEADLINE_SOON', where, { due, local, left: describe(left) })];
  return [];
}

function describe(ms: number): string {
  const hours = Math.floor(ms / 3_600_000);
  if (hours < 1) return `${Math.max(1, Math.round(ms / 60_000))} min`;
  if (hours < 48) return `${hours} h`;
  return `${Math.floor(hours / 24)} days`;
}
