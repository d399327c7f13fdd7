import { formatDateFact } from '../evidence/dates.js';
import type { CaseInfo, DateFact, Exhibit, Finding } from '../evidence/model.js';
import { makeFinding } from './codes.js';

/** Before this no chat app, helpdesk or phone wrote the evidence of a card dispute. */
export const EARLIEST_PLAUSIBLE_MS = Date.UTC(1990, 0, 1);
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Dates no evidence can have: before 1990, or after the build's day plus one (time zones
 * aside, nothing was written tomorrow). An email dated 3609 is taken at its word otherwise,
 * and sorts last. One finding per file, naming the first such date and how many there are.
 */
export function checkPlausibleDates(info: CaseInfo, exhibits: readonly Exhibit[], nowMs: number): Finding[] {
  const latest = nowMs + DAY_MS;
  const implausible = (d: DateFact) => d.epochMs < EARLIEST_PLAUSIBLE_MS || d.epochMs > latest;
  const byFile = new Map<string, { first: DateFact; where?: string; count: number }>();
  const note = (file: string, date: DateFact, where?: string) => {
    const seen = byFile.get(file);
    if (seen) seen.count++;
    else byFile.set(file, { first: date, count: 1, ...(where ? { where } : {}) });
  };
  for (const exhibit of exhibits) {
    if (exhibit.kind === 'chat') {
      for (const m of exhibit.messages) if (implausible(m.date)) note(exhibit.file, m.date, m.where);
    } else if (implausible(exhibit.date)) note(exhibit.file, exhibit.date);
  }
  return [...byFile].map(([file, { first, where, count }]) =>
    makeFinding(
      'ITEM_DATE_IMPLAUSIBLE',
      { file },
      {
        date: formatDateFact(first, info.timezone?.value),
        where: where ? ` (${where}${count > 1 ? ` and ${count - 1} more` : ''})` : '',
        bound: first.epochMs < EARLIEST_PLAUSIBLE_MS ? 'before 1990' : 'after today',
      },
    ),
  );
}
