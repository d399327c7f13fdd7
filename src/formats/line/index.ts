import type { ChatCollector } from '../../chat/collect.js';
import { readLines, sampleText } from '../../chat/text.js';
import { dateFactFromLocal } from '../../evidence/dates.js';
import { makeFinding } from '../../rules/codes.js';
import { chatResult, newCollector } from '../chat-result.js';
import type { FormatAdapter, ParseContext, ParseResult } from '../types.js';
import { chatName, dayHeader, HEADER, headerText, messageLine, SAVED_ON, type DayHeader, type MessageLine } from './grammar.js';

/**
 * LINE "Send chat history" / "Save chat" `.txt` (mobile and desktop apps): day headers and
 * tab-separated `time, name, text` lines in the phone's local time, with no zone (the case's
 * `timezone` places them). See ./grammar.ts for the lines.
 */
export const lineAdapter: FormatAdapter = {
  id: 'line',
  label: 'LINE chat history (.txt, mobile and desktop, any language)',
  extensions: ['txt'],
  ownsExtensions: false,
  streams: true,
  detect(sample) {
    const lines = sampleText(sample).split(/\r?\n/, 200);
    const days = lines.filter((l) => dayHeader(l)).length;
    const messages = lines.filter((l) => messageLine(l)).length;
    if (HEADER.test(lines[0] ?? '') && (days > 0 || messages > 0 || SAVED_ON.test(lines[1] ?? ''))) return 0.95;
    return days > 0 && messages >= 2 ? 0.7 : 0;
  },
  parse: parseLine,
};

interface Pending {
  message: MessageLine;
  day: DayHeader;
  lines: string[];
  line: number;
  quoted: boolean;
}

async function parseLine(ctx: ParseContext): Promise<ParseResult> {
  const collector = newCollector(ctx);
  const dateOrder = ctx.item?.dateOrder;
  let title: string | undefined;
  let day: DayHeader | undefined;
  let pending: Pending | undefined;
  let orphans = 0;
  let previousBlank = false;
  let firstOrphan: number | undefined;
  for await (const { line, number } of readLines(ctx.open())) {
    const head = number === 1 ? headerText(line) : undefined;
    if (head) {
      const name = chatName(head);
      title = name ? `LINE chat with ${name}` : `LINE: ${head}`;
      continue;
    }
    if (number <= 3 && !pending && SAVED_ON.test(line)) continue;
    // Inside a quoted message every line is its text, until the line that closes the quote. A
    // message line, or a day header after a blank line (as the export writes them), ends a
    // quote left open: a single-line message may start with a quote of its own.
    if (pending?.quoted) {
      const ends = messageLine(line) || (previousBlank && dayHeader(line, dateOrder));
      previousBlank = line.trim() === '';
      if (!ends) {
        pending.lines.push(line);
        if (closesQuote(line)) pending.quoted = false;
        continue;
      }
      pending.quoted = false;
    }
    previousBlank = line.trim() === '';
    const header = dayHeader(line, dateOrder);
    const message = header ? undefined : messageLine(line);
    if (header || message) {
      if (pending) flush(ctx, collector, pending);
      pending = undefined;
      if (header) day = header;
      else if (!day) {
        orphans++;
        firstOrphan ??= number;
      } else pending = { message: message!, day, lines: [message!.text], line: number, quoted: opensQuote(message!.text) };
      continue;
    }
    if (pending) pending.lines.push(line);
    else if (line.trim() !== '' && !(number <= 3 && title)) {
      orphans++;
      firstOrphan ??= number;
    }
  }
  if (pending) flush(ctx, collector, pending);
  if (orphans > 0) reportOrphans(ctx, collector, orphans, firstOrphan!);
  return chatResult(ctx, collector, 'LINE', title);
}

/** Lines before any day header or message are not shown: said once, from the first. */
function reportOrphans(ctx: ParseContext, collector: ChatCollector, orphans: number, firstOrphan: number): void {
  collector.report(
    makeFinding(
      'ITEM_DAMAGED',
      { file: ctx.source.file, line: firstOrphan },
      { detail: `${orphans} line(s) from line ${firstOrphan} stand before any day header or message, and are not shown` },
    ),
  );
}

/** A message whose text starts with a quote that does not close on the same line. */
function opensQuote(text: string): boolean {
  return text.startsWith('"') && !(text.length > 1 && closesQuote(text.slice(1)));
}

/** Ends with an odd run of quotes: the last one closes the message (`""` is a quote inside). */
function closesQuote(line: string): boolean {
  const run = /"+$/.exec(line)?.[0].length ?? 0;
  return run % 2 === 1;
}

function flush(ctx: ParseContext, collector: ChatCollector, p: Pending): void {
  let text = p.lines.join('\n').replace(/\s+$/, '');
  // Only a message of several lines is quoted by the export: a one-line `"…"` is the sender's own.
  if (text.includes('\n') && text.startsWith('"') && closesQuote(text)) text = text.slice(1, -1).replace(/""/g, '"');
  const { day, message } = p;
  const stamp = `${day.year}-${String(day.month).padStart(2, '0')}-${String(day.day).padStart(2, '0')} ${message.time}`;
  const date = dateFactFromLocal(
    { ...day, hour: message.hour, minute: message.minute, second: 0 },
    { text: stamp, source: 'export', precision: 'minute', ...(ctx.timezone ? { zone: ctx.timezone } : {}) },
  );
  if (!date) {
    collector.report(
      makeFinding('CHAT_MESSAGE_UNDATED', { file: ctx.source.file, line: p.line }, { where: `line ${p.line}`, detail: `${stamp} is not a real date` }),
    );
    return;
  }
  const system = message.sender === '';
  collector.add({
    date,
    ...(system ? {} : { sender: message.sender }),
    text,
    ...(system ? { system: true } : {}),
    where: `line ${p.line}`,
    line: p.line,
  });
}
