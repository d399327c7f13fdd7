import type { ChatCollector } from '../../chat/collect.js';
import { readLines } from '../../chat/text.js';
import { makeFinding } from '../../rules/codes.js';
import type { ParseContext } from '../types.js';
import { isAttachmentPath, senderFields, STAMP, stampDate, stickerLine } from './stamp.js';

type Sink = Pick<ChatCollector, 'add' | 'report'>;

interface Block {
  stamp: string;
  line: number;
  /** An announcement carries its text on the stamp's line ("You named the conversation …"). */
  announcement?: string;
  lines: string[];
  indent: string;
}

/**
 * imessage-exporter's TXT (one file per conversation): each message is its time line, its
 * sender line ("Me" for the Mac's owner), then its parts — text, attachment paths, "Edited …
 * later:" rows, "Tapbacks:"/"Reactions:" with "Loved by Me" lines — and a blank line. A reply
 * in a thread follows inside its parent, every line indented by four spaces.
 */
export async function readImessageTxt(ctx: ParseContext, collector: Sink): Promise<{ blocks: number; undated: number }> {
  let block: Block | undefined;
  let blocks = 0;
  let undated = 0;
  let orphans = 0;
  const flush = () => {
    if (!block) return;
    blocks++;
    if (!addBlock(ctx, collector, block)) undated++;
    block = undefined;
  };
  let previous = '';
  for await (const { line, number } of readLines(ctx.open())) {
    const indent = /^ */.exec(line)![0];
    const m = indent.length % 4 === 0 ? STAMP.exec(line.slice(indent.length)) : null;
    const rest = m?.[2]?.replace(/^ \(Read by [^)]*\)/, '') ?? '';
    // A time with text after it is an announcement at the top level after a blank line, and
    // otherwise the first row of an edited message's history (its original text).
    const announcement = m && rest.trim() !== '' && indent === '' && previous.trim() === '';
    previous = line;
    if (m && (rest.trim() === '' || announcement)) {
      flush();
      block = { stamp: m[1]!, line: number, lines: [], indent, ...(announcement ? { announcement: rest.trim() } : {}) };
      continue;
    }
    if (block) block.lines.push(line.startsWith(block.indent) ? line.slice(block.indent.length) : line.trimStart());
    else if (line.trim() !== '') orphans++;
  }
  flush();
  // The file's head lost: text before the first time line belongs to no message it can date.
  if (orphans > 0 && blocks > 0)
    collector.report(
      makeFinding(
        'ITEM_DAMAGED',
        { file: ctx.source.file, line: 1 },
        { detail: `${orphans} line(s) before the first message's time belong to no message, and are not shown` },
      ),
    );
  return { blocks, undated };
}

function addBlock(ctx: ParseContext, collector: Sink, block: Block): boolean {
  const date = stampDate(block.stamp, ctx.timezone);
  if (!date) {
    collector.report(
      makeFinding(
        'CHAT_MESSAGE_UNDATED',
        { file: ctx.source.file, line: block.line },
        { where: `line ${block.line}`, detail: `${block.stamp} is not a real date` },
      ),
    );
    return false;
  }
  const where = `line ${block.line}`;
  if (block.announcement) {
    collector.add({ date, text: block.announcement, system: true, where, line: block.line });
    return true;
  }
  const [sender = '', ...body] = trimEnd(block.lines);
  const { text, attachments } = splitParts(body, sender.trim());
  collector.add({ date, ...senderFields(sender.trim()), text, attachments, where, line: block.line });
  return true;
}

/**
 * A message's lines as its text and the files it carries: a line that is a path, and the
 * sticker its sender sent ("Sticker from Me: attachments/3/44.png", kept in the text without
 * its path). A sticker someone else put on it (under "Reactions:") stays a line of the text:
 * shown after this message it would be captioned as its sender's.
 */
function splitParts(body: readonly string[], sender: string): { text: string; attachments: string[] } {
  const text: string[] = [];
  const attachments: string[] = [];
  for (const line of body) {
    const sticker = stickerLine(line);
    if (isAttachmentPath(line)) attachments.push(line.trim());
    else if (sticker && sticker.who === sender) {
      text.push(sticker.label);
      attachments.push(sticker.path);
    } else text.push(line);
  }
  return { text: text.join('\n'), attachments };
}

function trimEnd(lines: string[]): string[] {
  let end = lines.length;
  while (end > 0 && lines[end - 1]!.trim() === '') end--;
  return lines.slice(0, end);
}
