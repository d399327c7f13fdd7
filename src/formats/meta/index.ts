import { makeFinding } from '../../rules/codes.js';
import { chatResult, newCollector } from '../chat-result.js';
import { epochFromExport, isRecord, jsonSample, readJson, str } from '../json-input.js';
import type { FormatAdapter, ParseResult } from '../types.js';
import { rejectSource } from '../reject-source.js';

/**
 * Facebook Messenger and Instagram "Download your information" JSON: `message_N.json` with
 * `participants`, `messages` newest first, `sender_name`, `timestamp_ms`, `content`, and
 * text written as UTF-8 bytes each escaped as a character (mojibake: "CafÃ©" for "Café"),
 * repaired here. Also the newer end-to-end-encrypted Messenger export in camelCase
 * (`senderName`, `timestamp`, `text`).
 */
export const messengerAdapter: FormatAdapter = {
  id: 'messenger',
  label: 'Facebook Messenger / Instagram message_N.json (classic and end-to-end-encrypted exports)',
  extensions: ['json'],
  ownsExtensions: false,
  detect(sample) {
    const text = jsonSample(sample);
    if (!text) return 0;
    if (/"sender_name"\s*:/.test(text) && /"timestamp_ms"\s*:/.test(text)) return 0.9;
    return /"senderName"\s*:/.test(text) && /"timestamp"\s*:/.test(text) ? 0.85 : 0;
  },
  async parse(ctx): Promise<ParseResult> {
    const json = readJson(ctx);
    if (!json.ok) return rejectSource(json.finding);
    const root = isRecord(json.value) ? json.value : {};
    const messages = Array.isArray(root.messages) ? root.messages : [];
    const collector = newCollector(ctx);
    const instagram =
      /instagram/i.test(ctx.source.file) || messages.some((m) => isRecord(m) && isRecord(m.share) && /instagram\.com/.test(String(m.share.link ?? '')));
    const format = instagram ? 'Instagram' : 'Messenger';
    // The export lists newest first; the packet reads oldest first.
    const indexed = messages.map((m, i) => ({ m, i })).filter((x): x is { m: Record<string, unknown>; i: number } => isRecord(x.m));
    indexed.sort((a, b) => Number(a.m.timestamp_ms ?? a.m.timestamp ?? 0) - Number(b.m.timestamp_ms ?? b.m.timestamp ?? 0) || b.i - a.i);
    for (const { m, i } of indexed) {
      const where = `messages[${i}]`;
      const date = epochFromExport(m.timestamp_ms ?? m.timestamp, 'ms', m.timestamp_ms !== undefined ? 'timestamp_ms' : 'timestamp');
      if (!date) {
        collector.report(
          makeFinding(
            'CHAT_MESSAGE_UNDATED',
            { file: ctx.source.file },
            { where, detail: `timestamp is ${JSON.stringify(m.timestamp_ms ?? m.timestamp ?? null)}` },
          ),
        );
        continue;
      }
      const sender = fixMojibake(str(m.sender_name) ?? str(m.senderName) ?? '');
      const media = [...arr(m.photos), ...arr(m.videos), ...arr(m.audio_files), ...arr(m.files), ...arr(m.gifs), ...arr(m.media)]
        .map(
          (p) =>
            fixMojibake(str(p.uri) ?? '')
              .split('/')
              .pop() ?? '',
        )
        .filter(Boolean);
      let text = fixMojibake(str(m.content) ?? str(m.text) ?? '');
      if (m.is_unsent === true || m.isUnsent === true) text = '(message unsent)';
      const share = isRecord(m.share) ? str(m.share.link) : undefined;
      if (share && !text.includes(share)) text = [text, share].filter(Boolean).join('\n');
      // A sticker or a call carries no text: it says what it was.
      if (!text && isRecord(m.sticker)) text = 'Sticker';
      if (!text && typeof m.call_duration === 'number')
        text = m.call_duration > 0 ? `Call (${Math.floor(m.call_duration / 60)}:${String(m.call_duration % 60).padStart(2, '0')})` : 'Missed call';
      collector.add({ date, ...(sender ? { sender } : {}), text, attachments: media, where });
    }
    const title = fixMojibake(str(root.title) ?? str(root.threadName) ?? '');
    return chatResult(ctx, collector, format, title ? `${format} conversation: ${title}` : undefined);
  },
};

function arr(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

/** "CafÃ©" → "Café": text whose characters are all bytes and form valid UTF-8 was double-encoded. */
export function fixMojibake(text: string): string {
  if (!/[\u0080-\u00ff]/.test(text) || /[^\u0000-\u00ff]/.test(text)) return text;
  const bytes = Buffer.from(text, 'latin1');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return text;
  }
}
