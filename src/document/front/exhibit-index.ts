import type { PlanContext } from '../plan-context.js';
import { exhibitKindLabel, formatExhibitDate } from '../../evidence/describe.js';
import type { FlowWriter } from '../text/flow-writer.js';
import { isLaterPart } from '../../evidence/number-exhibits.js';

/** The table of exhibits: number, date, kind, file, note and the page each starts on. */
export function writeIndex(w: FlowWriter, ctx: PlanContext, startPages: readonly number[]): void {
  const { input } = ctx;
  w.heading('Index of exhibits', 14);
  w.paragraph(
    'Exhibits follow in time order. Each exhibit page starts with a caption giving the exhibit number, the date and time with its UTC offset and where that date comes from, the client’s name and email, and why the exhibit matters. The appendix lists every source file with its SHA-256 hash.',
  );
  const rest = w.contentWidth - (30 + 112 + 72 + 128 + 36);
  w.table(
    [
      { title: 'No.', width: 30 },
      { title: 'Date', width: 112 },
      { title: 'Kind', width: 72 },
      { title: 'Source file', width: 128 },
      { title: 'Note', width: rest },
      { title: 'Page', width: 36, align: 'right' },
    ],
    input.exhibits.map((exhibit, i) => [
      String(ctx.numbering.number(i)),
      formatExhibitDate(exhibit, input.info),
      exhibitKindLabel(exhibit),
      exhibit.file,
      // A chat's later parts are the same exhibit: its note is said once, at its first part.
      isLaterPart(exhibit) && exhibit.kind === 'chat' ? `Part ${exhibit.excerpt!.part} of ${exhibit.excerpt!.parts}, continued` : (exhibit.note?.value ?? ''),
      String(startPages[i] || ''),
    ]),
  );
}
