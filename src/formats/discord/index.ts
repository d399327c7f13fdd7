import { chatResult, newCollector } from '../chat-result.js';
import { readCsv } from '../csv/index.js';
import { isoFromExport, isRecord, jsonSample, readJson, str } from '../json-input.js';
import { sampleText } from '../../chat/text.js';
import { makeFinding } from '../../rules/codes.js';
import type { FormatAdapter, ParseContext, ParseResult } from '../types.js';
import type { DiscordSink } from './exported-text.js';
import { addDiscordCsv } from './read-csv.js';
import { rejectSource } from '../reject-source.js';

/**
 * DiscordChatExporter (Tyrrrz) exports of a channel or DM. JSON: `guild`, `channel`,
 * `messages[]` with `timestamp` (ISO 8601 with offset), `author {name, nickname, discriminator}`,
 * `content`, `attachments[].fileName`, `reference` for replies. CSV:
 * `AuthorID,Author,Date,Content,Attachments,Reactions`, dated in ISO 8601 by current
 * versions and `MM/dd/yyyy h:mm tt` (the exporting computer's local time) by older ones.
 */
export const discordJsonAdapter: FormatAdapter = {
  id: 'discord-json',
  label: 'DiscordChatExporter JSON',
  extensions: ['json'],
  ownsExtensions: false,
  detect(sample) {
    const text = jsonSample(sample);
    return text && /"guild"\s*:/.test(text) && /"channel"\s*:/.test(text) ? 0.9 : 0;
  },
  async parse(ctx): Promise<ParseResult> {
    const json = readJson(ctx);
    if (!json.ok) return rejectSource(json.finding);
    const collector = newCollector(ctx);
    const title = addDiscordJson(ctx, json.value, collector);
    return chatResult(ctx, collector, 'Discord', title);
  },
};

/**
 * Adds the messages of a DiscordChatExporter JSON export to `sink` (each with where its
 * attachments are: `attachments[].url`, a path to the downloaded file with `--media`); returns its title.
 */
export function addDiscordJson(ctx: ParseContext, value: unknown, sink: DiscordSink): string | undefined {
  const root = isRecord(value) ? value : {};
  const byId = new Map<string, string>();
  const messages = Array.isArray(root.messages) ? root.messages : [];
  messages.forEach((m, i) => {
    if (!isRecord(m)) return;
    const where = `messages[${i}]`;
    const date = str(m.timestamp) ? isoFromExport(str(m.timestamp)!, ctx.timezone) : undefined;
    if (!date) {
      sink.report(makeFinding('CHAT_MESSAGE_UNDATED', { file: ctx.source.file }, { where, detail: `timestamp is ${JSON.stringify(m.timestamp ?? null)}` }));
      return;
    }
    const author = isRecord(m.author) ? m.author : {};
    // Shown by the server nickname; the client may be known by it, the user name or the display name.
    const name = str(author.nickname) ?? str(author.name) ?? 'unknown';
    const names = [str(author.nickname), str(author.name), str(author.globalName), str(author.displayName)].filter((n): n is string => n !== undefined);
    const handle =
      str(author.name) && str(author.discriminator) && author.discriminator !== '0000' ? ` (${str(author.name)}#${str(author.discriminator)})` : '';
    if (str(m.id)) byId.set(str(m.id)!, name);
    const reference = isRecord(m.reference) ? str(m.reference.messageId) : undefined;
    const type = str(m.type) ?? 'Default';
    const attachments = Array.isArray(m.attachments) ? m.attachments.filter(isRecord) : [];
    sink.add(
      {
        date,
        sender: `${name}${handle}`,
        senderNames: names,
        ...(str(author.id) ? { senderId: str(author.id)! } : {}),
        text: discordText(m, type),
        attachments: attachments.map((a) => str(a.fileName) ?? 'attachment'),
        ...(type !== 'Default' && type !== 'Reply' ? { system: true } : {}),
        where,
        ...(reference ? { inReplyTo: `reply to ${byId.get(reference) ?? `message ${reference}`}` } : {}),
      },
      attachments.map((a) => str(a.url) ?? ''),
    );
  });
  const guild = isRecord(root.guild) ? str(root.guild.name) : undefined;
  const channel = isRecord(root.channel) ? str(root.channel.name) : undefined;
  const title = [guild, channel ? `#${channel}` : undefined].filter(Boolean).join(' › ');
  return title ? `Discord: ${title}` : undefined;
}

/**
 * A DiscordChatExporter message as text: its content, then what else it holds (embeds, stickers,
 * a call), and for a system message with no content its type ("Channel pinned message").
 */
function discordText(m: Record<string, unknown>, type: string): string {
  const lines = [str(m.content) ?? ''];
  for (const e of Array.isArray(m.embeds) ? m.embeds.filter(isRecord) : []) {
    const line = [str(e.title), str(e.description)].filter(Boolean).join(' — ');
    if (line || str(e.url)) lines.push(`Embed: ${line}${str(e.url) ? ` (${str(e.url)})` : ''}`);
  }
  for (const sticker of Array.isArray(m.stickers) ? m.stickers.filter(isRecord) : []) lines.push(`Sticker: ${str(sticker.name) ?? ''}`);
  const text = lines.filter(Boolean).join('\n');
  if (text || type === 'Default' || type === 'Reply') return text;
  // Call, ChannelPinnedMessage, RecipientAdd…: the type is what happened.
  const ended = str(m.callEndedTimestamp);
  return `${type.replace(/([a-z])([A-Z])/g, '$1 $2')}${ended ? ` (ended ${ended})` : ''}`;
}

export const discordCsvAdapter: FormatAdapter = {
  id: 'discord-csv',
  label: 'DiscordChatExporter CSV',
  extensions: ['csv'],
  ownsExtensions: false,
  detect(sample) {
    const first =
      sampleText(sample)
        .replace(/^\ufeff/, '')
        .split(/\r?\n/, 1)[0] ?? '';
    return /^"?AuthorID"?[,;]"?Author"?[,;]"?Date"?[,;]"?Content"?/.test(first) ? 0.9 : 0;
  },
  async parse(ctx): Promise<ParseResult> {
    const csv = readCsv(ctx);
    if ('finding' in csv) return rejectSource(csv.finding);
    const collector = newCollector(ctx);
    addDiscordCsv(ctx, csv.rows, collector);
    return chatResult(ctx, collector, 'Discord');
  },
};
