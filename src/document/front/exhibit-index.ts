import type { PlanContext } from '../plan-context.js';
import { exhibitKindLabel, formatExhibitDate } from '../../evidence/describe.js';
import type { FlowWriter, TableColumn } from '../text/flow-writer.js';
import { isLaterPart } from '../../evidence/number-exhibits.js';

/** The table of exhibits: number, date, kind, file, note and the page each starts on. */
export function writeIndex(w: FlowWriter, ctx: PlanContext, startPages: readonly number[], dense = false): void {
  const { input } = ctx;
  w.heading('Index of exhibits', 14);
  w.paragraph(
    'Exhibits follow in time order. Each exhibit page starts with a caption giving the exhibit number, the date and time with its UTC offset and where that date comes from, the client’s name and email, and why the exhibit matters. The appendix lists every source file with its SHA-256 hash.',
  );
  const rows = input.exhibits.map((exhibit, i) => [
    String(ctx.numbering.number(i)),
    formatExhibitDate(exhibit, input.info),
    exhibitKindLabel(exhibit),
    exhibit.file,
    // A chat's later parts are the same exhibit: its note is said once, at its first part.
    isLaterPart(exhibit) && exhibit.kind === 'chat' ? `Part ${exhibit.excerpt!.part} of ${exhibit.excerpt!.parts}, continued` : (exhibit.note?.value ?? ''),
    String(startPages[i] || ''),
  ]);
  w.table(dense ? denseColumns(w, ctx, rows) : roomyColumns(w), rows);
}

function roomyColumns(w: FlowWriter): TableColumn[] {
  const rest = w.contentWidth - (30 + 112 + 72 + 128 + 36);
  return [
    { title: 'No.', width: 30 },
    { title: 'Date', width: 112 },
    { title: 'Kind', width: 72 },
    { title: 'Source file', width: 128 },
    { title: 'Note', width: rest },
    { title: 'Page', width: 36, align: 'right' },
  ];
}

/** Cell padding a table keeps right of its text (see FlowWriter.table), and a hair more so a cell measured to fit still does after rounding. */
const PAD = 6.5;

/**
 * Columns as wide as their widest cell, so a row is one line when it can be: the note gets
 * what is left, and a long file name wraps before the notes are squeezed under a third of
 * the width. The page column is sized for any page number, not the ones given: the front matter
 * is laid out twice (first with no page numbers), and both layouts must take the same room.
 */
function denseColumns(w: FlowWriter, ctx: PlanContext, rows: readonly (readonly string[])[]): TableColumn[] {
  const size = w.style.small;
  const measure = (title: string, cells: readonly string[]) =>
    PAD + Math.max(ctx.fonts.measure(title, size, 'bold'), ...cells.map((t) => ctx.fonts.measure(t, size, 'regular')));
  const widest = (k: number, title: string, cap: number) =>
    Math.min(
      cap,
      measure(
        title,
        rows.map((row) => row[k] ?? ''),
      ),
    );
  const number = widest(0, 'No.', 40);
  const date = widest(1, 'Date', 150);
  const kind = widest(2, 'Kind', 90);
  const page = measure('Page', ['0000']);
  const fixed = number + date + kind + page;
  const note = Math.max(
    60,
    Math.min(
      w.contentWidth / 3,
      measure(
        'Note',
        rows.map((row) => row[4] ?? ''),
      ),
    ),
  );
  const file = Math.max(60, Math.min(widest(3, 'Source file', 200), w.contentWidth - fixed - note));
  return [
    { title: 'No.', width: number },
    { title: 'Date', width: date },
    { title: 'Kind', width: kind },
    { title: 'Source file', width: file },
    { title: 'Note', width: w.contentWidth - fixed - file },
    { title: 'Page', width: page, align: 'right' },
  ];
}
