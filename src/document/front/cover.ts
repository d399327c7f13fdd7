import type { PlanContext } from '../plan-context.js';
import { findProfile } from '../../budget/profiles.js';
import { dateFactFromEpoch, formatDateFact } from '../../evidence/dates.js';
import { formatDueDate } from '../../evidence/due-date.js';
import { clientLine, exhibitEndDate, formatAmount, formatExhibitDate, humanizeReason } from '../../evidence/describe.js';
import type { FlowWriter } from '../text/flow-writer.js';
import { writeLetter } from './write-letter.js';

/** The case's facts, then the cover letter (or the summary). */
export function writeCover(w: FlowWriter, ctx: PlanContext): void {
  const { input } = ctx;
  const { info, exhibits } = input;
  w.heading(`Chargeback evidence — case ${info.id}`, 16);
  const profile = findProfile(info.profile);
  w.field('Case', info.id);
  w.field('Processor', `${profile?.label ?? info.profile}${info.network ? ` · network: ${info.network}` : ''}`);
  if (info.reason) w.field('Reason', humanizeReason(info.reason));
  const amount = formatAmount(info.amount, info.currency);
  if (amount) w.field('Amount', amount);
  if (info.transaction?.id || info.transaction?.date) {
    w.field(
      'Transaction',
      [info.transaction.id, info.transaction.date ? formatDateFact(info.transaction.date, info.timezone?.value) : undefined].filter(Boolean).join(' · '),
    );
  }
  if (info.order) w.field('Order', info.order);
  if (info.ticket) w.field('Support ticket', info.ticket);
  if (info.due) {
    w.field('Response due', formatDueDate(info.due, info.timezone?.value));
  }
  w.field('Client', clientLine(info));
  if (info.client.aliases.length > 0) w.field('Also appears as', info.client.aliases.join(', '));
  if (info.merchant.name || info.merchant.email) {
    w.field('Merchant', [info.merchant.name, info.merchant.email ? `<${info.merchant.email}>` : undefined].filter(Boolean).join(' '));
  }
  const first = exhibits[0];
  const last = exhibits[exhibits.length - 1];
  const span = first && last ? `, ${formatExhibitDate(first, info)} to ${formatDateFact(exhibitEndDate(last), info.timezone?.value)}` : '';
  const part = input.part;
  if (part) {
    const { number } = ctx.numbering;
    w.field('File', `${part.label ? `${part.label}: ` : ''}part ${part.number} of ${part.parts} of this packet`);
    w.field(
      'Exhibits',
      `${part.numbers ? [...new Set(part.numbers)].join(', ') : `${number(0)} to ${number(exhibits.length - 1)}`} of ${part.totalExhibits} in this file${span}`,
    );
    const others = part.files
      .filter((_, k) => k !== part.number - 1)
      .map(
        (f) =>
          `${f.first === f.last ? `exhibit ${f.first}` : f.numbers ? `exhibits ${[...new Set(f.numbers)].join(', ')}` : `exhibits ${f.first} to ${f.last}`} in ${f.name}`,
      );
    w.field('Other files', `${others.join('; ')}. Exhibit numbers are the same in every file.`);
  } else w.field('Exhibits', `${ctx.numbering.total}${span}`);
  if (info.timezone) w.field('Times shown in', `${info.timezone.value}, each with its UTC offset`);
  w.field('Prepared', formatDateFact({ ...dateFactFromEpoch(input.generatedAtMs, '', 'manifest'), precision: 'minute' }, undefined));
  w.space(w.style.body);
  if (input.letter) writeLetter(w, input.letter);
  else if (info.summary) {
    w.heading('Summary', 12);
    w.paragraph(info.summary);
  }
}
