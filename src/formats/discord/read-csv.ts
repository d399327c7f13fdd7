import { makeFinding } from '../../rules/codes.js';
import { TimeColumn } from '../csv/index.js';
import type { ParseContext } from '../types.js';
import type { DiscordSink } from './exported-text.js';

/**
 * Adds the rows of a DiscordChatExporter CSV (CsvMessageWriter:
 * `AuthorID,Author,Date,Content,Attachments,Reactions`, header first) to `sink`. The
 * Attachments cell holds each attachment's URL, or with `--media` the downloaded file's path
 * (relative to the export, `\` on Windows, not escaped), joined by ",". `names` are the export's
 * files: a path whose file name itself holds a comma is found among them whole.
 */
export function addDiscordCsv(ctx: ParseContext, table: readonly string[][], sink: DiscordSink, names?: ReadonlySet<string>): void {
  const [header = [], ...rows] = table;
  const at = (name: string) => header.findIndex((h) => h.trim() === name);
  const col = { date: at('Date'), author: at('Author'), content: at('Content'), attachments: at('Attachments') };
  const times = new TimeColumn(
    rows.map((r) => r[col.date] ?? ''),
    ctx.item?.dateOrder,
  );
  if (times.ambiguous)
    sink.report(
      makeFinding(
        'ITEM_DATE_AMBIGUOUS',
        { file: ctx.source.file },
        { format: 'Discord', orders: 'day/month or month/day', sample: times.ambiguousSample ?? '' },
      ),
    );
  rows.forEach((row, i) => {
    const where = `row ${i + 2}`;
    const raw = row[col.date] ?? '';
    const date = times.read(raw, ctx.timezone);
    if (!date) {
      sink.report(makeFinding('CHAT_MESSAGE_UNDATED', { file: ctx.source.file }, { where, detail: `"${raw}" is not a time` }));
      return;
    }
    const sender = col.author >= 0 ? row[col.author]?.trim() : undefined;
    const refs = col.attachments >= 0 ? splitRefs(row[col.attachments] ?? '', names) : [];
    sink.add({ date, ...(sender ? { sender } : {}), text: row[col.content] ?? '', attachments: refs.map(lastPart), where }, refs);
  });
}

/**
 * The cell's references: split at "," (and a line break, which older versions wrote), a run
 * of pieces joined back when together they are one of the export's files (its name holds a comma).
 */
export function splitRefs(cell: string, names?: ReadonlySet<string>): string[] {
  const pieces = cell.split(/\r?\n|,/);
  const isFile = (ref: string) => names?.has(ref.trim().replace(/\\/g, '/').replace(/^\.\//, '')) === true;
  const refs: string[] = [];
  for (let i = 0; i < pieces.length; i++) {
    let end = i;
    for (let j = pieces.length - 1; j > i && names; j--)
      if (isFile(pieces.slice(i, j + 1).join(','))) {
        end = j;
        break;
      }
    const ref = pieces
      .slice(i, end + 1)
      .join(',')
      .trim();
    if (ref) refs.push(ref);
    i = end;
  }
  return refs;
}

/** A URL's or path's file name. */
function lastPart(ref: string): string {
  return ref.replace(/[?#].*$/, '').replace(/^.*[/\\]/, '') || ref;
}
