import type { ChatCollector } from '../../chat/collect.js';
import { decodeText } from '../../chat/text.js';
import { parseIsoDate } from '../../evidence/dates.js';
import { makeFinding } from '../../rules/codes.js';
import { isRecord, str } from '../json-input.js';

type Sink = Pick<ChatCollector, 'add' | 'report'>;

/**
 * signal-export's `data.json` (written with `--json`): one JSON object a line, its
 * `Message.dict()` — `date` (Python's isoformat of the exporting computer's local time, to the
 * millisecond), `sender`, `body` (with Markdown's two trailing spaces), `quote` ("\n\n> text\n\n"),
 * `reactions` ([name, emoji] pairs), `attachments` ({name, path, missing_kind}), `sticker`,
 * `deleted`, `call`. It is what chat.md is printed from, without Markdown's ambiguities: a
 * sender whose name holds ": ", a body line that looks like a message's first, times to the
 * second only. Returns the messages read and the lines that are not JSON objects.
 */
export function readSignalJson(bytes: Buffer, sink: Sink, file: string, zone: string | undefined): { messages: number; damaged: number[] } {
  const damaged: number[] = [];
  let messages = 0;
  const lines = decodeText(bytes).text.split(/\r?\n/);
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const record = parseLine(line);
    if (!record) {
      damaged.push(i + 1);
      return;
    }
    messages++;
    const where = `data.json line ${i + 1}`;
    const stamp = str(record.date);
    const date = stamp ? parseIsoDate(stamp, 'export', zone) : undefined;
    if (!date) {
      sink.report(makeFinding('CHAT_MESSAGE_UNDATED', { file, line: i + 1 }, { where, detail: `date is ${JSON.stringify(record.date ?? null)}` }));
      return;
    }
    const quote = (str(record.quote) ?? '').replace(/^\s*> ?/gm, '').trim();
    const attachments = (Array.isArray(record.attachments) ? record.attachments.filter(isRecord) : []).filter((a) => !str(a.missing_kind) && str(a.path));
    sink.add({
      date,
      sender: str(record.sender) ?? 'No-Sender',
      text: messageText(record),
      attachments: attachments.map((a) => str(a.path)!),
      where,
      line: i + 1,
      ...(quote ? { inReplyTo: `reply to: ${quote}` } : {}),
    });
  });
  return { messages, damaged };
}

function parseLine(line: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(line);
    // A message as Message.dict() writes it has at least its date and its sender.
    return isRecord(value) && 'date' in value && 'sender' in value ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The words chat.md shows for the message: its body, a sticker, what was not exported, reactions. */
function messageText(record: Record<string, unknown>): string {
  if (record.deleted === true) return '(This message was deleted)';
  const lines = [(str(record.body) ?? '').replace(/\s+$/, '')];
  const sticker = isRecord(record.sticker) ? record.sticker : undefined;
  if (sticker) lines.push(`Sticker: ${str(sticker.emoji) || 'sticker'}`);
  for (const a of Array.isArray(record.attachments) ? record.attachments.filter(isRecord) : [])
    if (str(a.missing_kind)) lines.push(`(${str(a.missing_kind)} not exported)`);
  const reactions = (Array.isArray(record.reactions) ? record.reactions : []).flatMap((r) => {
    const [name, emoji] = Array.isArray(r) ? r : isRecord(r) ? [r.name, r.emoji] : [];
    return typeof name === 'string' && typeof emoji === 'string' ? [`${name}: ${emoji}`] : [];
  });
  if (reactions.length > 0) lines.push(`Reactions: ${reactions.join(', ')}`);
  return lines.filter(Boolean).join('\n');
}
