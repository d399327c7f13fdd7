import type { ChatCollector } from '../../chat/collect.js';
import { makeFinding } from '../../rules/codes.js';
import { chatResult, newCollector } from '../chat-result.js';
import { epochFromExport, isoFromExport, isRecord, jsonSample, readJson, str } from '../json-input.js';
import type { FormatAdapter, ParseContext, ParseResult } from '../types.js';
import { describeMedia } from './describe-message.js';
import { describeService } from './describe-service.js';
import { rejectSource } from '../reject-source.js';

/**
 * Telegram Desktop "Export chat history" / "Export Telegram data" in JSON: one chat
 * (`{name, type, id, messages}`) or the whole account (`{chats: {list: [...]}}`). Old
 * exports give `date` (the exporting computer's local time) and an integer `from_id`; newer
 * ones add `date_unixtime` (UTC) and `text_entities`. `text` is a string or an array of
 * strings and entities; `from` is null for deleted accounts.
 */
export const telegramAdapter: FormatAdapter = {
  id: 'telegram',
  label: 'Telegram Desktop JSON export (one chat or the whole account)',
  extensions: ['json'],
  ownsExtensions: false,
  detect(sample) {
    const text = jsonSample(sample);
    if (!text) return 0;
    return /"type"\s*:\s*"(?:message|service)"/.test(text) && /"(?:date|date_unixtime)"\s*:/.test(text) && !/"timestamp_ms"/.test(text) ? 0.85 : 0;
  },
  async parse(ctx): Promise<ParseResult> {
    const json = readJson(ctx, { repairHex: true });
    if (!json.ok) return rejectSource(json.finding);
    const root = isRecord(json.value) ? json.value : {};
    const chats =
      isRecord(root.chats) && Array.isArray(root.chats.list)
        ? root.chats.list.filter(isRecord).map((chat, i) => ({ chat, path: `chats.list[${i}]` }))
        : [{ chat: root, path: '' }];
    const collector = newCollector(ctx);
    const many = chats.length > 1;
    for (const { chat, path } of chats) {
      const name = str(chat.name) ?? (str(chat.type) === 'saved_messages' ? 'Saved Messages' : undefined);
      const messages = Array.isArray(chat.messages) ? chat.messages : [];
      messages.forEach((m, i) => {
        if (isRecord(m)) addTelegramMessage(ctx, collector, m, `${path ? `${path}.` : ''}messages[${i}]`, many ? name : undefined);
      });
    }
    const title = chats.length === 1 ? str(chats[0]!.chat.name) : undefined;
    return chatResult(
      ctx,
      collector,
      'Telegram',
      title ? `Telegram chat: ${title}` : chats.length > 1 ? `Telegram account export (${chats.length} chats)` : undefined,
    );
  },
};

/** One message or service line of a chat into the transcript; one without a date or of an unknown type is a finding. */
function addTelegramMessage(ctx: ParseContext, collector: ChatCollector, m: Record<string, unknown>, where: string, conversation: string | undefined): void {
  if (m.type !== 'message' && m.type !== 'service') {
    // "unsupported" (what the exporter writes for media it cannot read) has neither date nor content.
    collector.report(makeFinding('CHAT_MESSAGE_KIND_UNKNOWN', { file: ctx.source.file }, { where, kind: `type ${JSON.stringify(m.type ?? null)}` }));
    return;
  }
  const date = epochFromExport(m.date_unixtime, 's', 'date_unixtime') ?? (str(m.date) ? isoFromExport(str(m.date)!, ctx.timezone) : undefined);
  if (!date) {
    collector.report(makeFinding('CHAT_MESSAGE_UNDATED', { file: ctx.source.file }, { where, detail: `date is ${JSON.stringify(m.date ?? null)}` }));
    return;
  }
  const service = m.type === 'service';
  const sender = senderOf(m, service);
  const lost = { parts: 0 };
  let text = telegramText(m.text_entities ?? m.text, lost);
  if (lost.parts > 0)
    collector.report(
      makeFinding(
        'ITEM_DAMAGED',
        { file: ctx.source.file },
        { detail: `${where}: ${lost.parts} part(s) of its text are nested deeper than ${MAX_TEXT_DEPTH} levels or of no known shape, and are not shown` },
      ),
    );
  const attachments = [str(m.file_name) ?? str(m.file), str(m.photo)].filter((a): a is string => !!a);
  // Every kind of message says what it was: a poll, a contact, a call; never a blank.
  const described = service ? describeService(m) : describeMedia(m);
  if (described.unknown || (!described.line && !text && attachments.length === 0)) {
    collector.report(
      makeFinding('CHAT_MESSAGE_KIND_UNKNOWN', { file: ctx.source.file }, { where, kind: described.unknown ?? 'a message with no text or media' }),
    );
  }
  text = [described.line ?? (!text && attachments.length === 0 ? '(message with no content in the export)' : undefined), text]
    .filter(Boolean)
    .join(service ? ': ' : '\n');
  if (m.forwarded_from !== undefined) text = `(forwarded from ${str(m.forwarded_from) ?? 'a hidden account'}) ${text}`;
  collector.add({
    date,
    ...(sender ? { sender } : {}),
    text,
    attachments,
    ...(service ? { system: true } : {}),
    where,
    ...(conversation ? { conversation } : {}),
    ...(m.reply_to_message_id !== undefined ? { inReplyTo: `reply to message ${String(m.reply_to_message_id)}` } : {}),
  });
}

/** Who wrote a message: a service line's actor; a deleted account said as such. */
function senderOf(m: Record<string, unknown>, service: boolean): string | undefined {
  if (service) return str(m.actor);
  if (m.from === null) return `(deleted account${m.from_id !== undefined ? ` ${String(m.from_id)}` : ''})`;
  return str(m.from) ?? (m.from_id !== undefined ? String(m.from_id) : undefined);
}

/** Levels of nesting read in a message's text: Telegram writes one or two. */
const MAX_TEXT_DEPTH = 16;

/**
 * `text` as Telegram writes it: a string, or strings and `{type, text}` entities mixed (an
 * entity's text may itself be such an array). What cannot be read — nesting deeper than
 * MAX_TEXT_DEPTH, or a part of another shape — is counted in `lost`, never dropped unsaid.
 */
export function telegramText(value: unknown, lost: { parts: number } = { parts: 0 }): string {
  return partText(value, 0, lost)
    .replace(/^\n+|\n+$/g, '')
    .replace(/\n{3,}/g, '\n\n');
}

function partText(part: unknown, depth: number, lost: { parts: number }): string {
  if (typeof part === 'string') return part;
  if (part === null || part === undefined) return '';
  if (depth >= MAX_TEXT_DEPTH) {
    lost.parts++;
    return '';
  }
  if (Array.isArray(part)) return part.map((p) => partText(p, depth + 1, lost)).join('');
  if (!isRecord(part)) {
    if (typeof part === 'number' || typeof part === 'boolean') return String(part);
    lost.parts++;
    return '';
  }
  const text = partText(part.text, depth + 1, lost);
  if (part.type === 'text_link' && str(part.href) && str(part.href) !== text) return `${text} (${str(part.href)})`;
  if (part.type === 'blockquote' || part.type === 'pre') return `\n${text}\n`;
  return text;
}
