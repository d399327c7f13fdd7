import type { ChatCollector } from '../../chat/collect.js';
import { readLines } from '../../chat/text.js';
import { parseIsoDate } from '../../evidence/dates.js';
import { makeFinding } from '../../rules/codes.js';

/** `[2024-03-14 10:22:05] Dana Client: text`: a message's first line (the time is the exporting computer's). */
export const MD_HEADER = /^\[(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})\] (.+?): ?(.*)$/;

/** `![name](./media/file.jpg)` or `[name](./media/file.pdf)`: an attachment the export copied. */
const ATTACHMENT = /!?\[([^\]]*)\]\(\.\/(media\/[^)]+)\)/g;

interface Pending {
  stamp: string;
  sender: string;
  lines: string[];
  line: number;
}

/**
 * signal-export's `chat.md`: one message per `[time] Sender: body` line and the lines after
 * it, a blank line between messages. A reply starts with the quoted text as `> ` lines,
 * reactions follow as `(- Name: emoji, … -)`, attachments as Markdown links into `media/`
 * (`%20` for spaces), a deleted message reads "(This message was deleted)".
 */
export async function readSignalMarkdown(
  chunks: AsyncIterable<Buffer>,
  collector: Pick<ChatCollector, 'add' | 'report'>,
  file: string,
  zone: string | undefined,
): Promise<{ messages: number; orphans: number }> {
  let pending: Pending | undefined;
  let messages = 0;
  let orphans = 0;
  const flush = () => {
    if (pending) {
      messages++;
      addMessage(pending, collector, file, zone);
    }
    pending = undefined;
  };
  for await (const { line, number } of readLines(chunks)) {
    const m = MD_HEADER.exec(line);
    if (m) {
      flush();
      pending = { stamp: m[1]!, sender: m[2]!, lines: [m[3]!], line: number };
    } else if (pending) pending.lines.push(line);
    else if (line.trim() !== '') orphans++;
  }
  flush();
  return { messages, orphans };
}

function addMessage(p: Pending, collector: Pick<ChatCollector, 'add' | 'report'>, file: string, zone: string | undefined): void {
  const date = parseIsoDate(p.stamp.replace(' ', 'T'), 'export', zone);
  if (!date) {
    collector.report(makeFinding('CHAT_MESSAGE_UNDATED', { file, line: p.line }, { where: `line ${p.line}`, detail: `${p.stamp} is not a real date` }));
    return;
  }
  let body = p.lines.map((l) => l.replace(/ {2}$/, '')).join('\n');
  // The quoted message of a reply: `> ` lines between blank lines, before the body.
  let inReplyTo: string | undefined;
  const quote = /^\s*\n((?:> ?.*\n?)+)\n?/.exec(body);
  if (quote) {
    inReplyTo = `reply to: ${quote[1]!.replace(/^> ?/gm, '').trim()}`;
    body = body.slice(quote[0].length);
  }
  const attachments = [...body.matchAll(ATTACHMENT)].map((a) => decodeURI(a[2]!));
  body = body.replace(ATTACHMENT, '').replace(/\n\(- (.*) -\)/, '\nReactions: $1');
  collector.add({
    date,
    sender: p.sender,
    text: body.replace(/\s+$/, '').replace(/^\s+/, ''),
    attachments,
    where: `line ${p.line}`,
    line: p.line,
    ...(inReplyTo ? { inReplyTo } : {}),
  });
}
