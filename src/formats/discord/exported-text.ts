import { decodeText, sampleText } from '../../chat/text.js';
import type { RawMessage } from '../../chat/collect.js';
import type { Finding } from '../../evidence/model.js';
import { makeFinding } from '../../rules/codes.js';
import { chatResult, newCollector } from '../chat-result.js';
import { TimeColumn } from '../csv/index.js';
import { LocalDateReader } from '../html-chat/local-date.js';
import type { FormatAdapter, ParseContext, ParseResult } from '../types.js';
import type { DiscordExport, DiscordRecord } from './discord-record.js';
import { looksLikeDiscordHtml, streamDiscordHtml } from './html-page.js';

export const discordHtmlAdapter: FormatAdapter = {
  id: 'discord-html',
  label: 'DiscordChatExporter HTML (its default, dark or light)',
  extensions: ['html'],
  ownsExtensions: false,
  // Read group by group from the file's stream: only the messages are held, not the page.
  streams: true,
  detect: (sample) => (looksLikeDiscordHtml(sampleText(sample)) ? 0.9 : 0),
  parse: async (ctx) => collectDiscord(ctx, await streamDiscordHtml(ctx.open())),
};

const RULE = '='.repeat(62);

export const discordTxtAdapter: FormatAdapter = {
  id: 'discord-txt',
  label: 'DiscordChatExporter TXT',
  extensions: ['txt'],
  ownsExtensions: false,
  detect(sample) {
    const lines = sampleText(sample)
      .replace(/^\ufeff/, '')
      .split(/\r?\n/, 3);
    return lines[0] === RULE && /^Guild: /.test(lines[1] ?? '') && /^Channel: /.test(lines[2] ?? '') ? 0.95 : 0;
  },
  parse: async (ctx) => collectDiscord(ctx, readDiscordTxt(decodeText(ctx.bytes ?? Buffer.alloc(0)).text)),
};

/**
 * DiscordChatExporter's TXT (PlainTextMessageWriter): a preamble between rules of 62 `=`,
 * then `[<time>] <author>` (` (pinned)`), the content, and `{Forwarded Message}`,
 * `{Attachments}`, `{Embed}`, `{Stickers}`, `{Reactions}` blocks; a postamble `Exported N message(s)`.
 */
export function readDiscordTxt(text: string): DiscordExport {
  const lines = text.replace(/^\ufeff/, '').split(/\r?\n/);
  const guild = lines[1]?.replace(/^Guild: /, '');
  const channel = lines[2]?.replace(/^Channel: /, '');
  const start = lines.indexOf(RULE, 1) + 1;
  const end = lines.lastIndexOf(RULE);
  const declared = /^Exported ([\d,.\s\u00a0\u202f']+) message/.exec(lines[end - 1] ?? '')?.[1];
  const bodyEnd = declared !== undefined && end > start ? end - 2 : lines.length;
  const records: DiscordRecord[] = [];
  let current: { time: string; sender: string; line: number; body: string[] } | undefined;
  const flush = () => {
    if (!current) return;
    records.push({
      ...splitBlocks(current.body),
      time: current.time,
      sender: current.sender,
      names: [current.sender.replace(/#\d{4}$/, '')],
      system: false,
      where: `line ${current.line}`,
      line: current.line,
    });
  };
  for (let i = start; i < Math.max(bodyEnd, start); i++) {
    const line = lines[i]!;
    const header = /^\[([^\]]{6,40})\] (.+?)(?: \(pinned\))?$/.exec(line);
    // A header follows a blank line (or the preamble) and its brackets hold a time.
    if (header && (i === start || lines[i - 1] === '') && /\d{1,2}:\d{2}/.test(header[1]!)) {
      flush();
      current = { time: header[1]!, sender: header[2]!, line: i + 1, body: [] };
    } else current?.body.push(line);
  }
  flush();
  // Without its closing lines the export ends inside its last message: that one is not shown half.
  if (declared === undefined) records.pop();
  return {
    records,
    ...(guild || channel ? { title: `Discord: ${[guild, channel ? `#${channel}` : undefined].filter(Boolean).join(' › ')}` } : {}),
    ...(declared !== undefined ? { declared: Number(declared.replace(/\D/g, '')) } : {}),
    truncated: declared === undefined,
  };
}

function splitBlocks(body: string[]): { text: string; attachments: string[]; files: string[] } {
  const text: string[] = [];
  const attachments: string[] = [];
  const files: string[] = [];
  let block = '';
  for (const line of body) {
    const m = /^\{(Attachments|Embed|Stickers|Reactions|Forwarded Message)\}$/.exec(line);
    if (m) {
      block = m[1]!;
      if (block === 'Embed') text.push('[embed]');
      if (block === 'Forwarded Message') text.push('(forwarded)');
      continue;
    }
    if (block === 'Attachments') {
      const ref = line.trim();
      if (!ref) continue;
      files.push(ref);
      attachments.push(lastPart(ref));
    } else if (block === 'Reactions') {
      if (line.trim()) text.push(`Reactions: ${line.trim()}`);
    } else if (block !== 'Stickers') text.push(line);
  }
  return {
    text: text
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim(),
    attachments,
    files,
  };
}

/** A URL's or path's file name, decoded when it is escaped. */
function lastPart(ref: string): string {
  const last =
    ref
      .replace(/[?#].*$/, '')
      .split(/[/\\]/)
      .pop() || ref;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/** The records as messages, their local times read in one order learnt from the whole export. */
export function collectDiscord(ctx: ParseContext, exported: DiscordExport): ParseResult {
  const collector = newCollector(ctx);
  const findings = addDiscordRecords(ctx, exported, collector);
  return chatResult(ctx, collector, 'Discord', exported.title, { findings });
}

/** What a Discord reader adds its messages to: a collector, or one that also shows the files they link. */
export interface DiscordSink {
  add(raw: RawMessage, files?: readonly string[]): number;
  report(finding: Finding): void;
}

/** Adds the records to `sink` as messages; returns what is damaged in the export as a whole. */
export function addDiscordRecords(ctx: ParseContext, exported: DiscordExport, sink: DiscordSink): Finding[] {
  const file = ctx.source.file;
  const texts = exported.records.map((r) => r.time);
  const times = new TimeColumn(texts, ctx.item?.dateOrder);
  // Locales whose short format is not numeric day/month/year ("2024. 3. 14. 오전 9:00") are read as words.
  const words = new LocalDateReader(texts, ctx.item?.dateOrder);
  if (times.ambiguous)
    sink.report(makeFinding('ITEM_DATE_AMBIGUOUS', { file }, { format: 'Discord', orders: 'day/month or month/day', sample: times.ambiguousSample ?? '' }));
  for (const r of exported.records) {
    const date = times.read(r.time, ctx.timezone) ?? words.read(r.time, ctx.timezone);
    if (!date) {
      sink.report(
        makeFinding(
          'CHAT_MESSAGE_UNDATED',
          { file, ...(r.line !== undefined ? { line: r.line } : {}) },
          { where: r.where, detail: `"${r.time}" is not a time` },
        ),
      );
      continue;
    }
    const raw: RawMessage = {
      date,
      sender: r.sender,
      senderNames: r.names,
      text: r.text,
      attachments: r.attachments,
      ...(r.system ? { system: true } : {}),
      where: r.where,
      ...(r.line !== undefined ? { line: r.line } : {}),
      ...(r.replyTo ? { inReplyTo: `reply to ${r.replyTo}` } : {}),
    };
    sink.add(raw, r.files);
  }
  return exportDamage(file, exported);
}

function exportDamage(file: string, exported: DiscordExport): Finding[] {
  if (exported.truncated)
    return [
      makeFinding(
        'ITEM_DAMAGED',
        { file },
        { detail: `it ends without DiscordChatExporter's closing lines ("Exported N message(s)"): it was cut short, and a message it ends inside is left out` },
      ),
    ];
  if (exported.declared !== undefined && exported.declared !== exported.records.length)
    return [makeFinding('ITEM_DAMAGED', { file }, { detail: `it says it holds ${exported.declared} message(s) but ${exported.records.length} can be read` })];
  return [];
}
